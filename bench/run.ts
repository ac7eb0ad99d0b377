/**
 * Benchmark dispatcher: `npm run bench -- <name>` (or every benchmark without a name).
 * Bundle size has its own script (`npm run size`, bench/size.ts).
 */
export {};

const benches: Record<string, () => Promise<string>> = {
  validation: async () => (await import('./validation.ts')).runValidationBench(),
};

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = names.filter((n) => !(n in benches));
if (unknown.length) {
  console.error(
    `Unknown benchmark ${unknown.join(', ')}; choose from: ${Object.keys(benches).join(', ')}.`,
  );
  process.exit(1);
}
for (const name of names.length ? names : Object.keys(benches)) {
  console.log(`\n== ${name} ==`);
  console.log(await benches[name]!());
}

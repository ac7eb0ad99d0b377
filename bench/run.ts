/**
 * Benchmark dispatcher: `npm run bench -- <name>` (or every benchmark without a name).
 * `size` is `npm run size` (bench/size.ts): ours and the peers, measured in one run.
 */
export {};

const benches: Record<string, () => Promise<string>> = {
  validation: async () => (await import('./validation.ts')).runValidationBench(),
  level: async () => (await import('./validation-level.ts')).runLevelBench(),
  retries: async () => (await import('./retries.ts')).runRetriesBench(),
  schedule: async () => (await import('./schedule.ts')).runScheduleBench(),
  history: async () => (await import('./history.ts')).runHistoryBench(),
  size: async () => {
    const code = await (await import('./size/main.ts')).sizeCli([]);
    if (code) process.exitCode = code;
    return code ? 'size: failed (see above)' : 'size: done';
  },
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

// `npm run size` (`node bench/size.ts [--check]`): the bundle cost of every public entry.
//
// Each entry is bundled the way an app would ship it: esbuild, minified, browser ESM, everything
// inlined (lit, @lit/*, ky, zod, core), workspace packages resolved to source through the
// `vnhealth-source` condition so no build is needed. Reports raw / gzip -9 / brotli q11 bytes,
// writes bench/results/size.md and size.json; with --check it only reports and enforces the
// budgets of issue 2 (so `npm test` leaves the committed report alone).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'bench', 'results');
const check = process.argv.includes('--check');

/** What is measured: a virtual entry file's contents, or a real file to bundle as-is. */
interface Entry {
  label: string;
  /** What the entry pulls in, for the report. */
  what: string;
  /** Source of a virtual entry (resolved from the repo root)… */
  contents?: string;
  /** …or a file to bundle directly. */
  file?: string;
  /** Enforced gzip budget in bytes (only with --check). */
  budget?: number;
}

interface Measured {
  label: string;
  what: string;
  /** Up front: the entry and the chunks it imports statically. */
  raw: number;
  gzip: number;
  brotli: number;
  /** Chunks loaded later through dynamic import() (gzip, summed per file). */
  lazyGzip: number;
  budget?: number;
  overBudget: boolean;
  /** Minified bytes per source (npm package, or workspace folder), largest first. */
  breakdown: { source: string; bytes: number }[];
}

/** Kilobytes as the peer study counts them (1 KB = 1000 bytes), so the rows compare. */
const KB = 1000;
/** Budgets of issue 2: core's main entry and the card's standalone entry (lit + core + card). */
const budgets = { core: 20 * KB, card: 35 * KB } as const;

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function entries(): Entry[] {
  const list: Entry[] = [];
  const corePkg = join(root, 'packages/core/package.json');
  if (existsSync(corePkg)) {
    list.push({
      label: '@vnhealth/core',
      what: "main entry, `export * from '@vnhealth/core'` (no tree-shaking)",
      contents: "export * from '@vnhealth/core';",
      budget: budgets.core,
    });
    const exportsMap = (readJson(corePkg).exports ?? {}) as Record<string, unknown>;
    for (const [subpath, target] of Object.entries(exportsMap)) {
      if (subpath === '.' || subpath.endsWith('.json')) continue;
      if (typeof target !== 'object' || target === null || !('vnhealth-source' in target)) continue;
      const specifier = `@vnhealth/core/${subpath.replace(/^\.\//, '')}`;
      list.push({
        label: specifier,
        what: `subpath entry, \`export * from '${specifier}'\``,
        contents: `export * from '${specifier}';`,
      });
    }
  }
  const componentsSrc = join(root, 'packages/components/src');
  if (existsSync(join(componentsSrc, 'index.ts'))) {
    list.push({
      label: '@vnhealth/components',
      what: 'index: every element class, no registration',
      contents: "export * from '@vnhealth/components';",
    });
  }
  if (existsSync(join(componentsSrc, 'define.ts'))) {
    list.push({
      label: '@vnhealth/components/define.js',
      what: 'registers every element',
      file: join(componentsSrc, 'define.ts'),
    });
  }
  if (existsSync(componentsSrc)) {
    for (const dir of readdirSync(componentsSrc, { withFileTypes: true })) {
      const define = join(componentsSrc, dir.name, 'define.ts');
      if (!dir.isDirectory() || !existsSync(define)) continue;
      list.push({
        label: `${dir.name}/define`,
        what: `standalone <vnh-${dir.name}> (lit + core + element)`,
        file: define,
        ...(dir.name === 'patient-profile-card' ? { budget: budgets.card } : {}),
      });
    }
  }
  // What a page that shows one card really ships: the card needs a client, which the provider
  // creates (`createHealthClient`), so this is the honest "card on a page" number.
  const provider = join(componentsSrc, 'provider', 'define.ts');
  const card = join(componentsSrc, 'patient-profile-card', 'define.ts');
  if (existsSync(provider) && existsSync(card)) {
    list.push({
      label: 'provider + card',
      what: 'a working page: <vnh-provider> (creates the client) + <vnh-patient-profile-card>',
      contents: `import ${JSON.stringify(provider)};\nimport ${JSON.stringify(card)};`,
    });
  }
  return list;
}

/** Where an input file comes from: its npm package, or its folder in the workspace. */
function sourceOf(input: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (pkg) return pkg[1]!;
  const own = /packages\/([^/]+)\/src\/(?:([^/]+)\/)?/.exec(input);
  if (own) return own[2] ? `${own[1]}/${own[2]}` : own[1]!;
  return input;
}

/** Serves a measured entry's source as a virtual module, so code splitting still works. */
function virtualEntry(contents: string): Plugin {
  return {
    name: 'vnh-virtual-entry',
    setup(b) {
      b.onResolve({ filter: /^vnh-entry$/ }, () => ({ path: 'vnh-entry', namespace: 'vnh' }));
      b.onLoad({ filter: /.*/, namespace: 'vnh' }, () => ({
        contents,
        resolveDir: root,
        loader: 'ts',
      }));
    },
  };
}

const gzipSize = (bytes: Uint8Array): number => gzipSync(bytes, { level: 9 }).length;
const brotliSize = (bytes: Uint8Array): number =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

async function measure(entry: Entry): Promise<Measured> {
  // Code splitting on, so a dynamic import() becomes a lazy chunk: "up front" is the entry plus
  // the chunks it imports statically (what loads before anything runs); lazy chunks are reported
  // apart. Without dynamic imports the entry is one file with everything inlined.
  const result = await build({
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['vnhealth-source'],
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: root,
    outdir: 'out',
    entryNames: 'entry',
    chunkNames: 'chunk-[hash]',
    entryPoints: [entry.file ?? 'vnh-entry'],
    plugins: entry.file ? [] : [virtualEntry(entry.contents ?? '')],
  });
  const files = new Map(
    (result.outputFiles ?? []).map((f) => [relative(root, f.path), f.contents] as const),
  );
  const outputs = result.metafile?.outputs ?? {};
  const entryOut = Object.keys(outputs).find((k) => k.endsWith('.js') && outputs[k]!.entryPoint);
  if (!entryOut) throw new Error(`esbuild produced no JavaScript for ${entry.label}`);
  const upFront = new Set<string>();
  const visit = (path: string): void => {
    if (upFront.has(path)) return;
    upFront.add(path);
    for (const imported of outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
    }
  };
  visit(entryOut);
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  let lazyGzip = 0;
  for (const [path, bytes] of files) {
    if (!path.endsWith('.js')) continue;
    if (upFront.has(path)) {
      raw += bytes.length;
      gzip += gzipSize(bytes);
      brotli += brotliSize(bytes);
    } else {
      lazyGzip += gzipSize(bytes);
    }
  }
  const perSource = new Map<string, number>();
  for (const output of Object.values(outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const source = sourceOf(input);
      perSource.set(source, (perSource.get(source) ?? 0) + bytesInOutput);
    }
  }
  const breakdown = [...perSource]
    .map(([source, size]) => ({ source, bytes: size }))
    .filter((b) => b.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  return {
    label: entry.label,
    what: entry.what,
    breakdown,
    raw,
    gzip,
    brotli,
    lazyGzip,
    ...(entry.budget ? { budget: entry.budget } : {}),
    overBudget: entry.budget !== undefined && gzip > entry.budget,
  };
}

/**
 * Peers for comparison, measured the same way (esbuild minified browser ESM, gzip -9, brotli q11)
 * on 2026-11-28; source: docs of the peer study (shared/reference/peers.md, section 2).
 * React is external in the UI-kit rows.
 */
const peers: { label: string; what: string; raw: number; gzip: number; brotli: number }[] = [
  { label: '@medplum/core 5.2.13', what: 'one readResource', raw: 136.9, gzip: 34.9, brotli: 30.9 },
  { label: 'fhirclient 2.6.3', what: 'client + request', raw: 79.3, gzip: 26.7, brotli: 23.8 },
  {
    label: 'fhirclient 2.6.3 (pure)',
    what: 'FHIRCLIENT_PURE',
    raw: 61.6,
    gzip: 21.0,
    brotli: 19.0,
  },
  { label: '@bonfhir/core 2.22.1', what: 'one read (R4B)', raw: 307.4, gzip: 68.4, brotli: 57.8 },
  {
    label: 'fhir-kit-client 2.0.3',
    what: 'one read, no auth/retry',
    raw: 22.3,
    gzip: 7.8,
    brotli: 7.0,
  },
  { label: 'fhir.js 0.0.22', what: 'one read, no auth/retry', raw: 16.8, gzip: 6.6, brotli: 5.9 },
  {
    label: '@medplum/react 5.2.13',
    what: 'PatientHeader, React external (+35.6 KB CSS)',
    raw: 412.9,
    gzip: 117.1,
    brotli: 101.1,
  },
  {
    label: '@bonfhir/react 3.3.0',
    what: 'read + FhirValue, React external',
    raw: 366.4,
    gzip: 87.8,
    brotli: 75.0,
  },
  {
    label: 'fhir-react 2.1.1',
    what: 'Patient, React external (+49.6 KB CSS)',
    raw: 789.0,
    gzip: 219.0,
    brotli: 179.8,
  },
  {
    label: '@calcom/embed-core 1.5.3',
    what: 'embed.js runtime (iframe not included)',
    raw: 66.7,
    gzip: 17.2,
    brotli: 14.8,
  },
  { label: 'react-dom 19.3.1', what: 'createRoot baseline', raw: 223.5, gzip: 69.0, brotli: 59.5 },
];

const kb = (n: number): string => `${(n / KB).toFixed(1)} KB`;
const kbPeer = (n: number): string => `${n.toFixed(1)} KB`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string =>
    `| ${r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const sep = `|${widths.map((w, i) => (i === 0 || i === widths.length - 1 ? `-${'-'.repeat(w)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(rows[0]!), sep, ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  const list = entries();
  if (list.length === 0) {
    console.error('size: no public entries found (packages/core, packages/components).');
    process.exit(1);
  }
  const measured: Measured[] = [];
  for (const entry of list) {
    try {
      measured.push(await measure(entry));
    } catch (error) {
      console.error(`size: could not bundle ${entry.label}: ${(error as Error).message}`);
      process.exit(1);
    }
  }

  const ours = table([
    ['entry', 'minified', 'gzip', 'brotli', 'lazy (gzip)', 'budget (gzip)'],
    ...measured.map((m) => [
      m.label,
      kb(m.raw),
      kb(m.gzip),
      kb(m.brotli),
      m.lazyGzip ? kb(m.lazyGzip) : '—',
      m.budget ? `${kb(m.budget)} ${m.overBudget ? 'OVER' : 'ok'}` : 'report only',
    ]),
  ]);
  const theirs = table([
    ['peer (for comparison)', 'minified', 'gzip', 'brotli', 'what'],
    ...peers.map((p) => [p.label, kbPeer(p.raw), kbPeer(p.gzip), kbPeer(p.brotli), p.what]),
  ]);

  const when = new Date().toISOString();
  const md = [
    '# Bundle sizes',
    '',
    `Generated by \`npm run size\` on ${when}. esbuild, minified, browser ESM, everything inlined`,
    '(lit, @lit/*, ky, zod/mini, core); gzip -9 and brotli q11. 1 KB = 1000 bytes.',
    'Sizes are what loads up front (the entry and its static imports); code behind a dynamic',
    '`import()` is split into lazy chunks and reported apart.',
    `Budgets (issue 2, on the up-front gzip): \`@vnhealth/core\` ≤ ${kb(budgets.core)}, the card's standalone entry ≤ ${kb(budgets.card)}.`,
    '',
    ours,
    '',
    '## What the budgeted entries (and a working card page) are made of',
    '',
    'Minified bytes per source (npm package, or folder of a workspace package), up front and lazy, largest first.',
    '',
    ...measured
      .filter((m) => m.budget || m.label === 'provider + card')
      .flatMap((m) => [
        `- **${m.label}**: ${m.breakdown
          .slice(0, 10)
          .map((b) => `${b.source} ${kb(b.bytes)}`)
          .join(', ')}`,
      ]),
    '',
    '## Peers',
    '',
    'Measured the same way on 2026-11-28 (peer study, section 2); React external in the UI-kit rows.',
    '',
    theirs,
    '',
  ].join('\n');

  console.log(ours);
  console.log('');
  console.log(theirs);
  // `--check` (run by npm test) only reports: the committed report changes when someone means it to.
  if (!check) {
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'size.md'), md);
    writeFileSync(
      join(resultsDir, 'size.json'),
      `${JSON.stringify({ generated: when, budgets, entries: measured, peers }, null, 2)}\n`,
    );
    console.log(`\nwrote ${relative(root, join(resultsDir, 'size.md'))} and size.json`);
  }

  const over = measured.filter((m) => m.overBudget);
  for (const m of over) {
    const top = m.breakdown
      .slice(0, 8)
      .map((b) => `${b.source} ${kb(b.bytes)}`)
      .join(', ');
    console.error(
      `size: ${m.label} is ${kb(m.gzip)} gzip, over its budget of ${kb(m.budget!)}. ` +
        `Largest minified contributors: ${top}.`,
    );
  }
  if (check) {
    if (!measured.some((m) => m.label === '@vnhealth/core')) {
      console.error('size --check: @vnhealth/core was not measured.');
      process.exit(1);
    }
    if (over.length > 0) process.exit(1);
    console.log('size --check: every budget holds.');
  }
}

await main();

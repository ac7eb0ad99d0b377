// Bundle a task's page as a consumer ships it: esbuild, minified browser ESM with code splitting
// (`import()` becomes lazy chunks), source maps kept apart for the breakdown.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, type Metafile } from 'esbuild';
import type { PageTask } from './measure.ts';
import { sourceGroup, type SourceMap } from './sourcemap.ts';

/** A task's page, bundled. */
export interface Bundle {
  /** URL path (`/entry.js`) → contents. */
  files: Map<string, Uint8Array>;
  /** URL path → source map (JavaScript outputs). */
  maps: Map<string, SourceMap>;
  /** URL paths of the entry and its static imports. */
  upFront: Set<string>;
  /** URL paths of chunks made only of the `apart` packages. */
  apart: Set<string>;
  css: string[];
  /** npm packages bundled from more than one folder (two copies of lit, of core…). */
  duplicates: string[];
}

/** Bundle a task's page in `consumerDir` (where its dependencies are installed). */
export async function bundle(task: PageTask, consumerDir: string): Promise<Bundle> {
  if (task.entry === undefined) throw new Error(`${task.id} has no entry to bundle`);
  const srcDir = join(consumerDir, 'pages');
  mkdirSync(srcDir, { recursive: true });
  const entryFile = join(srcDir, `${task.id}.${task.loader ?? 'js'}`);
  writeFileSync(entryFile, task.entry);
  const entryPoints = [{ in: entryFile, out: 'entry' }];
  if (task.apart) {
    const apartFile = join(srcDir, `${task.id}.apart.js`);
    writeFileSync(apartFile, task.apart.imports);
    entryPoints.push({ in: apartFile, out: 'apart' });
  }
  const outdir = join(consumerDir, 'out', task.id);
  const result = await build({
    entryPoints,
    absWorkingDir: consumerDir,
    outdir,
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // The map is for the breakdown only: 'external' adds no sourceMappingURL comment, so the
    // files served are byte for byte what a production build without maps ships.
    sourcemap: 'external',
    sourcesContent: false,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
    chunkNames: 'chunk-[hash]',
  });
  const files = new Map<string, Uint8Array>();
  const maps = new Map<string, SourceMap>();
  for (const file of result.outputFiles) {
    const url = '/' + relative(outdir, file.path);
    if (url.endsWith('.map')) maps.set(url.slice(0, -4), JSON.parse(file.text) as SourceMap);
    else files.set(url, file.contents);
  }
  const outputs = result.metafile.outputs;
  const urlOf = (output: string): string => '/' + relative(outdir, join(consumerDir, output));
  const entryOutput = Object.keys(outputs).find(
    (k) => outputs[k]!.entryPoint !== undefined && urlOf(k) === '/entry.js',
  );
  if (!entryOutput) throw new Error(`esbuild produced no entry.js for ${task.id}`);
  const upFront = new Set<string>();
  const visit = (output: string): void => {
    if (upFront.has(urlOf(output))) return;
    upFront.add(urlOf(output));
    for (const imported of outputs[output]?.imports ?? []) {
      if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
    }
  };
  visit(entryOutput);
  const css = outputs[entryOutput]!.cssBundle;
  if (css) upFront.add(urlOf(css));
  return {
    files,
    maps,
    upFront,
    duplicates: duplicatePackages(result.metafile),
    apart: task.apart ? apartChunks(outputs, urlOf, task.apart.packages) : new Set(),
    css: css ? [urlOf(css)] : [],
  };
}

/** Package names whose files come from more than one installed folder. */
function duplicatePackages(metafile: Metafile): string[] {
  const folders = new Map<string, Set<string>>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
    if (!match) continue;
    const seen = folders.get(match[2]!) ?? new Set();
    seen.add(match[1]!);
    folders.set(match[2]!, seen);
  }
  return [...folders].filter(([, dirs]) => dirs.size > 1).map(([name]) => name);
}

/** Chunks whose every input is one of `packages` (or esbuild's runtime). */
function apartChunks(
  outputs: Metafile['outputs'],
  urlOf: (output: string) => string,
  packages: string[],
): Set<string> {
  const apart = new Set<string>();
  for (const [output, { inputs, entryPoint }] of Object.entries(outputs)) {
    if (entryPoint !== undefined || !output.endsWith('.js')) continue;
    const sources = Object.entries(inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0);
    if (
      sources.length > 0 &&
      sources.every(
        ([input]) => input.startsWith('<runtime>') || packages.includes(sourceGroup(input)),
      )
    )
      apart.add(urlOf(output));
  }
  return apart;
}

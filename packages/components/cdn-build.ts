// The no-build files in `dist/cdn/` (ADR 0027): `node cdn-build.ts`, the last step of the
// package's `build` (after tsup, which also writes the `.d.ts` files and would delete these
// ones if it ran later). Built by Rollup from what tsup just wrote: the package's own `dist/` (templates already minified
// by minify-templates.ts), `@vnhealth/core`'s `dist/` and lit, resolved as a consumer's bundler
// resolves them. Two builds, so that neither shares a file with the other:
//
// - `vnhealth.js` (src/cdn/vnhealth.ts): everything a page needs up front in one file, with no
//   static import; its lazy code (English tables, the validator, the sub-clients) is in
//   `chunks/bundle-*.js`, which import what they share from `../vnhealth.js`.
// - `autoloader.js` (src/cdn/autoloader.ts): only the autoloader; each element is a chunk of
//   its own (`chunks/<element>-*.js`) and what elements share (lit, the core client, shared
//   helpers) is in shared chunks, each loaded once.
//
// Every import is relative, so a browser resolves each file against the URL of the module that
// imports it: the folder works from any CDN path or static folder. Minified by esbuild; source
// maps chain back to the TypeScript sources.
import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { transform } from 'esbuild';
import { rollup, type OutputOptions, type Plugin, type PreRenderedChunk } from 'rollup';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const out = join(dist, 'cdn');

/**
 * The two entry modules are TypeScript in `src/cdn/`; what they import (`../define.ts`,
 * `../provider/define.ts`…) is taken from `dist/` (`dist/define.js`…), the published code.
 */
const cdnSources: Plugin = {
  name: 'vnh-cdn-sources',
  async resolveId(source, importer) {
    if (!importer?.startsWith(join(here, 'src', 'cdn')) || !source.endsWith('.ts')) return null;
    const built = join(dist, relative(join(here, 'src'), join(dirname(importer), source)));
    const target = built.replace(/\.ts$/, '.js');
    if (!existsSync(target)) throw new Error(`${source} is not built (no ${target})`);
    return this.resolve(target, importer, { skipSelf: true });
  },
  async transform(code, id) {
    if (!id.endsWith('.ts')) return null;
    const result = await transform(code, {
      loader: 'ts',
      format: 'esm',
      target: 'es2022',
      sourcemap: true,
      sourcefile: id,
    });
    return { code: result.code, map: result.map };
  },
};

/** The `.js.map` beside a built file, so the output maps chain back to the TypeScript. */
const inputMaps: Plugin = {
  name: 'vnh-input-maps',
  load(id) {
    if (!id.endsWith('.js') || !existsSync(`${id}.map`)) return null;
    const code = readFileSync(id, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
    return { code, map: readFileSync(`${id}.map`, 'utf8') };
  },
};

/** esbuild's minifier on each output chunk (Rollup has none of its own). */
const minify: Plugin = {
  name: 'vnh-minify',
  async renderChunk(code, chunk) {
    const result = await transform(code, {
      minify: true,
      format: 'esm',
      target: 'es2022',
      sourcemap: true,
      sourcefile: chunk.fileName,
      legalComments: 'none',
      charset: 'utf8',
    });
    return { code: result.code, map: result.map };
  },
};

/** `chunks/<element>-[hash].js` for an element's define module, else `chunks/<prefix>[name]…`. */
function chunkNames(prefix: string): (chunk: PreRenderedChunk) => string {
  return (chunk) => {
    const facade = chunk.facadeModuleId;
    if (facade?.endsWith('/define.js'))
      return `chunks/${prefix}${relative(dist, dirname(facade))}-[hash].js`;
    // tsup's names carry esbuild's hash (`chunk-6BPULM6G`, `Patient-Q65T5XAR`): one is enough.
    const name = chunk.name.replace(/-[A-Z0-9]{8}$/, '');
    return `chunks/${prefix}${name}-[hash].js`;
  };
}

const workspaceModules = join(here, '..', '..', 'node_modules');

/**
 * Source paths as they lie in a user's install: the maps' `sources` are relative to the map,
 * and there the package's dependencies are beside `node_modules/@vnhealth/components`, not in
 * the workspace's `node_modules` (`@vnhealth/core` is beside it in both).
 */
function installedLayout(source: string, mapPath: string): string {
  const absolute = join(dirname(mapPath), source);
  if (!absolute.startsWith(workspaceModules + '/')) return source;
  const installed = join(here, '..', '..', absolute.slice(workspaceModules.length + 1));
  return relative(dirname(mapPath), installed);
}

async function build(input: string, name: string, prefix: string): Promise<string[]> {
  const bundle = await rollup({
    input: { [name]: join(here, 'src', 'cdn', input) },
    plugins: [
      cdnSources,
      inputMaps,
      // The package's own files and its dependencies, with the conditions a browser bundler
      // uses (never `development`, never the workspace's `vnhealth-source`).
      nodeResolve({ browser: true, exportConditions: ['browser', 'import', 'default'] }),
    ],
    // The bundle's entry may export more than src/cdn/vnhealth.ts does (what its lazy chunks
    // import from it), so Rollup keeps the shared code in it instead of a chunk behind a facade.
    preserveEntrySignatures: 'allow-extension',
    // Modules whose exports a chunk uses must keep their code; everything else follows the
    // packages' `sideEffects` (read by node-resolve).
    treeshake: { preset: 'recommended' },
    onwarn(warning) {
      // Other packages' business: zod places `@__PURE__` comments where Rollup cannot read them
      // (esbuild's minifier, which reads them, runs on the output anyway), and its modules
      // import each other in a cycle.
      const ids = warning.ids ?? (warning.id ? [warning.id] : []);
      const theirs = ids.length > 0 && ids.every((id) => id.includes('/node_modules/'));
      if (theirs && ['INVALID_ANNOTATION', 'CIRCULAR_DEPENDENCY'].includes(warning.code ?? ''))
        return;
      throw new Error(`cdn build (${name}): ${warning.message}`);
    },
  });
  const output: OutputOptions = {
    dir: out,
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: chunkNames(prefix),
    sourcemap: true,
    sourcemapExcludeSources: false,
    sourcemapPathTransform: installedLayout,
    plugins: [minify],
  };
  const { output: files } = await bundle.write(output);
  await bundle.close();
  return files.map((f) => f.fileName);
}

/**
 * The types of the two entries: the bundle's are the index's (and `define.js`'s, for the tags it
 * registers); the autoloader's are its source's, through TypeScript's declaration emit.
 */
function declarations(): Record<string, string> {
  const autoloader = ts.transpileDeclaration(
    readFileSync(join(here, 'src', 'cdn', 'autoloader.ts'), 'utf8'),
    { fileName: 'autoloader.ts', reportDiagnostics: true },
  );
  if (autoloader.diagnostics?.length)
    throw new Error(
      `src/cdn/autoloader.ts: ${autoloader.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`,
    );
  return {
    'vnhealth.d.ts':
      "// Types of dist/cdn/vnhealth.js: it registers every element and exports the index's API.\nimport '../define.js';\nexport * from '../index.js';\n",
    'autoloader.d.ts': `// Types of dist/cdn/autoloader.js (src/cdn/autoloader.ts).\n${autoloader.outputText}`,
  };
}

/** The tags of the Custom Elements Manifest (written by `npm run analyze` before tsup). */
function manifestTags(): string[] {
  const manifest = JSON.parse(readFileSync(join(here, 'custom-elements.json'), 'utf8')) as {
    modules: { exports?: { kind: string; name: string }[] }[];
  };
  return manifest.modules
    .flatMap((m) => m.exports ?? [])
    .filter((e) => e.kind === 'custom-element-definition')
    .map((e) => e.name)
    .sort();
}

/** The tags src/cdn/autoloader.ts lists (read as text: importing it would run it). */
function autoloaderTags(): string[] {
  const source = readFileSync(join(here, 'src', 'cdn', 'autoloader.ts'), 'utf8');
  return [...source.matchAll(/^\s*'(vnh-[a-z-]+)': \(\) => import\(/gm)].map((m) => m[1]!).sort();
}

/** Build `dist/cdn/` (after tsup has built `dist/`). */
async function buildCdn(): Promise<void> {
  const listed = autoloaderTags();
  const tags = manifestTags();
  if (listed.join() !== tags.join())
    throw new Error(
      `src/cdn/autoloader.ts lists ${listed.join(', ')}; the manifest defines ${tags.join(', ')}`,
    );
  await rm(out, { recursive: true, force: true });
  const bundleFiles = await build('vnhealth.ts', 'vnhealth', 'bundle-');
  const autoloaderFiles = await build('autoloader.ts', 'autoloader', '');
  const clash = bundleFiles.filter((f) => autoloaderFiles.includes(f));
  if (clash.length) throw new Error(`cdn build: both builds wrote ${clash.join(', ')}`);
  for (const [file, text] of Object.entries(declarations())) await writeFile(join(out, file), text);
}

await buildCdn();

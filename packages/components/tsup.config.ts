import { readdir, readFile, writeFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';
import type { Plugin } from 'esbuild';
import { minifyTemplatesPlugin } from './minify-templates.ts';

/**
 * `src/define.ts` imports each element's `define.ts`. Bundled, those modules would be shared by
 * two entries and esbuild would move their `customElements.define` calls into a `chunk-*.js`,
 * which `sideEffects` does not list, so a consumer's bundler would drop every registration.
 * Keeping the imports external (`./provider/define.js`) leaves each registration in its own
 * entry file, which `sideEffects` lists.
 */
const defineEntriesExternal: Plugin = {
  name: 'vnh-define-entries-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/[a-z-]+\/define\.ts$/ }, (args) =>
      args.importer.endsWith('/src/define.ts')
        ? { path: args.path.replace(/\.ts$/, '.js'), external: true }
        : undefined,
    );
  },
};

/**
 * esbuild gives every chunk a bare `import "./chunk-….js"` of the chunk holding its runtime
 * helpers (`__decorateClass`), even the English tables (`*.en-*.js`, loaded on demand), which use
 * none. A consumer's bundler then sees that helper chunk shared by the page and a lazy chunk and
 * ships it as a file of its own. Those chunks have no side effects (`sideEffects` lists only the
 * `define` files), so the bare import is dropped; a blank line keeps the source map's lines.
 */
async function dropBareImportsFromTables(): Promise<void> {
  for (const name of await readdir('dist')) {
    if (!/\.en-[A-Z0-9]+\.js$/.test(name)) continue;
    const path = `dist/${name}`;
    const code = await readFile(path, 'utf8');
    const out = code.replace(/^import "\.\/chunk-[A-Z0-9]+\.js";$/gm, '');
    if (out !== code) await writeFile(path, out);
  }
}

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/define.ts',
    'src/*/define.ts',
    'src/ssr/server.ts',
    'src/ssr/hydrate.ts',
  ],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  tsconfig: 'tsconfig.json',
  external: ['lit', /^lit\//, /^@lit\//, '@vnhealth/core'],
  esbuildPlugins: [defineEntriesExternal, minifyTemplatesPlugin],
  onSuccess: dropBareImportsFromTables,
});

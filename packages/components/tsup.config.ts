import { defineConfig } from 'tsup';
import type { Plugin } from 'esbuild';

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

export default defineConfig({
  entry: ['src/index.ts', 'src/define.ts', 'src/*/define.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  tsconfig: 'tsconfig.json',
  external: ['lit', /^lit\//, /^@lit\//, '@vnhealth/core'],
  esbuildPlugins: [defineEntriesExternal],
});

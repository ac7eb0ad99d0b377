import { defineConfig } from 'tsup';
import type { Plugin } from 'esbuild';

/**
 * Imports that stay imports of another built entry instead of being bundled, so each check runs
 * before the code it guards. esbuild hoists every static import of a bundle above its code, so a
 * bundled version check would run only after `@medplum/*` had loaded (and failed on Node 20).
 * - `src/index.ts` → `./assert-node.js`: the entry's first import throws a clear error on an
 *   unsupported Node before anything else loads.
 * - `src/bin.ts` (the bin, `dist/cli.js`) → `./main.js`: the CLI loads only after the check.
 * - `src/cli.ts` (`dist/main.js`) → `./index.js` for `./start.ts`: one copy of the server code.
 */
const entryImports: Record<string, Record<string, string>> = {
  'src/index.ts': { './assert-node.ts': './assert-node.js' },
  'src/bin.ts': { './cli.ts': './main.js' },
  'src/cli.ts': { './start.ts': './index.js' },
};

const keepEntryImports: Plugin = {
  name: 'vnh-keep-entry-imports',
  setup(build) {
    build.onResolve({ filter: /^\.\/[a-z-]+\.ts$/ }, (args) => {
      const importer = Object.keys(entryImports).find((file) => args.importer.endsWith(file));
      const path = importer ? entryImports[importer]?.[args.path] : undefined;
      return path ? { path, external: true } : undefined;
    });
  },
};

export default defineConfig({
  // `cli` (the bin) is src/bin.ts: a Node version check, then `main` (src/cli.ts).
  entry: {
    index: 'src/index.ts',
    'assert-node': 'src/assert-node.ts',
    cli: 'src/bin.ts',
    main: 'src/cli.ts',
  },
  format: ['esm'],
  // One file per entry: a shared chunk would be imported before an entry's own first import.
  splitting: false,
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node22',
  platform: 'node',
  tsconfig: 'tsconfig.json',
  esbuildPlugins: [keepEntryImports],
});

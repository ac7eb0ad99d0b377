// Bundle entry files of a consumer folder with one bundler, as its users configure it for a
// production browser build; a child process of the consumer tests, run from the consumer folder:
//   node test/consumer/bundle.ts <esbuild|rollup|webpack> <outDir> <entry.js>…
// Each entry is bundled on its own into <outDir>/<entry name>/ (entry.js + chunks + index.html).
// The bundlers come from the workspace; what they bundle resolves from each entry file, so from
// the consumer folder's node_modules. Prints JSON: per entry, the absolute path of every module
// the bundler read, so the caller can check where they came from.
import { writeFileSync, mkdirSync, realpathSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { rollup, VERSION as rollupVersion } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import webpack from 'webpack';

export interface BundleReport {
  bundler: string;
  builds: { entry: string; outDir: string; modules: string[] }[];
}

type Bundler = (entry: string, outDir: string) => Promise<string[]>;

const bundlers: Record<string, { version: string; bundle: Bundler; module: boolean }> = {
  esbuild: {
    version: esbuild.version,
    module: true,
    async bundle(entry, outDir) {
      const result = await esbuild.build({
        entryPoints: { entry },
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'browser',
        outdir: outDir,
        metafile: true,
        logLevel: 'error',
      });
      return Object.keys(result.metafile.inputs).map((p) => resolve(p));
    },
  },
  rollup: {
    version: rollupVersion,
    module: true,
    async bundle(entry, outDir) {
      const build = await rollup({
        input: entry,
        plugins: [nodeResolve({ browser: true })],
        onwarn: () => {},
      });
      await build.write({ dir: outDir, format: 'es', entryFileNames: 'entry.js' });
      const modules = build.watchFiles.filter((id) => !id.startsWith('\0'));
      await build.close();
      return modules;
    },
  },
  webpack: {
    version: webpack.version,
    module: false,
    bundle(entry, outDir) {
      return new Promise((done, fail) => {
        webpack(
          {
            mode: 'production',
            context: process.cwd(),
            entry: { entry },
            output: { path: outDir, filename: '[name].js', chunkFilename: '[id].js', clean: true },
            devtool: false,
            performance: { hints: false },
            // Production mode's module-graph optimisations (sideEffects, usedExports, module
            // concatenation) stay on; only Terser is off: it takes ~3.5 s per entry here and
            // keeps every call with side effects anyway (the esbuild bundles are minified).
            optimization: { minimize: false },
          },
          (error, stats) => {
            if (error) return fail(error);
            if (!stats || stats.hasErrors())
              return fail(new Error(stats?.toString({ all: false, errors: true }) ?? 'no stats'));
            const json = stats.toJson({ all: false, modules: true, nestedModules: true });
            const modules: string[] = [];
            const visit = (list: typeof json.modules) => {
              for (const m of list ?? []) {
                if (m.nameForCondition) modules.push(m.nameForCondition);
                visit(m.modules);
              }
            };
            visit(json.modules);
            done(modules);
          },
        );
      });
    },
  },
};

async function main(): Promise<void> {
  const [name, outDir, ...entries] = process.argv.slice(2);
  const bundler = name ? bundlers[name] : undefined;
  if (!bundler || !outDir || entries.length === 0)
    throw new Error(`usage: bundle.ts <${Object.keys(bundlers).join('|')}> <outDir> <entry>…`);
  const report: BundleReport = { bundler: `${name} ${bundler.version}`, builds: [] };
  for (const entry of entries) {
    const dir = join(resolve(outDir), basename(entry).replace(/\.[cm]?js$/, ''));
    mkdirSync(dir, { recursive: true });
    const modules = await bundler.bundle(resolve(entry), dir);
    const script = bundler.module
      ? '<script type="module" src="./entry.js"></script>'
      : '<script src="./entry.js"></script>';
    writeFileSync(join(dir, 'index.html'), `<!doctype html>\n<meta charset="utf-8">\n${script}\n`);
    report.builds.push({ entry, outDir: dir, modules: modules.map((m) => realpathSync(m)) });
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

await main();

// Every public entry of @vnhealth/components that registers elements keeps its registrations
// when a production bundler tree-shakes it by `sideEffects` (esbuild, Rollup with
// @rollup/plugin-node-resolve, webpack 5 in production mode), and the index entry registers
// nothing. The entries come from the installed package's `exports`, so a new one is covered.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { installConsumer } from '../../scripts/pack.ts';
import type { BundleReport } from './bundle.ts';
import {
  consumerEnv,
  ensureDir,
  isInside,
  launchChromium,
  root,
  run,
  serveStatic,
  toolVersion,
} from './harness.ts';

const env = consumerEnv(24);
const installStarted = Date.now();
const dir = installConsumer('registrations', {
  tarballs: {
    '@vnhealth/core': inject('tarballs')['@vnhealth/core'],
    '@vnhealth/components': inject('tarballs')['@vnhealth/components'],
  },
});
console.log(`consumer: installed ${dir} in ${Date.now() - installStarted} ms`);
const componentsDir = join(dir, 'node_modules/@vnhealth/components');

/** A public import and the tags it promises to register. */
interface Entry {
  /** File name of the consumer's entry module. */
  file: string;
  specifier: string;
  /** A define entry registers `registers`; the index entry registers nothing. */
  kind: 'define' | 'index';
  /** Tags that must be registered after the bundle loaded. */
  registers: string[];
  source: string;
}

const exportsMap = (
  JSON.parse(readFileSync(join(componentsDir, 'package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
  }
).exports;
/** `./<element>/define.js` registers `vnh-<element>`. */
const elementDefines = Object.keys(exportsMap)
  .map((key) => /^\.\/([a-z-]+)\/define\.js$/.exec(key)?.[1])
  .filter((name): name is string => Boolean(name));
const allTags = elementDefines.map((name) => `vnh-${name}`);

const entries: Entry[] = [
  ...Object.keys(exportsMap)
    .filter((key) => key.endsWith('define.js'))
    .map((key) => {
      const specifier = `@vnhealth/components/${key.slice(2)}`;
      const element = /^\.\/([a-z-]+)\/define\.js$/.exec(key)?.[1];
      if (!element && key !== './define.js')
        throw new Error(`${specifier}: a define entry this test does not know the tags of`);
      return {
        kind: 'define' as const,
        file: `${element ?? 'all'}-define.js`,
        specifier,
        registers: element ? [`vnh-${element}`] : allTags,
        source: `import '${specifier}';\n`,
      };
    }),
  {
    kind: 'index',
    file: 'index-class.js',
    specifier: "{ VnhPatientProfileCard } from '@vnhealth/components'",
    registers: [],
    // The class is used (kept by every bundler) but never defined by the consumer.
    source:
      "import { VnhPatientProfileCard } from '@vnhealth/components';\n" +
      'globalThis.vnhImportedClass = VnhPatientProfileCard;\n',
  },
];

const entriesDir = ensureDir(join(dir, 'entries'));
for (const entry of entries) writeFileSync(join(entriesDir, entry.file), entry.source);

let browser: Browser | undefined;
let server: { url: string; close(): Promise<void> } | undefined;
const bundlerNames = ['esbuild', 'rollup', 'webpack'] as const;
type BundlerName = (typeof bundlerNames)[number];
/** One child process per bundler, all entries; a failing bundler fails only its own rows. */
const bundles = new Map<BundlerName, Promise<BundleReport>>();

async function bundle(bundler: BundlerName, out: string): Promise<BundleReport> {
  const started = Date.now();
  const result = await run(
    'node',
    [
      join(root, 'test/consumer/bundle.ts'),
      bundler,
      join(out, bundler),
      ...entries.map((e) => join('entries', e.file)),
    ],
    { cwd: dir, env, timeoutMs: 180_000 },
  );
  if (result.code !== 0)
    throw new Error(`${bundler} failed (${result.code}):\n${result.stderr}${result.stdout}`);
  console.log(
    `consumer: ${bundler} bundled ${entries.length} entries in ${Date.now() - started} ms`,
  );
  return JSON.parse(result.stdout) as BundleReport;
}

beforeAll(async () => {
  const out = ensureDir(join(dir, 'out'));
  for (const bundler of bundlerNames) {
    const report = bundle(bundler, out);
    report.catch(() => {}); // reported by that bundler's tests
    bundles.set(bundler, report);
  }
  // Keep whatever started, so afterAll closes it even when the other one failed.
  const [launched, served] = await Promise.allSettled([launchChromium(), serveStatic(out)]);
  if (launched.status === 'fulfilled') browser = launched.value;
  if (served.status === 'fulfilled') server = served.value;
  if (launched.status === 'rejected') throw launched.reason;
  if (served.status === 'rejected') throw served.reason;
});

afterAll(async () => {
  await Promise.allSettled(bundles.values());
  await Promise.all([browser?.close(), server?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

test(`the installed package exports at least one element define entry (found ${elementDefines.length})`, () => {
  expect(elementDefines.length).toBeGreaterThan(0);
  expect(exportsMap).toHaveProperty(['./define.js']);
});

const setups: Record<BundlerName, string> = {
  esbuild: `esbuild ${toolVersion('esbuild')} --bundle --minify --format=esm`,
  rollup: `Rollup ${toolVersion('rollup')} + @rollup/plugin-node-resolve ${toolVersion('@rollup/plugin-node-resolve')} (browser)`,
  webpack: `webpack ${toolVersion('webpack')} mode production (Terser off)`,
};

describe.each(bundlerNames)('%s, production bundle of one import in Chromium', (bundler) => {
  test.concurrent.for(entries)(
    `${setups[bundler]}: import $specifier → registers $registers.length element(s)`,
    async (entry, { expect }) => {
      const report = await bundles.get(bundler)!;
      const build = report.builds.find((b) => b.entry === join('entries', entry.file));
      if (!build) throw new Error(`${bundler} reported no build of ${entry.file}`);
      // The bundler resolved the packages from the consumer folder, not the workspace.
      expect(build.modules.some((m) => isInside(m, componentsDir))).toBe(true);
      expect(build.modules.filter((m) => !isInside(m, dir))).toEqual([]);

      const page = await browser!.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        await page.goto(`${server!.url}/${bundler}/${entry.file.replace(/\.js$/, '')}/`);
        const state = await page.evaluate(
          (tags) => ({
            registered: tags.filter((t) => customElements.get(t) !== undefined),
            imported: typeof (globalThis as { vnhImportedClass?: unknown }).vnhImportedClass,
          }),
          allTags,
        );
        expect(errors).toEqual([]);
        if (entry.kind === 'index') {
          expect(state.imported).toBe('function');
          expect(state.registered).toEqual([]);
        } else {
          expect(entry.registers.length, `${entry.specifier} promises no tag`).toBeGreaterThan(0);
          expect(state.registered).toEqual(expect.arrayContaining(entry.registers));
        }
      } finally {
        await page.close();
      }
    },
  );
});

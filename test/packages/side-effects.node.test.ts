// `sideEffects` tells bundlers which published files they must keep even when nothing imported
// from them is used. A registration (or any other top-level effect) in a file it does not list
// is silently dropped from the user's bundle: the README's embed snippet then shows nothing.
// Needs `npm run build` (the published files are the built ones).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { installConsumer, packWorkspace } from '../../scripts/pack.ts';
import {
  manifestOf,
  moduleEffects,
  modulesWithEffects,
  publicPackages,
  sideEffectsMatcher,
  type PublicPackage,
} from './published-files.ts';

const names = Object.keys(publicPackages) as PublicPackage[];

describe('sideEffects lists every published file with a top-level effect', () => {
  it.each(names)('%s', (name) => {
    const manifest = manifestOf(name);
    const listed = sideEffectsMatcher(manifest.sideEffects);
    const withEffects = modulesWithEffects(name);
    const unlisted = [...withEffects]
      .filter(([file]) => !listed(file))
      .map(([file, effects]) => `${file}: ${effects.join(' · ')}`);
    expect(unlisted, 'files with top-level effects that sideEffects does not list').toEqual([]);
    // And no stale pattern: each one names at least one published file with an effect.
    for (const pattern of Array.isArray(manifest.sideEffects) ? manifest.sideEffects : []) {
      const matcher = sideEffectsMatcher([pattern]);
      expect(
        [...withEffects.keys()].some((f) => matcher(f)),
        `sideEffects pattern ${pattern} matches a published file with an effect`,
      ).toBe(true);
    }
  });

  it('the scan sees a registration and a bare import (it is not blind)', () => {
    const registration = 'import { A } from "./a.js";\ndefineElement("x-y", A);';
    expect(moduleEffects('x.js', registration)).toEqual({
      effects: ['defineElement("x-y", A);'],
      bareImports: [],
    });
    expect(moduleEffects('x.js', 'import "./define.js";').bareImports).toEqual(['./define.js']);
    const decorated = 'export class A {}\n__decorateClass([p()], A.prototype, "b");';
    expect(moduleEffects('x.js', decorated)).toEqual({ effects: [], bareImports: [] });
    expect(sideEffectsMatcher(['./dist/**/define.js'])('dist/provider/define.js')).toBe(true);
    expect(sideEffectsMatcher(['./dist/**/define.js'])('dist/define.js')).toBe(true);
    expect(sideEffectsMatcher(['./dist/**/define.js'])('dist/chunk-X.js')).toBe(false);
  });
});

/** The tags an entry of `@vnhealth/components` promises to register. */
function promisedTags(): Map<string, string[]> {
  const { exports } = manifestOf('@vnhealth/components');
  const perElement = Object.keys(exports)
    .map((key) => /^\.\/([a-z-]+)\/define\.js$/.exec(key)?.[1])
    .filter((el): el is string => Boolean(el));
  const entries = new Map<string, string[]>(
    perElement.map((el) => [`@vnhealth/components/${el}/define.js`, [`vnh-${el}`]]),
  );
  entries.set(
    '@vnhealth/components/define.js',
    perElement.map((el) => `vnh-${el}`),
  );
  return entries;
}

describe('a bundle of each define entry, from the packed tarballs, registers its tags', () => {
  it('esbuild keeps every registration of define.js and of each element’s define.js', async () => {
    const tarballs = packWorkspace(mkdtempSync(join(tmpdir(), 'vnh-side-effects-pack-')));
    const dir = installConsumer('side-effects', {
      tarballs: {
        '@vnhealth/core': tarballs['@vnhealth/core'],
        '@vnhealth/components': tarballs['@vnhealth/components'],
      },
    });
    const entries = promisedTags();
    expect(entries.size).toBe(8);
    for (const [entry, tags] of entries) {
      const input = join(dir, 'entry.js');
      const output = join(dir, 'bundle.js');
      writeFileSync(input, `import ${JSON.stringify(entry)};\n`);
      // platform node: lit resolves to its server build, whose DOM shim has customElements.
      await build({
        entryPoints: [input],
        outfile: output,
        bundle: true,
        format: 'esm',
        platform: 'node',
        absWorkingDir: dir,
        logLevel: 'silent',
      });
      const registered = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `await import(${JSON.stringify(`file://${output}`)}); console.log(JSON.stringify(${JSON.stringify(tags)}.filter((t) => customElements.get(t))));`,
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(JSON.parse(registered), entry).toEqual(tags);
    }
  }, 120_000);
});

// `sideEffects` tells bundlers which published files they must keep even when nothing imported
// from them is used. A registration (or any other top-level effect) in a file it does not list
// is silently dropped from the user's bundle: the README's embed snippet then shows nothing.
// Needs `npm run build` (the published files are the built ones). That the bundles of each
// define entry really register their tags, under esbuild, Rollup and webpack in Chromium, is the
// consumer layer's (test/consumer/registrations.consumer.test.ts).
import { describe, expect, it } from 'vitest';
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

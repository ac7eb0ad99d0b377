// The no-build files of @vnhealth/components (`dist/cdn/`, ADR 0027) as the tarball ships them:
// a browser must resolve every import without an import map, from any folder; the bundle is one
// request up front; the two builds share no file; lit is in one file per build, never copied
// into an element's chunk; nothing needs `eval` (a strict CSP). That the pages work in Chromium
// is the consumer layer's (test/consumer/example-cdn.consumer.test.ts). Needs `npm run build`.
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleImports } from '../../bench/size/served.ts';
import { packageDir, publishedFiles } from './published-files.ts';

const dir = packageDir('@vnhealth/components');
const published = publishedFiles('@vnhealth/components');
const cdnFiles = published.filter((f) => f.startsWith('dist/cdn/') && f.endsWith('.js'));
const text = (file: string): string => readFileSync(join(dir, file), 'utf8');
const importsOf = (file: string) => {
  const { statics, dynamics } = moduleImports(text(file), file);
  const target = (s: string) => posix.normalize(posix.join(posix.dirname(file), s));
  return {
    statics,
    dynamics,
    all: [...statics, ...dynamics],
    targets: [...statics, ...dynamics].map(target),
  };
};
/** The bundle's lazy chunks are `chunks/bundle-*`; everything else in `chunks/` is the autoloader's. */
const ofBundle = (file: string): boolean =>
  file === 'dist/cdn/vnhealth.js' || file.startsWith('dist/cdn/chunks/bundle-');

describe('dist/cdn', () => {
  it('ships the two entries, their types and their chunks', () => {
    for (const file of ['vnhealth.js', 'autoloader.js', 'vnhealth.d.ts', 'autoloader.d.ts'])
      expect(published).toContain(`dist/cdn/${file}`);
    expect(cdnFiles.filter((f) => f.startsWith('dist/cdn/chunks/')).length).toBeGreaterThan(10);
  });

  it('imports only relative paths that are in the tarball', () => {
    const problems: string[] = [];
    for (const file of cdnFiles) {
      const { all, targets } = importsOf(file);
      all.forEach((specifier, i) => {
        if (!/^\.\.?\//.test(specifier)) problems.push(`${file} imports "${specifier}"`);
        else if (!published.includes(targets[i]!))
          problems.push(`${file} imports ${specifier}, not in the tarball`);
      });
    }
    expect(problems).toEqual([]);
  });

  it('vnhealth.js imports nothing up front, and the two builds share no file', () => {
    expect(importsOf('dist/cdn/vnhealth.js').statics).toEqual([]);
    const crossing: string[] = [];
    for (const file of cdnFiles)
      for (const target of importsOf(file).targets)
        if (ofBundle(file) !== ofBundle(target)) crossing.push(`${file} → ${target}`);
    expect(crossing).toEqual([]);
  });

  it("the autoloader loads each element's chunk lazily, and lit is in one shared file", () => {
    const autoloader = importsOf('dist/cdn/autoloader.js');
    expect(autoloader.statics).toEqual([]);
    expect(autoloader.dynamics).toHaveLength(7);
    // lit-html announces itself once per copy (`litHtmlVersions`).
    const withLit = cdnFiles.filter((f) => text(f).includes('litHtmlVersions'));
    expect(withLit.filter(ofBundle)).toEqual(['dist/cdn/vnhealth.js']);
    const shared = withLit.filter((f) => !ofBundle(f));
    expect(shared).toHaveLength(1);
    for (const target of autoloader.dynamics.map((s) => posix.join('dist/cdn', s)))
      expect(text(target), `${target} has no copy of lit`).not.toContain('litHtmlVersions');
  });

  it('calls neither eval nor new Function (it runs under a CSP without unsafe-eval)', () => {
    const found = cdnFiles.filter((f) =>
      /\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(/.test(text(f)),
    );
    expect(found).toEqual([]);
  });
});

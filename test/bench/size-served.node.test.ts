/**
 * The size harness's served tasks (bench/size/served.ts): what a page without a bundler can load
 * is read from the modules themselves; static imports are up front, `import()` is lazy, files no
 * import reaches are not the page's, and a bare specifier is an error (a browser could not
 * resolve it).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { moduleImports, servedFiles } from '../../bench/size/served.ts';
import type { PageTask } from '../../bench/size/measure.ts';

const dir = mkdtempSync(join(tmpdir(), 'vnh-size-served-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const task = (script: string): PageTask => ({
  id: 'served',
  label: 'served',
  what: 'a served page',
  served: { dir: 'cdn', script },
  body: '',
  done: { what: 'never', predicate: '() => false' },
});

function write(files: Record<string, string>): void {
  for (const [path, code] of Object.entries(files)) {
    mkdirSync(join(dir, 'cdn', path, '..'), { recursive: true });
    writeFileSync(join(dir, 'cdn', path), code);
  }
}

describe('served tasks', () => {
  it('reads static imports, re-exports and import() from minified code', () => {
    expect(
      moduleImports(
        'import{a as b}from"./a.js";import"./b.js";export{c}from"./c.js";const d=()=>import("./d.js");',
      ),
    ).toEqual({ statics: ['./a.js', './b.js', './c.js'], dynamics: ['./d.js'] });
  });

  it('serves what the script reaches: static imports up front, import() lazy, nothing else', () => {
    write({
      'entry.js': 'import"./chunks/shared.js";const l=()=>import("./chunks/lazy.js");',
      'chunks/shared.js': 'export const s=1;',
      'chunks/lazy.js': 'import{s}from"./shared.js";import"./deep.js";',
      'chunks/deep.js': 'export{};',
      'chunks/other-build.js': 'export{};',
    });
    const served = servedFiles(task('entry.js'), dir);
    expect([...served.files.keys()].sort()).toEqual([
      '/cdn/chunks/deep.js',
      '/cdn/chunks/lazy.js',
      '/cdn/chunks/shared.js',
      '/cdn/entry.js',
    ]);
    expect([...served.upFront].sort()).toEqual(['/cdn/chunks/shared.js', '/cdn/entry.js']);
  });

  it('refuses a bare specifier and a missing file', () => {
    write({ 'bare.js': 'import{html}from"lit";', 'missing.js': 'import"./gone.js";' });
    expect(() => servedFiles(task('bare.js'), dir)).toThrow(/imports "lit".*import map/);
    expect(() => servedFiles(task('missing.js'), dir)).toThrow(/gone\.js is imported but not/);
  });
});

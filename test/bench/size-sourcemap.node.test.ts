/**
 * The size report's breakdown (bench/size/sourcemap.ts) gives every byte of a bundle to the
 * source its mapping points at, through esbuild's chained source maps.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesPerSource, sourceGroup, UNMAPPED } from '../../bench/size/sourcemap.ts';

const dir = mkdtempSync(join(tmpdir(), 'vnh-sourcemap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bundle(files: Record<string, string>, entry: string) {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const result = await build({
    entryPoints: [join(dir, entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    sourcemap: 'external',
    write: false,
    outdir: join(dir, 'out'),
    logLevel: 'silent',
  });
  const code = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const map = JSON.parse(result.outputFiles.find((f) => f.path.endsWith('.map'))!.text) as {
    sources: string[];
    mappings: string;
  };
  return { code, map };
}

describe('bytesPerSource', () => {
  it('adds up to the file size and gives a multi-line template literal to its module', async () => {
    const styles = Array.from({ length: 40 }, (_, i) => `  .rule-${i} { color: red; }`).join('\n');
    writeFileSync(join(dir, 'styles.src.js'), `export const css = \`\n${styles}\n\`;\n`);
    // A package's dist file with its own source map, as tsup writes them: the consumer's bundle
    // maps through it, and the literal's inner lines come out without mappings.
    await build({
      entryPoints: [join(dir, 'styles.src.js')],
      bundle: true,
      format: 'esm',
      sourcemap: 'linked',
      outfile: join(dir, 'styles.js'),
      logLevel: 'silent',
    });
    const { code, map } = await bundle(
      {
        'small.js': 'export const add = (a, b) => a + b;\n',
        'main.js':
          "import { css } from './styles.js';\nimport { add } from './small.js';\nconsole.log(css, add(1, 2));\n",
      },
      'main.js',
    );
    const perSource = bytesPerSource(code, map);
    const total = [...perSource.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(Buffer.byteLength(code));
    const of = (name: string) => [...perSource].find(([source]) => source.endsWith(name))?.[1] ?? 0;
    expect(map.sources.some((source) => source.endsWith('styles.src.js'))).toBe(true);
    // The 40 CSS lines have no mapping of their own; they still belong to their module.
    expect(of('styles.src.js')).toBeGreaterThan(styles.length);
    expect(of('small.js')).toBeGreaterThan(0);
    expect(of('small.js')).toBeLessThan(40);
    expect(perSource.get(UNMAPPED) ?? 0).toBeLessThan(20);
  });
});

describe('sourceGroup', () => {
  it('names a vnhealth source folder, else the npm package', () => {
    expect(sourceGroup('../node_modules/@vnhealth/core/src/fhir/generated/model.ts')).toBe(
      'core/fhir',
    );
    expect(sourceGroup('../node_modules/@vnhealth/core/src/client.ts')).toBe('core');
    expect(sourceGroup('../node_modules/@vnhealth/components/src/shared/element.ts')).toBe(
      'components/shared',
    );
    expect(sourceGroup('../node_modules/@lit/reactive-element/src/css-tag.ts')).toBe(
      '@lit/reactive-element',
    );
    expect(sourceGroup('node_modules/a/node_modules/lit-html/lit-html.js')).toBe('lit-html');
    // A package's map naming a dependency it bundled (`node_modules/node_modules/…`).
    expect(sourceGroup('../node_modules/node_modules/@tabler/icons-react/dist/x.mjs')).toBe(
      '@tabler/icons-react',
    );
    expect(sourceGroup(UNMAPPED)).toBe('esbuild runtime and glue');
  });
});

// What @vnhealth/components generates from its Custom Elements Manifest (the React wrappers, the
// JSX/Vue typings, the editor data; packages/components/scripts/generate.ts) is committed, and
// must be exactly what the current source's manifest gives: the manifest is analysed fresh from
// the source here, so an element, attribute or event added without `npm run build` (or a
// generated file edited by hand) fails this test.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generatedFiles,
  packageDir,
  staleFiles,
} from '../../packages/components/scripts/generate.ts';
import type { Manifest } from '../../packages/components/scripts/generate/manifest.ts';

/** The analyzer with the package's config, on the current source, writing nothing. */
function analyze(): Manifest {
  const out = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { cli } = await import('@custom-elements-manifest/analyzer/cli.js');
       const manifest = await cli({ argv: ['analyze', '--quiet'], cwd: process.cwd(), noWrite: true });
       process.stdout.write(JSON.stringify(manifest));`,
    ],
    { cwd: packageDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(out) as Manifest;
}

const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

let manifest: Manifest;
let files: Map<string, string>;
beforeAll(async () => {
  manifest = analyze();
  files = await generatedFiles(manifest, pkg);
}, 60_000);

describe('the generated files of @vnhealth/components', () => {
  it('are what the manifest of the current source gives', async () => {
    expect(
      await staleFiles(packageDir, files),
      'run `npm run build -w @vnhealth/components`',
    ).toEqual([]);
  });

  it('cover every element and event of the manifest', () => {
    const tags = manifest.modules.flatMap((m) =>
      (m.declarations ?? []).flatMap((d) => (d.customElement && d.tagName ? [d.tagName] : [])),
    );
    expect(tags).toHaveLength(7);
    for (const tag of tags) {
      expect(files.get('jsx/react.d.ts')).toContain(`'${tag}': ElementProps<'${tag}'>`);
      expect(files.get('jsx/vue.d.ts')).toContain(`'${tag}': VueElement<'${tag}'>`);
      expect(files.get('react/index.js')).toContain(`tagName: '${tag}'`);
    }
    expect(files.get('react/index.d.ts')).toContain('onVnhBooked: EventName<ConsultBookedEvent>;');
    expect(files.get('jsx/elements.d.ts')).toContain("'vnh-booked': ConsultBookedEvent;");
  });

  describe('fail on drift', () => {
    let copy: string;
    beforeAll(() => {
      copy = mkdtempSync(join(tmpdir(), 'vnh-generated-'));
      for (const path of files.keys()) cpSync(join(packageDir, path), join(copy, path));
    });
    afterAll(() => rmSync(copy, { recursive: true, force: true }));

    it('a generated file edited by hand is stale', async () => {
      expect(await staleFiles(copy, files)).toEqual([]);
      const path = join(copy, 'jsx/elements.d.ts');
      writeFileSync(
        path,
        readFileSync(path, 'utf8').replace("'patient-id'?: string;", "'patient-id'?: number;"),
      );
      expect(await staleFiles(copy, files)).toEqual(['jsx/elements.d.ts']);
    });

    it('a manifest with a new attribute makes every file that lists attributes stale', async () => {
      const changed = structuredClone(manifest);
      const card = changed.modules
        .flatMap((m) => m.declarations ?? [])
        .find((d) => d.tagName === 'vnh-patient-profile-card')!;
      card.attributes!.push({
        name: 'with-photo',
        fieldName: 'withPhoto',
        type: { text: 'boolean' },
      });
      const stale = await staleFiles(packageDir, await generatedFiles(changed, pkg));
      expect(stale.sort()).toEqual(
        ['jsx/elements.d.ts', 'vscode.html-custom-data.json', 'web-types.json'].sort(),
      );
    });
  });
});

// Writes what @vnhealth/components generates from its Custom Elements Manifest
// (custom-elements.json, `npm run analyze`): the React wrappers, the JSX/Vue typings and the
// editor data. `--check` writes nothing and exits 1 naming every file that differs from what
// the manifest gives (a stale or hand-edited file). Run by the package's `build` after the
// analyzer; `npm run generate -w @vnhealth/components [-- --check]` alone.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { elementsOf, type Manifest } from './generate/manifest.ts';
import {
  elementsModule,
  preactJsxModule,
  reactJsxModule,
  solidJsxModule,
  vueModule,
} from './generate/types.ts';
import { reactModule, reactTypesModule } from './generate/react.ts';
import { vscodeData, webTypes } from './generate/ide.ts';

/** The package folder (packages/components). */
export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every generated file, by path relative to the package, formatted as the repo's Prettier does. */
export async function generatedFiles(
  manifest: Manifest,
  pkg: { name: string; version: string },
): Promise<Map<string, string>> {
  const elements = elementsOf(manifest);
  const files = new Map<string, string>([
    ['react/index.js', reactModule(elements)],
    ['react/index.d.ts', reactTypesModule(elements)],
    ['jsx/elements.d.ts', elementsModule(elements)],
    ['jsx/react.d.ts', reactJsxModule(elements)],
    ['jsx/preact.d.ts', preactJsxModule(elements)],
    ['jsx/solid.d.ts', solidJsxModule(elements)],
    ['jsx/vue.d.ts', vueModule(elements)],
    ['vscode.html-custom-data.json', vscodeData(elements)],
    ['web-types.json', webTypes(elements, pkg)],
  ]);
  const prettier = await import('prettier');
  for (const [path, text] of files) {
    const filepath = join(packageDir, path);
    const options = (await prettier.resolveConfig(filepath)) ?? {};
    files.set(path, await prettier.format(text, { ...options, filepath }));
  }
  return files;
}

/** The paths whose content on disk differs from `files` (missing files included). */
export async function staleFiles(dir: string, files: Map<string, string>): Promise<string[]> {
  const stale: string[] = [];
  for (const [path, text] of files) {
    const current = await readFile(join(dir, path), 'utf8').catch(() => undefined);
    if (current !== text) stale.push(path);
  }
  return stale;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const read = async (path: string) => JSON.parse(await readFile(join(packageDir, path), 'utf8'));
  const manifest = (await read('custom-elements.json').catch(() => {
    throw new Error('custom-elements.json is missing: run `npm run analyze` first.');
  })) as Manifest;
  const files = await generatedFiles(manifest, await read('package.json'));
  if (check) {
    const stale = await staleFiles(packageDir, files);
    if (stale.length) {
      console.error(
        `Generated files differ from custom-elements.json: ${stale.join(', ')}.\n` +
          'Run `npm run analyze -w @vnhealth/components && npm run generate -w @vnhealth/components`.',
      );
      process.exit(1);
    }
    return;
  }
  for (const [path, text] of files) {
    await mkdir(dirname(join(packageDir, path)), { recursive: true });
    await writeFile(join(packageDir, path), text);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();

// After tsup: a define entry only imports, so its d.ts comes out as `export {}`, and `import
// '@vnhealth/components/define.js'` would declare no tag and no event for TypeScript. Each
// dist/**/define.d.ts is rewritten to import the index's declarations, where the elements'
// global `HTMLElementTagNameMap` and `GlobalEventHandlersEventMap` entries live (one copy of
// each class, so the globals never disagree). Part of the package's `build`.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

const folders = (await readdir(dist, { withFileTypes: true })).filter((d) => d.isDirectory());
const entries = [
  { path: join(dist, 'define.d.ts'), index: './index.js' },
  ...folders.map((d) => ({ path: join(dist, d.name, 'define.d.ts'), index: '../index.js' })),
];
let written = 0;
for (const { path, index } of entries) {
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current === undefined) continue;
  const typed = `import type {} from '${index}';\nexport {};\n`;
  if (current !== typed && !/^export \{ ?\};?$/.test(current.trim()))
    throw new Error(
      `${path} declares something now: keep it and add \`import type {} from '${index}'\`.`,
    );
  await writeFile(path, typed);
  written++;
}
if (written < 2) throw new Error(`Found ${written} define.d.ts in ${dist}: run tsup first.`);

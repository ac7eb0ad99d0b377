/**
 * The size harness's done instant (bench/size/done.ts, in-page.js): the page records the instant
 * its task's predicate first holds, and a file counts until done when its Resource Timing
 * `responseEnd` is at or before it. Pages here read a real Patient from the sandbox over HTTP, in
 * Debian's Chromium, bundled and served by the harness itself.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPatients, startSandbox, type Sandbox } from '@vnhealth/sandbox';
import { bundle } from '../../bench/size/bundle.ts';
import { partShown, textShown, type DoneWhen } from '../../bench/size/done.ts';
import { measureTask, type MeasureOptions, type PageTask } from '../../bench/size/measure.ts';
import { chromiumArgs, chromiumEnv, chromiumPath } from '../../scripts/chromium.ts';

const { id, name } = demoPatients.an;
const dir = mkdtempSync(join(tmpdir(), 'vnh-size-done-'));
let sandbox: Sandbox;
let browser: Browser;

/** A module of about `kb` KB gzip that cannot be compressed away, tagged so a test can find it. */
const lib = (tag: string, kb: number): string => {
  let seed = tag.length * 7919;
  const noise = Array.from({ length: kb * 170 }, () => {
    seed = (seed * 48271) % 2147483647;
    return seed.toString(36);
  }).join('');
  return `export const tag = '${tag}';\nexport const noise = '@@${tag}@@${noise}';\nexport const keep = (text) => text + (noise.length ? '' : tag);\n`;
};

beforeAll(async () => {
  mkdirSync(join(dir, 'lib'), { recursive: true });
  for (const tag of ['before', 'after', 'idle'])
    writeFileSync(join(dir, 'lib', `${tag}.js`), lib(tag, 2));
  sandbox = await startSandbox({ port: 0, quiet: true });
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new Error('No Chromium: apt-get install chromium or set CHROMIUM_PATH');
  browser = await chromium.launch({ executablePath, args: chromiumArgs, env: chromiumEnv() });
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Reads the patient, awaits `before.js`, shows the name, then loads two chunks it never awaits. */
const warnLike = `const out = document.querySelector('output');
const response = await fetch(out.dataset.fhir + '/Patient/${id}');
const patient = await response.json();
const { keep } = await import('../lib/before.js');
out.textContent = keep(patient.name[0].text);
import('../lib/after.js');
requestIdleCallback(() => import('../lib/idle.js'), { timeout: 100 });
`;

const task = (id: string, done: DoneWhen, entry = warnLike, body?: string): PageTask => ({
  id,
  label: id,
  what: id,
  entry,
  body: body ?? '<output data-fhir="%FHIR%"></output>',
  done,
});

const measure = (t: PageTask, options: MeasureOptions = {}) =>
  measureTask(t, dir, browser, sandbox, { quiet: 300, ...options });

/** URL path of the bundle file holding `tag`'s module (esbuild names chunks by hash). */
async function fileOf(t: PageTask, tag: string): Promise<string> {
  const { files } = await bundle(t, dir);
  const found = [...files].filter(([, bytes]) =>
    Buffer.from(bytes).toString().includes(`@@${tag}@@`),
  );
  expect(found, `one chunk holds ${tag}.js`).toHaveLength(1);
  return found[0]![0];
}

describe('the done instant', () => {
  it('counts a chunk awaited before the data is shown, never one loaded right after (5 runs)', async () => {
    const t = task('warn-like', textShown(name));
    const before = await fileOf(t, 'before');
    const after = await fileOf(t, 'after');
    const idle = await fileOf(t, 'idle');
    for (let run = 0; run < 5; run++) {
      const result = await measure(t);
      const context = `run ${run}: ${JSON.stringify({ files: result.files, background: result.background.files })}`;
      expect(result.files.map((f) => f.file).sort(), context).toEqual(['/entry.js', before].sort());
      expect(result.background.files.map((f) => f.file).sort(), context).toEqual(
        [after, idle].sort(),
      );
      expect(result.requests).toBe(1);
      expect(result.background.requests).toBe(0);
      expect(result.total.gzip).toBe(result.files.reduce((n, f) => n + f.gzip, 0));
      expect(result.withBackground.gzip).toBe(
        result.total.gzip + result.background.files.reduce((n, f) => n + f.gzip, 0),
      );
      expect(result.lazy.gzip).toBeGreaterThan(1000);
      expect(result.background.total.gzip).toBeGreaterThan(2000);
    }
  }, 120_000);

  it('sees into shadow roots, closed ones included, attached after the observer started', async () => {
    const entry = `customElements.define('x-doctors', class extends HTMLElement {
  #root = this.attachShadow({ mode: 'closed' });
  async connectedCallback() {
    const response = await fetch(this.dataset.fhir + '/Patient/${id}');
    const patient = await response.json();
    const { keep } = await import('../lib/before.js');
    this.#root.innerHTML = '<ul><li part="name doctor">' + keep(patient.name[0].text) + '</li></ul>';
    setTimeout(() => import('../lib/after.js'), 0);
  }
});
`;
    const body = '<x-doctors data-fhir="%FHIR%"></x-doctors>';
    const options = { timeout: 10_000 };
    for (const done of [partShown('x-doctors', '[part~="doctor"]'), textShown(name)]) {
      const t = task('shadow', done, entry, body);
      const result = await measure(t, options);
      expect(result.files.map((f) => f.file).sort()).toEqual(
        ['/entry.js', await fileOf(t, 'before')].sort(),
      );
      expect(result.background.files.map((f) => f.file)).toEqual([await fileOf(t, 'after')]);
    }
  }, 30_000);
});

describe('a task fails loudly', () => {
  const fails = (done: DoneWhen, options: MeasureOptions = {}, entry = warnLike) =>
    measure(task('broken', done, entry), options);

  it('when its predicate throws, does not compile or returns something else than a boolean', async () => {
    await expect(
      fails({ what: 'typo', predicate: '({ textShown }) => textShwon("x")' }),
    ).rejects.toThrow(/the done predicate threw: ReferenceError: textShwon is not defined/);
    await expect(fails({ what: 'syntax', predicate: '=> nope' })).rejects.toThrow(
      /the done predicate does not compile: SyntaxError/,
    );
    await expect(fails({ what: 'not a function', predicate: '42' })).rejects.toThrow(
      /does not compile: TypeError: it is not a function/,
    );
    await expect(fails({ what: 'truthy', predicate: '() => 1' })).rejects.toThrow(
      /the done predicate returned number \(1\), not a boolean/,
    );
  }, 30_000);

  it('when its predicate never holds, after the timeout', async () => {
    await expect(fails(textShown('Không ai tên này'), { timeout: 3000 })).rejects.toThrow(
      /not done within 3 s[\s\S]*page text: Nguyễn Văn An/,
    );
  }, 30_000);

  it('when its predicate holds before the page could have shown anything', async () => {
    await expect(fails({ what: 'always', predicate: '() => true' })).rejects.toThrow(
      /before any FHIR response had arrived: the done predicate \(always\) held before the data could be on screen/,
    );
  }, 30_000);

  it('when the Resource Timing buffer overflows', async () => {
    await expect(fails(textShown(name), { bufferSize: 2 })).rejects.toThrow(
      /the Resource Timing buffer overflowed/,
    );
  }, 30_000);

  it('when the page throws after done', async () => {
    const entry = `${warnLike}setTimeout(() => { throw new Error('late failure'); }, 50);\n`;
    await expect(fails(textShown(name), {}, entry)).rejects.toThrow(/uncaught: late failure/);
  }, 30_000);
});

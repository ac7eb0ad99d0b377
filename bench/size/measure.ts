// One task, measured as a consumer ships it: bundle a tiny page with esbuild (minified ESM,
// code splitting so `import()` becomes lazy chunks), serve it, open it in Chromium against a real
// sandbox, wait until the task is done, and count every JavaScript and CSS file the page loaded
// until then (gzip -9 and brotli q11 of each file).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { bytesPerSource, sourceGroup, type SourceMap } from './sourcemap.ts';

/** A page that does one thing, and how to tell it is done. */
export interface PageTask {
  /** Stable id (file names, JSON). */
  id: string;
  /** Row label. */
  label: string;
  /** What the page does, for the report. */
  what: string;
  /** The page's entry module (JavaScript, or TSX for the React peers), in the consumer folder. */
  entry: string;
  /** Entry file extension. @default 'js' */
  loader?: 'js' | 'tsx';
  /** The page body; `%FHIR%` becomes the sandbox's FHIR base URL, `%ORIGIN%` its origin. */
  body: string;
  /** Resolves once the task is done (the data is on screen, the read resolved). */
  done: (page: Page) => Promise<void>;
  /** Enforced budget on the total gzip bytes (lazy included), checked by `--check`. */
  budget?: number;
  /** Report what the loaded bytes are made of. */
  breakdown?: boolean;
  /**
   * Packages whose code is reported apart (`React` for the React peers): their bytes are bundled
   * into chunks of their own (a second entry that imports only them), and `without` is the total
   * minus the loaded chunks made only of them.
   */
  apart?: { label: string; packages: string[]; imports: string };
}

/** Bytes of a set of files. */
export interface Bytes {
  raw: number;
  gzip: number;
  brotli: number;
}

/** One file the page loaded. */
export interface LoadedFile extends Bytes {
  file: string;
  kind: 'js' | 'css';
  /** The entry or a chunk it imports statically (loaded before anything runs). */
  upFront: boolean;
}

/** The measurement of one task. */
export interface TaskResult {
  id: string;
  label: string;
  what: string;
  files: LoadedFile[];
  total: Bytes;
  upFront: Bytes;
  lazy: Bytes;
  /** Lazy chunks the bundle has that this task never loaded (gzip). */
  notLoaded: { files: number; gzip: number };
  /** FHIR requests the page sent to the sandbox until done. */
  requests: number;
  /** Minified bytes per source among the loaded files, largest first. */
  breakdown?: { source: string; bytes: number }[];
  /** The total without the `apart` packages (e.g. without React). */
  without?: { label: string; total: Bytes };
  budget?: number;
  overBudget: boolean;
}

const gzipSize = (bytes: Uint8Array): number => gzipSync(bytes, { level: 9 }).length;
const brotliSize = (bytes: Uint8Array): number =>
  brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length;
const sum = (files: Bytes[]): Bytes => ({
  raw: files.reduce((n, f) => n + f.raw, 0),
  gzip: files.reduce((n, f) => n + f.gzip, 0),
  brotli: files.reduce((n, f) => n + f.brotli, 0),
});

interface Bundle {
  /** URL path (`/entry.js`) → contents. */
  files: Map<string, Uint8Array>;
  /** URL path → source map (JavaScript outputs). */
  maps: Map<string, SourceMap>;
  /** URL paths of the entry and its static imports. */
  upFront: Set<string>;
  /** URL paths of chunks made only of the `apart` packages. */
  apart: Set<string>;
  css: string[];
  /** npm packages bundled from more than one folder (two copies of lit, of core…). */
  duplicates: string[];
}

/** Bundle a task's page in `consumerDir` (where its dependencies are installed). */
async function bundle(task: PageTask, consumerDir: string): Promise<Bundle> {
  const srcDir = join(consumerDir, 'pages');
  mkdirSync(srcDir, { recursive: true });
  const entryFile = join(srcDir, `${task.id}.${task.loader ?? 'js'}`);
  writeFileSync(entryFile, task.entry);
  const entryPoints = [{ in: entryFile, out: 'entry' }];
  if (task.apart) {
    const apartFile = join(srcDir, `${task.id}.apart.js`);
    writeFileSync(apartFile, task.apart.imports);
    entryPoints.push({ in: apartFile, out: 'apart' });
  }
  const outdir = join(consumerDir, 'out', task.id);
  const result = await build({
    entryPoints,
    absWorkingDir: consumerDir,
    outdir,
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // The map is for the breakdown only: 'external' adds no sourceMappingURL comment, so the
    // files served are byte for byte what a production build without maps ships.
    sourcemap: 'external',
    sourcesContent: false,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
    chunkNames: 'chunk-[hash]',
  });
  const files = new Map<string, Uint8Array>();
  const maps = new Map<string, SourceMap>();
  for (const file of result.outputFiles) {
    const url = '/' + relative(outdir, file.path);
    if (url.endsWith('.map')) maps.set(url.slice(0, -4), JSON.parse(file.text) as SourceMap);
    else files.set(url, file.contents);
  }
  const outputs = result.metafile.outputs;
  const urlOf = (output: string): string => '/' + relative(outdir, join(consumerDir, output));
  const entryOutput = Object.keys(outputs).find(
    (k) => outputs[k]!.entryPoint !== undefined && urlOf(k) === '/entry.js',
  );
  if (!entryOutput) throw new Error(`esbuild produced no entry.js for ${task.id}`);
  const upFront = new Set<string>();
  const visit = (output: string): void => {
    if (upFront.has(urlOf(output))) return;
    upFront.add(urlOf(output));
    for (const imported of outputs[output]?.imports ?? []) {
      if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
    }
  };
  visit(entryOutput);
  const css = outputs[entryOutput]!.cssBundle;
  if (css) upFront.add(urlOf(css));
  return {
    files,
    maps,
    upFront,
    duplicates: duplicatePackages(result.metafile),
    apart: task.apart ? apartChunks(outputs, urlOf, task.apart.packages) : new Set(),
    css: css ? [urlOf(css)] : [],
  };
}

/** Package names whose files come from more than one installed folder. */
function duplicatePackages(metafile: Metafile): string[] {
  const folders = new Map<string, Set<string>>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
    if (!match) continue;
    const seen = folders.get(match[2]!) ?? new Set();
    seen.add(match[1]!);
    folders.set(match[2]!, seen);
  }
  return [...folders].filter(([, dirs]) => dirs.size > 1).map(([name]) => name);
}

/** Chunks whose every input is one of `packages` (or esbuild's runtime). */
function apartChunks(
  outputs: Metafile['outputs'],
  urlOf: (output: string) => string,
  packages: string[],
): Set<string> {
  const apart = new Set<string>();
  for (const [output, { inputs, entryPoint }] of Object.entries(outputs)) {
    if (entryPoint !== undefined || !output.endsWith('.js')) continue;
    const sources = Object.entries(inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0);
    if (
      sources.length > 0 &&
      sources.every(
        ([input]) => input.startsWith('<runtime>') || packages.includes(sourceGroup(input)),
      )
    )
      apart.add(urlOf(output));
  }
  return apart;
}

function page(task: PageTask, bundled: Bundle, sandbox: { baseUrl: string; origin: string }) {
  const styles = bundled.css.map((href) => `<link rel="stylesheet" href="${href}">`).join('');
  return (
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${task.label}</title>` +
    `${styles}<script type="module" src="/entry.js"></script></head><body>` +
    task.body.replaceAll('%FHIR%', sandbox.baseUrl).replaceAll('%ORIGIN%', sandbox.origin) +
    '</body></html>'
  );
}

async function serve(html: string, files: Map<string, Uint8Array>): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
      return;
    }
    const body = files.get(path);
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (!body || path.endsWith('.map')) {
      res.writeHead(404).end();
      return;
    }
    const type = path.endsWith('.css') ? 'text/css' : 'text/javascript';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/**
 * Measure one task: bundle it in `consumerDir`, serve it, open it in a fresh browser context and
 * count what loaded until `task.done` resolved. Throws when the page fails (an uncaught error, a
 * failed request, a console error, or the task not done in time), so a broken page is never
 * reported as small.
 */
export async function measureTask(
  task: PageTask,
  consumerDir: string,
  browser: Browser,
  sandbox: { baseUrl: string; origin: string },
): Promise<TaskResult> {
  const bundled = await bundle(task, consumerDir);
  const server = await serve(page(task, bundled, sandbox), bundled.files);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const context = await browser.newContext();
  const tab = await context.newPage();
  const problems: string[] = [];
  const loaded = new Set<string>();
  let requests = 0;
  tab.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  tab.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  tab.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
  );
  tab.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === origin && bundled.files.has(url.pathname)) loaded.add(url.pathname);
    else if (url.origin === sandbox.origin && response.request().method() !== 'OPTIONS') requests++;
    else if (url.origin !== origin) problems.push(`unexpected request: ${response.url()}`);
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  try {
    await tab.goto(origin + '/');
    await Promise.race([
      task.done(tab),
      new Promise<never>((_, reject) =>
        tab.on('pageerror', (error) => reject(new Error(`uncaught: ${error.message}`))),
      ),
    ]);
    const done = new Set(loaded);
    if (bundled.duplicates.length)
      problems.push(`bundled twice (two installed copies): ${bundled.duplicates.join(', ')}`);
    if (problems.length) throw new Error(problems.join('\n'));
    return summarise(task, bundled, done, requests);
  } catch (error) {
    // What the page shows, shadow roots included, to tell a slow page from a broken one.
    const text = await tab
      .evaluate(() => {
        const parts: string[] = [];
        const walk = (node: Node): void => {
          if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
          if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
          if (!(node instanceof HTMLStyleElement)) node.childNodes.forEach(walk);
        };
        walk(document.body);
        return parts.join(' ').replace(/\s+/g, ' ').trim().slice(0, 300);
      })
      .catch(() => '(page gone)');
    const detail = `\npage text: ${text}${problems.length ? `\n${problems.join('\n')}` : ''}`;
    throw new Error(`${task.label}: ${(error as Error).message}${detail}`, { cause: error });
  } finally {
    await context.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function summarise(
  task: PageTask,
  bundled: Bundle,
  loaded: Set<string>,
  requests: number,
): TaskResult {
  const files: LoadedFile[] = [...loaded].sort().map((file) => {
    const bytes = bundled.files.get(file)!;
    return {
      file,
      kind: file.endsWith('.css') ? 'css' : 'js',
      upFront: bundled.upFront.has(file),
      raw: bytes.length,
      gzip: gzipSize(bytes),
      brotli: brotliSize(bytes),
    };
  });
  for (const file of bundled.upFront) {
    if (!loaded.has(file))
      throw new Error(`${task.label}: ${file} is imported statically but never loaded`);
  }
  const unloaded = [...bundled.files.keys()].filter(
    (f) => !loaded.has(f) && f.endsWith('.js') && f !== '/apart.js' && !bundled.apart.has(f),
  );
  const total = sum(files);
  const result: TaskResult = {
    id: task.id,
    label: task.label,
    what: task.what,
    files,
    total,
    upFront: sum(files.filter((f) => f.upFront)),
    lazy: sum(files.filter((f) => !f.upFront)),
    notLoaded: {
      files: unloaded.length,
      gzip: unloaded.reduce((n, f) => n + gzipSize(bundled.files.get(f)!), 0),
    },
    requests,
    ...(task.budget !== undefined ? { budget: task.budget } : {}),
    overBudget: task.budget !== undefined && total.gzip > task.budget,
  };
  if (task.apart) {
    result.without = {
      label: task.apart.label,
      total: sum(files.filter((f) => !bundled.apart.has(f.file))),
    };
  }
  if (task.breakdown) {
    const perGroup = new Map<string, number>();
    for (const file of files) {
      const map = bundled.maps.get(file.file);
      if (!map) continue;
      const code = Buffer.from(bundled.files.get(file.file)!).toString('utf8');
      for (const [source, bytes] of bytesPerSource(code, map)) {
        const group = sourceGroup(source);
        perGroup.set(group, (perGroup.get(group) ?? 0) + bytes);
      }
    }
    result.breakdown = [...perGroup]
      .map(([source, bytes]) => ({ source, bytes }))
      .sort((a, b) => b.bytes - a.bytes);
  }
  return result;
}

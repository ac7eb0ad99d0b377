// One task, measured as a consumer ships it: bundle a tiny page with esbuild (bundle.ts), or
// take the packed no-build files as they are (served.ts), serve it, open it in Chromium against a
// real sandbox, let the page itself record the instant the task
// is done (done.ts, in-page.js), and count every JavaScript and CSS file whose Resource Timing
// entry was in the page's timeline at that instant (gzip -9 and brotli q11 of each file). What
// loads after it (warn-mode validation, for one) is reported apart as background, never hidden.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { bundle, type Bundle } from './bundle.ts';
import { servedFiles } from './served.ts';
import { readDone, waitForDone, doneScript, type DoneReport, type DoneWhen } from './done.ts';
import { watchNetwork } from './network.ts';
import { bytesPerSource, sourceGroup } from './sourcemap.ts';

/** A page that does one thing, and how to tell it is done. */
export interface PageTask {
  /** Stable id (file names, JSON). */
  id: string;
  /** Row label. */
  label: string;
  /** What the page does, for the report. */
  what: string;
  /**
   * The page's entry module (JavaScript, or TSX for the React peers), in the consumer folder,
   * bundled with esbuild. A {@link PageTask.served} task has none.
   */
  entry?: string;
  /**
   * No bundler: the page's one `<script type="module">` is `script`, a file of the consumer
   * folder's `dir` (`node_modules/@vnhealth/components/dist/cdn`), served as it is under
   * `/cdn/` with every file it imports.
   */
  served?: { dir: string; script: string };
  /** Entry file extension. @default 'js' */
  loader?: 'js' | 'tsx';
  /** The page body; `%FHIR%` becomes the sandbox's FHIR base URL, `%ORIGIN%` its origin. */
  body: string;
  /** When the task is done, decided inside the page ({@link textShown}, {@link partShown}). */
  done: DoneWhen;
  /** Enforced budget on the gzip bytes loaded until done (lazy included), checked by `--check`. */
  budget?: number;
  /** Enforced budgets on single files' gzip (URL path → bytes), e.g. `/cdn/autoloader.js`. */
  fileBudgets?: Record<string, number>;
  /** Report what the bytes loaded until done are made of. */
  breakdown?: boolean;
  /**
   * Packages whose code is reported apart (`React` for the React peers): their bytes are bundled
   * into chunks of their own (a second entry that imports only them), and `without` is the total
   * minus the loaded chunks made only of them.
   */
  apart?: { label: string; packages: string[]; imports: string };
}

/** How {@link measureTask} waits (see {@link measureDefaults}). */
export interface MeasureOptions {
  /** Milliseconds the page has to be done (and, after done, to stop loading). @default 30000 */
  timeout?: number;
  /** After done, how long no request may be in flight before the background is read. @default 1000 */
  quiet?: number;
  /** Resource Timing buffer size; the task fails if the page overflows it. @default 5000 */
  bufferSize?: number;
}

/** The waits and buffer size `npm run size` uses. */
export const measureDefaults = { timeout: 30_000, quiet: 1000, bufferSize: 5000 } as const;

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
  /** What "done" meant (the task's predicate). No timings: results change only when sizes do. */
  doneWhen: string;
  /** Files loaded until done (their Resource Timing entry in the timeline at the done instant). */
  files: LoadedFile[];
  /** Everything loaded until done; the budget applies to its gzip. */
  total: Bytes;
  upFront: Bytes;
  lazy: Bytes;
  /** What loaded after done, until the network was quiet (e.g. warn-mode validation). */
  background: { files: LoadedFile[]; total: Bytes; requests: number };
  /** `total` plus `background`. */
  withBackground: Bytes;
  /** Lazy chunks the bundle has that this task never loaded, not even after done (gzip). */
  notLoaded: { files: number; gzip: number };
  /** FHIR requests the page completed until done. */
  requests: number;
  /** Minified bytes per source among the files loaded until done, largest first. */
  breakdown?: { source: string; bytes: number }[];
  /** The total without the `apart` packages (e.g. without React). */
  without?: { label: string; total: Bytes };
  budget?: number;
  /** Each file budget and the file's gzip (a budgeted file the page did not load fails it). */
  fileBudgets?: { file: string; gzip: number; budget: number; over: boolean }[];
  /** Over `budget`, or some file over its file budget. */
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

function page(task: PageTask, bundled: Bundle, sandbox: { baseUrl: string; origin: string }) {
  const styles = bundled.css.map((href) => `<link rel="stylesheet" href="${href}">`).join('');
  return (
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${task.label}</title>` +
    `${styles}<script type="module" src="${task.served ? `/cdn/${task.served.script}` : '/entry.js'}"></script></head><body>` +
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

/** A page that shows what it shows, shadow roots included, to tell a slow page from a broken one. */
const pageText = `(() => {
  const parts = [];
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    if (!(node instanceof HTMLStyleElement)) node.childNodes.forEach(walk);
  };
  walk(document.body);
  return parts.join(' ').replace(/\\s+/g, ' ').trim().slice(0, 300);
})()`;

/**
 * Measure one task: bundle it in `consumerDir`, serve it, open it in a fresh browser context,
 * wait until the page has recorded its done instant and then until its network is quiet, and
 * count what loaded until done and after it. Throws when the page fails (an uncaught error, a
 * console error, a failed, erroring or unexpected request, a predicate that throws, a task not
 * done in time, an overflowed Resource Timing buffer, a package bundled twice), so a broken page
 * is never reported as small.
 */
export async function measureTask(
  task: PageTask,
  consumerDir: string,
  browser: Browser,
  sandbox: { baseUrl: string; origin: string },
  options: MeasureOptions = {},
): Promise<TaskResult> {
  const { timeout, quiet, bufferSize } = { ...measureDefaults, ...options };
  const bundled = task.served ? servedFiles(task, consumerDir) : await bundle(task, consumerDir);
  const server = await serve(page(task, bundled, sandbox), bundled.files);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const context = await browser.newContext();
  await context.addInitScript({ content: doneScript(task.done, bufferSize) });
  const tab = await context.newPage();
  const network = watchNetwork(tab, { page: origin, sandbox: sandbox.origin }, (path) =>
    bundled.files.has(path),
  );
  const crashed = new Promise<never>((_, reject) =>
    tab.on('pageerror', (error) => reject(new Error(`uncaught: ${error.message}`))),
  );
  crashed.catch(() => {});
  try {
    await tab.goto(origin + '/');
    await Promise.race([waitForDone(tab, timeout), crashed]);
    await Promise.race([network.quiet(quiet, timeout), crashed]);
    const report = await readDone(tab);
    const loads = split(report, bundled, origin, sandbox.origin, network.problems);
    if (!sameSet(network.bundleFiles, loads.all))
      network.problems.push(
        `Resource Timing and the network disagree: the network saw ${[...network.bundleFiles].sort().join(', ')}; Resource Timing ${[...loads.all].sort().join(', ')}`,
      );
    if (network.fhirRequests !== loads.requests + loads.backgroundRequests)
      network.problems.push(
        `Resource Timing has ${loads.requests + loads.backgroundRequests} FHIR requests, the network saw ${network.fhirRequests}`,
      );
    if (bundled.duplicates.length)
      network.problems.push(
        `bundled twice (two installed copies): ${bundled.duplicates.join(', ')}`,
      );
    if (network.problems.length) throw new Error(network.problems.join('\n'));
    return summarise(task, bundled, report.done, loads);
  } catch (error) {
    const text = await tab.evaluate(pageText).catch(() => '(page gone)');
    const problems = network.problems.filter((p) => !(error as Error).message.includes(p));
    const detail = `\npage text: ${text}${problems.length ? `\n${problems.join('\n')}` : ''}`;
    throw new Error(`${task.label}: ${(error as Error).message}${detail}`, { cause: error });
  } finally {
    await context.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const sameSet = (a: Set<string>, b: Set<string>): boolean =>
  a.size === b.size && [...a].every((x) => b.has(x));

interface Loads {
  /** Bundle files the page had handled at the done instant. */
  done: Set<string>;
  /** Bundle files it handled after. */
  background: Set<string>;
  all: Set<string>;
  requests: number;
  backgroundRequests: number;
  /** Some FHIR response had ended (`responseEnd`) by the done instant. */
  dataArrived: boolean;
}

/**
 * Sort the page's Resource Timing entries into until done (in the timeline when the done instant
 * was recorded) and after done. Every entry until done must have ended by then.
 */
function split(
  report: DoneReport,
  bundled: Bundle,
  origin: string,
  sandboxOrigin: string,
  problems: string[],
): Loads {
  const loads: Loads = {
    done: new Set(),
    background: new Set(),
    all: new Set(),
    requests: 0,
    backgroundRequests: 0,
    dataArrived: false,
  };
  for (const entry of report.resources) {
    const url = new URL(entry.name);
    if (!(entry.responseEnd > 0)) problems.push(`no responseEnd for ${entry.name}`);
    if (entry.atDone && entry.responseEnd > report.done)
      problems.push(`${entry.name} is in the timeline at done but ended after it`);
    if (url.origin === origin && bundled.files.has(url.pathname)) {
      loads.all.add(url.pathname);
      if (entry.atDone) loads.done.add(url.pathname);
    } else if (url.origin === sandboxOrigin) {
      if (entry.atDone) loads.requests++;
      else loads.backgroundRequests++;
      if (entry.responseEnd <= report.done) loads.dataArrived = true;
    }
  }
  for (const file of loads.all) if (!loads.done.has(file)) loads.background.add(file);
  return loads;
}

function loaded(bundled: Bundle, files: Set<string>): LoadedFile[] {
  return [...files].sort().map((file) => {
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
}

function summarise(task: PageTask, bundled: Bundle, doneAt: number, loads: Loads): TaskResult {
  // Every task shows data from the sandbox: done before its response is a predicate that held
  // too early (which would under-count), however the page happens to be timed.
  if (!loads.dataArrived)
    throw new Error(
      `done at ${doneAt.toFixed(1)} ms, before any FHIR response had arrived: the done predicate (${task.done.what}) held before the data could be on screen`,
    );
  const files = loaded(bundled, loads.done);
  const backgroundFiles = loaded(bundled, loads.background);
  for (const file of bundled.upFront) {
    if (!loads.done.has(file))
      throw new Error(
        `${file} is imported statically but ${loads.background.has(file) ? 'loaded only after done' : 'never loaded'}`,
      );
  }
  const unloaded = [...bundled.files.keys()].filter(
    (f) => !loads.all.has(f) && f.endsWith('.js') && f !== '/apart.js' && !bundled.apart.has(f),
  );
  const total = sum(files);
  const background = sum(backgroundFiles);
  const result: TaskResult = {
    id: task.id,
    label: task.label,
    what: task.what,
    doneWhen: task.done.what,
    files,
    total,
    upFront: sum(files.filter((f) => f.upFront)),
    lazy: sum(files.filter((f) => !f.upFront)),
    background: { files: backgroundFiles, total: background, requests: loads.backgroundRequests },
    withBackground: sum([total, background]),
    notLoaded: {
      files: unloaded.length,
      gzip: unloaded.reduce((n, f) => n + gzipSize(bundled.files.get(f)!), 0),
    },
    requests: loads.requests,
    ...(task.budget !== undefined ? { budget: task.budget } : {}),
    overBudget: task.budget !== undefined && total.gzip > task.budget,
  };
  if (task.fileBudgets) {
    result.fileBudgets = Object.entries(task.fileBudgets).map(([file, budget]) => {
      const gzip = files.find((f) => f.file === file)?.gzip;
      if (gzip === undefined) throw new Error(`${file} has a budget but was not loaded until done`);
      return { file, gzip, budget, over: gzip > budget };
    });
    if (result.fileBudgets.some((b) => b.over)) result.overBudget = true;
  }
  if (task.apart) {
    result.without = {
      label: task.apart.label,
      total: sum(files.filter((f) => !bundled.apart.has(f.file))),
    };
  }
  if (task.breakdown) result.breakdown = breakdown(bundled, files);
  return result;
}

/** Minified bytes per source group among `files`, largest first. */
function breakdown(bundled: Bundle, files: LoadedFile[]): { source: string; bytes: number }[] {
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
  return [...perGroup]
    .map(([source, bytes]) => ({ source, bytes }))
    .sort((a, b) => b.bytes - a.bytes);
}

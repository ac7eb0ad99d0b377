/**
 * Vaccination history rendering benchmark (`npm run bench -- history`): the first render of
 * `<vnh-vaccination-history>` with records of 30, 300 and 3,000 Immunization resources, for a
 * child (TCMR) and an adult (Vietnam's adult schedule), in Debian's Chromium. The page
 * (bench/history-page.ts) imports the element from the built package as a user does and is
 * bundled with esbuild; each render is traced (Chrome trace events) to find the longest
 * main-thread task. A measurement on a shared machine, never a pass/fail test. Writes
 * bench/results/history.md.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.ts';
import type { RenderTiming } from './history-page.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SIZES = [30, 300, 3000] as const;
const KINDS = ['child', 'adult'] as const;
/** The as-of day of bench/history-page.ts (the page module cannot load in Node). */
const AS_OF = '2026-11-28';
const ROUNDS = Number(process.env.VNH_BENCH_ROUNDS ?? 15);
/** A 60 Hz frame. */
const FRAME = 1000 / 60;
/** A long task (the Long Tasks API's threshold). */
const LONG = 50;

type Kind = (typeof KINDS)[number];

/** The components package must be built, after its last source change. */
function assertBuilt(): void {
  const dir = join(root, 'packages', 'components');
  const dist = join(dir, 'dist', 'vaccination-history', 'define.js');
  if (!existsSync(dist)) throw new Error('packages/components is not built: run `npm run build`.');
  const built = statSync(dist).mtimeMs;
  for (const entry of readdirSync(join(dir, 'src'), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || /\.(test|stories|fixtures)\.ts$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    if (statSync(path).mtimeMs > built)
      throw new Error(`${relative(root, path)} changed after the build: run \`npm run build\`.`);
  }
}

/** The page, bundled as a consumer's: minified browser ESM resolving the packages' dist. */
async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [join(root, 'bench', 'history-page.ts')],
    absWorkingDir: root,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
    // Lazy chunks (the English words) are inlined: the benchmark renders in Vietnamese only.
    splitting: false,
  });
  return result.outputFiles[0]!.text;
}

async function serve(script: string): Promise<Server> {
  const html =
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>history bench</title>' +
    '<meta name="viewport" content="width=device-width">' +
    '<script type="module" src="/page.js"></script></head><body></body></html>';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else if (path === '/page.js')
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else if (path === '/favicon.ico') res.writeHead(204).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/**
 * The renderer main thread's top-level tasks (ms) between the page's `vnh-start` and `vnh-idle`
 * marks: the longest, and the first (the one `vnh-start` is marked in: the task that sets the
 * data, with the updates it runs as microtasks).
 */
function tasks(trace: Buffer): { longest: number; first: number } {
  const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] };
  const mark = (name: string) => {
    const found = traceEvents.find((e) => e.name === name && e.cat.includes('blink.user_timing'));
    if (!found) throw new Error(`the trace has no ${name} mark`);
    return found;
  };
  const start = mark('vnh-start');
  const end = mark('vnh-idle');
  let longest = 0;
  let first = 0;
  for (const e of traceEvents) {
    if (e.pid !== start.pid || e.tid !== start.tid || e.ph !== 'X' || e.name !== 'RunTask')
      continue;
    const dur = e.dur ?? 0;
    if (e.ts + dur < start.ts || e.ts > end.ts) continue;
    longest = Math.max(longest, dur / 1000);
    if (e.ts <= start.ts && start.ts <= e.ts + dur) first = dur / 1000;
  }
  if (longest === 0) throw new Error('the trace has no RunTask event in the window');
  if (first === 0) throw new Error('the trace has no RunTask around the vnh-start mark');
  return { longest, first };
}

const categories = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'toplevel',
  'blink.user_timing',
];

async function traced<T>(
  browser: Browser,
  page: Page,
  run: () => Promise<T>,
): Promise<{ value: T; longest: number | undefined; first: number | undefined }> {
  await browser.startTracing(page, { categories });
  const value = await run();
  const trace = await browser.stopTracing();
  // A run that had nothing to do (no group to expand) returns undefined and marks nothing.
  const found = value === undefined ? undefined : tasks(trace);
  return { value, longest: found?.longest, first: found?.first };
}

interface Render {
  complete: number;
  first: number;
  longest: number;
  idle: number;
  rows: number;
}

interface Sample {
  /** The first element of a fresh page: nothing compiled yet. */
  cold: Render;
  /** A second element in the same page, with a record of its own. */
  warm: Render;
  /** `evaluateSchedule` alone on a record of the same size, after the warm render. */
  engine: number;
  /** "Show all" on the warm element's largest group. */
  expand?: { longest: number; idle: number; rows: number };
}

async function sample(browser: Browser, origin: string, kind: Kind, n: number): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const render = async (): Promise<Render> => {
    const { value, longest, first } = await traced(browser, page, () =>
      page.evaluate(([k, size]) => globalThis.__vnhHistoryBench.render(k, size), [
        kind,
        n,
      ] as const),
    );
    const timing: RenderTiming = value;
    if (timing.rows === 0) throw new Error(`${kind} ${n}: no dose row rendered`);
    return { ...timing, longest: longest!, first: first! };
  };
  try {
    await page.goto(origin + '/');
    await page.waitForFunction(() => typeof globalThis.__vnhHistoryBench === 'object');
    const cold = await render();
    const warm = await render();
    const engine = await page.evaluate(
      ([k, size]) => globalThis.__vnhHistoryBench.engine(k, size),
      [kind, n] as const,
    );
    const expanded = await traced(browser, page, () =>
      page.evaluate(() => globalThis.__vnhHistoryBench.expand()),
    );
    if (errors.length) throw new Error(`${kind} ${n}: ${errors.join('\n')}`);
    return {
      cold,
      warm,
      engine,
      ...(expanded.value ? { expand: { ...expanded.value, longest: expanded.longest! } } : {}),
    };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const f = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
const stat = (xs: number[]) => `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;

/** Runs the benchmark and writes bench/results/history.md. */
export async function runHistoryBench(): Promise<string> {
  assertBuilt();
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new Error(
      'No Chromium found: install it (apt-get install chromium) or set CHROMIUM_PATH.',
    );
  const script = await bundlePage();
  const server = await serve(script);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  const version = browser.version();
  const samples = new Map<string, Sample[]>();
  const key = (kind: Kind, n: number) => `${kind} ${n}`;
  try {
    // One warm-up of each, not counted: the first page of a fresh browser compiles more.
    for (const kind of KINDS) for (const n of SIZES) await sample(browser, origin, kind, n);
    for (let r = 0; r < ROUNDS; r++) {
      for (const kind of KINDS)
        for (const n of SIZES) {
          const list = samples.get(key(kind, n)) ?? [];
          list.push(await sample(browser, origin, kind, n));
          samples.set(key(kind, n), list);
        }
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  const label = { child: 'child, TCMR (born 2021)', adult: 'adult (born 1985)' } as const;
  const table = (which: 'cold' | 'warm') =>
    KINDS.flatMap((kind) =>
      SIZES.map((n) => {
        const s = samples.get(key(kind, n))!.map((x) => x[which]);
        const first = s.map((x) => x.first);
        const longest = s.map((x) => x.longest);
        const frame = n === 300 ? (median(first) <= FRAME ? ' ok' : ' over') : '';
        const long = n === 3000 ? (Math.max(...longest) <= LONG ? ' ok' : ' over') : '';
        const engine = samples.get(key(kind, n))!.map((x) => x.engine);
        return (
          `| ${label[kind]} | ${n.toLocaleString('en')} | ${s[0]!.rows} | ${stat(first)}${frame} | ` +
          `${stat(longest)}${long} | ${stat(s.map((x) => x.complete))} | ${stat(s.map((x) => x.idle))} |` +
          (which === 'warm' ? ` ${stat(engine)} |` : '')
        );
      }),
    );
  const expandRows = KINDS.flatMap((kind) =>
    SIZES.map((n) => {
      const e = samples.get(key(kind, n))!.flatMap((x) => (x.expand ? [x.expand] : []));
      const longest = e.map((x) => x.longest);
      return e.length
        ? `| ${label[kind]} | ${n.toLocaleString('en')} | ${e[0]!.rows} | ${stat(longest)}${Math.max(...longest) <= LONG ? ' ok' : ' over'} | ${stat(e.map((x) => x.idle))} |`
        : `| ${label[kind]} | ${n.toLocaleString('en')} | no group collapsed | — | — |`;
    }),
  );
  const head = (engine: boolean) =>
    `| patient | doses | rows shown | first task | longest task | all rows | to idle |${engine ? ' engine alone |' : ''}\n|---|---:|---:|---:|---:|---:|---:|${engine ? '---:|' : ''}`;
  const text = `# Vaccination history rendering benchmark

Generated by \`npm run bench -- history\` on ${new Date().toISOString()} (Chromium ${version}, headless, ${process.arch}, Node ${process.version}).
A measurement on a shared machine (2 cores), not a pass/fail test. The page (bench/history-page.ts) imports \`<vnh-vaccination-history>\` from the built \`@vnhealth/components\` (dist), bundled with esbuild, \`lang="vi"\`, 1280×800. Records are seeded and evaluated on a fixed day (${AS_OF}): the schedule's doses at their ages (one given too early), then CVX and VN-coded doses spread over the lifetime, with lot numbers, locations and performers, about 1 in 12 not done with a reason and 1 in 60 entered in error; the child is evaluated against TCMR (\`vnScheduleFor\`, born 2021), the adult against the adult schedule (born 1985). Each sample is a fresh page (a new browser context): an element is connected without data, then in a task of its own \`.patient\` and \`.immunizations\` are set; that is the first render, with nothing compiled yet (code, Lit templates, the schedule). Then a second element replaces it and gets a record of the same size built anew (no memo can hit): the same render with the page warm. Median (min–max) of ${ROUNDS} samples per row, interleaved, after one warm-up of each; milliseconds. "Rows shown": dose rows in the DOM when the element's \`updateComplete\` resolves (every section rendered; long groups collapsed to their latest 10).

How the element spreads the work: a record of more than 1,000 doses is evaluated in a task of its own, then rendered in the next; the render puts the first sections in the DOM (about 24 rows), and the others follow a chunk per frame (each paced to about 24 ms from frame to frame); \`updateComplete\` resolves when all are in.

- **first task**: the renderer main thread's \`RunTask\` (Chrome trace events) in which the data is set: its script, with the element's update that runs in it as microtasks (up to 1,000 doses: the engine and the first sections' templates and DOM; style and layout come in the frame's own task). Goal at 300 doses: one 60 Hz frame, ≤ ${FRAME.toFixed(1)} ms (median).
- **longest task**: the longest \`RunTask\` of the renderer's main thread from setting the data until idle, the frames' style, layout and paint included. Goal at 3,000 doses: no task over ${LONG} ms (every sample).
- **all rows**: setting the data to the element's \`updateComplete\` (\`performance.now()\`): every section in the DOM, the frames between the chunks included (wall time, not script).
- **to idle**: setting the data to the first \`requestIdleCallback\` after the next frame.
- **engine alone**: \`evaluateSchedule\` (\`@vnhealth/core/schedule\`, which the element calls once per record, memoised) timed alone in the same page on a record of the same size built anew: the part of the script time that is not the element's.
- **show all**: after the second render, clicking "show all" on the group with the most doses, until all its rows are in the DOM and the page is idle.

## First render in a fresh page

${head(false)}
${table('cold').join('\n')}

## A second element in the same page (code compiled, schedule compiled)

${head(true)}
${table('warm').join('\n')}

## Show all, on the second element's group with the most doses

| patient | doses | rows after | longest task | to idle |
|---|---:|---:|---:|---:|
${expandRows.join('\n')}
`;
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'history.md'), text);
  return text;
}

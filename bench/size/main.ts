// `npm run size [-- --check] [-- --no-peers]`: the bytes each task loads until it is done (and
// after, as background), measured from the packed packages as a consumer ships them (see
// measure.ts), and the budgets `npm test` enforces.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { chromium } from 'playwright-core';
import type { startSandbox as StartSandbox } from '@vnhealth/sandbox';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.ts';
import { installConsumer, packWorkspace, root } from '../../scripts/pack.ts';
import { measureTask, type PageTask, type TaskResult } from './measure.ts';
import { peerDependencies, peerTasks } from './peers.ts';
import { markdown, summaryTable } from './report.ts';
import { KB, budgets, ourTasks } from './tasks.ts';

/** What {@link runSize} measures. */
export interface SizeOptions {
  /** Also measure the peer libraries (installs them into a fresh folder; bench only). */
  peers?: boolean;
  /** Measure only the tasks with these ids. */
  only?: string[];
}

export interface SizeRun {
  generated: string;
  ours: TaskResult[];
  peers: TaskResult[];
  timings: Record<string, number>;
  failures: string[];
}

const resultsDir = join(root, 'bench', 'results');

/** The packages must be built, and built after their last source change. */
function assertBuilt(): void {
  for (const folder of ['packages/core', 'packages/components', 'packages/sandbox']) {
    const dist = join(root, folder, 'dist', 'index.js');
    if (!existsSync(dist)) throw new Error(`${folder} is not built: run \`npm run build\` first.`);
    const built = statSync(dist).mtimeMs;
    const stale = newestSource(join(root, folder, 'src'));
    if (stale && stale.mtime > built)
      throw new Error(
        `${relative(root, stale.path)} changed after ${folder} was built: run \`npm run build\` first.`,
      );
  }
}

function newestSource(dir: string): { path: string; mtime: number } | undefined {
  let newest: { path: string; mtime: number } | undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || /\.(test|stories|fixtures)\.ts$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const mtime = statSync(path).mtimeMs;
    if (!newest || mtime > newest.mtime) newest = { path, mtime };
  }
  return newest;
}

async function timed<T>(timings: Record<string, number>, name: string, run: () => Promise<T> | T) {
  const t0 = Date.now();
  try {
    return await run();
  } finally {
    timings[name] = (Date.now() - t0) / 1000;
  }
}

/** Measure every task (and the peers' when asked); never throws for a task, reports it. */
export async function runSize(options: SizeOptions = {}): Promise<SizeRun> {
  assertBuilt();
  const timings: Record<string, number> = {};
  const work = mkdtempSync(join(tmpdir(), 'vnh-size-'));
  const failures: string[] = [];
  const run: SizeRun = {
    generated: new Date().toISOString(),
    ours: [],
    peers: [],
    timings,
    failures,
  };
  try {
    const tarballs = await timed(timings, 'pack', () => packWorkspace(join(work, 'packs')));
    const consumer = await timed(timings, 'install', () =>
      installConsumer('size', {
        tarballs: {
          '@vnhealth/core': tarballs['@vnhealth/core'],
          '@vnhealth/components': tarballs['@vnhealth/components'],
        },
        dir: join(work, 'ours'),
      }),
    );
    const peersDir = options.peers
      ? await timed(timings, 'install peers', () =>
          installConsumer('size-peers', {
            tarballs: {},
            dependencies: { ...peerDependencies },
            dir: join(work, 'peers'),
          }),
        )
      : undefined;
    // The built sandbox (packages/sandbox/dist, through the workspace link).
    const { startSandbox } = (await import('@vnhealth/sandbox')) as {
      startSandbox: typeof StartSandbox;
    };
    const sandbox = await timed(timings, 'sandbox', () => startSandbox({ port: 0, quiet: true }));
    try {
      const executablePath = chromiumPath();
      if (!executablePath)
        throw new Error(
          'No Chromium found: install it (apt-get install chromium) or set CHROMIUM_PATH.',
        );
      const browser = await chromium.launch({ executablePath, args: chromiumArgs });
      const measureAll = async (tasks: PageTask[], dir: string, into: TaskResult[]) => {
        for (const task of tasks) {
          if (options.only && !options.only.includes(task.id)) continue;
          try {
            into.push(
              await timed(timings, task.id, () => measureTask(task, dir, browser, sandbox)),
            );
          } catch (error) {
            failures.push((error as Error).message);
          }
        }
      };
      try {
        await measureAll(ourTasks, consumer, run.ours);
        if (peersDir) await measureAll(peerTasks, peersDir, run.peers);
      } finally {
        await browser.close();
      }
    } finally {
      await sandbox.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return run;
}

/** The CLI: measure, print, write the results (unless `--check`), enforce the budgets. */
export async function sizeCli(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  // The committed results always hold ours and the peers from one run; --check measures ours only.
  const peers = !check && !argv.includes('--no-peers');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? argv[onlyAt + 1]?.split(',') : undefined;
  const t0 = Date.now();
  const run = await runSize({ peers, ...(only ? { only } : {}) });
  const seconds = (Date.now() - t0) / 1000;
  console.log(summaryTable(run));
  console.log(
    `\n${Object.entries(run.timings)
      .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
      .join(', ')}; total ${seconds.toFixed(1)} s`,
  );
  for (const failure of run.failures) console.error(`size: ${failure}`);
  if (!check && peers && !only && !run.failures.length) {
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'size.md'), markdown(run));
    writeFileSync(
      join(resultsDir, 'size.json'),
      `${JSON.stringify({ generated: run.generated, kb: KB, budgets, ours: run.ours, peers: run.peers }, null, 2)}\n`,
    );
    console.log(`wrote ${relative(root, join(resultsDir, 'size.md'))} and size.json`);
  }
  const over = run.ours.filter((r) => r.overBudget);
  for (const r of over) {
    const top = (r.breakdown ?? [])
      .slice(0, 8)
      .map((b) => `${b.source} ${(b.bytes / KB).toFixed(1)} KB`)
      .join(', ');
    for (const b of r.fileBudgets ?? [])
      if (b.over)
        console.error(
          `size: ${r.label}: ${b.file.slice(1)} is ${(b.gzip / KB).toFixed(2)} KB gzip, over its budget of ${(b.budget / KB).toFixed(2)} KB.`,
        );
    if (r.budget === undefined || r.total.gzip <= r.budget) continue;
    console.error(
      `size: ${r.label} loads ${(r.total.gzip / KB).toFixed(1)} KB gzip until done, over its ` +
        `budget of ${(r.budget / KB).toFixed(1)} KB (${(r.background.total.gzip / KB).toFixed(1)} KB ` +
        `more load after done, not budgeted). Largest minified sources until done: ${top}.`,
    );
  }
  const missing = Object.keys(budgets).filter(
    (id) => (!only || only.includes(id)) && !run.ours.some((r) => r.id === id),
  );
  for (const id of missing) console.error(`size: budgeted task ${id} was not measured.`);
  if (run.failures.length || over.length || missing.length) return 1;
  if (check) console.log('size --check: every budget holds.');
  return 0;
}

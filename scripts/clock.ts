// `npm run test:clock` (the `clock` step of `npm test`): the suite must not depend on the day it
// runs. At each instant below, where date code breaks (a Sunday 23:30 in Asia/Ho_Chi_Minh, the
// end of an ICT week while UTC is still on Sunday; a run that crosses midnight ICT on Tết eve,
// into a new month and a lunar new year; a leap day), it runs
// - the `node` project (core, sandbox, the SDK against the sandbox over HTTP) under Debian's
//   faketime, with another runtime time zone each time, so nothing leans on the host's zone (its
//   few tests that drive Chromium launch it without faketime: scripts/chromium.ts chromiumEnv);
// - the `browser` and `storybook` projects with VNH_CLOCK_START: Chromium misbehaves under
//   faketime, so the pages' `Date` reads the instant instead (test/setup/browser-clock.ts) and
//   the sandbox's seed is anchored to it (test/setup/sandbox-global.ts).
// Today is the `tests` step itself (the real clock). The e2e project stays on the real clock.
//
//   npm run test:clock                        every instant, every layer
//   npm run test:clock -- --only leap-day     one instant (names below)
//   npm run test:clock -- --layers node       one layer (node, browser)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './pack.ts';

/** One faked clock: the instant the run starts at (the clock then runs), and the host zone. */
export interface ClockRun {
  name: string;
  /** What the instant is, in words. */
  what: string;
  /** UTC instant the faked clock starts at. */
  start: string;
  /** `TZ` of the test process. */
  tz: string;
}

export const clockRuns: readonly ClockRun[] = [
  {
    name: 'sunday-night',
    what: 'Sunday 6 December 2026, 23:30 ICT (16:30 UTC, still Sunday in UTC)',
    start: '2026-12-06 16:30:00 UTC',
    tz: 'Asia/Ho_Chi_Minh',
  },
  {
    name: 'tet-eve',
    what: 'Tết eve, Friday 5 February 2027, 23:59:30 ICT: the run crosses midnight ICT into Tết',
    start: '2027-02-05 16:59:30 UTC',
    tz: 'UTC',
  },
  {
    name: 'leap-day',
    what: 'Tuesday 29 February 2028, 06:00 ICT (28 February, 23:00 UTC)',
    start: '2028-02-28 23:00:00 UTC',
    tz: 'America/New_York',
  },
];

const faketime = '/usr/bin/faketime';

type Layer = 'node' | 'browser';

/** The command of one layer at one instant. */
function command(
  run: ClockRun,
  layer: Layer,
  vitest: string,
): { file: string; args: string[]; env: NodeJS.ProcessEnv } {
  if (layer === 'node') {
    return {
      file: faketime,
      args: [run.start, process.execPath, vitest, 'run', '--project', 'node'],
      // Timers and timeouts keep the real monotonic clock; only the wall clock is faked.
      env: { ...process.env, TZ: run.tz, FAKETIME_DONT_FAKE_MONOTONIC: '1' },
    };
  }
  return {
    file: process.execPath,
    args: [vitest, 'run', '--project', 'browser', '--project', 'storybook'],
    env: { ...process.env, VNH_CLOCK_START: isoOf(run.start) },
  };
}

/** `2026-12-06 16:30:00 UTC` → `2026-12-06T16:30:00Z`. */
function isoOf(start: string): string {
  return start.replace(' UTC', 'Z').replace(' ', 'T');
}

function main(): void {
  const argv = process.argv.slice(2);
  const option = (name: string): string[] | undefined => {
    const at = argv.indexOf(name);
    return at === -1 ? undefined : argv[at + 1]?.split(',');
  };
  const only = option('--only');
  const layers = (option('--layers') ?? ['node', 'browser']) as Layer[];
  const runs = clockRuns.filter((r) => !only || only.includes(r.name));
  if (runs.length === 0 || layers.some((l) => l !== 'node' && l !== 'browser')) {
    console.error(
      `test:clock: runs are ${clockRuns.map((r) => r.name).join(', ')}; layers are node, browser`,
    );
    process.exit(2);
  }
  if (layers.includes('node') && !existsSync(faketime)) {
    console.error(
      'test:clock: faketime is missing. Install it: `sudo apt-get install -y faketime` (Debian/Ubuntu).',
    );
    process.exit(1);
  }
  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  if (layers.includes('node')) for (const run of runs) assertFaked(run);
  const results: string[] = [];
  let failed = 0;
  for (const run of runs) {
    for (const layer of layers) {
      console.log(
        `\n⏰ ${run.name} · ${layer}: ${run.what}${layer === 'node' ? ` (TZ=${run.tz})` : ''}`,
      );
      const { file, args, env } = command(run, layer, vitest);
      const t0 = performance.now();
      const result = spawnSync(file, args, { cwd: root, stdio: 'inherit', env });
      const seconds = ((performance.now() - t0) / 1000).toFixed(1);
      const ok = result.status === 0;
      if (!ok) failed += 1;
      results.push(
        `${run.name.padEnd(13)} ${layer.padEnd(8)} ${isoOf(run.start).padEnd(21)} ${layer === 'node' ? `TZ=${run.tz}`.padEnd(20) : ''.padEnd(20)} ${seconds.padStart(6)} s  ${ok ? 'ok' : 'FAILED'}`,
      );
    }
  }
  console.log(`\nclock runs:\n${results.join('\n')}`);
  process.exit(failed > 0 ? 1 : 0);
}

/** Fails loudly unless faketime really moves this Node's wall clock (a static binary would not). */
function assertFaked(run: ClockRun): void {
  const probe = spawnSync(faketime, [run.start, process.execPath, '-p', 'Date.now()'], {
    encoding: 'utf8',
    env: { ...process.env, FAKETIME_DONT_FAKE_MONOTONIC: '1' },
  });
  const seen = Number(probe.stdout.trim());
  const wanted = Date.parse(run.start.replace(' UTC', 'Z').replace(' ', 'T'));
  if (!(Math.abs(seen - wanted) < 60_000)) {
    console.error(
      `test:clock: faketime did not fake Node's clock for ${run.name}: wanted ${new Date(wanted).toISOString()}, Node saw ${probe.stdout.trim() || probe.stderr.trim()}.`,
    );
    process.exit(1);
  }
}

main();

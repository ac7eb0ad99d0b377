#!/usr/bin/env node
// vnhealth-sandbox: a seeded FHIR R4 server for development, demos and tests.
//   node packages/sandbox/src/cli.ts --port 8787 --seed 42 --patients 2000
// The published bin is src/bin.ts (dist/cli.js), which checks the Node version, then runs this.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import type * as SourceConditionModule from './source-condition.ts';

const HELP = `Usage: vnhealth-sandbox [options]

  --port <n>           TCP port (0 = any free port)            default 8787
  --host <addr>        interface to listen on                   default 127.0.0.1
  --seed <n>           PRNG seed (same seed = same data)        default 42
  --patients <n>       generated patients (+5 demo patients)    default 200
  --practitioners <n>  practitioners                            default patients/176.5, min 24
  --auth <mode>        optional | required (FHIR calls need a    default optional
                       token from the dev SMART server /auth)
  --quiet              no progress bar, print only the URL
  -h, --help           this help

Serves FHIR R4 at http://<host>:<port>/fhir/R4. Ctrl-C stops it.`;

/** Approximate heap per generated patient (MB), measured at 20,000 patients (576 MB heap). */
const MB_PER_PATIENT = 0.025;

function fail(message: string): never {
  console.error(`vnhealth-sandbox: ${message}\n\n${HELP}`);
  process.exit(2);
}

function int(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    fail(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        patients: { type: 'string' },
        practitioners: { type: 'string' },
        auth: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
})();

if (values.auth !== undefined && values.auth !== 'optional' && values.auth !== 'required') {
  fail(`--auth must be "optional" or "required", got "${values.auth}"`);
}

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const port = int(values.port, 'port', 8787);
const seed = int(values.seed, 'seed', 42);
const patients = int(values.patients, 'patients', 200);
const practitioners =
  values.practitioners === undefined ? undefined : int(values.practitioners, 'practitioners', 24);
const host = values.host ?? '127.0.0.1';
const quiet = values.quiet ?? false;

// Large populations need more heap than Node's default: restart once with enough.
const neededMb = Math.ceil(600 + patients * MB_PER_PATIENT * 1.5);
const limitMb = getHeapStatistics().heap_size_limit / 1024 / 1024;
if (neededMb > limitMb && !process.env.VNHEALTH_SANDBOX_CHILD) {
  if (!quiet)
    console.error(
      `vnhealth-sandbox: restarting with --max-old-space-size=${neededMb} for ${patients} patients`,
    );
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${neededMb}`, ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
      env: { ...process.env, VNHEALTH_SANDBOX_CHILD: '1' },
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await main();
}

async function main(): Promise<void> {
  // Running from TypeScript source: resolve workspace packages to their source, as vitest does.
  // The specifier is a variable so tsup leaves the module out of dist/: the built CLI never loads
  // `registerHooks` (Node >= 22.15), which only the workspace's from-source runs need.
  if (import.meta.url.endsWith('.ts')) {
    const sourceCondition = './source-condition.ts';
    const hook = (await import(sourceCondition)) as typeof SourceConditionModule;
    hook.useSourceCondition();
  }
  const { startSandbox } = await import('./start.ts');
  const started = performance.now();
  const tty = process.stderr.isTTY;
  let lastDraw = 0;
  const bar = (label: string, done: number, total: number, resources: number): void => {
    const now = performance.now();
    if (quiet || (now - lastDraw < (tty ? 100 : 2000) && done < total)) return;
    lastDraw = now;
    const width = 30;
    const ratio = total > 0 ? done / total : 1;
    const filled = Math.round(ratio * width);
    const line = `${label.padEnd(13)} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total} · ${resources.toLocaleString('en')} resources · ${((now - started) / 1000).toFixed(1)} s`;
    if (tty) process.stderr.write(`\r${line}\x1b[K`);
    else process.stderr.write(`${line}\n`);
  };
  if (!quiet)
    console.error(
      `vnhealth-sandbox: loading FHIR definitions and seeding (seed ${seed}, ${patients} patients)…`,
    );
  const sandbox = await startSandbox({
    port,
    host,
    seed,
    patients,
    ...(practitioners === undefined ? {} : { practitioners }),
    auth: values.auth === 'required' ? 'required' : 'optional',
    quiet,
    onProgress: (p) => {
      if (p.phase === 'practitioners') bar('practitioners', p.done, p.total, p.resources);
      else if (p.phase === 'patients') bar('patients', p.done, p.total, p.resources);
      else if (p.phase === 'done' && tty && !quiet) process.stderr.write('\n');
    },
  }).catch((err: unknown) => {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE')
      fail(`port ${port} is in use; pick another with --port (0 = any free port)`);
    throw err;
  });
  const total = Object.values(sandbox.counts).reduce((a, b) => a + b, 0);
  if (!quiet) {
    const heap = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
    console.error(
      `vnhealth-sandbox: ${total.toLocaleString('en')} resources in ${((performance.now() - started) / 1000).toFixed(1)} s, heap ${heap} MB`,
    );
  }
  console.log(`FHIR R4 sandbox: ${sandbox.baseUrl}`);
  if (!quiet) console.log(`  e.g. curl ${sandbox.baseUrl}/Patient/vnh-pt-001   ·   Ctrl-C to stop`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    if (!quiet) console.error(`\nvnhealth-sandbox: ${signal}, stopping…`);
    const timer = setTimeout(() => process.exit(0), 3000);
    timer.unref();
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

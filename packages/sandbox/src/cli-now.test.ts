/**
 * `vnhealth-sandbox --now`: the CLI passes its clock to the seed, so a demo or a test can start
 * the sandbox on any day and get the same data relative to it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  child?.kill('SIGTERM');
  child = undefined;
});

/** Start the CLI from source on a free port; resolves with the FHIR base URL it prints. */
function startCli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [cli, '--port', '0', '--quiet', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let out = '';
    let err = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /FHIR R4 sandbox: (\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    proc.on('exit', (code) => reject(new Error(`CLI exited with ${code}: ${err}`)));
  });
}

interface Bundle<T> {
  entry?: { resource: T }[];
}

describe('vnhealth-sandbox --now', () => {
  it('lays slots out from the given ICT day and ages children against it', async () => {
    const base = await startCli(['--now', '2027-02-05']);
    const slots = (await (
      await fetch(`${base}/Slot?_sort=start&_count=1&schedule=Schedule/vnh-sch-0001`)
    ).json()) as Bundle<{ start: string }>;
    const first = slots.entry?.[0]?.resource.start ?? '';
    expect(first.startsWith('2027-02-0')).toBe(true);
    expect(Date.parse(first)).toBeGreaterThanOrEqual(Date.parse('2027-02-05T00:00:00+07:00'));
    expect(Date.parse(first)).toBeLessThan(Date.parse('2027-02-13T00:00:00+07:00'));
    // The newborn demo patient is five days old on the given day.
    const newborn = (await (
      await fetch(`${base}/Patient?birthdate=2027-01-31&_count=5`)
    ).json()) as Bundle<{ birthDate: string }>;
    expect(newborn.entry?.length).toBeGreaterThan(0);
  });

  it('refuses a clock it cannot read, naming the flag', async () => {
    const error = await startCli(['--now', 'tomorrow']).catch((e: unknown) => e);
    expect(String(error)).toMatch(/--now must be an ISO instant/);
  });
});

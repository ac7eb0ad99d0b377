// examples/node-find-patient as a user gets it: copied out, installed from the packed tarballs,
// `npm start` per its README on Node 24 against the packed sandbox's CLI: it prints the demo
// patient with every identifier masked.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { installExample } from './examples.ts';
import { consumerEnv, run, startSandboxCli, type SandboxCli } from './harness.ts';

const env = consumerEnv(24);
let dir: string;
let sandbox: SandboxCli;

beforeAll(async () => {
  dir = installExample('node-find-patient', inject('tarballs'));
  sandbox = await startSandboxCli(dir, env, 0);
});

afterAll(async () => {
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('npm start (SANDBOX_URL) → prints Nguyễn Văn An with the CCCD masked, never in full', async () => {
  const cccd = (
    (await (await fetch(`${sandbox.baseUrl}/Patient/vnh-pt-001`)).json()) as {
      identifier: { value: string }[];
    }
  ).identifier
    .map((i) => i.value)
    .find((v) => /^\d{12}$/.test(v));
  expect(cccd).toBeDefined();
  const result = await run('npm', ['start'], {
    cwd: dir,
    env: { ...env, SANDBOX_URL: sandbox.baseUrl },
  });
  expect(result.code, result.stdout + result.stderr).toBe(0);
  expect(result.stdout).toContain('Nguyễn Văn An');
  expect(result.stdout).toContain(`••••••••${cccd!.slice(-4)}`);
  expect(result.stdout + result.stderr).not.toContain(cccd);
});

// Node consumers: a fresh folder with the packed core and sandbox. The packed sandbox CLI starts
// on Node 24 (or says clearly which Node it needs), and a script using the SDK reads a seeded
// patient from it under Node 20 (the machine's) and Node 24 (the workspace's).
import { rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { installConsumer } from '../../scripts/pack.ts';
import {
  consumerEnv,
  nodeBinaries,
  root,
  run,
  sandboxBin,
  startSandboxCli,
  type NodeMajor,
  type SandboxCli,
} from './harness.ts';

const majors: NodeMajor[] = [20, 24];
const envs = { 20: consumerEnv(20), 24: consumerEnv(24) };
let dir: string;
let sandbox: SandboxCli;

/** What a Node user writes: read one patient, and hit a 404 through the error guard. */
const script = `import { createHealthClient, formatName, isHttpError } from '@vnhealth/core';

const health = createHealthClient({ baseUrl: process.argv[2] });
const patient = await health.records.getPatient('vnh-pt-001');
let missing = 'no error';
try {
  await health.records.getPatient('no-such-patient');
} catch (error) {
  missing = isHttpError(error) ? \`HttpError \${error.status}\` : String(error);
}
console.log(JSON.stringify({ node: process.version, id: patient.id, name: formatName(patient.name), missing }));
`;

beforeAll(async () => {
  dir = installConsumer('node', {
    tarballs: {
      '@vnhealth/core': inject('tarballs')['@vnhealth/core'],
      '@vnhealth/sandbox': inject('tarballs')['@vnhealth/sandbox'],
    },
  });
  writeFileSync(join(dir, 'read-patient.js'), script);
  sandbox = await startSandboxCli(dir, envs[24], 0);
});

afterAll(async () => {
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('fresh folder with the packed @vnhealth/core and @vnhealth/sandbox', () => {
  test.for(majors)('the consumer shell runs Node %i', async (major, { expect }) => {
    const result = await run('node', ['--version'], { cwd: dir, env: envs[major] });
    expect(result.stdout.trim()).toMatch(new RegExp(`^v${major}\\.`));
  });

  test(`npx vnhealth-sandbox on Node 24 (the workspace's ${relative(root, nodeBinaries[24])}) → starts and serves the seeded patient`, async () => {
    expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir\/R4$/);
    const response = await fetch(`${sandbox.baseUrl}/Patient/vnh-pt-001`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { id: string }).id).toBe('vnh-pt-001');
  });

  test.for(majors)(
    'script using the SDK on Node %i → reads vnh-pt-001 (Nguyễn Văn An) from the packed sandbox; a 404 is an HttpError',
    async (major, { expect }) => {
      const result = await run('node', ['read-patient.js', sandbox.baseUrl], {
        cwd: dir,
        env: envs[major],
      });
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({
        node: expect.stringMatching(new RegExp(`^v${major}\\.`)),
        id: 'vnh-pt-001',
        name: 'Nguyễn Văn An',
        missing: 'HttpError 404',
      });
    },
  );

  test(`npx vnhealth-sandbox on Node 20 (${nodeBinaries[20]}) → exits non-zero with a clear message naming the Node it needs, no stack trace`, async () => {
    const result = await run('npx', [...sandboxBin, '--port', '0', '--quiet'], {
      cwd: dir,
      env: envs[20],
      timeoutMs: 60_000,
    });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.code, output).not.toBe(0);
    expect(result.code, output).not.toBeNull();
    // Names the versions it needs and the one it found.
    expect(output).toMatch(/22\.18/);
    expect(output).toMatch(/24\.2/);
    expect(output).toMatch(/v?20\.\d+\.\d+/);
    // A message, not a crash.
    expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(output).not.toMatch(/SyntaxError|TypeError|ReferenceError|ERR_/);
  });
});

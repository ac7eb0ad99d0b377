// TypeScript consumers: fixtures/typescript-consumer.ts (core's client, a read, an error guard; the
// component classes, the define entries, tag and event maps) type-checks against the installed
// tarballs with the workspace's tsc, strict and skipLibCheck: false, under moduleResolution
// bundler, node16 and nodenext; the same file plus one deliberate type error reports that error.
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { installConsumer } from '../../scripts/pack.ts';
import { consumerEnv, root, run, toolVersion, workspaceTool, type RunResult } from './harness.ts';

const env = consumerEnv(24);
// `type: module`: under node16/nodenext the consumer's .ts files are ES modules.
const dir = installConsumer('typescript', {
  tarballs: {
    '@vnhealth/core': inject('tarballs')['@vnhealth/core'],
    '@vnhealth/components': inject('tarballs')['@vnhealth/components'],
  },
  manifest: { type: 'module' },
});

const fixture = join(root, 'test/consumer/fixtures/typescript-consumer.ts');
copyFileSync(fixture, join(dir, 'consumer.ts'));
/** The deliberate error: the card's `patientId` is a string, so only real types report it. */
const errorLine =
  'export const wrong: number = document.createElement("vnh-patient-profile-card").patientId;';
const source = readFileSync(fixture, 'utf8');
writeFileSync(join(dir, 'consumer-error.ts'), `${source}${errorLine}\n`);
const errorLineNumber = `${source}${errorLine}`.split('\n').length;

const modes = {
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
  node16: { module: 'node16', moduleResolution: 'node16' },
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
} as const;

/** One tsc run per mode over both files; the tests read its diagnostics. */
const checks = new Map<keyof typeof modes, Promise<RunResult>>();
for (const [mode, options] of Object.entries(modes) as [
  keyof typeof modes,
  (typeof modes)[keyof typeof modes],
][]) {
  writeFileSync(
    join(dir, `tsconfig.${mode}.json`),
    JSON.stringify(
      {
        compilerOptions: {
          ...options,
          target: 'ES2022',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          strict: true,
          skipLibCheck: false,
          noEmit: true,
        },
        files: ['consumer.ts', 'consumer-error.ts'],
      },
      null,
      2,
    ),
  );
  checks.set(
    mode,
    run(
      'node',
      [workspaceTool('typescript/bin/tsc'), '-p', `tsconfig.${mode}.json`, '--pretty', 'false'],
      {
        cwd: dir,
        env,
      },
    ),
  );
}

afterAll(async () => {
  await Promise.allSettled(checks.values());
  rmSync(dir, { recursive: true, force: true });
});

/** tsc's diagnostics (`file(line,col): error TSxxxx: …` or a global `error TSxxxx: …`). */
function diagnostics(result: RunResult): string[] {
  return result.stdout.split('\n').filter((line) => /\berror TS\d+:/.test(line));
}

const tsc = `tsc ${toolVersion('typescript')}`;

describe.each(Object.keys(modes) as (keyof typeof modes)[])(
  `${tsc}, strict, skipLibCheck false, moduleResolution %s, against the installed tarballs`,
  (mode) => {
    test(`${mode}: core client + read + error guard, component classes, define entries, tag and event maps → no type error`, async () => {
      const result = await checks.get(mode)!;
      const inConsumer = diagnostics(result).filter((d) => !d.startsWith('consumer-error.ts('));
      expect(inConsumer, result.stdout + result.stderr).toEqual([]);
    });

    test(`${mode}: the same file with a string assigned to a number → tsc reports that one error`, async () => {
      const result = await checks.get(mode)!;
      expect(result.code, result.stdout + result.stderr).not.toBe(0);
      expect(diagnostics(result)).toEqual([
        expect.stringMatching(
          new RegExp(`^consumer-error\\.ts\\(${errorLineNumber},\\d+\\): error TS2322: `),
        ),
      ]);
    });
  },
);

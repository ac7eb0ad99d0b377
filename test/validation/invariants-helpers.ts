/** Shared by the invariant tests: structure-check an instance, then list its invariant issues. */
import { expect } from 'vitest';
import type { ValidationIssue } from '../../packages/core/src/errors.ts';
import { validateResource } from '../../packages/core/src/fhir/validate.ts';
import { checkInvariants } from '../../packages/core/src/fhir/invariants/index.ts';

/**
 * The invariant issues of `resource` as `severity key path`, after asserting that it passes the
 * structure check (the contract of a full-level check). dom-6 (no narrative, a warning) is left
 * out unless `withDom6`.
 */
export function invariantIssues(resource: Record<string, unknown>, withDom6 = false): string[] {
  const structure = validateResource(resource);
  expect(structure.ok ? [] : structure.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([]);
  const issues: ValidationIssue[] = [];
  checkInvariants(resource, issues);
  for (const issue of issues) {
    expect(issue.code).toBe('invariant');
    expect(issue.message).toMatch(new RegExp(`[^.] \\(${issue.key}\\)\\.$`));
    expect(issue.messageVi).toBeTruthy();
  }
  return issues
    .filter((i) => withDom6 || i.key !== 'dom-6')
    .map((i) => `${i.severity} ${i.key} ${i.path}`);
}

/** A Patient with the given fields (and a narrative, so dom-6 stays quiet). */
export const patient = (fields: Record<string, unknown>) => ({
  resourceType: 'Patient',
  ...fields,
});

/** An Observation with the given fields on top of the required status and code. */
export const observation = (fields: Record<string, unknown>) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '8310-5' }] },
  ...fields,
});

/** Helpers of the `full` level's rule tests: the structure check first, then `checkRules`. */
import { expect } from 'vitest';
import type { ValidationIssue } from '../../packages/core/src/errors.ts';
import { checkRules } from '../../packages/core/src/fhir/rules/index.ts';
import { validateResource } from '../../packages/core/src/validation.ts';

/** The issues `checkRules` finds in `resource`, which must pass the structure check. */
export function rules(resource: Record<string, unknown>): ValidationIssue[] {
  const structure = validateResource(resource, { mode: 'strict' });
  expect(structure.issues).toEqual([]);
  const issues: ValidationIssue[] = [];
  checkRules(resource, issues);
  // Every issue speaks both languages and names where it is.
  for (const issue of issues) {
    expect(issue.message).toBeTruthy();
    expect(issue.messageVi).toBeTruthy();
    expect(issue.path).toMatch(/^[A-Z]\w+/);
  }
  return issues;
}

/** The errors only. */
export const errors = (resource: Record<string, unknown>): ValidationIssue[] =>
  rules(resource).filter((i) => i.severity === 'error');

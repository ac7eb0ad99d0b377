import type { ValidationIssue } from '../errors.ts';
import type { Resource } from '../fhir/generated/types.ts';

export function checkProfile(_r: Resource, _f: string, _s: 'error' | 'warning'): ValidationIssue[] {
  return [];
}

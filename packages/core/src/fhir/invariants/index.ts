/**
 * The FHIRPath invariants of the R4 base specification, compiled at generation time
 * (scripts/generate-fhir-invariants.ts, `generated/invariants/`): `checkInvariants` is a check
 * of the `full` validation level.
 */
import type { ResourceCheck } from '../full-check.ts';
import { INVARIANT_TABLES } from '../generated/invariants/all.ts';
import { resetCache } from './fhirpath.ts';
import { registerInvariants } from './table.ts';
import { checkResourceAt } from './walk.ts';

export { registerInvariants, type InvariantTable } from './table.ts';
export { SKIPPED as SKIPPED_INVARIANTS } from '../generated/invariants/all.ts';

let registered = false;

/**
 * Check every invariant of the base specification on `resource` (which passed the structure
 * check): each failure is an issue with code `invariant`, the invariant's `key` and `severity`,
 * and the path of the element it is about (`Patient.contact[0]`, `Observation.effectivePeriod`).
 * Contained resources and Bundle entries are checked too, against their own type.
 */
export const checkInvariants: ResourceCheck = (resource, issues) => {
  if (!registered) {
    INVARIANT_TABLES.forEach(registerInvariants);
    registered = true;
  }
  const json = resource as Record<string, unknown>;
  if (typeof json.resourceType !== 'string') return;
  resetCache();
  checkResourceAt(json, json.resourceType, json, issues);
};

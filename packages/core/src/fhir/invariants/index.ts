/**
 * The FHIRPath invariants of the R4 base specification, compiled at generation time
 * (scripts/generate-fhir-invariants.ts, `generated/invariants/`): `checkInvariants` is the `full`
 * level's walk (`full-walk.ts`) with the invariants only.
 */
import type { ResourceCheck } from '../full-check.ts';
import { INVARIANTS, walkFull } from '../full-walk.ts';

export { registerInvariants, type InvariantTable } from './table.ts';
export { SKIPPED as SKIPPED_INVARIANTS } from '../generated/invariants/all.ts';

/**
 * Check every invariant of the base specification on `resource` (which passed the structure
 * check): each failure is an issue with code `invariant`, the invariant's `key` and `severity`,
 * and the path of the element it is about (`Patient.contact[0]`, `Observation.effectivePeriod`).
 * Contained resources and Bundle entries are checked too, against their own type.
 */
export const checkInvariants: ResourceCheck = (resource, issues) =>
  walkFull(resource as Record<string, unknown>, issues, INVARIANTS);

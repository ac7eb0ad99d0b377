/**
 * The `full` validation level's checks on a resource the structure check accepted (see
 * `full-check.ts` for their contract). `validate.ts` imports it with every table; the client's
 * validator loads it as a chunk of its own only when `validationLevel` is `full`.
 */
import type { ResourceCheck } from './full-check.ts';
import { INVARIANTS, RULES, walkFull } from './full-walk.ts';

/**
 * The FHIRPath invariants (`invariants/`, compiled from the R4 definitions) and the rules they do
 * not express or express without naming the element (`rules/`: narrative XHTML, extensions,
 * codes, Bundle entries, primitive arrays, vital-signs profiles), in one walk; the invariants'
 * issues come first.
 */
export const checkFull: ResourceCheck = (resource, issues) =>
  walkFull(resource as Record<string, unknown>, issues, INVARIANTS | RULES);

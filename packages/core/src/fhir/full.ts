/**
 * The `full` validation level's checks, run in order on a resource the structure check accepted
 * (see `full-check.ts` for their contract). `validate.ts` imports it with every table; the
 * client's validator loads it as a chunk of its own only when `validationLevel` is `full`.
 */
import type { ValidationIssue } from '../errors.ts';
import type { ResourceCheck } from './full-check.ts';
import { checkInvariants } from './invariants/index.ts';
import { checkRules } from './rules/index.ts';

/**
 * The FHIRPath invariants (`invariants/`, compiled from the R4 definitions), then the rules they
 * do not express or express without naming the element (`rules/`: narrative XHTML, extensions,
 * codes, Bundle entries, primitive arrays, vital-signs profiles).
 */
const CHECKS: readonly ResourceCheck[] = [checkInvariants, checkRules];

/** Every check of the `full` level on `resource`, pushing onto `issues`. */
export const checkFull: ResourceCheck = (
  resource: Readonly<Record<string, unknown>>,
  issues: ValidationIssue[],
): void => {
  for (const check of CHECKS) check(resource, issues);
};

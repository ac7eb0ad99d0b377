/**
 * The `full` level's rules beyond the structure check and the FHIRPath invariants, applied by the
 * full level's walk (`../full-walk.ts`) to a resource the structure check accepted: the
 * narrative's XHTML (`narrative.ts`), extensions (`extensions.ts`), codes of large required value
 * sets and of known code systems (`codes.ts`), Bundle rules (`bundle.ts`), primitive extensions
 * (`primitives.ts`) and the vital-signs profiles (`vitals.ts`). Contained resources and Bundle
 * entries are walked too.
 *
 * Its tables (`generated/`, about 190 kB of source, 68 kB gzip) load with this module only, so a
 * client that validates at the structure level never loads them. See
 * docs/decisions/0035-full-level-rules.md.
 */
import type { ResourceCheck } from '../full-check.ts';
import { RULES, walkFull } from '../full-walk.ts';

/**
 * The `full` level's rule classes other than the FHIRPath invariants, for a resource that passed
 * the structure check. Issues carry the path, a `code` (`narrative`, `extension`, `code-invalid`,
 * `invariant`, `duplicate`, `bundle`, `profile`, `primitive-extension`, `unsupported-type`) and,
 * for a FHIR rule, its `key` (`txt-1`, `bdl-7`, `vs-2`, …).
 */
export const checkRules: ResourceCheck = (value, found) =>
  walkFull(value as Record<string, unknown>, found, RULES);

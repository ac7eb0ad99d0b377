/**
 * Resource validation: FHIR R4 structure (the generated element tables, see `structure.ts`) and,
 * when asked, the VN Core profile layer, over the tables registered so far. `validate.ts` (every
 * table, synchronous) and `on-demand.ts` (the tables a resource needs, loaded first) build on it.
 */
import type { ValidationIssue } from '../errors.ts';
import { checkProfile } from '../profiles/check.ts';
import type { Resource } from './generated/types.ts';
import type { ResourceCheck } from './full-check.ts';
import { checkStructure } from './structure.ts';

/** How strictly the SDK validates what crosses its boundary. */
export type ValidationMode = 'strict' | 'warn' | 'off';

/**
 * How much validation checks: `structure` (types, cardinality, unknown properties, primitive
 * formats, small required bindings, `ext-1`), or `full`: also the FHIR invariants, the narrative's
 * XHTML, extensions, bindings and code systems, Bundle rules and the base profiles the SDK knows
 * (loaded only when asked for).
 */
export type ValidationLevel = 'structure' | 'full';

/** Options of `validate`. */
export interface ValidateOptions {
  /**
   * `full` adds the invariants and rules of the R4 definitions to the structure check; they run
   * when the structure check found no error.
   * @default 'structure'
   */
  level?: ValidationLevel;
  /** Also check VN Core profile rules for this flavour (reported as warnings unless `profileStrict`). */
  profile?: 'vn-core-moh' | 'vn-core-community';
  /** Treat profile findings as errors. */
  profileStrict?: boolean;
  /** The resourceType the caller expects, e.g. 'Patient'. */
  expectedType?: string;
  /**
   * The caller's mode: in `strict`, unknown properties (a typo, an R5 field) are errors; otherwise
   * warnings. They are never removed.
   * @default 'warn'
   */
  mode?: ValidationMode;
}

/** What `validate` found: the resource (typed) when nothing is an error, and every issue. */
export type ValidationResult<T extends Resource = Resource> =
  { ok: true; resource: T; issues: ValidationIssue[] } | { ok: false; issues: ValidationIssue[] };

const hasError = (issues: ValidationIssue[]): boolean => {
  for (let i = 0; i < issues.length; i++) if (issues[i]!.severity === 'error') return true;
  return false;
};

/**
 * Validate `json` with the element tables registered so far (see `checkStructure`): a supported
 * resource type without its table throws, or, given `missing`, is added there and the result is
 * incomplete (no profile or full-level checks). `full` is the full level's check, which the caller
 * has loaded when `options.level` is `full`.
 */
export function validate<T extends Resource = Resource>(
  json: unknown,
  options: ValidateOptions = {},
  missing?: Set<string>,
  full?: ResourceCheck,
): ValidationResult<T> {
  if (options.mode === 'off') return { ok: true, resource: json as T, issues: [] };
  const issues = checkStructure(
    json,
    options.expectedType,
    options.mode === 'strict' ? 'error' : 'warning',
    missing,
  );
  const complete = !missing?.size && !hasError(issues);
  if (complete && options.level === 'full') {
    if (!full)
      throw new Error(
        "validateResource: level 'full' needs the full level's checks; import validateResource from '@vnhealth/core/validation/full' (a client loads them itself with validationLevel: 'full').",
      );
    full(json as Record<string, unknown>, issues);
  }
  if (options.profile && complete) {
    issues.push(
      ...checkProfile(
        json as Resource,
        options.profile,
        options.profileStrict ? 'error' : 'warning',
      ),
    );
  }
  return hasError(issues) ? { ok: false, issues } : { ok: true, resource: json as T, issues };
}

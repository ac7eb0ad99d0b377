/**
 * Resource validation entry point: FHIR R4 structure (generated element table, see
 * `structure.ts`) and, when asked, the VN Core profile layer.
 */
import type { ValidationIssue } from '../errors.ts';
import { checkProfile } from '../profiles/check.ts';
import type { Resource } from './generated/types.ts';
import { checkStructure } from './structure.ts';

/** How strictly the SDK validates what crosses its boundary. */
export type ValidationMode = 'strict' | 'warn' | 'off';

export interface ValidateOptions {
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

export type ValidationResult<T extends Resource = Resource> =
  { ok: true; resource: T; issues: ValidationIssue[] } | { ok: false; issues: ValidationIssue[] };

/**
 * Validate any supported resource; never throws, never copies, never drops fields: on success
 * `resource` is the very object passed in.
 *
 * @example
 * const result = validateResource(json, { expectedType: 'Patient', profile: 'vn-core-moh' });
 * if (!result.ok) console.warn(result.issues.map((i) => `${i.path}: ${i.message}`));
 */
export function validateResource<T extends Resource = Resource>(
  json: unknown,
  options: ValidateOptions = {},
): ValidationResult<T> {
  if (options.mode === 'off') return { ok: true, resource: json as T, issues: [] };
  const issues = checkStructure(
    json,
    options.expectedType,
    options.mode === 'strict' ? 'error' : 'warning',
  );
  if (options.profile && !issues.some((i) => i.severity === 'error')) {
    issues.push(
      ...checkProfile(
        json as Resource,
        options.profile,
        options.profileStrict ? 'error' : 'warning',
      ),
    );
  }
  return issues.some((i) => i.severity === 'error')
    ? { ok: false, issues }
    : { ok: true, resource: json as T, issues };
}

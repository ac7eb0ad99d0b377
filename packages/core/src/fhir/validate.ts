/**
 * Resource validation entry point (issue #4 replaces this interim body with the generated
 * zod/mini schemas, the structural rules and the VN Core profile layer; the signature stays).
 */
import type { ValidationIssue } from '../errors.ts';
import type { Resource } from './index.ts';

/** How strictly the SDK validates what crosses its boundary. */
export type ValidationMode = 'strict' | 'warn' | 'off';

export interface ValidateOptions {
  /** Also check VN Core profile rules for this flavour (reported as warnings unless `profileStrict`). */
  profile?: 'vn-core-moh' | 'vn-core-community';
  /** Treat profile findings as errors. */
  profileStrict?: boolean;
  /** The resourceType the caller expects, e.g. 'Patient'. */
  expectedType?: string;
}

export type ValidationResult<T extends Resource = Resource> =
  | { ok: true; resource: T; issues: ValidationIssue[] }
  | { ok: false; issues: ValidationIssue[] };

/** Validate any supported resource; never throws, never drops fields. */
export function validateResource<T extends Resource = Resource>(
  json: unknown,
  options: ValidateOptions = {},
): ValidationResult<T> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      ok: false,
      issues: [
        {
          path: options.expectedType ?? 'Resource',
          code: 'structure',
          severity: 'error',
          message: 'Expected a JSON object.',
          messageVi: 'Cần một đối tượng JSON.',
        },
      ],
    };
  }
  const type = (json as { resourceType?: unknown }).resourceType;
  if (options.expectedType && type !== options.expectedType) {
    return {
      ok: false,
      issues: [
        {
          path: `${options.expectedType}.resourceType`,
          code: 'value',
          severity: 'error',
          message: `Expected resourceType ${options.expectedType} but got ${String(type)}.`,
          messageVi: `Cần resourceType ${options.expectedType} nhưng nhận được ${String(type)}.`,
        },
      ],
    };
  }
  return { ok: true, resource: json as T, issues: [] };
}

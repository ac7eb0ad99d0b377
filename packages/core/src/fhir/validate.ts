/**
 * The synchronous validator: every resource's element table registered up front, so any
 * supported resource validates at once. The `full` level's checks are the
 * `@vnhealth/core/validation/full` entry's (`validation-full.ts`, which passes them in); the client
 * loads tables and the full level on demand instead (`on-demand.ts`).
 */
import type { ResourceCheck } from './full-check.ts';
import { RESOURCE_TABLES } from './generated/all-tables.ts';
import type { Resource } from './generated/types.ts';
import { registerTable } from './structure.ts';
import { validate, type ValidateOptions, type ValidationResult } from './validator.ts';

export type {
  ValidateOptions,
  ValidationLevel,
  ValidationMode,
  ValidationResult,
} from './validator.ts';

let registered = false;

/**
 * Validate any supported resource; never throws, never copies, never drops fields: on success
 * `resource` is the very object passed in.
 *
 * @example
 * const result = validateResource(json, { expectedType: 'Patient', profile: 'vn-core-moh' });
 * if (!result.ok) console.warn(result.issues.map((i) => `${i.path}: ${i.message}`));
 *
 * `level: 'full'` needs the full level's checks: import `validateResource` from
 * `@vnhealth/core/validation/full` instead (here it throws, so the structure level's users never
 * load them).
 */
export function validateResource<T extends Resource = Resource>(
  json: unknown,
  options: ValidateOptions = {},
): ValidationResult<T> {
  return validateWith<T>(json, options);
}

/** `validateResource` with the `full` level's check `full`, when the caller has it. */
export function validateWith<T extends Resource = Resource>(
  json: unknown,
  options: ValidateOptions,
  full?: ResourceCheck,
): ValidationResult<T> {
  if (!registered) {
    registered = true;
    RESOURCE_TABLES.forEach(registerTable);
  }
  return validate<T>(json, options, undefined, full);
}

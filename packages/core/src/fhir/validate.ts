/**
 * The synchronous validator: every resource's element table registered up front, so any
 * supported resource validates at once, at either level. The client loads tables (and the full
 * level) on demand instead (`on-demand.ts`).
 */
import { checkFull } from './full.ts';
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
 * @example Every rule: invariants (`per-1`, …), narrative, extensions, codes, Bundle rules
 * const { issues } = validateResource(json, { level: 'full' });
 * issues.filter((i) => i.key === 'per-1'); // [{ path: 'Encounter.period', key: 'per-1', … }]
 */
export function validateResource<T extends Resource = Resource>(
  json: unknown,
  options: ValidateOptions = {},
): ValidationResult<T> {
  if (!registered) {
    registered = true;
    RESOURCE_TABLES.forEach(registerTable);
  }
  return validate<T>(json, options, undefined, checkFull);
}

/**
 * `@vnhealth/core/validation/full`: `@vnhealth/core/validation` with the `full` level, whose
 * checks this entry carries (the FHIRPath invariants compiled from the R4 definitions, the
 * narrative's XHTML, extensions, codes of the HL7 code systems, Bundle rules, primitive arrays and
 * the vital-signs profiles; about 320 kB of code and tables, so the structure level's entry stays
 * small). The client does not need it: `validationLevel: 'full'` loads the same checks itself.
 *
 * @example
 * import { validateResource } from '@vnhealth/core/validation/full';
 * const { ok, issues } = validateResource(encounter, { level: 'full', mode: 'strict' });
 * // issues: [{ path: 'Encounter.period', key: 'per-1', severity: 'error', … }]
 *
 * @module
 */
import { checkFull } from './fhir/full.ts';
import type { Resource } from './fhir/generated/types.ts';
import { validateWith } from './fhir/validate.ts';
import type { ValidateOptions, ValidationResult } from './fhir/validator.ts';

export {
  RESOURCE_TYPES,
  primitiveSchema,
  checkProfile,
  type ValidateOptions,
  type ValidationLevel,
  type ValidationMode,
  type ValidationResult,
} from './validation.ts';

/**
 * `validateResource` of `@vnhealth/core/validation`, at either level: with `level: 'full'`, the
 * resource that passes the structure check is also checked against every invariant and rule of
 * the full level, each issue naming its FHIR path, severity and the rule's `key`. Never throws,
 * never copies, never drops fields.
 *
 * @example
 * validateResource({ resourceType: 'Patient', text: { status: 'generated', div: '<p>x</p>' } }, { level: 'full' });
 * // { ok: false, issues: [{ path: 'Patient.text.div', key: 'txt-1', … }] }
 */
export function validateResource<T extends Resource = Resource>(
  json: unknown,
  options: ValidateOptions = {},
): ValidationResult<T> {
  return validateWith<T>(json, options, checkFull);
}

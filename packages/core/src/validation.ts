/**
 * `@vnhealth/core/validation`: FHIR R4 structural validation and the VN Core profile layer.
 * Every resource's element table is part of this entry, so validation is synchronous; the client
 * validates with its own lazily loaded copy of the validator, which loads one table per resource
 * type it meets (docs/decisions/0010-bundle-budget.md). Import this entry to validate data
 * yourself.
 *
 * @example
 * import { validateResource } from '@vnhealth/core/validation';
 * const result = validateResource(json, { expectedType: 'Patient', profile: 'vn-core-moh' });
 * if (!result.ok) console.table(result.issues); // [{ path: 'Patient.identifier[0].value', … }]
 *
 * @module
 */
export { RESOURCE_TYPES } from './fhir/generated/model.ts';
export { primitiveSchema } from './fhir/primitive-schema.ts';
export {
  validateResource,
  type ValidateOptions,
  type ValidationLevel,
  type ValidationMode,
  type ValidationResult,
} from './fhir/validate.ts';
export { checkProfile } from './profiles/check.ts';

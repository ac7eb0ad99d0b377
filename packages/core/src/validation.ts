/**
 * `@vnhealth/core/validation`: FHIR R4 structural validation and the VN Core profile layer.
 * The client loads this module on its first validated response; import it directly to validate
 * data yourself.
 *
 * @example
 * import { validateResource } from '@vnhealth/core/validation';
 * const result = validateResource(json, { expectedType: 'Patient', profile: 'vn-core-moh' });
 * if (!result.ok) console.table(result.issues); // [{ path: 'Patient.identifier[0].value', … }]
 *
 * @module
 */
export { RESOURCE_TYPES } from './fhir/generated/model.ts';
export { primitiveSchema } from './fhir/structure.ts';
export {
  validateResource,
  type ValidateOptions,
  type ValidationMode,
  type ValidationResult,
} from './fhir/validate.ts';
export { checkProfile } from './profiles/check.ts';

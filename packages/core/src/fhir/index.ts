/**
 * FHIR R4 resource and datatype types, generated from the official StructureDefinitions by
 * `scripts/generate-fhir.ts` (see docs/decisions/0004-fhir-models.md), and their validation.
 */
import type { Resource } from './generated/types.ts';

export type * from './generated/types.ts';
// Types only: the validator itself is the `@vnhealth/core/validation` entry (src/validation.ts),
// loaded by the client on first use so it never weighs on the main entry.
export type {
  ValidateOptions,
  ValidationLevel,
  ValidationMode,
  ValidationResult,
} from './validate.ts';

/** The `resourceType` of every supported resource. */
export type ResourceType = Resource['resourceType'];

/** The resource type with the given `resourceType`. */
export type ResourceOf<K extends ResourceType> = Extract<Resource, { resourceType: K }>;

/**
 * FHIR R4 resource types and schemas.
 *
 * INTERIM: re-exports the R4 types from `@medplum/fhirtypes` until the generated zod/mini schemas
 * (issue #4) replace them. Field names and shapes are those of FHIR R4 4.0.1, so code written
 * against these types keeps compiling when the generated ones land.
 */
import type * as R4 from '@medplum/fhirtypes';

export type Resource = R4.Resource;
export type ResourceType = R4.ResourceType;
export type Bundle<T extends Resource = Resource> = R4.Bundle<T>;
export type BundleEntry<T extends Resource = Resource> = R4.BundleEntry<T>;
export type OperationOutcome = R4.OperationOutcome;
export type CapabilityStatement = R4.CapabilityStatement;
export type Patient = R4.Patient;
export type Practitioner = R4.Practitioner;
export type PractitionerRole = R4.PractitionerRole;
export type Organization = R4.Organization;
export type Location = R4.Location;
export type HealthcareService = R4.HealthcareService;
export type Schedule = R4.Schedule;
export type Slot = R4.Slot;
export type Appointment = R4.Appointment;
export type Encounter = R4.Encounter;
export type Condition = R4.Condition;
export type AllergyIntolerance = R4.AllergyIntolerance;
export type Observation = R4.Observation;
export type MedicationStatement = R4.MedicationStatement;
export type Immunization = R4.Immunization;
export type ImmunizationRecommendation = R4.ImmunizationRecommendation;
export type Coverage = R4.Coverage;
export type Consent = R4.Consent;
export type ServiceRequest = R4.ServiceRequest;
export type Task = R4.Task;
export type Communication = R4.Communication;
export type Identifier = R4.Identifier;
export type HumanName = R4.HumanName;
export type Address = R4.Address;
export type ContactPoint = R4.ContactPoint;
export type CodeableConcept = R4.CodeableConcept;
export type Coding = R4.Coding;
export type Reference<T extends Resource = Resource> = R4.Reference<T>;
export type Extension = R4.Extension;
export type Period = R4.Period;
export type Quantity = R4.Quantity;
export type Attachment = R4.Attachment;
export type Meta = R4.Meta;

/** The resource type with the given `resourceType`. */
export type ResourceOf<K extends ResourceType> = Extract<Resource, { resourceType: K }>;

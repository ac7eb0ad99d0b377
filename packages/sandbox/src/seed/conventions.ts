import { vnCoreCommunity, vnCoreMoh } from '@vnhealth/core';
import type { CodeableConcept, Identifier } from '@medplum/fhirtypes';

export { vnCoreCommunity, vnCoreMoh };

/**
 * Telemedicine systems. The values are the ones of `TelemedicineSystems` in
 * `@vnhealth/core/src/telemedicine/conventions.ts`, which the core package does not export (yet);
 * keep them in step.
 */
export const VNHEALTH_TELEMEDICINE_BASE = 'https://fhir.vnhealth.dev/telemedicine';
export const Systems = {
  consultMode: `${VNHEALTH_TELEMEDICINE_BASE}/CodeSystem/consult-mode`,
  serviceFlag: `${VNHEALTH_TELEMEDICINE_BASE}/CodeSystem/service-flag`,
  bookingKey: `${VNHEALTH_TELEMEDICINE_BASE}/sid/booking-key`,
  appointmentVirtualService:
    'http://hl7.org/fhir/5.0/StructureDefinition/extension-Appointment.virtualService',
  virtualServiceType: 'http://hl7.org/fhir/virtual-service-type',
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  atc: 'http://www.whocc.no/atc',
  cvx: 'http://hl7.org/fhir/sid/cvx',
  vnVaccineType: 'http://fhir.hl7.org.vn/core/CodeSystem/vn-vaccine-type-cs',
  vnImmunizationProgram: 'http://fhir.hl7.org.vn/core/CodeSystem/vn-immunization-program-type-cs',
  vnImmunizationProgramExt:
    'http://fhir.hl7.org.vn/core/StructureDefinition/vn-ext-immunization-program-type',
  bhytCardType: 'http://fhir.hl7.org.vn/core/CodeSystem/vn-bhyt-card-type-cs',
  bhytCardTypeExt: 'http://fhir.hl7.org.vn/core/StructureDefinition/vn-ext-bhyt-card-type',
  primaryCareFacilityExt:
    'http://fhir.hl7.org.vn/core/StructureDefinition/vn-ext-primary-care-facility',
  v2_0203: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  language: 'urn:ietf:bcp:47',
  /** The sandbox's own MRN namespace per facility: `${mrnBase}/${maCskcb}`. */
  mrnBase: 'https://fhir.vnhealth.dev/sandbox/sid/mrn',
} as const;

export type ConsultMode = 'video' | 'in-person';

export function consultMode(mode: ConsultMode): CodeableConcept {
  return {
    coding: [
      {
        system: Systems.consultMode,
        code: mode,
        display: mode === 'video' ? 'Khám qua video' : 'Khám trực tiếp',
      },
    ],
    text: mode === 'video' ? 'Khám từ xa qua video' : 'Khám trực tiếp tại cơ sở',
  };
}

/** CodeableConcept of a v2-0203 identifier type. */
export function idType(code: string, display: string): CodeableConcept {
  return { coding: [{ system: Systems.v2_0203, code, display }] };
}

/** Facility code identifiers in both VN Core flavours (the same 5-digit mã CSKCB). */
export function facilityIdentifiers(maCskcb: string): Identifier[] {
  return [
    {
      use: 'official',
      type: idType('PRN', 'Provider number'),
      system: vnCoreMoh.identifierSystems.facility,
      value: maCskcb,
    },
    { use: 'secondary', system: vnCoreCommunity.identifierSystems.facility, value: maCskcb },
  ];
}

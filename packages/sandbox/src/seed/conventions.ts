import { vnCoreCommunity, vnCoreMoh } from '@vnhealth/core';
import { TelemedicineSystems } from '@vnhealth/core/telemedicine';
import { CVX_SYSTEM, VN_VACCINE_TYPE_SYSTEM } from '@vnhealth/core/vaccination';
import type { CodeableConcept, Identifier } from '@medplum/fhirtypes';

export { vnCoreCommunity, vnCoreMoh };

/**
 * Code systems, identifier systems and extension URLs the seed writes. The telemedicine and
 * vaccine ones come from `@vnhealth/core` so that they are never written twice.
 */
export const Systems = {
  consultMode: TelemedicineSystems.consultMode,
  serviceFlag: TelemedicineSystems.serviceFlag,
  bookingKey: TelemedicineSystems.idempotencyKey,
  appointmentVirtualService: TelemedicineSystems.appointmentVirtualService,
  virtualServiceType: TelemedicineSystems.virtualServiceType,
  snomed: TelemedicineSystems.snomed,
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  atc: 'http://www.whocc.no/atc',
  cvx: CVX_SYSTEM,
  vnVaccineType: VN_VACCINE_TYPE_SYSTEM,
  vnImmunizationProgram: 'http://fhir.hl7.org.vn/core/CodeSystem/vn-immunization-program-type-cs',
  vnImmunizationProgramExt:
    'http://fhir.hl7.org.vn/core/StructureDefinition/vn-ext-immunization-program-type',
  bhytCardType: 'http://fhir.hl7.org.vn/core/CodeSystem/vn-bhyt-card-type-cs',
  bhytCardTypeExt: 'http://fhir.hl7.org.vn/core/StructureDefinition/vn-ext-bhyt-card-type',
  primaryCareFacilityExt:
    'http://fhir.hl7.org.vn/core/StructureDefinition/vn-ext-primary-care-facility',
  v2_0203: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  language: TelemedicineSystems.language,
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

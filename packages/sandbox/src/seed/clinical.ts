import type {
  AllergyIntolerance,
  Condition,
  Coverage,
  Encounter,
  Identifier,
  MedicationStatement,
  Observation,
  ObservationComponent,
  Period,
  Quantity,
} from '@medplum/fhirtypes';
import { ALLERGIES, CONDITIONS, MEDICATIONS } from './data.ts';
import { Systems, idType, vnCoreCommunity, vnCoreMoh } from './conventions.ts';
import { orgId } from './facilities.ts';
import type { FacilityDef } from './facilities.ts';

const VITAL_CATEGORY = [
  {
    coding: [
      {
        system: 'http://terminology.hl7.org/CodeSystem/observation-category',
        code: 'vital-signs',
        display: 'Vital Signs',
      },
    ],
    text: 'Dấu hiệu sinh tồn',
  },
];

const qty = (value: number, unit: string, code: string): Quantity => ({
  value,
  unit,
  system: Systems.ucum,
  code,
});

/** One vital-signs reading at a visit. */
export interface VitalReading {
  date: string;
  systolic?: number;
  diastolic?: number;
  heartRate?: number;
  weight?: number;
  height?: number;
  temperature?: number;
  spo2?: number;
}

/** Observations (R4 vital-signs profile codes, UCUM units) for one reading. */
export function vitalObservations(
  patientId: string,
  idPrefix: string,
  r: VitalReading,
  encounterId?: string,
): Observation[] {
  const base = (id: string, code: string, display: string, text: string): Observation => ({
    resourceType: 'Observation',
    id: `${idPrefix}-${id}`,
    meta: { profile: [`http://hl7.org/fhir/StructureDefinition/${vitalProfile(code)}`] },
    status: 'final',
    category: VITAL_CATEGORY,
    code: { coding: [{ system: Systems.loinc, code, display }], text },
    subject: { reference: `Patient/${patientId}` },
    ...(encounterId ? { encounter: { reference: `Encounter/${encounterId}` } } : {}),
    effectiveDateTime: r.date,
  });
  const out: Observation[] = [];
  if (r.systolic !== undefined && r.diastolic !== undefined) {
    const components: ObservationComponent[] = [
      {
        code: {
          coding: [{ system: Systems.loinc, code: '8480-6', display: 'Systolic blood pressure' }],
          text: 'Huyết áp tâm thu',
        },
        valueQuantity: qty(r.systolic, 'mmHg', 'mm[Hg]'),
      },
      {
        code: {
          coding: [{ system: Systems.loinc, code: '8462-4', display: 'Diastolic blood pressure' }],
          text: 'Huyết áp tâm trương',
        },
        valueQuantity: qty(r.diastolic, 'mmHg', 'mm[Hg]'),
      },
    ];
    out.push({
      ...base('bp', '85354-9', 'Blood pressure panel with all children optional', 'Huyết áp'),
      component: components,
    });
  }
  if (r.heartRate !== undefined)
    out.push({
      ...base('hr', '8867-4', 'Heart rate', 'Mạch'),
      valueQuantity: qty(r.heartRate, '/min', '/min'),
    });
  if (r.weight !== undefined)
    out.push({
      ...base('wt', '29463-7', 'Body weight', 'Cân nặng'),
      valueQuantity: qty(r.weight, 'kg', 'kg'),
    });
  if (r.height !== undefined)
    out.push({
      ...base('ht', '8302-2', 'Body height', 'Chiều cao'),
      valueQuantity: qty(r.height, 'cm', 'cm'),
    });
  if (r.temperature !== undefined)
    out.push({
      ...base('temp', '8310-5', 'Body temperature', 'Nhiệt độ'),
      valueQuantity: qty(r.temperature, 'Cel', 'Cel'),
    });
  if (r.spo2 !== undefined) {
    out.push({
      ...base('spo2', '59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry', 'SpO2'),
      code: {
        coding: [
          {
            system: Systems.loinc,
            code: '59408-5',
            display: 'Oxygen saturation in Arterial blood by Pulse oximetry',
          },
          { system: Systems.loinc, code: '2708-6', display: 'Oxygen saturation in Arterial blood' },
        ],
        text: 'SpO2',
      },
      valueQuantity: qty(r.spo2, '%', '%'),
    });
  }
  return out;
}

function vitalProfile(code: string): string {
  switch (code) {
    case '85354-9':
      return 'bp';
    case '8867-4':
      return 'heartrate';
    case '29463-7':
      return 'bodyweight';
    case '8302-2':
      return 'bodyheight';
    case '8310-5':
      return 'bodytemp';
    default:
      return 'oxygensat';
  }
}

export function allergy(
  id: string,
  patientId: string,
  index: number,
  recorded: string,
  overrideCriticality?: AllergyIntolerance['criticality'],
): AllergyIntolerance {
  const a = ALLERGIES[index] ?? (ALLERGIES[0] as (typeof ALLERGIES)[number]);
  return {
    resourceType: 'AllergyIntolerance',
    id,
    clinicalStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
          code: 'active',
        },
      ],
    },
    verificationStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
          code: 'confirmed',
        },
      ],
    },
    type: 'allergy',
    category: [a.category],
    criticality: overrideCriticality ?? a.criticality,
    code: { coding: [{ system: Systems.snomed, code: a.code, display: a.display }], text: a.text },
    patient: { reference: `Patient/${patientId}` },
    recordedDate: recorded,
    reaction: [
      {
        manifestation: [{ text: a.reaction }],
        severity: (overrideCriticality ?? a.criticality) === 'high' ? 'severe' : 'mild',
      },
    ],
  };
}

export function condition(
  id: string,
  patientId: string,
  code: string,
  onset: string,
  encounterId?: string,
): Condition {
  const c =
    CONDITIONS.find((x) => x.code === code) ?? (CONDITIONS[0] as (typeof CONDITIONS)[number]);
  const active = c.chronic;
  return {
    resourceType: 'Condition',
    id,
    clinicalStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
          code: active ? 'active' : 'resolved',
        },
      ],
    },
    verificationStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' },
      ],
    },
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/condition-category',
            code: active ? 'problem-list-item' : 'encounter-diagnosis',
          },
        ],
      },
    ],
    code: {
      coding: [{ system: Systems.icd10, code: c.code, display: c.display }],
      text: c.display,
    },
    subject: { reference: `Patient/${patientId}` },
    ...(encounterId ? { encounter: { reference: `Encounter/${encounterId}` } } : {}),
    onsetDateTime: onset,
    recordedDate: onset,
    ...(active ? {} : { abatementDateTime: onset }),
  };
}

export function medicationStatements(
  id: string,
  patientId: string,
  conditionCode: string,
  conditionId: string,
  start: string,
): MedicationStatement[] {
  return (MEDICATIONS[conditionCode] ?? []).map((m, i) => ({
    resourceType: 'MedicationStatement',
    id: `${id}-${i + 1}`,
    status: 'active',
    medicationCodeableConcept: {
      coding: [{ system: Systems.atc, code: m.atc, display: m.name }],
      text: m.name,
    },
    subject: { reference: `Patient/${patientId}` },
    effectivePeriod: { start },
    dateAsserted: start,
    reasonReference: [{ reference: `Condition/${conditionId}` }],
    dosage: [{ text: m.dosage }],
  }));
}

export function encounter(
  id: string,
  patientId: string,
  date: string,
  facility: FacilityDef,
  virtual: boolean,
  reason: string,
  practitionerId?: string,
): Encounter {
  return {
    resourceType: 'Encounter',
    id,
    status: 'finished',
    class: virtual
      ? {
          system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
          code: 'VR',
          display: 'virtual',
        }
      : {
          system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
          code: 'AMB',
          display: 'ambulatory',
        },
    type: [{ text: virtual ? 'Khám từ xa' : 'Khám ngoại trú' }],
    subject: { reference: `Patient/${patientId}` },
    ...(practitionerId
      ? { participant: [{ individual: { reference: `Practitioner/${practitionerId}` } }] }
      : {}),
    period: { start: `${date}T08:00:00+07:00`, end: `${date}T08:20:00+07:00` },
    reasonCode: [{ text: reason }],
    serviceProvider: { reference: `Organization/${orgId(facility.key)}`, display: facility.name },
  };
}

/** A BHYT identifier for Patient.identifier (vn-core-moh flavour). */
export function bhytIdentifier(value: string, period: Period, facility: FacilityDef): Identifier {
  return {
    use: 'official',
    type: idType('SB', 'Social Beneficiary Identifier'),
    system: vnCoreMoh.identifierSystems.bhyt,
    value,
    period,
    assigner: { display: 'Bảo hiểm xã hội Việt Nam' },
    extension: [
      {
        url: Systems.primaryCareFacilityExt,
        valueReference: {
          reference: `Organization/${orgId(facility.key)}`,
          display: `${facility.name} (${facility.maCskcb})`,
        },
      },
    ],
  };
}

/** A BHYT Coverage (vn-core-community flavour). */
export function bhytCoverage(
  id: string,
  patientId: string,
  value: string,
  group: string,
  period: Period,
  facility: FacilityDef,
): Coverage {
  return {
    resourceType: 'Coverage',
    id,
    meta: { profile: [`${vnCoreCommunity.canonical}/StructureDefinition/vn-core-coverage`] },
    extension: [
      { url: Systems.bhytCardTypeExt, valueCoding: { system: Systems.bhytCardType, code: group } },
      {
        url: Systems.primaryCareFacilityExt,
        valueReference: {
          reference: `Organization/${orgId(facility.key)}`,
          display: `${facility.name} (${facility.maCskcb})`,
        },
      },
    ],
    identifier: [
      {
        use: 'official',
        type: idType('SB', 'Social Beneficiary Identifier'),
        system: vnCoreCommunity.identifierSystems.bhyt,
        value,
      },
    ],
    status: 'active',
    type: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
          code: 'PUBLICPOL',
          display: 'public healthcare',
        },
      ],
      text: 'Bảo hiểm y tế',
    },
    subscriber: { reference: `Patient/${patientId}` },
    subscriberId: value,
    beneficiary: { reference: `Patient/${patientId}` },
    relationship: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship', code: 'self' },
      ],
    },
    period,
    payor: [{ display: 'Bảo hiểm xã hội Việt Nam' }],
  };
}

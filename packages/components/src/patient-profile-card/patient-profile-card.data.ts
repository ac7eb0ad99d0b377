/**
 * What the patient profile card shows, derived from a summary or a Patient: the sections (and
 * which ones a summary cut or could not load), the photo, the contact links, each checked before
 * it becomes a URL, and the emergency contact with its relationship. Initials and phone numbers
 * are `shared/format.ts`'s `initials`, `formatPhone` and `phoneHref`. No rendering here; `patient-profile-card.ts` renders it.
 *
 * @module
 */
import type {
  AllergyIntolerance,
  Condition,
  ContactPoint,
  InsuranceInfo,
  CodeableConcept,
  MedicationStatement,
  Patient,
  PatientContact,
  PatientSummary,
  RecordsClient,
  VitalKind,
  VitalSeries,
} from '@vnhealth/core/client';
import { systemsFor } from '@vnhealth/core/client';
import { byCriticality, insuranceOf, isActiveAllergy } from '@vnhealth/core/summary';

export const UNIT_DISPLAY: Record<string, string> = {
  'mm[Hg]': 'mmHg',
  Cel: '°C',
  '[degF]': '°F',
  'kg/m2': 'kg/m²',
  '%': '%',
  kg: 'kg',
  cm: 'cm',
};

export const SAFE_IMAGE_TYPE = /^image\/(png|jpeg|gif|webp|avif)$/;

/** What the card renders, from a summary, a Patient, or a load. */
export interface CardData {
  patient: Patient;
  /** Undefined when unknown (only a Patient was given): the card says so. */
  allergies: AllergyIntolerance[] | undefined;
  conditions: Condition[] | undefined;
  medications: MedicationStatement[] | undefined;
  vitals: Partial<Record<VitalKind, VitalSeries>> | undefined;
  insurance: InsuranceInfo | undefined;
  partial: boolean;
  /** The shown sections the summary cut at its `maxPerSection` (their first records are shown). */
  truncated: TruncatedSection[];
}

/** The sections of the card a summary may cut. */
export type TruncatedSection = 'allergies' | 'conditions' | 'medications' | 'vitals';
export const TRUNCATABLE: readonly TruncatedSection[] = [
  'allergies',
  'conditions',
  'medications',
  'vitals',
];

export function fromSummary(summary: PatientSummary): CardData {
  return {
    patient: summary.patient,
    allergies: summary.missing?.includes('allergies')
      ? undefined
      : [...summary.allergies].filter(isActiveAllergy).sort(byCriticality),
    conditions: summary.missing?.includes('conditions') ? undefined : summary.conditions,
    medications: summary.missing?.includes('medications') ? undefined : summary.medications,
    vitals: summary.missing?.includes('vitals') ? undefined : summary.vitals,
    insurance: summary.insurance ?? insuranceOf(summary.patient, []),
    partial: (summary.missing?.length ?? 0) > 0,
    truncated: TRUNCATABLE.filter((section) => summary.truncated?.includes(section)),
  };
}

export function fromPatient(patient: Patient): CardData {
  return {
    patient,
    allergies: undefined,
    conditions: undefined,
    medications: undefined,
    vitals: undefined,
    insurance: insuranceOf(patient, []),
    partial: false,
    truncated: [],
  };
}

/** Loads the summary: `records.getSummary` is part of every `HealthClient`. */
export async function loadCard(
  id: string,
  records: Pick<RecordsClient, 'getSummary'>,
  signal: AbortSignal,
): Promise<CardData> {
  return fromSummary(await records.getSummary(id, { signal }));
}

export function photoUrl(patient: Patient): string | undefined {
  for (const photo of patient.photo ?? []) {
    if (photo.url && /^https:\/\//i.test(photo.url) && !/[\s"'<>]/.test(photo.url))
      return photo.url;
    if (photo.data && photo.contentType && SAFE_IMAGE_TYPE.test(photo.contentType)) {
      if (/^[A-Za-z0-9+/]+=*$/.test(photo.data)) {
        return `data:${photo.contentType};base64,${photo.data}`;
      }
    }
  }
  return undefined;
}

export function mailHref(value: string | undefined): string | undefined {
  return value && /^[^\s@<>"'():;,\\]+@[^\s@<>"'():;,\\]+\.[a-z]{2,}$/i.test(value)
    ? `mailto:${value}`
    : undefined;
}

export function current(
  points: readonly ContactPoint[] | undefined,
  system: string,
): ContactPoint[] {
  return (points ?? []).filter((p) => p.system === system && p.value && !p.period?.end);
}

export function identifierValue(patient: Patient, kind: 'cccd'): string | undefined {
  const systems = systemsFor(kind);
  return patient.identifier?.find((i) => i.system && systems.includes(i.system) && i.value)?.value;
}

const V2_0131 = 'http://terminology.hl7.org/CodeSystem/v2-0131';
const V3_ROLE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';

/** HL7 v2 table 0131 (contact role), the binding of `Patient.contact.relationship`: word keys. */
const CONTACT_ROLE = {
  BP: 'relBillingContact',
  C: 'relEmergencyContact',
  CP: 'relContactPerson',
  E: 'relEmployer',
  EP: 'relEmergencyContact',
  F: 'relFederalAgency',
  I: 'relInsuranceCompany',
  N: 'relNextOfKin',
  O: 'relOther',
  PR: 'relReferrer',
  S: 'relStateAgency',
  U: 'relUnknown',
} as const;

/** HL7 v3 RoleCode personal relationships (and contact roles) most often recorded: word keys. */
const PERSONAL_RELATIONSHIP = {
  WIFE: 'relWife',
  HUSB: 'relHusband',
  SPS: 'relSpouse',
  DOMPART: 'relPartner',
  MTH: 'relMother',
  FTH: 'relFather',
  PRN: 'relParent',
  STPMTH: 'relStepmother',
  STPFTH: 'relStepfather',
  SON: 'relSon',
  DAU: 'relDaughter',
  CHILD: 'relChild',
  SONINLAW: 'relSonInLaw',
  DAUINLAW: 'relDaughterInLaw',
  BRO: 'relBrother',
  SIS: 'relSister',
  SIB: 'relSibling',
  GRFTH: 'relGrandfather',
  GRMTH: 'relGrandmother',
  GRPRN: 'relGrandparent',
  GRNDSON: 'relGrandson',
  GRNDDAU: 'relGranddaughter',
  GRNDCHILD: 'relGrandchild',
  UNCLE: 'relUncle',
  AUNT: 'relAunt',
  NEPHEW: 'relNephew',
  NIECE: 'relNiece',
  FAMMEMB: 'relFamilyMember',
  FRND: 'relFriend',
  NBOR: 'relNeighbour',
  GUARD: 'relGuardian',
  NOK: 'relNextOfKin',
  ECON: 'relEmergencyContact',
} as const;

/** The key, in the card's tables, of the word for a relationship code. */
export type RelationshipKey =
  | (typeof CONTACT_ROLE)[keyof typeof CONTACT_ROLE]
  | (typeof PERSONAL_RELATIONSHIP)[keyof typeof PERSONAL_RELATIONSHIP];

/** How a relationship is said: the record's own `text`, else a word of the tables, else the code's display. */
export type Relationship =
  { text: string; key?: undefined } | { key: RelationshipKey; text?: undefined };

function codeKey(concept: CodeableConcept): RelationshipKey | undefined {
  for (const c of concept.coding ?? []) {
    const code = c.code?.trim();
    if (!code) continue;
    if (c.system === V2_0131 && code in CONTACT_ROLE)
      return CONTACT_ROLE[code as keyof typeof CONTACT_ROLE];
    if (c.system === V3_ROLE && code in PERSONAL_RELATIONSHIP)
      return PERSONAL_RELATIONSHIP[code as keyof typeof PERSONAL_RELATIONSHIP];
  }
  return undefined;
}

/** True when the concept only says "emergency contact" (v2-0131 C or EP, v3 ECON). */
function isEmergencyRole(concept: CodeableConcept): boolean {
  return codeKey(concept) === 'relEmergencyContact';
}

/**
 * The contact shown as the emergency contact: a current one coded as an emergency contact
 * (v2-0131 `C`/`EP`, v3 `ECON`), else the first current one with a name or a phone.
 */
export function emergencyContactOf(patient: Patient): PatientContact | undefined {
  const current = (patient.contact ?? []).filter(
    (c) => !c.period?.end && (c.name || c.telecom?.length),
  );
  return current.find((c) => c.relationship?.some(isEmergencyRole)) ?? current[0];
}

/**
 * Who the contact is to the patient ("Vợ", "Mẹ"), from `contact.relationship`: the first concept
 * that says more than "emergency contact" (the card's heading already says that), as its `text`
 * when recorded, else the word for its code (HL7 v2-0131, v3 RoleCode), else the code's display.
 * Undefined when the data says nothing more.
 */
export function relationshipOf(contact: PatientContact): Relationship | undefined {
  for (const concept of contact.relationship ?? []) {
    if (isEmergencyRole(concept)) continue;
    const text = concept.text?.trim();
    if (text) return { text };
    const key = codeKey(concept);
    if (key) return { key };
    const display = concept.coding?.find((c) => c.display?.trim())?.display?.trim();
    if (display) return { text: display };
  }
  return undefined;
}

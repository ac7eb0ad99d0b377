/**
 * What the patient profile card shows, derived from a summary or a Patient: the sections (and
 * which ones a summary cut or could not load), the photo, initials and contact links, each
 * checked before it becomes a URL. No rendering here; `patient-profile-card.ts` renders it.
 *
 * @module
 */
import type {
  AllergyIntolerance,
  Condition,
  ContactPoint,
  InsuranceInfo,
  MedicationStatement,
  Patient,
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

export function initials(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  const first = Array.from(words[0] ?? '')[0] ?? '';
  const last = words.length > 1 ? (Array.from(words[words.length - 1] ?? '')[0] ?? '') : '';
  return (first + last).toLocaleUpperCase('vi');
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

/** A `tel:` href made only of digits and `+`, or undefined when the value is no phone number. */
export function telHref(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const digits = value.replace(/[\s().-]/g, '');
  return /^\+?\d{3,15}$/.test(digits) ? `tel:${digits}` : undefined;
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

import type { Observation, Quantity } from '../fhir/index.ts';
import type { VitalKind, VitalReading, VitalSeries } from './types.ts';

const LOINC = 'http://loinc.org';

/**
 * LOINC codes of the vital signs the SDK reports. Matching is by code only: the MoH guide's
 * Vietnamese labels for systolic and diastolic are swapped, so labels are never trusted.
 */
export const VITAL_LOINC = {
  bloodPressure: ['85354-9', '55284-4'],
  heartRate: ['8867-4'],
  temperature: ['8310-5'],
  oxygenSaturation: ['59408-5', '2708-6'],
  weight: ['29463-7'],
  height: ['8302-2'],
  bmi: ['39156-5'],
  respiratoryRate: ['9279-1'],
} as const satisfies Record<VitalKind, readonly string[]>;

/** LOINC code of the systolic component of a blood-pressure panel. */
export const SYSTOLIC_LOINC = '8480-6';
/** LOINC code of the diastolic component of a blood-pressure panel. */
export const DIASTOLIC_LOINC = '8462-4';

const KIND_BY_CODE = new Map<string, VitalKind>(
  Object.entries(VITAL_LOINC).flatMap(([kind, codes]) =>
    codes.map((code) => [code, kind as VitalKind] as const),
  ),
);

/** Display order of vital kinds. */
export const VITAL_KINDS: readonly VitalKind[] = [
  'bloodPressure',
  'heartRate',
  'temperature',
  'oxygenSaturation',
  'respiratoryRate',
  'weight',
  'height',
  'bmi',
];

function loincCodes(
  concept: { coding?: { system?: string; code?: string }[] } | undefined,
): string[] {
  return (concept?.coding ?? [])
    .filter((c) => c.code && (c.system === undefined || c.system === LOINC))
    .map((c) => c.code as string);
}

/**
 * The vital kind of an Observation, by LOINC code; undefined when it is not one.
 *
 * @example vitalKindOf(observation) // 'bloodPressure' for LOINC 85354-9
 */
export function vitalKindOf(observation: Observation): VitalKind | undefined {
  for (const code of loincCodes(observation.code)) {
    const kind = KIND_BY_CODE.get(code);
    if (kind) return kind;
  }
  return undefined;
}

/**
 * The effective instant of an Observation (dateTime, period start or instant).
 *
 * @example observationDate(observation) // '2026-11-17T08:10:00+07:00'
 */
export function observationDate(observation: Observation): string | undefined {
  return (
    observation.effectiveDateTime ??
    observation.effectivePeriod?.start ??
    observation.effectiveInstant ??
    observation.issued
  );
}

function unitOf(quantity: Quantity): string {
  return quantity.code ?? quantity.unit ?? '';
}

function componentQuantity(observation: Observation, code: string): Quantity | undefined {
  const component = observation.component?.find((c) => loincCodes(c.code).includes(code));
  return component?.valueQuantity;
}

/**
 * True for Observations that must not be shown (entered in error, cancelled).
 *
 * @example const shown = observations.filter((o) => !isVoidObservation(o));
 */
export function isVoidObservation(observation: Observation): boolean {
  return observation.status === 'entered-in-error' || observation.status === 'cancelled';
}

/**
 * Turn an Observation into a reading, or undefined when it carries no usable value.
 * Blood pressure is read from its 8480-6/8462-4 components.
 *
 * @example toVitalReading(bpPanel) // { value: 132, diastolic: 84, unit: 'mm[Hg]', date: '…', observation }
 */
export function toVitalReading(
  observation: Observation,
  kind: VitalKind | undefined = vitalKindOf(observation),
): VitalReading | undefined {
  if (!kind || isVoidObservation(observation)) return undefined;
  const date = observationDate(observation);
  if (kind === 'bloodPressure') {
    const systolic = componentQuantity(observation, SYSTOLIC_LOINC);
    const diastolic = componentQuantity(observation, DIASTOLIC_LOINC);
    if (typeof systolic?.value !== 'number') return undefined;
    return {
      value: systolic.value,
      ...(typeof diastolic?.value === 'number' ? { diastolic: diastolic.value } : {}),
      unit: unitOf(systolic) || 'mm[Hg]',
      date,
      observation,
    };
  }
  const quantity = observation.valueQuantity;
  if (typeof quantity?.value !== 'number') return undefined;
  return { value: quantity.value, unit: unitOf(quantity), date, observation };
}

function time(date: string | undefined): number {
  if (!date) return Number.NEGATIVE_INFINITY;
  const t = Date.parse(date);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/**
 * Compare ISO dates, newest first; undated last.
 *
 * @example dates.sort(byDateDesc);
 */
export function byDateDesc(a: string | undefined, b: string | undefined): number {
  return time(b) - time(a);
}

function toKilograms(reading: VitalReading): number | undefined {
  const unit = reading.unit.toLowerCase();
  if (unit === 'kg') return reading.value;
  if (unit === 'g') return reading.value / 1000;
  if (unit === '[lb_av]' || unit === 'lb' || unit === 'lbs') return reading.value * 0.45359237;
  return undefined;
}

function toMetres(reading: VitalReading): number | undefined {
  const unit = reading.unit.toLowerCase();
  if (unit === 'cm') return reading.value / 100;
  if (unit === 'm') return reading.value;
  if (unit === 'mm') return reading.value / 1000;
  if (unit === '[in_i]' || unit === 'in') return reading.value * 0.0254;
  return undefined;
}

/**
 * Body-mass index from a weight and a height reading (kg/m², one decimal), dated at the later of
 * the two; undefined when a unit is unknown or a value is not plausible.
 *
 * @example computeBmi({ value: 70, unit: 'kg', date: '2026-11-01' }, { value: 175, unit: 'cm', date: '2026-01-01' })
 * // { value: 22.9, unit: 'kg/m2', date: '2026-11-01', computed: true }
 */
export function computeBmi(weight: VitalReading, height: VitalReading): VitalReading | undefined {
  const kg = toKilograms(weight);
  const m = toMetres(height);
  if (kg === undefined || m === undefined || kg <= 0 || m <= 0.2) return undefined;
  const value = Math.round((kg / (m * m)) * 10) / 10;
  const date = byDateDesc(weight.date, height.date) <= 0 ? weight.date : height.date;
  return { value, unit: 'kg/m2', date, computed: true };
}

/** How many readings a series keeps. */
export const VITAL_HISTORY_LENGTH = 10;

/**
 * Group vital-sign Observations by kind: the latest reading and up to 10 readings (oldest first)
 * per kind. BMI is computed from the latest weight and height when no 39156-5 reading exists.
 *
 * @example
 * const vitals = vitalSeries(observations);
 * vitals.bloodPressure?.latest; // { value: 128, diastolic: 82, unit: 'mm[Hg]', date: '…' }
 */
export function vitalSeries(
  observations: readonly Observation[],
): Partial<Record<VitalKind, VitalSeries>> {
  const byKind = new Map<VitalKind, VitalReading[]>();
  for (const observation of observations) {
    const kind = vitalKindOf(observation);
    const reading = kind && toVitalReading(observation, kind);
    if (!kind || !reading) continue;
    const list = byKind.get(kind) ?? [];
    list.push(reading);
    byKind.set(kind, list);
  }
  const out: Partial<Record<VitalKind, VitalSeries>> = {};
  for (const kind of VITAL_KINDS) {
    const readings = byKind.get(kind);
    if (!readings?.length) continue;
    const newestFirst = [...readings].sort((a, b) => byDateDesc(a.date, b.date));
    const history = newestFirst.slice(0, VITAL_HISTORY_LENGTH).reverse();
    out[kind] = { kind, latest: newestFirst[0] as VitalReading, history };
  }
  if (!out.bmi && out.weight && out.height) {
    const bmi = computeBmi(out.weight.latest, out.height.latest);
    if (bmi) out.bmi = { kind: 'bmi', latest: bmi, history: [bmi] };
  }
  return out;
}

import type { Coverage, Extension, Identifier, Patient, Period } from '../fhir/index.ts';
import { systemsFor, daysBetween, ictDate, recordedDate } from '../kernel.ts';
import type { InsuranceInfo } from './types.ts';

/** A card ending within this many days is `expiring`. */
export const EXPIRING_WITHIN_DAYS = 30;

/**
 * Judge a BHYT validity period against a date: `expired` once the end date has passed,
 * `expiring` when it ends within 30 days, `unknown` without a period or before its start.
 * The end date is inclusive (the card is valid all that day, Vietnamese time).
 *
 * @example insuranceStatus({ end: '2026-12-15' }, new Date('2026-11-28T10:00:00Z'))
 * // { status: 'expiring', daysLeft: 17 }
 */
export function insuranceStatus(
  period: Period | undefined,
  asOf: Date | string = new Date(),
): { status: InsuranceInfo['status']; daysLeft?: number } {
  const today = ictDate(asOf);
  const start = recordedDate(period?.start);
  const end = recordedDate(period?.end);
  if (!start && !end) return { status: 'unknown' };
  if (end) {
    const daysLeft = daysBetween(today, end);
    if (daysLeft < 0) return { status: 'expired', daysLeft };
    if (start && start > today) return { status: 'unknown', daysLeft };
    return { status: daysLeft <= EXPIRING_WITHIN_DAYS ? 'expiring' : 'valid', daysLeft };
  }
  return start && start > today ? { status: 'unknown' } : { status: 'valid' };
}

const FACILITY_EXTENSION = /primary-care-facility|dkbd|kcbbd|registered-facility|noi-dang-ky/i;

/**
 * The registered primary-care facility (MA_DKBD) from an extension, in any of its shapes.
 *
 * @example registeredFacilityOf(coverage.extension) // { code: '84001', name: 'Bệnh viện Đa khoa tỉnh Trà Vinh', reference: 'Organization/…' }
 */
export function registeredFacilityOf(
  extensions: readonly Extension[] | undefined,
): InsuranceInfo['registeredFacility'] {
  const ext = extensions?.find((e) => FACILITY_EXTENSION.test(e.url));
  if (!ext) return undefined;
  const out: NonNullable<InsuranceInfo['registeredFacility']> = {};
  const ref = ext.valueReference;
  const code =
    ref?.identifier?.value ??
    ext.valueIdentifier?.value ??
    ext.valueCoding?.code ??
    ext.valueCode ??
    ext.valueString;
  const name = ref?.display ?? ext.valueCoding?.display ?? ext.valueIdentifier?.assigner?.display;
  // "Bệnh viện Đa khoa tỉnh Trà Vinh (84001)": a display that carries the 5-character MA_DKBD.
  const split = !code && name ? /^(.*\S)\s*\(([0-9A-Z]{5})\)$/.exec(name) : null;
  if (split) {
    out.name = split[1] as string;
    out.code = split[2] as string;
  } else {
    if (code) out.code = code;
    if (name) out.name = name;
  }
  if (ref?.reference) out.reference = ref.reference;
  return Object.keys(out).length ? out : undefined;
}

function plainPeriod(period: Period | undefined): InsuranceInfo['period'] {
  if (!period?.start && !period?.end) return undefined;
  return {
    ...(period.start ? { start: period.start } : {}),
    ...(period.end ? { end: period.end } : {}),
  };
}

function endTime(period: Period | undefined): number {
  const end = period?.end ? Date.parse(period.end) : Number.NaN;
  return Number.isNaN(end) ? Number.POSITIVE_INFINITY : end;
}

function fromIdentifier(identifier: Identifier, asOf: Date | string): InsuranceInfo | undefined {
  if (!identifier.value) return undefined;
  const period = plainPeriod(identifier.period);
  // The assigner is the insurer (BHXH), not the registered facility: only the extension counts.
  const registeredFacility = registeredFacilityOf(identifier.extension);
  return {
    number: identifier.value,
    period,
    ...insuranceStatus(identifier.period, asOf),
    ...(registeredFacility ? { registeredFacility } : {}),
    source: 'patient',
  };
}

function fromCoverage(coverage: Coverage, asOf: Date | string): InsuranceInfo | undefined {
  const bhyt = systemsFor('bhyt');
  const number =
    coverage.identifier?.find((i) => i.system && bhyt.includes(i.system))?.value ??
    coverage.subscriberId ??
    coverage.identifier?.[0]?.value;
  if (!number) return undefined;
  const judged = insuranceStatus(coverage.period, asOf);
  const status = coverage.status === 'cancelled' ? 'expired' : judged.status;
  const registeredFacility = registeredFacilityOf(coverage.extension);
  return {
    number,
    period: plainPeriod(coverage.period),
    status,
    ...(judged.daysLeft !== undefined ? { daysLeft: judged.daysLeft } : {}),
    ...(registeredFacility ? { registeredFacility } : {}),
    source: 'coverage',
    coverage,
  };
}

/**
 * The patient's BHYT card from Patient.identifier (vn-core-moh) or, failing that, from the
 * patient's Coverage resources (vn-core-community). With several, the one valid longest wins.
 *
 * @example
 * const card = insuranceOf(patient, coverages, new Date());
 * if (card?.status === 'expired') warn(card.period?.end);
 */
export function insuranceOf(
  patient: Patient,
  coverages: readonly Coverage[],
  asOf: Date | string = new Date(),
): InsuranceInfo | undefined {
  const bhyt = systemsFor('bhyt');
  const onPatient = (patient.identifier ?? [])
    .filter((i) => i.system && bhyt.includes(i.system) && i.value)
    .sort((a, b) => endTime(b.period) - endTime(a.period));
  const fromPatient = onPatient[0] && fromIdentifier(onPatient[0], asOf);
  if (fromPatient) return fromPatient;
  const usable = coverages
    .filter((c) => c.status !== 'entered-in-error' && c.status !== 'draft')
    .sort(
      (a, b) =>
        Number(b.status === 'active') - Number(a.status === 'active') ||
        endTime(b.period) - endTime(a.period),
    );
  for (const coverage of usable) {
    const info = fromCoverage(coverage, asOf);
    if (info) return info;
  }
  return undefined;
}

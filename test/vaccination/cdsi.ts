/**
 * The CDC's CDSi reference data for the tests and the bench: the supporting data 4.64 converted
 * by `fromCdsiSupportingData`, and the development set of the CDC's healthy test cases (v4.45)
 * as Immunizations, with the comparison of one case against the engine.
 *
 * The data is in the repository, `test/vaccination/cdsi-data/` (public domain; override with
 * `VNH_CDSI_DIR`); when it is missing the caller fails, it never skips.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Immunization } from '@vnhealth/core';
import {
  evaluateSchedule,
  type ImmunizationSchedule,
  type ScheduleEvaluation,
} from '@vnhealth/core/schedule';
import { fromCdsiSupportingData } from '@vnhealth/core/schedule/cdsi';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the CDC's files are. */
export const CDSI_DIR = process.env.VNH_CDSI_DIR || join(root, 'test', 'vaccination', 'cdsi-data');

function dir(): string {
  if (!existsSync(join(CDSI_DIR, 'ScheduleSupportingData.xml')))
    throw new Error(
      `The CDC CDSi reference data is not in ${CDSI_DIR}: put the supporting data and dev-cases-v4.45.json there or set VNH_CDSI_DIR.`,
    );
  return CDSI_DIR;
}

/** The XML texts of the supporting data. */
export function supportingData(): { antigens: string[]; schedule: string } {
  const d = dir();
  return {
    antigens: readdirSync(d)
      .filter((f) => f.startsWith('AntigenSupportingData-') && f.endsWith('.xml'))
      .sort()
      .map((f) => readFileSync(join(d, f), 'utf8')),
    schedule: readFileSync(join(d, 'ScheduleSupportingData.xml'), 'utf8'),
  };
}

/** The supporting data converted. */
export function cdsiSchedule(): ImmunizationSchedule {
  return fromCdsiSupportingData(supportingData());
}

/** One case of dev-cases-v4.45.json. */
export interface CdsiCase {
  id: string;
  name: string;
  patient: { dob: string; gender: 'F' | 'M' | string };
  assessmentDate: string;
  vaccineGroup: string;
  doses: {
    dateAdministered: string;
    cvx: string;
    mvx: string | null;
    expectedEvaluationStatus: string;
    expectedEvaluationReason: string | null;
  }[];
  expected: {
    seriesStatus: string;
    forecastDoseNumber: string | null;
    earliestDate: string | null;
    recommendedDate: string | null;
    pastDueDate: string | null;
  };
}

/** The development cases. */
export function cdsiCases(): CdsiCase[] {
  return (
    JSON.parse(readFileSync(join(dir(), 'dev-cases-v4.45.json'), 'utf8')) as { cases: CdsiCase[] }
  ).cases;
}

/** The spreadsheet's vaccine group column → the vaccine group names of the supporting data. */
export const VACCINE_GROUPS: Record<string, string> = {
  DTAP: 'DTaP/Tdap/Td',
  FLU: 'Influenza',
  HIB: 'Hib',
  MCV: 'Meningococcal',
  MENB: 'Meningococcal B',
  PCV: 'Pneumococcal',
  POL: 'Polio',
  ROTA: 'Rotavirus',
  VAR: 'Varicella',
  ZOSTER: 'Zoster',
};

const DOSE_STATUS: Record<string, string> = {
  Valid: 'valid',
  'Not Valid': 'not-valid',
  Extraneous: 'extraneous',
  'Sub standard': 'sub-standard',
  'Sub-standard': 'sub-standard',
};

const SERIES_STATUS: Record<string, string> = {
  'Not complete': 'not-complete',
  Complete: 'complete',
  'Aged out': 'aged-out',
  Immune: 'immune',
  Contraindicated: 'contraindicated',
  'Not Recommended': 'not-recommended',
};

/** A case's doses as FHIR Immunizations (ids `dose-1`, `dose-2`…). */
export function immunizationsOf(c: CdsiCase): Immunization[] {
  return c.doses.map((d, i) => ({
    resourceType: 'Immunization',
    id: `dose-${i + 1}`,
    status: 'completed',
    vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: d.cvx }] },
    ...(d.mvx
      ? { manufacturer: { identifier: { system: 'http://hl7.org/fhir/sid/mvx', value: d.mvx } } }
      : {}),
    patient: { reference: `Patient/${c.id}` },
    occurrenceDateTime: d.dateAdministered,
  }));
}

/** Evaluate a case. */
export function runCase(c: CdsiCase, schedule: ImmunizationSchedule): ScheduleEvaluation {
  return evaluateSchedule({
    patient: {
      birthDate: c.patient.dob,
      gender: c.patient.gender === 'F' ? 'female' : c.patient.gender === 'M' ? 'male' : 'unknown',
    },
    immunizations: immunizationsOf(c),
    schedule,
    asOf: c.assessmentDate,
  });
}

/**
 * Where the engine disagrees with the CDC's expected results: each dose's evaluation status
 * (in the case's vaccine group, or the group of another vaccine the case lists), the series
 * status, dose number and the earliest, recommended and past-due dates. Empty when it agrees.
 */
export function mismatches(c: CdsiCase, result: ScheduleEvaluation): string[] {
  const group = VACCINE_GROUPS[c.vaccineGroup] ?? c.vaccineGroup;
  const f = result.forecasts.find((x) => x.vaccineGroup === group);
  const out: string[] = [];
  c.doses.forEach((d, i) => {
    const id = `dose-${i + 1}`;
    const got =
      f?.doses.find((x) => x.immunizationId === id) ??
      result.forecasts.flatMap((x) => x.doses).find((x) => x.immunizationId === id);
    const want = DOSE_STATUS[d.expectedEvaluationStatus] ?? d.expectedEvaluationStatus;
    if (got?.status !== want)
      out.push(
        `dose ${i + 1} (${d.dateAdministered}, CVX ${d.cvx}): ${got?.status ?? 'not evaluated'}, expected ${want}` +
          (d.expectedEvaluationReason ? ` (${d.expectedEvaluationReason})` : ''),
      );
  });
  const e = c.expected;
  const pairs: [string, unknown, unknown][] = [
    ['status', f?.status, SERIES_STATUS[e.seriesStatus] ?? e.seriesStatus],
    ['dose number', f?.doseNumber?.toString() ?? null, e.forecastDoseNumber],
    ['earliest', f?.earliestDate ?? null, e.earliestDate],
    ['recommended', f?.recommendedDate ?? null, e.recommendedDate],
    ['past due', f?.pastDueDate ?? null, e.pastDueDate],
  ];
  for (const [what, got, want] of pairs)
    if (got !== want) out.push(`${what}: ${String(got)}, expected ${String(want)}`);
  return out;
}

/**
 * An evaluation as FHIR R4 resources, in the style of HL7's Immunization Decision Support
 * Forecast IG (ImmDS): one ImmunizationEvaluation per dose and antigen, one
 * ImmunizationRecommendation with a recommendation per vaccine group. Codes come from the R4
 * code systems where they have one; the exact CDSi status or reason is a second coding under
 * `https://fhir.vnhealth.dev/CodeSystem/cdsi-*`.
 *
 * @module
 */
import type {
  CodeableConcept,
  Coding,
  ImmunizationEvaluation,
  ImmunizationRecommendation,
  ImmunizationRecommendationRecommendation,
  Reference,
} from '../../fhir/index.ts';
import type { ScheduleEvaluation } from './evaluate.ts';
import type { DoseEvaluation, EvaluationReasonCode, VaccineGroupForecast } from './results.ts';
import type { VaccineRef } from './types.ts';

/** Where the CDSi evaluation and forecast statuses and reasons are coded. */
export const CDSI_CODE_SYSTEMS = {
  evaluationStatus: 'https://fhir.vnhealth.dev/CodeSystem/cdsi-evaluation-status',
  evaluationReason: 'https://fhir.vnhealth.dev/CodeSystem/cdsi-evaluation-reason',
  forecastStatus: 'https://fhir.vnhealth.dev/CodeSystem/cdsi-forecast-status',
  forecastReason: 'https://fhir.vnhealth.dev/CodeSystem/cdsi-forecast-reason',
} as const;

const DOSE_STATUS = 'http://terminology.hl7.org/CodeSystem/immunization-evaluation-dose-status';
const DOSE_REASON =
  'http://terminology.hl7.org/CodeSystem/immunization-evaluation-dose-status-reason';
const FORECAST_STATUS = 'http://terminology.hl7.org/CodeSystem/immunization-recommendation-status';
const LOINC = 'http://loinc.org';

/** Options of the FHIR conversions. */
export interface FhirOutputOptions {
  /** The patient the evaluation is about, e.g. `{ reference: 'Patient/123' }`. */
  patient: Reference;
  /** Who publishes the recommendations (`ImmunizationEvaluation.authority`). */
  authority?: Reference;
}

const R4_REASON: Partial<Record<EvaluationReasonCode, string>> = {
  expired: 'explot',
  'too-young': 'outsidesched',
  'too-old': 'outsidesched',
  'too-soon': 'outsidesched',
  'vaccine-conflict': 'outsidesched',
  inadvertent: 'outsidesched',
  'not-allowable': 'outsidesched',
  'series-complete': 'outsidesched',
};

function vaccineCoding(ref: VaccineRef): Coding {
  const bar = ref.lastIndexOf('|');
  return { system: ref.slice(0, bar), code: ref.slice(bar + 1) };
}

function immunizationRef(d: DoseEvaluation): Reference {
  if (d.immunizationId) return { reference: `Immunization/${d.immunizationId}` };
  const id = d.immunization.identifier?.[0];
  if (id?.system && id.value) return { identifier: { system: id.system, value: id.value } };
  return { display: `Immunization given ${d.date}` };
}

/**
 * One ImmunizationEvaluation per evaluated dose and antigen (ImmDS): `doseStatus` is R4's
 * `valid` or `notvalid` with the CDSi status as a second coding, `doseStatusReason` the R4
 * reason (`explot`, `outsidesched`) and the CDSi reason with its text.
 *
 * @example
 * const resources = toImmunizationEvaluations(evaluation, { patient: { reference: 'Patient/p1' } });
 */
export function toImmunizationEvaluations(
  evaluation: ScheduleEvaluation,
  options: FhirOutputOptions,
): ImmunizationEvaluation[] {
  const lengths = new Map(evaluation.antigens.map((a) => [a.antigen, a]));
  return evaluation.doses.map((d): ImmunizationEvaluation => {
    const reasons: CodeableConcept[] = d.reasons
      .filter((r) => r.code !== 'grace-period' && r.code !== 'allowable-interval')
      .map((r) => ({
        coding: [
          ...(R4_REASON[r.code] ? [{ system: DOSE_REASON, code: R4_REASON[r.code]! }] : []),
          { system: CDSI_CODE_SYSTEMS.evaluationReason, code: r.code, display: r.text },
        ],
        text: r.text,
      }));
    const antigen = lengths.get(d.antigen);
    const seriesDoses = antigen?.series?.doses;
    return {
      resourceType: 'ImmunizationEvaluation',
      status: 'completed',
      patient: options.patient,
      date: evaluation.asOf,
      ...(options.authority ? { authority: options.authority } : {}),
      targetDisease: { text: antigen?.name.en ?? d.antigen },
      immunizationEvent: immunizationRef(d),
      doseStatus: {
        coding: [
          { system: DOSE_STATUS, code: d.status === 'valid' ? 'valid' : 'notvalid' },
          { system: CDSI_CODE_SYSTEMS.evaluationStatus, code: d.status },
        ],
        text: d.status,
      },
      ...(reasons.length ? { doseStatusReason: reasons } : {}),
      ...(antigen?.series ? { series: antigen.series.name.en } : {}),
      ...(d.targetDose ? { doseNumberPositiveInt: d.targetDose } : {}),
      ...(seriesDoses ? { seriesDosesPositiveInt: seriesDoses } : {}),
    };
  });
}

function forecastStatus(f: VaccineGroupForecast): CodeableConcept {
  const r4 =
    f.status === 'not-complete'
      ? f.due === 'overdue'
        ? 'overdue'
        : 'due'
      : f.status === 'aged-out' || f.status === 'not-recommended'
        ? undefined
        : f.status;
  return {
    coding: [
      ...(r4 ? [{ system: FORECAST_STATUS, code: r4 }] : []),
      { system: CDSI_CODE_SYSTEMS.forecastStatus, code: f.status },
    ],
    text: f.status,
  };
}

function criterion(code: string, display: string, value: string | undefined) {
  return value === undefined
    ? []
    : [{ code: { coding: [{ system: LOINC, code, display }] }, value }];
}

/**
 * One ImmunizationRecommendation for the evaluation (ImmDS): a recommendation per vaccine group
 * with its R4 forecast status (`due`, `overdue`, `complete`, `immune`, `contraindicated`) and the
 * CDSi status as a second coding, the recommended vaccines, the dose number and the dates as
 * LOINC date criteria (30981-5 earliest, 30980-7 recommended, 59778-1 past due, 59777-3 latest).
 *
 * @example
 * const rec = toImmunizationRecommendation(evaluation, { patient: { reference: 'Patient/p1' } });
 */
export function toImmunizationRecommendation(
  evaluation: ScheduleEvaluation,
  options: FhirOutputOptions,
): ImmunizationRecommendation {
  return {
    resourceType: 'ImmunizationRecommendation',
    patient: options.patient,
    date: evaluation.asOf,
    ...(options.authority ? { authority: options.authority } : {}),
    recommendation: evaluation.forecasts.map((f): ImmunizationRecommendationRecommendation => {
      const supporting = f.doses.flatMap((d) =>
        d.immunizationId ? [{ reference: `Immunization/${d.immunizationId}` }] : [],
      );
      return {
        ...(f.recommendedVaccines.length
          ? { vaccineCode: f.recommendedVaccines.map((v) => ({ coding: [vaccineCoding(v)] })) }
          : {}),
        targetDisease: { text: f.name.en },
        forecastStatus: forecastStatus(f),
        ...(f.reasons.length
          ? {
              forecastReason: f.reasons.map((r) => ({
                coding: [
                  { system: CDSI_CODE_SYSTEMS.forecastReason, code: r.code, display: r.text },
                ],
                text: r.text,
              })),
            }
          : {}),
        ...(f.status === 'not-complete'
          ? {
              dateCriterion: [
                ...criterion('30981-5', 'Earliest date to give', f.earliestDate),
                ...criterion('30980-7', 'Date vaccine due', f.recommendedDate),
                ...criterion('59778-1', 'Date when overdue for immunization', f.pastDueDate),
                ...criterion('59777-3', 'Latest date to give immunization', f.latestDate),
              ],
            }
          : {}),
        description: f.vaccineGroup,
        ...(f.doseNumber ? { doseNumberPositiveInt: f.doseNumber } : {}),
        ...(supporting.length ? { supportingImmunization: supporting } : {}),
      };
    }),
  };
}

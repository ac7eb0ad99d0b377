/**
 * The schedule engine's entry: pure functions from (patient, immunizations, observations,
 * schedule, asOf) to dose evaluations and forecasts, after the CDC's CDSi Logic Specification
 * 4.6. No network, no clock, no globals.
 *
 * Each chapter is its own module: `records.ts` reads the history (§4.2), `relevance.ts` the
 * relevant series, immunity and contraindications (§5, §7.2–7.3), `series.ts` runs a series
 * over the records and `evaluation.ts` evaluates one record against a target dose (§4.4, §6),
 * `forecast.ts` forecasts it (§7), `select.ts` picks the best series (§8),
 * `antigen.ts` runs one antigen, `group.ts` merges antigens into vaccine groups (§9).
 *
 * @module
 */
import type { Immunization, Patient } from '../../fhir/index.ts';
import { compiled } from './compile.ts';
import { ageDays, ictDate, recordedDate, toDay } from './dates.ts';
import { evaluateAntigen, type AntigenOutcome } from './antigen.ts';
import type { EngineContext } from './evaluation.ts';
import { groupForecast } from './group.ts';
import { readHistory, type PatientObservation } from './records.ts';
import { birthCountry, evidenceFor, isRelevant } from './relevance.ts';
import type {
  AntigenEvaluation,
  DoseEvaluation,
  NotDoneRecord,
  VaccineGroupForecast,
} from './results.ts';
import type { ImmunizationSchedule, ScheduleGender } from './types.ts';

export type { PatientObservation } from './records.ts';

/** What {@link evaluateSchedule} returns. */
export interface ScheduleEvaluation {
  scheduleId: string;
  /** The evaluation day, `YYYY-MM-DD`. */
  asOf: string;
  birthDate: string;
  /** Every completed dose evaluated, once per antigen it counts for, oldest first. */
  doses: DoseEvaluation[];
  /** One forecast per vaccine group with a relevant series, in the schedule's group order. */
  forecasts: VaccineGroupForecast[];
  /** The detail per antigen: the series chosen, its doses, skips and remaining doses. */
  antigens: AntigenEvaluation[];
  /** `not-done` records: listed, never evaluated. */
  notDone: NotDoneRecord[];
  /** Completed doses whose vaccine the schedule does not know, or whose antigens have no relevant series. */
  unmatched: Immunization[];
}

/** Input of {@link evaluateSchedule}. */
export interface EvaluateScheduleInput {
  /**
   * Needs `birthDate`; `gender` selects sex-specific series (absent: `unknown`); a
   * `patient-birthPlace` extension's country is the country of birth for immunity by birth date.
   */
  patient: Pick<Patient, 'birthDate' | 'gender' | 'extension'>;
  /** The patient's Immunization resources; `entered-in-error` ones are ignored. */
  immunizations: readonly Immunization[];
  /**
   * Evidence of immunity, contraindications and risk indications: FHIR Observations, Conditions
   * or AllergyIntolerances whose `code` (or an Observation's `valueCodeableConcept`) carries a
   * coding the schedule lists for one of its observations, or a code of
   * `https://fhir.vnhealth.dev/CodeSystem/cdsi-observation` (the CDSi observation code, e.g.
   * `007` pregnant). Inactive, refuted and entered-in-error ones are ignored; the date is the
   * effective or onset date (intervals from an observation use it).
   */
  observations?: readonly PatientObservation[];
  schedule: ImmunizationSchedule;
  /** The day to evaluate on (`YYYY-MM-DD`, a dateTime, or a Date): its date in Vietnam time. */
  asOf: string | Date;
}

/**
 * Evaluate a patient's immunisations against a schedule and forecast what is due, after the
 * CDC's CDSi Logic Specification: each antigen's doses are evaluated against every relevant
 * series (ages with absolute minimum and minimum, intervals and allowable intervals, preferable
 * and allowable vaccines with their ages, inadvertent vaccines, vaccine conflicts, conditional
 * skips, recurring doses), the best series is selected by the CDSi scoring, its next dose is
 * forecast (earliest, recommended, past-due and latest dates) unless the patient is complete,
 * immune, contraindicated, aged out or not recommended, and antigens are merged into vaccine
 * groups. `not-done` records are listed; reason `IMMUNE` is evidence of immunity and `MEDPREC`
 * a contraindication. `entered-in-error` records are dropped. Dates are calendar days as
 * recorded; `asOf` is read in Vietnam time.
 *
 * The cost grows linearly with the number of doses: dates and durations are converted once,
 * conflicts look only at the doses inside their window, counts advance one pointer.
 *
 * @example
 * import { evaluateSchedule, vnTcmrSchedule } from '@vnhealth/core/schedule';
 * const { doses, forecasts } = evaluateSchedule({
 *   patient: { birthDate: '2025-09-10', gender: 'female' },
 *   immunizations,
 *   schedule: vnTcmrSchedule,
 *   asOf: '2026-11-28',
 * });
 * for (const f of forecasts) console.log(f.vaccineGroup, f.status, f.recommendedDate, f.due);
 */
export function evaluateSchedule(input: EvaluateScheduleInput): ScheduleEvaluation {
  const steps = evaluateScheduleSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link evaluateSchedule} in steps, for a UI that must stay responsive on a long record: a
 * generator that yields (`undefined`) after every few hundred records read and after each
 * antigen, and returns the same evaluation. The caller decides when to go on (e.g. in another
 * task once a few milliseconds are spent); nothing else changes between steps, so the inputs
 * must not be mutated until it is done. Throws as `evaluateSchedule` does, on the first step.
 *
 * @example
 * const steps = evaluateScheduleSteps({ patient, immunizations, schedule, asOf });
 * let step = steps.next();
 * while (!step.done) {
 *   if (performance.now() - start > 8) await new Promise((r) => setTimeout(r));
 *   step = steps.next();
 * }
 * render(step.value);
 */
export function* evaluateScheduleSteps(
  input: EvaluateScheduleInput,
): Generator<undefined, ScheduleEvaluation, undefined> {
  const { schedule } = input;
  const birthRaw = input.patient.birthDate;
  if (!birthRaw) throw new RangeError('evaluateSchedule needs patient.birthDate.');
  const birth = recordedDate(birthRaw);
  if (!birth) throw new RangeError('evaluateSchedule: patient.birthDate is not a FHIR date.');
  const asOf = ictDate(input.asOf);
  const c = compiled(schedule);
  const birthDay = toDay(birth);
  const at = ageDays(birthDay);
  const history = yield* readHistory(input.immunizations, input.observations ?? [], at, c);
  const ctx: EngineContext = {
    c,
    birthDay,
    at,
    asOfDay: toDay(asOf),
    history,
    decided: new Map(),
    dosesCache: new Map(),
  };
  const gender: ScheduleGender = input.patient.gender ?? 'unknown';
  const country = birthCountry(input.patient);

  const outcomes = new Map<string, AntigenOutcome>();
  for (const { antigen, series } of c.antigens) {
    const relevant = series.filter((cs) => isRelevant(cs, gender, ctx));
    const outcome = evaluateAntigen(antigen, relevant, ctx, evidenceFor(antigen, ctx, country));
    if (outcome) outcomes.set(antigen.id, outcome);
    yield;
  }

  const forecasts: VaccineGroupForecast[] = [];
  for (const group of schedule.vaccineGroups) {
    const list = group.antigens.flatMap((a) => outcomes.get(a) ?? []);
    if (list.length) forecasts.push(groupForecast(group, list, ctx));
  }
  yield;

  const antigens = [...outcomes.values()].map((o) => o.evaluation);
  const doses = antigens
    .flatMap((a) => a.doses)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const evaluated = new Set(doses.map((d) => d.immunization));
  const unmatched = [
    ...history.unmatched,
    ...history.records.filter((r) => !evaluated.has(r.imm)).map((r) => r.imm),
  ];
  const notDone = history.notDone.map((n): NotDoneRecord => ({
    immunizationId: n.imm.id,
    immunization: n.imm,
    date: n.date,
    ...(n.reason ? { reason: n.reason } : {}),
    vaccineGroups: forecasts
      .filter((f) => f.notDone.some((d) => d.immunization === n.imm))
      .map((f) => f.vaccineGroup),
  }));
  return {
    scheduleId: schedule.id,
    asOf,
    birthDate: birth,
    doses,
    forecasts,
    antigens,
    notDone,
    unmatched,
  };
}

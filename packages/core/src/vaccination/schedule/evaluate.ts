/**
 * The schedule engine: pure functions from (patient, immunizations, schedule, asOf) to dose
 * evaluations and a forecast. No network, no clock, no globals.
 *
 * Each step is its own module: `records.ts` reads the recorded doses, `series.ts` evaluates them
 * against each series and picks the one to follow, `forecast.ts` dates the doses still to give.
 * This one puts them together per antigen (status, contraindications, immunity).
 *
 * @module
 */
import type { Immunization, Patient } from '../../fhir/index.ts';
import { addDuration, ageOn, ictDate, recordedDate } from './dates.ts';
import { forecastSeries } from './forecast.ts';
import {
  byDate,
  codingOf,
  doseRefs,
  hasReason,
  matches,
  readRecords,
  reasonText,
  refOf,
} from './records.ts';
import type {
  AntigenEvaluation,
  DoseDueStatus,
  DoseForecast,
  EvaluatedDose,
  SeriesStatus,
} from './results.ts';
import { bestSeries, evaluateSeries } from './series.ts';
import type {
  ImmunizationSchedule,
  LocalizedText,
  ScheduleAntigen,
  ScheduleDuration,
} from './types.ts';

/** What {@link evaluateSchedule} returns. */
export interface ScheduleEvaluation {
  scheduleId: string;
  asOf: string;
  birthDate: string;
  antigens: AntigenEvaluation[];
  /** Completed doses whose vaccine no antigen of the schedule uses (e.g. private-market vaccines). */
  unmatched: Immunization[];
}

/** Input of {@link evaluateSchedule}. */
export interface EvaluateScheduleInput {
  /** Needs `birthDate`. */
  patient: Pick<Patient, 'birthDate'>;
  /** The patient's Immunization resources; `entered-in-error` ones are ignored. */
  immunizations: readonly Immunization[];
  schedule: ImmunizationSchedule;
  /** The day to evaluate on (`YYYY-MM-DD`, a dateTime, or a Date): its date in Vietnam time. */
  asOf: string | Date;
  /** Antigens that must not be given (antigen id and an optional reason). */
  contraindications?: readonly { antigen: string; reason?: string }[];
}

/**
 * Evaluate a patient's immunisations against a schedule and forecast the next doses.
 *
 * Rules (after CDSi): each antigen's recorded doses are taken oldest first; a dose counts for
 * the current target dose when its vaccine is preferable or allowable, it is given no earlier
 * than the minimum age and no sooner than the minimum interval after the previous dose
 * administered in the series (valid or not) — both minus the schedule's grace period (4 days by
 * default: 4 days early counts, 5 days early does not) —, before the maximum age, with an
 * unexpired product, and not within the live-vaccine spacing of another live injected vaccine.
 * `not-done` records are listed and ignored, except that a `MEDPREC` status reason marks the
 * antigen contraindicated and `IMMUNE` marks it immune. `entered-in-error` records are dropped.
 *
 * The next dose has an earliest date (minimum age/interval, no grace), a recommended date and a
 * past-due date; relative to `asOf` it is `upcoming` before the recommended date, `due` from it
 * (inclusive) and `overdue` from the past-due date (inclusive).
 *
 * @example
 * import { evaluateSchedule, vnTcmrSchedule } from '@vnhealth/core/schedule';
 * const result = evaluateSchedule({
 *   patient: { birthDate: '2025-09-10' },
 *   immunizations,
 *   schedule: vnTcmrSchedule,
 *   asOf: '2026-11-28',
 * });
 * for (const a of result.antigens) console.log(a.antigenId, a.status, a.next?.status);
 */
export function evaluateSchedule(input: EvaluateScheduleInput): ScheduleEvaluation {
  const { schedule } = input;
  const birthRaw = input.patient.birthDate;
  if (!birthRaw) throw new RangeError('evaluateSchedule needs patient.birthDate.');
  const birth = recordedDate(birthRaw);
  if (!birth) throw new RangeError('evaluateSchedule: patient.birthDate is not a FHIR date.');
  const asOf = ictDate(input.asOf);
  const grace = schedule.gracePeriodDays ?? 4;

  const vaccinesByRef = new Map(schedule.vaccines.map((v) => [refOf(v), v]));
  const { completed, notDone } = readRecords(input.immunizations, vaccinesByRef);
  const liveDates = completed
    .filter((g) => g.vaccines.some((v) => v.liveParenteral))
    .map((g) => g.date);
  const lastLiveBefore = (d: string) => liveDates.filter((x) => x <= d).at(-1);

  const used = new Set<Immunization>();
  const antigens = schedule.antigens.map((antigen: ScheduleAntigen): AntigenEvaluation => {
    const refs = antigen.series.flatMap((s) => s.doses.flatMap(doseRefs));
    const mine = completed.filter((g) => matches(g, refs));
    mine.forEach((g) => used.add(g.imm));
    const results = antigen.series.map((s) =>
      evaluateSeries(s, mine, { birth, grace, schedule, liveDates }),
    );
    const best = bestSeries(results);
    const series = best?.series ?? { id: 'none', name: antigen.name, doses: [] };

    const mineNotDone = notDone.filter((g) => matches(g, refs));
    const doses = [
      ...(best?.doses ?? []),
      ...mineNotDone.map((g): EvaluatedDose => ({
        immunization: g.imm,
        date: g.date,
        ageDays: ageOn(birth, g.date).totalDays,
        vaccine: codingOf(g.vaccines[0]),
        status: 'not-done',
        doseNumber: undefined,
        reasons: [],
        preferable: false,
        ...(reasonText(g.imm) ? { notDoneReason: reasonText(g.imm)! } : {}),
      })),
    ].sort(byDate);

    const contraindication =
      input.contraindications?.find((c) => c.antigen === antigen.id) ??
      (mineNotDone.find((g) => hasReason(g.imm, 'MEDPREC'))
        ? {
            antigen: antigen.id,
            reason: reasonText(mineNotDone.find((g) => hasReason(g.imm, 'MEDPREC'))!.imm),
          }
        : undefined);
    const immune = mineNotDone.find((g) => hasReason(g.imm, 'IMMUNE'));

    // Skip target doses the patient has aged out of by asOf.
    const skipped = [...(best?.skipped ?? [])];
    let t = best?.next ?? 0;
    while (
      series.doses[t]?.maximumAge &&
      asOf >= addDuration(birth, series.doses[t]!.maximumAge!)
    ) {
      skipped.push(series.doses[t]!.doseNumber);
      t += 1;
    }
    const complete = t >= series.doses.length;
    const validCount = best?.validCount ?? 0;

    let status: SeriesStatus;
    let statusReason: string | undefined;
    if (complete) status = 'complete';
    else if (contraindication) {
      status = 'contraindicated';
      statusReason = contraindication.reason;
    } else if (immune) {
      status = 'immune';
      statusReason = reasonText(immune.imm);
    } else status = validCount > 0 ? 'in-progress' : 'not-started';

    const remaining: DoseForecast[] =
      status === 'in-progress' || status === 'not-started'
        ? forecastSeries(series.doses, t, {
            birth,
            prev: best?.prev,
            lastLive: lastLiveBefore(asOf),
            asOf,
            schedule,
            vaccinesByRef,
          })
        : [];

    return {
      antigenId: antigen.id,
      name: antigen.name,
      diseases: antigen.diseases,
      seriesId: series.id,
      status,
      doses,
      skippedDoses: skipped,
      next: remaining[0],
      remaining,
      verified: series.doses.every((d) => d.verified),
      ...(statusReason ? { statusReason } : {}),
    };
  });

  return {
    scheduleId: schedule.id,
    asOf,
    birthDate: birth,
    antigens,
    unmatched: completed.filter((g) => !used.has(g.imm)).map((g) => g.imm),
  };
}

/**
 * Every dose still to give across antigens, grouped by recommended date: the appointment card a
 * parent sees ("2 tháng: …, 3 tháng: …").
 *
 * @example
 * const visits = upcomingVisits(evaluateSchedule({ … }));
 * // [{ date: '2026-01-10', recommendedAge: 'P2M', status: 'due', doses: [...] }, …]
 */
export function upcomingVisits(evaluation: ScheduleEvaluation): {
  date: string;
  recommendedAge: ScheduleDuration | undefined;
  status: DoseDueStatus;
  doses: (DoseForecast & { antigenId: string; antigenName: LocalizedText })[];
}[] {
  const visits = new Map<
    string,
    {
      date: string;
      recommendedAge: ScheduleDuration | undefined;
      status: DoseDueStatus;
      doses: (DoseForecast & { antigenId: string; antigenName: LocalizedText })[];
    }
  >();
  const rank: Record<DoseDueStatus, number> = { upcoming: 0, due: 1, overdue: 2 };
  for (const a of evaluation.antigens) {
    for (const f of a.remaining) {
      const date = f.status === 'upcoming' ? f.recommendedDate : evaluation.asOf;
      const visit = visits.get(date) ?? {
        date,
        recommendedAge: f.recommendedAge,
        status: f.status,
        doses: [],
      };
      visit.doses.push({ ...f, antigenId: a.antigenId, antigenName: a.name });
      if (rank[f.status] > rank[visit.status]) visit.status = f.status;
      visits.set(date, visit);
    }
  }
  return [...visits.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

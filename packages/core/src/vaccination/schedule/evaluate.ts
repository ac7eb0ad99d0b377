/**
 * The schedule engine: pure functions from (patient, immunizations, schedule, asOf) to dose
 * evaluations and a forecast. No network, no clock, no globals.
 *
 * @module
 */
import type { Coding, Immunization, Patient } from '../../fhir/index.ts';
import { addDays, addDuration, ageOn, ictDate, maxDate, recordedDate } from './dates.ts';
import type {
  ImmunizationSchedule,
  LocalizedText,
  ScheduleAntigen,
  ScheduleDose,
  ScheduleDuration,
  ScheduleSeries,
  ScheduleVaccine,
  VaccineRef,
} from './types.ts';

/** Why a dose does not count. */
export type DoseInvalidReason =
  /** Given before the minimum age minus the grace period. */
  | 'too-early'
  /** Given before the minimum interval (minus grace) after the previous dose in the series. */
  | 'too-soon'
  /** Given at or after the dose's maximum age. */
  | 'too-late'
  /** The product was past its expiration date on the day it was given. */
  | 'expired'
  /** Recorded as sub-potent (`isSubpotent`). */
  | 'subpotent'
  /** A live injected vaccine less than the spacing (minus grace) after another one. */
  | 'live-vaccine-spacing'
  /** The vaccine is not preferable or allowable for this target dose. */
  | 'not-allowable';

/** The evaluation of one recorded Immunization against one antigen series. */
export interface EvaluatedDose {
  immunization: Immunization;
  /** Date given, `YYYY-MM-DD` in Vietnam. */
  date: string;
  /** Age in days on that date. */
  ageDays: number;
  /** The coding that matched the schedule. */
  vaccine: Coding | undefined;
  /**
   * `valid` counts for `doseNumber`; `invalid` does not (see `reasons`); `not-done` is a
   * recorded refusal or omission and is ignored; `extra` is a valid dose beyond the series.
   */
  status: 'valid' | 'invalid' | 'not-done' | 'extra';
  /** The target dose it was evaluated against (1-based), when any. */
  doseNumber: number | undefined;
  /** Empty unless `invalid`. */
  reasons: DoseInvalidReason[];
  /** True when the vaccine is one the schedule prefers for the dose. */
  preferable: boolean;
  /** For `not-done`: `Immunization.statusReason` as text or code. */
  notDoneReason?: string;
}

/** Where a forecast dose stands on `asOf`. Boundary days are inclusive: see the fields. */
export type DoseDueStatus = 'upcoming' | 'due' | 'overdue';

/** A dose still to give, with its dates. */
export interface DoseForecast {
  doseNumber: number;
  label: LocalizedText | undefined;
  /** Earliest date it would count (minimum age/interval, no grace). */
  earliestDate: string;
  /** The date to give it: `due` from this day, inclusive. */
  recommendedDate: string;
  /** `overdue` from this day, inclusive. */
  pastDueDate: string;
  /** Not given on or after this day (maximum age), when the schedule sets one. */
  latestDate: string | undefined;
  /** Relative to `asOf`: before `recommendedDate` → upcoming; from it → due; from `pastDueDate` → overdue. */
  status: DoseDueStatus;
  /** Only for the next dose of a series; projected doses after it assume on-time vaccination. */
  projected: boolean;
  /** The recommended age in the schedule (e.g. `P2M`), for "at 2 months" labels. */
  recommendedAge: ScheduleDuration | undefined;
  preferableVaccines: VaccineRef[];
  /** Copied from the schedule: do not drive reminders from unverified rows. */
  verified: boolean;
  source: string[];
}

/** Series status for one antigen. */
export type SeriesStatus =
  'complete' | 'in-progress' | 'not-started' | 'contraindicated' | 'immune';

/** The result for one antigen. */
export interface AntigenEvaluation {
  antigenId: string;
  name: LocalizedText;
  diseases: string[];
  /** The series the engine followed. */
  seriesId: string;
  status: SeriesStatus;
  /** Every recorded dose for this antigen, oldest first, including not-done. */
  doses: EvaluatedDose[];
  /** Target doses skipped because the patient passed their maximum age (1-based). */
  skippedDoses: number[];
  /** The next dose, unless the series is complete or contraindicated. */
  next: DoseForecast | undefined;
  /** The next dose and the ones after it, projected assuming each is given when recommended. */
  remaining: DoseForecast[];
  /** False when any dose row of the series is unverified. */
  verified: boolean;
  /** Why the series is contraindicated or considered immune, when it is. */
  statusReason?: string;
}

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

const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';

interface Given {
  imm: Immunization;
  date: string;
  vaccines: ScheduleVaccine[];
}

function refOf(v: { system: string; code: string }): VaccineRef {
  return `${v.system}|${v.code}`;
}

/** The day a dose was given, as recorded (its own offset, not converted to Vietnam time). */
function dateOf(imm: Immunization): string | undefined {
  return recordedDate(imm.occurrenceDateTime ?? imm.occurrenceString);
}

function doseRefs(dose: ScheduleDose): VaccineRef[] {
  return [...dose.preferableVaccines, ...(dose.allowableVaccines ?? [])];
}

function matches(given: Given, refs: readonly VaccineRef[]): ScheduleVaccine | undefined {
  return given.vaccines.find((v) => refs.includes(refOf(v)));
}

function reasonText(imm: Immunization): string | undefined {
  const r = imm.statusReason;
  return r?.text ?? r?.coding?.[0]?.display ?? r?.coding?.[0]?.code;
}

function hasReason(imm: Immunization, code: string): boolean {
  return Boolean(
    imm.statusReason?.coding?.some(
      (c) => c.code === code && (!c.system || c.system === ACT_REASON),
    ),
  );
}

function forecastDose(
  dose: ScheduleDose,
  ctx: {
    birth: string;
    prev: string | undefined;
    lastLive: string | undefined;
    asOf: string;
    schedule: ImmunizationSchedule;
    liveDose: boolean;
    projected: boolean;
  },
): DoseForecast {
  const { birth, prev, schedule } = ctx;
  let earliest = maxDate(
    dose.minimumAge ? addDuration(birth, dose.minimumAge) : undefined,
    prev && dose.minimumInterval ? addDuration(prev, dose.minimumInterval) : undefined,
  );
  earliest ??= prev ?? birth;
  if (ctx.liveDose && ctx.lastLive) {
    earliest = maxDate(earliest, addDuration(ctx.lastLive, schedule.liveVaccineSpacing ?? 'P28D'))!;
  }
  const recommended =
    maxDate(
      maxDate(
        dose.recommendedAge ? addDuration(birth, dose.recommendedAge) : undefined,
        prev && dose.recommendedInterval ? addDuration(prev, dose.recommendedInterval) : undefined,
      ),
      earliest,
    ) ?? earliest;
  const pastDueRaw = dose.latestRecommendedAge
    ? addDays(addDuration(birth, dose.latestRecommendedAge), 1)
    : addDuration(recommended, schedule.pastDueAfter ?? 'P1M');
  const pastDue = maxDate(pastDueRaw, recommended)!;
  const status: DoseDueStatus =
    ctx.asOf >= pastDue ? 'overdue' : ctx.asOf >= recommended ? 'due' : 'upcoming';
  return {
    doseNumber: dose.doseNumber,
    label: dose.label,
    earliestDate: earliest,
    recommendedDate: recommended,
    pastDueDate: pastDue,
    latestDate: dose.maximumAge ? addDuration(birth, dose.maximumAge) : undefined,
    status,
    projected: ctx.projected,
    recommendedAge: dose.recommendedAge,
    preferableVaccines: dose.preferableVaccines,
    verified: dose.verified,
    source: dose.source,
  };
}

interface SeriesResult {
  series: ScheduleSeries;
  doses: EvaluatedDose[];
  skipped: number[];
  validCount: number;
  next: number;
  prev: string | undefined;
}

function evaluateSeries(
  series: ScheduleSeries,
  given: Given[],
  ctx: { birth: string; grace: number; schedule: ImmunizationSchedule; liveDates: string[] },
): SeriesResult {
  const { birth, grace, schedule } = ctx;
  const spacing = schedule.liveVaccineSpacing ?? 'P28D';
  const doses: EvaluatedDose[] = [];
  const skipped: number[] = [];
  let t = 0;
  let prev: string | undefined;
  let validCount = 0;

  for (const g of given) {
    const ageDays = ageOn(birth, g.date).totalDays;
    // Skip target doses the patient had aged out of by this date, or that this vaccine
    // supersedes (e.g. a missed birth dose once the combination series starts).
    for (;;) {
      const target = series.doses[t];
      if (!target) break;
      const aged =
        target.maximumAge !== undefined && g.date >= addDuration(birth, target.maximumAge);
      const nextTarget = series.doses[t + 1];
      const superseded =
        target.maximumAge !== undefined &&
        !matches(g, doseRefs(target)) &&
        nextTarget !== undefined &&
        matches(g, doseRefs(nextTarget)) !== undefined;
      if (!aged && !superseded) break;
      skipped.push(target.doseNumber);
      t += 1;
    }
    const target = series.doses[t];
    const anyVaccine = matches(g, series.doses.flatMap(doseRefs));
    if (!target) {
      doses.push({
        immunization: g.imm,
        date: g.date,
        ageDays,
        vaccine: anyVaccine && {
          system: anyVaccine.system,
          code: anyVaccine.code,
          display: anyVaccine.display,
        },
        status: 'extra',
        doseNumber: undefined,
        reasons: [],
        preferable: false,
      });
      prev = g.date;
      continue;
    }
    const matched = matches(g, doseRefs(target));
    const vaccine = matched ?? anyVaccine;
    const reasons: DoseInvalidReason[] = [];
    if (!matched) reasons.push('not-allowable');
    if (target.minimumAge && g.date < addDays(addDuration(birth, target.minimumAge), -grace))
      reasons.push('too-early');
    if (target.maximumAge && g.date >= addDuration(birth, target.maximumAge))
      reasons.push('too-late');
    if (
      prev &&
      target.minimumInterval &&
      g.date < addDays(addDuration(prev, target.minimumInterval), -grace)
    ) {
      reasons.push('too-soon');
    }
    const expiry = recordedDate(g.imm.expirationDate);
    if (expiry && expiry < g.date) reasons.push('expired');
    if (g.imm.isSubpotent) reasons.push('subpotent');
    if (vaccine?.liveParenteral) {
      const conflict = ctx.liveDates.some(
        (d) => d < g.date && g.date < addDays(addDuration(d, spacing), -grace),
      );
      if (conflict) reasons.push('live-vaccine-spacing');
    }
    const valid = reasons.length === 0;
    doses.push({
      immunization: g.imm,
      date: g.date,
      ageDays,
      vaccine: vaccine && { system: vaccine.system, code: vaccine.code, display: vaccine.display },
      status: valid ? 'valid' : 'invalid',
      doseNumber: target.doseNumber,
      reasons,
      preferable: Boolean(matched && target.preferableVaccines.includes(refOf(matched))),
    });
    prev = g.date;
    if (valid) {
      validCount += 1;
      t += 1;
    }
  }
  return { series, doses, skipped, validCount, next: t, prev };
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
  const resolve = (imm: Immunization): ScheduleVaccine[] => {
    const found = (imm.vaccineCode?.coding ?? [])
      .map((c) => vaccinesByRef.get(`${c.system ?? ''}|${c.code ?? ''}`))
      .filter((v): v is ScheduleVaccine => v !== undefined);
    const products = found.filter((v) => !v.diseaseLevel);
    return products.length ? products : found;
  };

  const completed: Given[] = [];
  const notDone: Given[] = [];
  for (const imm of input.immunizations) {
    if (imm.status === 'entered-in-error') continue;
    const date = dateOf(imm);
    if (!date) continue;
    const g = { imm, date, vaccines: resolve(imm) };
    if (imm.status === 'not-done') notDone.push(g);
    else if (imm.status === 'completed') completed.push(g);
  }
  const byDate = (a: Given, b: Given) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  completed.sort(byDate);
  notDone.sort(byDate);
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
    const best = results.reduce<SeriesResult | undefined>((acc, r) => {
      if (!acc) return r;
      const accDone = acc.next >= acc.series.doses.length;
      const rDone = r.next >= r.series.doses.length;
      if (rDone !== accDone) return rDone ? r : acc;
      return r.validCount > acc.validCount ? r : acc;
    }, undefined);
    const series = best?.series ?? { id: 'none', name: antigen.name, doses: [] };

    const mineNotDone = notDone.filter((g) => matches(g, refs));
    const doses = [
      ...(best?.doses ?? []),
      ...mineNotDone.map((g): EvaluatedDose => ({
        immunization: g.imm,
        date: g.date,
        ageDays: ageOn(birth, g.date).totalDays,
        vaccine: g.vaccines[0] && {
          system: g.vaccines[0].system,
          code: g.vaccines[0].code,
          display: g.vaccines[0].display,
        },
        status: 'not-done',
        doseNumber: undefined,
        reasons: [],
        preferable: false,
        ...(reasonText(g.imm) ? { notDoneReason: reasonText(g.imm)! } : {}),
      })),
    ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

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

    const remaining: DoseForecast[] = [];
    if (status === 'in-progress' || status === 'not-started') {
      let prev = best?.prev;
      for (let k = t; k < series.doses.length; k++) {
        const dose = series.doses[k]!;
        const live = dose.preferableVaccines.some((r) => vaccinesByRef.get(r)?.liveParenteral);
        const f = forecastDose(dose, {
          birth,
          prev,
          lastLive: lastLiveBefore(asOf),
          asOf,
          schedule,
          liveDose: live,
          projected: k > t,
        });
        // A projected dose is assumed given on its recommended date, or today when late.
        if (f.latestDate && f.recommendedDate >= f.latestDate) continue;
        remaining.push(f);
        prev = k === t && f.recommendedDate < asOf ? asOf : f.recommendedDate;
      }
    }

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

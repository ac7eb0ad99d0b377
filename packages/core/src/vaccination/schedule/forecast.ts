/**
 * Forecast of one patient series (CDSi chapter 7): conditional skips at the assessment date,
 * evidence of immunity, contraindications, whether another dose is needed (complete, immune,
 * contraindicated, not recommended, aged out), the forecast dates (earliest, unadjusted and
 * adjusted recommended and past due, latest), the recommended vaccines, the dose number, and the
 * re-check of the skips at the earliest date (§7.6).
 *
 * @internal
 * @module
 */
import { addParts } from './dates.ts';
import { dur } from './compile.ts';
import {
  ageOf,
  dosesOf,
  latestBefore,
  previousEval,
  referenceDay,
  skipContext,
  type EngineContext,
  type SeriesRun,
  type TargetState,
} from './evaluation.ts';
import type { ForecastReason, ForecastReasonCode, ForecastStatus } from './results.ts';
import { applies, canSkip } from './skip.ts';
import { toDay } from './dates.ts';
import type { VaccineRef } from './types.ts';

/** What the antigen's evidence says (§7.2, §7.3). */
export interface Evidence {
  immune: boolean;
  /** An antigen contraindication applies. */
  contraindicated: boolean;
  /** Vaccines with a vaccine contraindication that applies. */
  contraindicatedVaccines: ReadonlySet<VaccineRef>;
}

/** A series forecast; dates are day numbers. */
export interface SeriesForecast {
  status: ForecastStatus;
  reasons: ForecastReason[];
  /** The target dose forecast (when `not-complete`). */
  target: TargetState | undefined;
  doseNumber: number | undefined;
  earliest: number | undefined;
  unadjustedRecommended: number | undefined;
  recommended: number | undefined;
  unadjustedPastDue: number | undefined;
  pastDue: number | undefined;
  latest: number | undefined;
  recommendedVaccines: VaccineRef[];
  /** FORECASTPRIORITY-1: every preferable interval of the target has the priority flag. */
  priority: boolean;
  /** SELECTB-12: the earliest date plus the minimum intervals of the doses after it. */
  finish: number | undefined;
  /** SELECTB-3. */
  completable: boolean;
}

const TEXT: Record<ForecastReasonCode, string> = {
  complete: 'Patient series is complete.',
  immune: 'Patient has evidence of immunity.',
  contraindicated: 'Patient has a contraindication.',
  'not-recommended': 'Not recommended at this time due to past immunization history.',
  'past-seasonal-end': 'Past seasonal recommendation end date.',
  'aged-out': 'Patient has exceeded the maximum age.',
  'cannot-finish': 'Patient is unable to finish the series prior to the maximum age.',
};

const because = (code: ForecastReasonCode): ForecastReason[] => [{ code, text: TEXT[code] }];

function done(status: ForecastStatus, code: ForecastReasonCode): SeriesForecast {
  return {
    status,
    reasons: because(code),
    target: undefined,
    doseNumber: undefined,
    earliest: undefined,
    unadjustedRecommended: undefined,
    recommended: undefined,
    unadjustedPastDue: undefined,
    pastDue: undefined,
    latest: undefined,
    recommendedVaccines: [],
    priority: false,
    finish: undefined,
    completable: status === 'complete',
  };
}

const maxOf = (a: number | undefined, b: number | undefined) =>
  a === undefined ? b : b === undefined ? a : Math.max(a, b);

/** FORECASTDTCAN-1 and the other FORECASTDT dates of the run's next target dose. */
function dates(run: SeriesRun, ctx: EngineContext, target: TargetState) {
  const cd = target.cd;
  const on = ctx.asOfDay;
  const age = ageOf(cd, on);
  const at = ctx.at;
  const previous = previousEval(run);
  let minInterval: number | undefined;
  let recInterval: number | undefined;
  let lateInterval: number | undefined;
  const preferable = (cd.dose.intervals ?? []).filter((i) => applies(i, on));
  for (const interval of preferable) {
    const ref = referenceDay(interval, run, ctx, on + 1, previous);
    if (ref === undefined) continue;
    const add = (d: Parameters<typeof dur>[0]) => {
      const p = dur(d);
      return p ? addParts(ref, p) : undefined;
    };
    minInterval = maxOf(minInterval, add(interval.minimumInterval));
    recInterval = maxOf(recInterval, add(interval.earliestRecommendedInterval));
    lateInterval = maxOf(lateInterval, add(interval.latestRecommendedInterval));
  }
  // CALCDTCONFLICT-3: after a conflicting dose, wait its full conflict end interval.
  let conflictEnd: number | undefined;
  for (const v of cd.dose.preferableVaccines) {
    for (const rule of ctx.c.conflictsByCurrent.get(v.vaccine) ?? []) {
      const last = latestBefore(dosesOf(ctx, [rule.previous]), on + 1);
      if (last) conflictEnd = maxOf(conflictEnd, addParts(last.day, rule.end));
    }
  }
  const seasonStart = cd.dose.seasonal?.startDate ? toDay(cd.dose.seasonal.startDate) : undefined;
  let lastEvaluated: number | undefined;
  for (const e of run.evals) if (e.target) lastEvaluated = maxOf(lastEvaluated, e.ar.record.day);
  const earliest =
    [at(age?.minimumAge), minInterval, conflictEnd, seasonStart, lastEvaluated].reduce(maxOf) ??
    ctx.birthDay;
  const unadjustedRecommended = at(age?.earliestRecommendedAge) ?? recInterval ?? earliest;
  const lateAge = at(age?.latestRecommendedAge);
  const unadjustedPastDue =
    lateAge !== undefined ? lateAge - 1 : lateInterval !== undefined ? lateInterval - 1 : undefined;
  const maxAge = at(age?.maximumAge);
  return {
    earliest,
    unadjustedRecommended,
    recommended: Math.max(earliest, unadjustedRecommended),
    unadjustedPastDue,
    pastDue: unadjustedPastDue === undefined ? undefined : Math.max(earliest, unadjustedPastDue),
    maxAge,
    latest: maxAge === undefined ? undefined : maxAge - 1,
    priority: preferable.length > 0 && preferable.every((i) => i.priority),
  };
}

/** SELECTB-12: add the largest minimum interval of each dose after the next one. */
function finishDate(run: SeriesRun, from: number, earliest: number): number {
  let day = earliest;
  for (let i = from + 1; i < run.targets.length; i++) {
    let step: number | undefined;
    for (const interval of run.targets[i]!.cd.dose.intervals ?? []) {
      const p = dur(interval.minimumInterval);
      if (p) step = maxOf(step, addParts(day, p));
    }
    if (step !== undefined) day = step;
  }
  return day;
}

/**
 * Forecast the run's next target dose on the assessment date (CDSi chapter 7); skipped target
 * doses are marked on the run.
 */
export function forecastSeries(
  run: SeriesRun,
  ctx: EngineContext,
  evidence: Evidence,
): SeriesForecast {
  const on = ctx.asOfDay;
  for (;;) {
    while (run.next < run.targets.length) {
      const t = run.targets[run.next]!;
      if (
        !t.cd.dose.conditionalSkips ||
        !canSkip(t.cd.dose, 'forecast', on, on, skipContext(run, ctx))
      )
        break;
      t.status = 'skipped';
      run.next += 1;
    }
    const target = run.targets[run.next];
    if (!target)
      return run.validCount > 0
        ? done('complete', 'complete')
        : done('not-recommended', 'not-recommended');
    if (evidence.immune) return done('immune', 'immune');
    const preferable = target.cd.dose.preferableVaccines;
    if (
      evidence.contraindicated ||
      (preferable.length > 0 &&
        preferable.every((v) => evidence.contraindicatedVaccines.has(v.vaccine)))
    )
      return done('contraindicated', 'contraindicated');
    const end = target.cd.dose.seasonal?.endDate;
    if (end && on > toDay(end)) return done('not-recommended', 'past-seasonal-end');
    const d = dates(run, ctx, target);
    if (d.maxAge !== undefined && on >= d.maxAge) return done('aged-out', 'aged-out');
    if (d.maxAge !== undefined && d.earliest >= d.maxAge) return done('aged-out', 'cannot-finish');
    // §7.6: a forecast the skips would make pointless at its earliest date is re-made.
    if (
      target.cd.dose.conditionalSkips &&
      canSkip(target.cd.dose, 'forecast', d.earliest, on, skipContext(run, ctx))
    ) {
      target.status = 'skipped';
      run.next += 1;
      continue;
    }
    const recommendedVaccines = preferable
      .filter((v) => {
        if (!v.forecast || evidence.contraindicatedVaccines.has(v.vaccine)) return false;
        const b = ctx.at(v.beginAge);
        const e = ctx.at(v.endAge);
        const inRange = (day: number) =>
          (b === undefined || day >= b) && (e === undefined || day < e);
        return inRange(d.earliest) || inRange(d.recommended);
      })
      .map((v) => v.vaccine);
    let satisfied = 0;
    for (const t of run.targets) {
      if (t.status !== 'satisfied') continue;
      const start = t.cd.dose.seasonal?.startDate;
      if (start && t.by!.ar.record.day < toDay(start)) continue;
      satisfied += 1;
    }
    const last = run.targets.at(-1)!;
    const lastMax = ctx.at(ageOf(last.cd, on)?.maximumAge);
    const finish = finishDate(run, run.next, d.earliest);
    return {
      status: 'not-complete',
      reasons: [],
      target,
      doseNumber: satisfied + 1,
      earliest: d.earliest,
      unadjustedRecommended: d.unadjustedRecommended,
      recommended: d.recommended,
      unadjustedPastDue: d.unadjustedPastDue,
      pastDue: d.pastDue,
      latest: d.latest,
      recommendedVaccines: [...new Set(recommendedVaccines)],
      priority: d.priority,
      finish,
      completable: lastMax === undefined || finish < lastMax,
    };
  }
}

/**
 * Evaluation of one antigen record against a target dose (CDSi chapter 6): inadvertent
 * vaccine, age (absolute minimum, minimum, maximum), preferable then allowable intervals (from
 * the previous dose, a target dose, the most recent dose of given vaccines, an observation),
 * vaccine conflicts, preferable then allowable vaccine; and what a series run holds. The run
 * itself (dose condition, skips, satisfying, recurring and extraneous doses) is `series.ts`.
 *
 * @internal
 * @module
 */
import type { Immunization } from '../../fhir/index.ts';
import { addParts, type AgeDay } from './dates.ts';
import {
  dur,
  type CompiledConflict,
  type CompiledDose,
  type CompiledSchedule,
  type CompiledSeries,
} from './compile.ts';
import type { AntigenRecord, History, VaccineRecord } from './records.ts';
import type { DoseStatus, EvaluationReason, EvaluationReasonCode } from './results.ts';
import { applies, type Counter, type SkipContext } from './skip.ts';
import type { DoseAge, DoseInterval, DoseVaccine, SkipCondition, VaccineRef } from './types.ts';

/** What every series of one evaluation shares. */
export interface EngineContext {
  c: CompiledSchedule;
  birthDay: number;
  /** Birth + an age, as a day number (cached per duration). */
  at: AgeDay;
  asOfDay: number;
  history: History;
  /** Statuses found by the antigens already decided (valid in any of them wins). */
  decided: Map<Immunization, DoseStatus>;
  /** Merged dose lists per vaccine list (skip conditions, most recent intervals). */
  dosesCache: Map<string, VaccineRecord[]>;
}

/** A target dose of a patient series. */
export interface TargetState {
  cd: CompiledDose;
  status: 'not-satisfied' | 'satisfied' | 'skipped';
  by: RecordEval | undefined;
}

/** One antigen record evaluated in a series. */
export interface RecordEval {
  ar: AntigenRecord;
  status: DoseStatus;
  reasons: EvaluationReason[];
  target: TargetState | undefined;
  preferable: boolean;
  inadvertent: boolean;
}

/** One series evaluated (the forecast fills the rest). */
export interface SeriesRun {
  cs: CompiledSeries;
  targets: TargetState[];
  evals: RecordEval[];
  /** Index of the next target dose (targets.length when none is left). */
  next: number;
  validCount: number;
  /** The day each target dose number was last satisfied. */
  satisfiedDay: Map<number, number>;
  /** This run's evaluation of each record, by `record.order`. */
  byRecord: (RecordEval | undefined)[];
  counters: Map<SkipCondition, Counter>;
  completeGroups: ReadonlySet<string>;
  /** The antigen's doses (a count condition without vaccines counts these). */
  records: VaccineRecord[];
}

const TEXT: Record<EvaluationReasonCode, string> = {
  expired: 'The lot expired before the dose was given.',
  'sub-potent': 'The dose was recorded as sub-potent.',
  inadvertent: 'Inadvertent administration: this vaccine does not count for this dose.',
  'too-young': 'Given before the absolute minimum age.',
  'too-old': 'Given on or after the maximum age.',
  'too-soon': 'Given before the absolute minimum interval.',
  'grace-period': 'Given within the grace period before the minimum age or interval.',
  'allowable-interval': 'Counted on an allowable interval.',
  'vaccine-conflict': 'Given too soon after a conflicting (live) vaccine.',
  'not-allowable': 'Not a preferable or allowable vaccine for this dose at this age.',
  'low-volume': 'Less than the recommended volume.',
  'series-complete': 'Given after the series was complete.',
};

const REASONS = Object.fromEntries(
  Object.entries(TEXT).map(([code, text]) => [code, Object.freeze({ code, text })]),
) as Record<EvaluationReasonCode, EvaluationReason>;
/** A one-reason list per reason (shared, frozen). */
export const ONLY = Object.fromEntries(
  Object.keys(TEXT).map((code) => [code, Object.freeze([REASONS[code as EvaluationReasonCode]])]),
) as unknown as Record<EvaluationReasonCode, EvaluationReason[]>;
const NONE = Object.freeze([]) as unknown as EvaluationReason[];
const NO_INTERVALS: DoseInterval[] = [];

/** An evaluation reason with its text (shared and frozen: a long record repeats them). */
export const reason = (code: EvaluationReasonCode): EvaluationReason => REASONS[code];

/** The age rule of a dose in effect on a day (RELEVANT-1/2). */
export function ageOf(cd: CompiledDose, on: number): DoseAge | undefined {
  return cd.dose.ages.find((a) => applies(a, on));
}

/** The doses of any of these vaccines, oldest first (merged once per list). */
export function dosesOf(ctx: EngineContext, vaccines: readonly string[]): VaccineRecord[] {
  const key = vaccines.join(' ');
  let list = ctx.dosesCache.get(key);
  if (!list) {
    list = vaccines
      .flatMap((v) => ctx.history.byVaccine.get(v as VaccineRef) ?? [])
      .sort((a, b) => a.day - b.day || a.order - b.order);
    list = list.filter((r, i) => i === 0 || list![i - 1] !== r);
    ctx.dosesCache.set(key, list);
  }
  return list;
}

/** The number of records of `list` (oldest first) dated before `day`, by binary search. */
function indexBefore(list: readonly VaccineRecord[], day: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.day < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The number of records of `list` dated on or before `day`. */
const indexAfter = (list: readonly VaccineRecord[], day: number) => indexBefore(list, day + 1);

/** The latest record of `list` (oldest first) dated before `day`. */
export function latestBefore(
  list: readonly VaccineRecord[],
  day: number,
): VaccineRecord | undefined {
  const i = indexBefore(list, day);
  return i > 0 ? list[i - 1] : undefined;
}

/** The latest observation day on or before `day`. */
function observedOn(ctx: EngineContext, code: string, day: number): number | undefined {
  let found: number | undefined;
  for (const d of ctx.history.observations.get(code) ?? []) if (d <= day) found = d;
  return found;
}

/** The status of a dose for conflicts and counts: in this series, else as decided elsewhere. */
function statusIn(
  run: SeriesRun,
  ctx: EngineContext,
  record: VaccineRecord,
): DoseStatus | undefined {
  return run.byRecord[record.order]?.status ?? ctx.decided.get(record.imm);
}

/** The previous dose for CALCDTINT-1: valid or not valid, not inadvertent. */
export function previousEval(run: SeriesRun): RecordEval | undefined {
  for (let i = run.evals.length - 1; i >= 0; i--) {
    const e = run.evals[i]!;
    if ((e.status === 'valid' || e.status === 'not-valid') && !e.inadvertent) return e;
  }
  return undefined;
}

/** The reference day of an interval (CALCDTINT-1, -2, -8, -9), if it has one. */
export function referenceDay(
  interval: DoseInterval,
  run: SeriesRun,
  ctx: EngineContext,
  on: number,
  previous: RecordEval | undefined,
): number | undefined {
  const from = interval.from;
  if (from === 'previous') return previous?.ar.record.day;
  if ('targetDose' in from) return run.satisfiedDay.get(from.targetDose);
  if ('mostRecent' in from) return latestBefore(dosesOf(ctx, from.mostRecent), on)?.day;
  return observedOn(ctx, from.observation, on);
}

/** Whether the dose meets the intervals: `grace` when only within the grace period. */
function intervalsMet(
  intervals: readonly DoseInterval[],
  absoluteOnly: boolean,
  run: SeriesRun,
  ctx: EngineContext,
  r: VaccineRecord,
  previous: RecordEval | undefined,
): 'ok' | 'grace' | 'too-soon' {
  let result: 'ok' | 'grace' | 'too-soon' = 'ok';
  for (const interval of intervals) {
    if (!applies(interval, r.day)) continue;
    const ref = referenceDay(interval, run, ctx, r.day, previous);
    if (ref === undefined) continue;
    const abs = dur(interval.absoluteMinimumInterval);
    if (abs && r.day < addParts(ref, abs)) return 'too-soon';
    const min = absoluteOnly ? undefined : dur(interval.minimumInterval);
    if (min && r.day < addParts(ref, min)) result = 'grace';
  }
  return result;
}

/** CONFLICT-3: the dose falls in a conflict window after another vaccine's dose. */
function inConflict(run: SeriesRun, ctx: EngineContext, ar: AntigenRecord): boolean {
  const rules = ctx.c.conflictsByCurrent.get(ar.ref);
  if (!rules) return false;
  const r = ar.record;
  for (const rule of rules) if (conflictWith(rule, run, ctx, r)) return true;
  return false;
}

function conflictWith(
  rule: CompiledConflict,
  run: SeriesRun,
  ctx: EngineContext,
  r: VaccineRecord,
): boolean {
  const prior = ctx.history.byVaccine.get(rule.previous);
  if (!prior) return false;
  // Walk back from the latest dose on or before r's day while a conflict window could reach r.
  let i = indexAfter(prior, r.day) - 1;
  for (; i >= 0; i--) {
    const p = prior[i]!;
    if (p === r || p.order > r.order) continue;
    const minEnd = addParts(p.day, rule.minEnd);
    const end = addParts(p.day, rule.end);
    if (Math.max(minEnd, end) <= r.day) break;
    if (r.day < addParts(p.day, rule.begin)) continue;
    const status = statusIn(run, ctx, p);
    const until = status === undefined || status === 'valid' ? minEnd : end;
    if (r.day < until) return true;
  }
  return false;
}

function vaccineIn(
  list: readonly DoseVaccine[] | undefined,
  at: AgeDay,
  r: VaccineRecord,
): DoseVaccine | undefined {
  for (const v of list ?? []) {
    const b = at(v.beginAge);
    const e = at(v.endAge);
    if (b !== undefined && r.day < b) continue;
    if (e !== undefined && r.day >= e) continue;
    return v;
  }
  return undefined;
}

/** The skip context of a run at one point of the evaluation. */
export function skipContext(run: SeriesRun, ctx: EngineContext): SkipContext {
  return {
    birthDay: ctx.birthDay,
    dosesOf: (v) => (v.length ? dosesOf(ctx, v) : run.records),
    statusOf: (record) => statusIn(run, ctx, record),
    previousDay: previousEval(run)?.ar.record.day,
    completeGroups: run.completeGroups,
    counters: run.counters,
  };
}

/** Evaluate one antigen record against a target dose (tables 6-13 to 6-31). */
export function evaluateAgainst(
  run: SeriesRun,
  ctx: EngineContext,
  target: TargetState,
  ar: AntigenRecord,
): RecordEval {
  const r = ar.record;
  const cd = target.cd;
  const result = (
    status: DoseStatus,
    reasons: EvaluationReason[],
    preferable: boolean,
    inadvertent = false,
  ): RecordEval => ({
    ar,
    target,
    status,
    reasons,
    preferable,
    inadvertent,
  });
  if (cd.inadvertent.has(ar.ref)) return result('not-valid', ONLY.inadvertent, false, true);

  // Reasons are rare on a long record: the list is made only when there is one.
  let reasons: EvaluationReason[] | undefined;
  const add = (code: EvaluationReasonCode) => (reasons ??= []).push(REASONS[code]);
  let notValid = false;
  let grace = false;
  const age = ageOf(cd, r.day);
  const abs = ctx.at(age?.absoluteMinimumAge);
  const min = ctx.at(age?.minimumAge);
  const max = ctx.at(age?.maximumAge);
  const tooOld = max !== undefined && r.day >= max;
  if (abs !== undefined && r.day < abs) {
    notValid = true;
    add('too-young');
  } else if (min !== undefined && r.day < min) grace = true;

  const previous = previousEval(run);
  const preferred = intervalsMet(cd.dose.intervals ?? NO_INTERVALS, false, run, ctx, r, previous);
  if (preferred === 'grace') grace = true;
  if (preferred === 'too-soon') {
    const allowable = cd.dose.allowableIntervals ?? NO_INTERVALS;
    if (allowable.length && intervalsMet(allowable, true, run, ctx, r, previous) !== 'too-soon')
      add('allowable-interval');
    else {
      notValid = true;
      add('too-soon');
    }
  }

  if (inConflict(run, ctx, ar)) {
    notValid = true;
    add('vaccine-conflict');
  }

  const pref = vaccineIn(cd.preferable.get(ar.ref), ctx.at, r);
  const preferable = pref !== undefined && !(pref.mvx && r.mvx && pref.mvx !== r.mvx);
  if (!preferable && !vaccineIn(cd.allowable.get(ar.ref), ctx.at, r)) {
    notValid = true;
    add('not-allowable');
  }
  const list = reasons as EvaluationReason[] | undefined;
  if (tooOld)
    return result('extraneous', list ? [REASONS['too-old'], ...list] : ONLY['too-old'], preferable);
  if (!notValid && grace)
    return result(
      'valid',
      list ? [REASONS['grace-period'], ...list] : ONLY['grace-period'],
      preferable,
    );
  return result(notValid ? 'not-valid' : 'valid', list ?? NONE, preferable);
}

/**
 * Conditional skips (CDSi §6.2, §7.1, §7.6): whether a target dose can be skipped, in the
 * evaluation context (reference date: the dose being evaluated), the forecast context (the
 * assessment date) or when validating a forecast (its earliest date). Dose counts advance one
 * pointer per condition over the doses in date order, so a long history is read once.
 *
 * @internal
 * @module
 */
import { addParts, toDay } from './dates.ts';
import { dur } from './compile.ts';
import type { VaccineRecord } from './records.ts';
import type { DoseStatus } from './results.ts';
import type { EffectivePeriod, ScheduleDose, SkipCondition } from './types.ts';

/** What a skip condition reads from the series being evaluated. */
export interface SkipContext {
  birthDay: number;
  /** Completed doses of the given vaccines, oldest first (cached by the caller). */
  dosesOf(vaccines: readonly string[]): readonly VaccineRecord[];
  /** The status of a dose: in this series when it belongs to it, else as other antigens found it. */
  statusOf(record: VaccineRecord): DoseStatus | undefined;
  /** The day of the immediate previous dose evaluated in the series, if any. */
  previousDay: number | undefined;
  /** Series groups of the antigen with a complete series. */
  completeGroups: ReadonlySet<string>;
  /** Running counts, one per condition (owned by the series run). */
  counters: Map<SkipCondition, Counter>;
}

/** A running count of doses before a reference day, with the condition's windows as days. */
export interface Counter {
  next: number;
  count: number;
  lastRef: number;
  ageFrom: number;
  ageTo: number;
  from: number;
  to: number;
}

const day = (date: string | undefined, fallback: number) =>
  date === undefined ? fallback : toDay(date);

const periods = new WeakMap<EffectivePeriod, [number, number]>();

/** RELEVANT-1/2: the data applies on this day (the period's days are computed once). */
export function applies(p: EffectivePeriod, on: number): boolean {
  if (!p.effectiveDate && !p.cessationDate) return true;
  let range = periods.get(p);
  if (!range) {
    range = [day(p.effectiveDate, -Infinity), day(p.cessationDate, Infinity)];
    periods.set(p, range);
  }
  return range[0] <= on && on <= range[1];
}

function ageWindow(c: SkipCondition, birthDay: number): [number, number] {
  const b = dur(c.beginAge);
  const e = dur(c.endAge);
  return [
    b ? addParts(birthDay, b) : Number.NEGATIVE_INFINITY,
    e ? addParts(birthDay, e) : Number.POSITIVE_INFINITY,
  ];
}

/** CONDSKIP-1: doses of the condition's vaccines before (or on, `inclusive`) the reference day. */
function countDoses(c: SkipCondition, ref: number, inclusive: boolean, ctx: SkipContext): number {
  const doses = ctx.dosesOf(c.vaccines ?? []);
  let counter = ctx.counters.get(c);
  const limit = inclusive ? ref + 1 : ref;
  if (!counter || limit < counter.lastRef) {
    const byAge = c.type !== 'vaccine-count-by-date';
    const byDate = c.type !== 'vaccine-count-by-age';
    const [ageFrom, ageTo] = byAge ? ageWindow(c, ctx.birthDay) : [-Infinity, Infinity];
    counter = {
      next: 0,
      count: 0,
      lastRef: limit,
      ageFrom,
      ageTo,
      from: byDate ? day(c.startDate, -Infinity) : -Infinity,
      to: byDate ? day(c.endDate, Infinity) : Infinity,
    };
    ctx.counters.set(c, counter);
  }
  const { ageFrom, ageTo, from, to } = counter;
  while (counter.next < doses.length && doses[counter.next]!.day < limit) {
    const d = doses[counter.next]!;
    counter.next += 1;
    if (d.day < ageFrom || d.day >= ageTo || d.day < from || d.day >= to) continue;
    if (c.doseType === 'valid' && ctx.statusOf(d) !== 'valid') continue;
    counter.count += 1;
  }
  counter.lastRef = limit;
  return counter.count;
}

function met(c: SkipCondition, ref: number, inclusive: boolean, ctx: SkipContext): boolean {
  switch (c.type) {
    case 'age': {
      const [from, to] = ageWindow(c, ctx.birthDay);
      return from <= ref && ref < to;
    }
    case 'completed-series':
      return (c.seriesGroups ?? []).some((g) => ctx.completeGroups.has(g));
    case 'interval': {
      const d = dur(c.interval);
      if (ctx.previousDay === undefined || !d) return false;
      return ref >= addParts(ctx.previousDay, d);
    }
    default: {
      const n = countDoses(c, ref, inclusive, ctx);
      const want = c.doseCount ?? 0;
      return c.doseCountLogic === 'greater-than'
        ? n > want
        : c.doseCountLogic === 'less-than'
          ? n < want
          : n === want;
    }
  }
}

/**
 * True when the target dose can be skipped (tables 6-6 to 6-11). `context` picks the skips that
 * apply; `ref` is the CONDSKIP-2 reference day; `anchor` selects the sets in effect (the date
 * administered, or the assessment date).
 */
export function canSkip(
  dose: ScheduleDose,
  context: 'evaluation' | 'forecast',
  ref: number,
  anchor: number,
  ctx: SkipContext,
): boolean {
  const inclusive = context === 'forecast';
  for (const skip of dose.conditionalSkips ?? []) {
    if (skip.context !== 'both' && skip.context !== context) continue;
    const sets = skip.sets.filter((s) => applies(s, anchor));
    if (!sets.length) continue;
    let metCount = 0;
    for (const set of sets) {
      const results = set.conditions.map((c) => met(c, ref, inclusive, ctx));
      const ok = set.logic === 'and' ? results.every(Boolean) : results.some(Boolean);
      if (ok) metCount += 1;
    }
    if (skip.logic === 'and' ? metCount === sets.length : metCount > 0) return true;
  }
  return false;
}

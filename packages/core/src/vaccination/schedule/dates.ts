/**
 * CDSi duration arithmetic on `YYYY-MM-DD` dates; the calendar itself is `vn/time.ts`.
 * Pure functions; no `Date.now()`.
 *
 * @module
 */
import { addDays, addMonths } from '../../kernel.ts';
import type { ScheduleDuration } from './types.ts';

export { addDays, ageOn, daysBetween, ictDate, recordedDate } from '../../kernel.ts';

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** Parse a {@link ScheduleDuration}. */
export function parseDuration(duration: ScheduleDuration): {
  years: number;
  months: number;
  days: number;
} {
  const m = DURATION.exec(duration);
  if (!m || duration === 'P')
    throw new RangeError(`Unsupported duration "${duration}"; use e.g. P2M, P1Y, P4W, P28D.`);
  return {
    years: Number(m[1] ?? 0),
    months: Number(m[2] ?? 0),
    days: Number(m[3] ?? 0) * 7 + Number(m[4] ?? 0),
  };
}

/**
 * Add a duration the CDSi way: years and months first, a day that does not exist in the target
 * month moves to the first of the next month (31 Jan + P1M = 1 Mar), then weeks and days.
 *
 * @example
 * addDuration('2026-01-31', 'P1M'); // '2026-03-01'
 */
export function addDuration(date: string, duration: ScheduleDuration): string {
  const { years, months, days } = parseDuration(duration);
  return addDays(addMonths(date, years * 12 + months, 'next-month'), days);
}

/** The later of two dates (either may be undefined). */
export function maxDate(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

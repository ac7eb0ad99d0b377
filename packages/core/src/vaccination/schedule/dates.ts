/**
 * CDSi date arithmetic (Logic Specification 4.6, §3.4) on day numbers. The engine converts every
 * date to a day number once and every duration to its parts once (cached), so evaluating a long
 * record never re-parses a string; the calendar of record dates is `vn/time.ts`.
 *
 * @module
 */
import { dayNumber } from '../../kernel.ts';
import type { ScheduleDuration } from './types.ts';

export { ageOn, daysBetween, ictDate, recordedDate } from '../../kernel.ts';

/** A duration split into the parts CDSi adds in order: years, then months, then days. */
export interface DurationParts {
  years: number;
  months: number;
  /** Weeks and days together, in days. */
  days: number;
}

const DURATION = /^P(?:(-?\d+)Y)?(?:(-?\d+)M)?(?:(-?\d+)W)?(?:(-?\d+)D)?$/;
const parsed = new Map<string, DurationParts>();

/**
 * Parse a {@link ScheduleDuration}: ISO 8601 years, months, weeks and days, each part may be
 * negative (`P4W-4D` is CDSi's "4 weeks - 4 days"). Cached: a schedule has few distinct durations.
 *
 * @example parseDuration('P1Y6M-4D') // { years: 1, months: 6, days: -4 }
 */
export function parseDuration(duration: ScheduleDuration): DurationParts {
  const hit = parsed.get(duration);
  if (hit) return hit;
  const m = DURATION.exec(duration);
  if (!m || duration === 'P')
    throw new RangeError(`Unsupported duration "${duration}"; use e.g. P2M, P1Y, P4W-4D, P28D.`);
  const parts = {
    years: Number(m[1] ?? 0),
    months: Number(m[2] ?? 0),
    days: Number(m[3] ?? 0) * 7 + Number(m[4] ?? 0),
  };
  parsed.set(duration, parts);
  return parts;
}

/** `[year, month 1–12, day]` of a day number (proleptic Gregorian; H. Hinnant's algorithm). */
function civil(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** The day number of a year, month (1–12) and day that exist. */
function dayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function monthLength(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1]!;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Add months holding the day constant; a day the month lacks moves to the 1st of the next (CALCDT-5). */
function addMonthsTo(day: number, months: number): number {
  if (months === 0) return day;
  const [y, m, d] = civil(day);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return d <= monthLength(year, month)
    ? dayOf(year, month, d)
    : dayOf(year, month, monthLength(year, month)) + 1;
}

/**
 * Add a duration to a day number the CDSi way (CALCDT-1…6): years first, then months (a date
 * that does not exist moves to the first of the next month after each step), then weeks and days.
 */
export function addParts(day: number, parts: DurationParts): number {
  return addMonthsTo(addMonthsTo(day, parts.years * 12), parts.months) + parts.days;
}

/** {@link addParts} with a duration string (parsed once, then cached). */
export function addToDay(day: number, duration: ScheduleDuration): number {
  return addParts(day, parseDuration(duration));
}

/** A day number at an age: birth + duration, each duration computed once (cached). */
export type AgeDay = (age: ScheduleDuration | undefined) => number | undefined;

/** The {@link AgeDay} of a patient born on `birthDay`. */
export function ageDays(birthDay: number): AgeDay {
  const cache = new Map<string, number>();
  return (age) => {
    if (age === undefined) return undefined;
    let day = cache.get(age);
    if (day === undefined) {
      day = addToDay(birthDay, age);
      cache.set(age, day);
    }
    return day;
  };
}

/** The day number of a `YYYY-MM-DD` date (read without a `Date`: the engine reads many). */
export function toDay(date: string): number {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const y = Number(date.slice(0, 4));
    const m = Number(date.slice(5, 7));
    const d = Number(date.slice(8, 10));
    if (m >= 1 && m <= 12 && d >= 1 && d <= monthLength(y, m)) return dayOf(y, m, d);
  }
  return dayNumber(date);
}

/** The `YYYY-MM-DD` date of a day number. */
export function fromDay(day: number): string {
  const [y, m, d] = civil(day);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The last day of the month of a day number (a lot expiring "2026-03" expires on 31 March). */
export function endOfMonth(day: number): number {
  const [y, m] = civil(day);
  return dayOf(y, m, monthLength(y, m));
}

/**
 * Add a duration to a `YYYY-MM-DD` date the CDSi way: years, then months (a day the month lacks
 * moves to the first of the next month: 31 Jan + 1 month = 1 Mar), then weeks and days.
 *
 * @example
 * addDuration('2026-01-31', 'P1M'); // '2026-03-01'
 * addDuration('2000-01-31', 'P6M-4D'); // '2000-07-27'
 */
export function addDuration(date: string, duration: ScheduleDuration): string {
  return fromDay(addToDay(toDay(date), duration));
}

/**
 * Calendar dates as `YYYY-MM-DD` strings in Asia/Ho_Chi_Minh, and CDSi date arithmetic.
 * Pure functions; no `Date.now()`.
 *
 * @module
 */
import type { ScheduleDuration } from './types.ts';

const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/**
 * The calendar date in Vietnam (UTC+7, no DST) of a FHIR date or dateTime. A bare date or
 * partial date is taken as is (a partial date is padded to the first day).
 */
export function vnDate(value: string | Date): string {
  if (value instanceof Date)
    return new Date(value.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  if (/^\d{4}-\d{2}$/.test(value)) return `${value}-01`;
  if (/^\d{4}$/.test(value)) return `${value}-01-01`;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`Not a FHIR date or dateTime: "${value}"`);
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** The `YYYY-MM-DD` date of a day number. */
export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Add days to a date. */
export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

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
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const totalMonths = y * 12 + (m - 1) + years * 12 + months;
  const ty = Math.floor(totalMonths / 12);
  const tm = totalMonths % 12;
  const lastDay = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  const base =
    d > lastDay
      ? Math.round(Date.UTC(ty, tm + 1, 1) / DAY_MS)
      : Math.round(Date.UTC(ty, tm, d) / DAY_MS);
  return fromDayNumber(base + days);
}

/** Age in whole years, months and days on `on`, for display ("14 tháng 3 ngày"). */
export function ageOn(
  birthDate: string,
  on: string,
): { years: number; months: number; days: number; totalDays: number } {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  let months = (y - by) * 12 + (m - bm);
  if (d < bd) months -= 1;
  if (months < 0) months = 0;
  const anniversary = addDuration(birthDate, `P${months}M`);
  return {
    years: Math.floor(months / 12),
    months: months % 12,
    days: Math.max(0, daysBetween(anniversary, on)),
    totalDays: daysBetween(birthDate, on),
  };
}

/** The later of two dates (either may be undefined). */
export function maxDate(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

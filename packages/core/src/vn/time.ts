/**
 * Calendar dates in Vietnam: Asia/Ho_Chi_Minh (ICT, UTC+7, no daylight saving since 1975) and
 * FHIR dates as recorded. Pure functions: the clock is always an argument, never read here.
 *
 * Two kinds of date, never mixed (docs/decisions/0017-calendar-dates.md):
 * - the ICT date of an instant ({@link ictDate}): "today", due dates, slot days, card expiry;
 * - the date of a clinical event as recorded ({@link recordedDate}): the calendar date written in
 *   the value's own offset, so a dose given `2015-06-10T20:00:00-05:00` is dated `2015-06-10`.
 *
 * Dates are `YYYY-MM-DD` strings and all arithmetic is on whole days, so nothing depends on the
 * runtime's time zone. ICT is +07:00 since 1975-06-13 (IANA tzdb); earlier instants are read at
 * +07:00 too.
 *
 * @module
 */

/** The time zone of every Vietnamese "today", and of every telemedicine day and time. */
export const ICT_TIME_ZONE = 'Asia/Ho_Chi_Minh' as const;
/** ICT offset from UTC in milliseconds (+07:00; Vietnam has no daylight saving time). */
export const ICT_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** An instant: a `Date`, epoch milliseconds, or an ISO 8601 date-time string with its offset. */
export type Instant = Date | number | string;

function toMs(instant: Instant): number {
  const ms =
    typeof instant === 'number'
      ? instant
      : typeof instant === 'string'
        ? Date.parse(instant)
        : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Not a date-time: ${String(instant)}`);
  return ms;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

// ---------------------------------------------------------------------------------------------
// Day numbers: every calendar computation goes through these two.
// ---------------------------------------------------------------------------------------------

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcDay(year: number, monthIndex: number, day: number): number {
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  return new Date(0).setUTCFullYear(year, monthIndex, day) / DAY_MS;
}

function fromDayNumber(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `[year, month 1–12, day]` of a valid `YYYY-MM-DD` date; a RangeError otherwise. */
function parts(date: string): [number, number, number] {
  // One test and three slices, no capture groups or Dates: the schedule engine and the elements
  // read many dates.
  const ok = date.length === 10 && CALENDAR_DATE.test(date);
  const y = ok ? Number(date.slice(0, 4)) : 0;
  const mo = ok ? Number(date.slice(5, 7)) : 0;
  const d = ok ? Number(date.slice(8, 10)) : 0;
  if (!ok || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo))
    throw new RangeError(`Expected a YYYY-MM-DD calendar date, got "${date}"`);
  return [y, mo, d];
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/**
 * Days since 1970-01-01 of a calendar date (negative before it).
 *
 * @example dayNumber('1970-01-02') // 1
 */
export function dayNumber(date: string): number {
  const [y, m, d] = parts(date);
  return utcDay(y, m - 1, d);
}

/**
 * True for a real `YYYY-MM-DD` calendar date (`2026-02-29` is not one).
 *
 * @example isCalendarDate('2028-02-29') // true
 */
export function isCalendarDate(value: string): boolean {
  try {
    parts(value);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Instants in ICT.
// ---------------------------------------------------------------------------------------------

/**
 * The ICT calendar date of an instant, whatever the runtime's own zone.
 *
 * @example
 * ictDate('2026-12-01T16:45:00Z') // '2026-12-01' (23:45 ICT)
 * ictDate('2026-12-01T17:00:00Z') // '2026-12-02' (00:00 ICT)
 * ictDate(now) // today in Vietnam, for the clock you pass in
 */
export function ictDate(instant: Instant): string {
  return fromDayNumber(Math.floor((toMs(instant) + ICT_OFFSET_MS) / DAY_MS));
}

/**
 * The ICT wall-clock time (`HH:mm`) of an instant.
 *
 * @example ictTime('2026-12-01T16:45:00Z') // '23:45'
 */
export function ictTime(instant: Instant): string {
  return toIctIso(instant).slice(11, 16);
}

/**
 * An instant as an ISO string with the ICT offset, which FHIR servers accept and people read
 * correctly. Seconds are kept, milliseconds dropped.
 *
 * @example toIctIso('2026-12-01T16:45:00Z') // '2026-12-01T23:45:00+07:00'
 */
export function toIctIso(instant: Instant): string {
  return `${new Date(toMs(instant) + ICT_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/**
 * The instant of an ICT wall-clock time on a date, as a FHIR `instant` string.
 *
 * @example ictDateTime('2026-11-28', 8, 30) // '2026-11-28T08:30:00+07:00'
 */
export function ictDateTime(date: string, hour = 0, minute = 0): string {
  parts(date);
  return `${date}T${pad(hour)}:${pad(minute)}:00+07:00`;
}

/**
 * The instant an ICT day starts, as an ISO string with `+07:00`.
 *
 * @example ictDayStart('2026-12-01') // '2026-12-01T00:00:00+07:00'
 */
export function ictDayStart(date: string): string {
  return ictDateTime(date, 0, 0);
}

const zoneDays = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date of an instant in any IANA time zone (ICT by arithmetic, others through
 * `Intl`): for an element whose provider sets another zone.
 *
 * @example dateIn('2026-11-28T20:00:00Z', 'Europe/Paris') // '2026-11-28'
 */
export function dateIn(instant: Instant, timeZone: string = ICT_TIME_ZONE): string {
  if (timeZone === ICT_TIME_ZONE || timeZone === 'Asia/Saigon') return ictDate(instant);
  let f = zoneDays.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    zoneDays.set(timeZone, f);
  }
  const p = f.formatToParts(toMs(instant));
  const get = (type: string) => p.find((x) => x.type === type)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

// ---------------------------------------------------------------------------------------------
// Clinical dates as recorded.
// ---------------------------------------------------------------------------------------------

/** A FHIR `date` (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) or `dateTime` (with `Z` or `±hh:mm`). */
const FHIR_DATE_TIME =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/**
 * The calendar date of a FHIR `date` or `dateTime` as recorded: the date written in the value's
 * own offset, never converted to another zone. A partial date is taken as its first day. A `Date`
 * carries no recorded offset and is read in ICT. Undefined for anything else (free text,
 * impossible dates, a time without an offset).
 *
 * @example
 * recordedDate('2015-06-10T20:00:00-05:00') // '2015-06-10' (it is already the 11th in Hà Nội)
 * recordedDate('2024-05') // '2024-05-01'
 * recordedDate('khoảng năm 2015') // undefined
 */
export function recordedDate(value: string | Date | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : ictDate(value);
  // `test`, slices and arithmetic, no capture array or exception: the schedule engine reads the
  // date of every dose of a record (thousands for a long one).
  const s = value.trim();
  if (!FHIR_DATE_TIME.test(s)) return undefined;
  const date = s.length >= 10 ? s.slice(0, 10) : s.length === 7 ? `${s}-01` : `${s}-01-01`;
  const y = Number(date.slice(0, 4));
  const mo = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) ? date : undefined;
}

/**
 * The wall-clock time (`HH:mm`) of a FHIR `dateTime` as recorded, in its own offset; undefined
 * for a date without a time.
 *
 * @example recordedTime('2015-06-10T20:00:00-05:00') // '20:00'
 */
export function recordedTime(value: string | undefined): string | undefined {
  const m = value === undefined ? null : FHIR_DATE_TIME.exec(value.trim());
  return m?.[4] !== undefined ? `${m[4]}:${m[5]}` : undefined;
}

/**
 * The UTC offset a FHIR `dateTime` was recorded in (`Z` is `+00:00`); undefined without a time.
 *
 * @example recordedOffset('2015-06-10T20:00:00-05:00') // '-05:00'
 */
export function recordedOffset(value: string | undefined): string | undefined {
  const m = value === undefined ? null : FHIR_DATE_TIME.exec(value.trim());
  const offset = m?.[7];
  return offset === undefined ? undefined : offset === 'Z' ? '+00:00' : offset;
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on YYYY-MM-DD dates.
// ---------------------------------------------------------------------------------------------

/**
 * Add whole days (negative to go back).
 *
 * @example addDays('2026-12-31', 1) // '2027-01-01'
 */
export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/**
 * Add whole months (negative to go back). A day that does not exist in the target month is
 * clamped to its last day (`clamp`, the default), or moves to the first of the next month
 * (`next-month`, the CDC's CDSi rule for immunisation schedules).
 *
 * @example
 * addMonths('2026-01-31', 1) // '2026-02-28'
 * addMonths('2026-01-31', 1, 'next-month') // '2026-03-01'
 */
export function addMonths(
  date: string,
  months: number,
  overflow: 'clamp' | 'next-month' = 'clamp',
): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const last = daysInMonth(year, month);
  if (d <= last) return `${pad(year, 4)}-${pad(month)}-${pad(d)}`;
  return overflow === 'clamp'
    ? `${pad(year, 4)}-${pad(month)}-${pad(last)}`
    : fromDayNumber(utcDay(year, month, 1));
}

/**
 * Days from `from` to `to` (negative when `to` is earlier).
 *
 * @example daysBetween('2026-02-27', '2026-03-01') // 2
 */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * Whole months from `from` to `to`, rounded down: a month counts once its day of the month is
 * reached (negative when `to` is earlier).
 *
 * @example monthsBetween('2025-09-15', '2026-11-14') // 13
 */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/**
 * Day of the week, 0 = Sunday … 6 = Saturday (as `Date.getDay`).
 *
 * @example weekday('2026-11-29') // 0
 */
export function weekday(date: string): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** An age in whole years, months and days, as said for children ("1 tuổi 2 tháng 3 ngày"). */
export interface AgeParts {
  years: number;
  /** Months past the last birthday, 0–11. */
  months: number;
  /** Days past the last monthly anniversary. */
  days: number;
  /** Whole months since birth. */
  totalMonths: number;
  /** Days since birth (negative before it). */
  totalDays: number;
}

/**
 * The age on `on` of someone born on `birthDate`. The monthly anniversary of a day the month
 * lacks is the first of the next month (31 Jan → 1 Mar), as in immunisation schedules. Before
 * birth, every part but `totalDays` is 0.
 *
 * @example ageOn('2025-09-10', '2026-11-28') // { years: 1, months: 2, days: 18, totalMonths: 14, totalDays: 444 }
 */
export function ageOn(birthDate: string, on: string): AgeParts {
  const totalDays = daysBetween(birthDate, on);
  const totalMonths = Math.max(0, monthsBetween(birthDate, on));
  const anniversary = addMonths(birthDate, totalMonths, 'next-month');
  return {
    years: Math.floor(totalMonths / 12),
    months: totalMonths % 12,
    days: Math.max(0, daysBetween(anniversary, on)),
    totalMonths,
    totalDays,
  };
}

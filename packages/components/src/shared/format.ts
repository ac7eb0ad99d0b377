import type { Locale } from './context.ts';

/** Intl tags used for each locale. */
const INTL_TAG: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

const DATE_ONLY = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** A calendar date, without time zone. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Parse a FHIR `date` (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) to a calendar date; missing parts are 1. */
export function parseFhirDate(value: string | undefined): CalendarDate | undefined {
  const match = value ? DATE_ONLY.exec(value.trim()) : null;
  if (!match) return undefined;
  return { year: Number(match[1]), month: Number(match[2] ?? 1), day: Number(match[3] ?? 1) };
}

/** Today's calendar date in `timeZone`. */
export function todayIn(timeZone: string, now: Date = new Date()): CalendarDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** Whole months from `from` to `to` (negative if `to` is earlier). */
export function monthsBetween(from: CalendarDate, to: CalendarDate): number {
  let months = (to.year - from.year) * 12 + (to.month - from.month);
  if (to.day < from.day) months -= 1;
  return months;
}

/** Days from `from` to `to` (calendar days, time-zone free). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const a = Date.UTC(from.year, from.month - 1, from.day);
  const b = Date.UTC(to.year, to.month - 1, to.day);
  return Math.round((b - a) / 86_400_000);
}

/** An age: whole years, and whole months for children under 2. */
export interface Age {
  years: number;
  months: number;
  /** True when the age should be said in months (under 2 years). */
  inMonths: boolean;
}

/** The age on `asOf` of someone born on `birthDate` (FHIR date); undefined if unknown. */
export function ageOf(birthDate: string | undefined, asOf: CalendarDate): Age | undefined {
  const birth = parseFhirDate(birthDate);
  if (!birth) return undefined;
  const months = monthsBetween(birth, asOf);
  if (months < 0) return undefined;
  return { years: Math.floor(months / 12), months, inMonths: months < 24 };
}

/** Formatters bound to one locale and time zone; elements get one as `this.format`. */
export interface Formatters {
  readonly locale: Locale;
  readonly timeZone: string;
  /** A FHIR date or dateTime as a date: `02/03/1985` in vi, `02 Mar 1985` in en. */
  date(value: string | Date | undefined): string;
  /** A dateTime as a time of day in the time zone: `14:30`. */
  time(value: string | Date | undefined): string;
  /** A dateTime as date and time in the time zone. */
  dateTime(value: string | Date | undefined): string;
  /** A number with the locale's separators. */
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** An amount in Vietnamese đồng without decimals: `150.000 ₫`. */
  currency(value: number): string;
  /** Today in the time zone. */
  today(): CalendarDate;
}

const cache = new Map<string, Formatters>();

/** Formatters for `locale` in `timeZone` (memoised). */
export function formatters(locale: Locale, timeZone: string): Formatters {
  const key = `${locale}|${timeZone}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const tag = INTL_TAG[locale];
  const dateOptions: Intl.DateTimeFormatOptions =
    locale === 'vi'
      ? { day: '2-digit', month: '2-digit', year: 'numeric' }
      : { day: '2-digit', month: 'short', year: 'numeric' };
  // Date-only values are calendar dates: format them in UTC so no zone can shift the day.
  const calendarDate = new Intl.DateTimeFormat(tag, { ...dateOptions, timeZone: 'UTC' });
  const zonedDate = new Intl.DateTimeFormat(tag, { ...dateOptions, timeZone });
  const zonedTime = new Intl.DateTimeFormat(tag, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  const money = new Intl.NumberFormat(tag, {
    style: 'currency',
    currency: 'VND',
    maximumFractionDigits: 0,
  });
  const toDate = (value: string | Date): Date | undefined => {
    const d = value instanceof Date ? value : new Date(value);
    return Number.isNaN(d.getTime()) ? undefined : d;
  };
  const result: Formatters = {
    locale,
    timeZone,
    date(value) {
      if (value === undefined || value === '') return '';
      if (typeof value === 'string') {
        const only = parseFhirDate(value);
        if (only) {
          const d = new Date(Date.UTC(only.year, only.month - 1, only.day));
          if (/^\d{4}$/.test(value)) return String(only.year);
          if (/^\d{4}-\d{2}$/.test(value)) {
            return new Intl.DateTimeFormat(tag, {
              month: locale === 'vi' ? '2-digit' : 'short',
              year: 'numeric',
              timeZone: 'UTC',
            }).format(d);
          }
          return calendarDate.format(d);
        }
      }
      const d = toDate(value);
      return d ? zonedDate.format(d) : '';
    },
    time(value) {
      const d = value === undefined || value === '' ? undefined : toDate(value);
      return d ? zonedTime.format(d) : '';
    },
    dateTime(value) {
      const d = value === undefined || value === '' ? undefined : toDate(value);
      return d ? `${zonedDate.format(d)} ${zonedTime.format(d)}` : '';
    },
    number(value, options) {
      return new Intl.NumberFormat(tag, options).format(value);
    },
    currency(value) {
      return money.format(value);
    },
    today() {
      return todayIn(timeZone);
    },
  };
  cache.set(key, result);
  return result;
}

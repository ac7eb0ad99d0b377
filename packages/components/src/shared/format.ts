import {
  dateIn,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatTime,
  monthsBetween,
  recordedDate,
} from '@vnhealth/core/client';
import type { Language } from './context.ts';

/** A calendar date, without time zone. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** An age: whole years, and whole months for children under 2. */
export interface Age {
  years: number;
  months: number;
  /** True when the age should be said in months (under 2 years). */
  inMonths: boolean;
}

const iso = (d: CalendarDate) =>
  `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** The age on `asOf` of someone born on `birthDate` (FHIR date); undefined if unknown. */
export function ageOf(birthDate: string | undefined, asOf: CalendarDate): Age | undefined {
  const birth = recordedDate(birthDate);
  if (!birth) return undefined;
  const months = monthsBetween(birth, iso(asOf));
  if (months < 0) return undefined;
  return { years: Math.floor(months / 12), months, inMonths: months < 24 };
}

/**
 * Formatters bound to one locale and time zone; elements get one as `this.format`. They are
 * `@vnhealth/core`'s `formatDate`, `formatTime`, … with the element's language and zone: a FHIR
 * date or dateTime string is a clinical date, shown as recorded; a time of day is an instant's,
 * in the time zone (a clinical time of day as recorded is core's `formatRecordedTime`).
 */
export interface Formatters {
  readonly locale: Language;
  readonly timeZone: string;
  /** A FHIR date or dateTime as recorded (a `Date` in the time zone): `02/03/1985` in vi, `02 Mar 1985` in en. */
  date(value: string | Date | undefined): string;
  /** An instant's time of day in the time zone: `14:30`. */
  time(value: string | Date | undefined): string;
  /** An instant's date and time in the time zone. */
  dateTime(value: string | Date | undefined): string;
  /** A number with the locale's separators. */
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** An amount in Vietnamese đồng without decimals: `150.000 ₫`. */
  currency(value: number): string;
  /** A list joined the locale's way: `Lao, Hib và Sởi` in vi, `TB, Hib and Measles` in en. */
  list(values: readonly string[]): string;
  /** Today in the time zone. */
  today(): CalendarDate;
}

const cache = new Map<string, Formatters>();

/** Formatters for `locale` in `timeZone` (memoised). */
export function formatters(locale: Language, timeZone: string): Formatters {
  const key = `${locale}|${timeZone}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const options = { locale, timeZone };
  const result: Formatters = {
    locale,
    timeZone,
    date: (value) => formatDate(value, options),
    time: (value) => formatTime(value, options),
    dateTime: (value) => formatDateTime(value, options),
    number: (value, numberOptions) => formatNumber(value, { ...numberOptions, locale }),
    currency: (value) => formatMoney(value, options),
    list: (values) => new Intl.ListFormat(locale, { type: 'conjunction' }).format(values),
    today() {
      const [year, month, day] = dateIn(new Date(), timeZone).split('-').map(Number) as [
        number,
        number,
        number,
      ];
      return { year, month, day };
    },
  };
  cache.set(key, result);
  return result;
}

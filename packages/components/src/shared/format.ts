import {
  ageOn,
  dateIn,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatTime,
  preferredName,
  recordedDate,
  type HumanName,
} from '@vnhealth/core/client';
import type { Language } from './context.ts';

/** A calendar date, without time zone. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** How an age is said: in days, weeks, months or years. */
export type AgeUnit = 'days' | 'weeks' | 'months' | 'years';

/**
 * An age, with the unit it is said in, the way Vietnamese health workers say it: in days for a
 * newborn (under 28 days, "5 ngày tuổi"), in weeks under 3 months ("6 tuần tuổi"), in months
 * under 2 years ("14 tháng tuổi"), then in years ("3 tuổi").
 */
export interface Age {
  /** Whole years. */
  years: number;
  /** Whole months since birth. */
  months: number;
  /** True under 2 years (said in days, weeks or months). */
  inMonths: boolean;
  /** Days since birth. */
  days: number;
  /** Whole weeks since birth. */
  weeks: number;
  /** The unit the age is said in. */
  unit: AgeUnit;
}

/** Days under which an age is said in days (the neonatal period). */
export const AGE_IN_DAYS_UNDER = 28;
/** Months under which an age is said in weeks. */
export const AGE_IN_WEEKS_UNDER_MONTHS = 3;
/** Months under which an age is said in months. */
export const AGE_IN_MONTHS_UNDER_MONTHS = 24;

const iso = (d: CalendarDate) =>
  `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/**
 * The age on `asOf` of someone born on `birthDate` (FHIR date); undefined if unknown or in the
 * future. `asOf` is the caller's clock (an element's `now`, a test's day): nothing here reads it.
 *
 * @example ageOf('2026-11-23', { year: 2026, month: 11, day: 28 }) // { days: 5, unit: 'days', … }
 */
export function ageOf(birthDate: string | undefined, asOf: CalendarDate): Age | undefined {
  const birth = recordedDate(birthDate);
  if (!birth) return undefined;
  const parts = ageOn(birth, iso(asOf));
  if (parts.totalDays < 0) return undefined;
  const months = parts.totalMonths;
  const days = parts.totalDays;
  const unit: AgeUnit =
    days < AGE_IN_DAYS_UNDER
      ? 'days'
      : months < AGE_IN_WEEKS_UNDER_MONTHS
        ? 'weeks'
        : months < AGE_IN_MONTHS_UNDER_MONTHS
          ? 'months'
          : 'years';
  return {
    years: parts.years,
    months,
    inMonths: months < AGE_IN_MONTHS_UNDER_MONTHS,
    days,
    weeks: Math.floor(days / 7),
    unit,
  };
}

/** The words an age is said in (the shared table's `days`, `weeks`, `months`, `years`). */
export interface AgeWords {
  days(n: number): string;
  weeks(n: number): string;
  months(n: number): string;
  years(n: number): string;
}

/**
 * An age in words, in its unit: "5 ngày tuổi", "6 tuần tuổi", "14 tháng tuổi", "3 tuổi"
 * (English: "5 days old", "6 weeks old", …).
 */
export function sayAge(age: Age, words: AgeWords): string {
  switch (age.unit) {
    case 'days':
      return words.days(age.days);
    case 'weeks':
      return words.weeks(age.weeks);
    case 'months':
      return words.months(age.months);
    default:
      return words.years(age.years);
  }
}

/** Vietnamese mobile prefixes after the 0 (03x, 05x, 07x, 08x, 09x). */
const MOBILE = /^0[35789]\d{8}$/;
/** Landlines: 0 + a 3-digit area code (02x + 1) and 7 digits, or Hà Nội (024) and HCMC (028) and 8 digits. */
const LANDLINE_BIG_CITY = /^02[48]\d{8}$/;
const LANDLINE = /^02\d{9}$/;
/** Nationwide hotlines: 1800 (free) and 1900 (paid), 8 or 10 digits. */
const HOTLINE = /^1[89]00(\d{4}|\d{6})$/;

/** The national form of a Vietnamese number (`0912345678`), or undefined when it is not one. */
function nationalDigits(value: string): string | undefined {
  const compact = value.trim().replace(/[\s().-]/g, '');
  if (!/^\+?\d+$/.test(compact)) return undefined;
  let digits = compact;
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('0084')) digits = `0${digits.slice(4)}`;
  else if (digits.startsWith('+')) return undefined;
  else if (digits.startsWith('84') && digits.length === 11) digits = `0${digits.slice(2)}`;
  return MOBILE.test(digits) || LANDLINE.test(digits) || HOTLINE.test(digits) ? digits : undefined;
}

/**
 * A phone number in Vietnam's national format: mobiles `0912 345 678` (4-3-3), landlines with
 * their area code (`0294 3855 123`; Hà Nội and Hồ Chí Minh City `024 3825 1234`), hotlines
 * `1900 1234` / `1800 123 456`. Accepts E.164 (`+84912345678`), `0084…`, `84…` and national
 * input with spaces, dots or dashes. Anything else (a foreign number, a short code, a typo) is
 * shown as given, trimmed: never an error.
 *
 * @example formatPhone('+84912345678') // '0912 345 678'
 */
export function formatPhone(value: string): string {
  const n = nationalDigits(value);
  if (!n) return value.trim();
  if (n.startsWith('1')) {
    return n.length === 8
      ? `${n.slice(0, 4)} ${n.slice(4)}`
      : `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`;
  }
  if (MOBILE.test(n)) return `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`;
  if (LANDLINE_BIG_CITY.test(n)) return `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
  return `${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}`;
}

/**
 * A `tel:` href: E.164 (`tel:+84912345678`) for a Vietnamese number, hotlines as dialled
 * (`tel:19001234`), other numbers of 3–15 digits as written (digits and a leading `+` only);
 * undefined when the value is no phone number.
 *
 * @example phoneHref('0912 345 678') // 'tel:+84912345678'
 */
export function phoneHref(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const n = nationalDigits(value);
  if (n) return n.startsWith('1') ? `tel:${n}` : `tel:+84${n.slice(1)}`;
  const digits = value.replace(/[\s().-]/g, '');
  return /^\+?\d{3,15}$/.test(digits) ? `tel:${digits}` : undefined;
}

const firstLetter = (word: string | undefined) =>
  Array.from((word ?? '').normalize('NFC')).find((c) => /\p{L}|\p{N}/u.test(c)) ?? '';

/** Words of a name without titles written with a dot (`BS.`, `ThS.`, `TS.`). */
const nameWords = (text: string) =>
  text
    .split(/\s+/)
    .filter((w) => w && !w.endsWith('.'))
    .filter((w) => firstLetter(w));

/**
 * The initials on an avatar, as Vietnamese avatars show them: the first letter of the **last
 * given name** (the name a person is called by), then the first letter of the **family name**:
 * "Nguyễn Văn An" → "AN", "Trần Thị Lan" → "LT". One rule for every element.
 *
 * A `HumanName` with `given` and `family` uses them (so `{ family: 'Smith', given: ['John'] }`
 * is "JS"); a name known only as text is read family name first, as Vietnamese names are written
 * (the last word is the given name, the first the family name), leaving out titles with a dot
 * ("BS. Trần Thị Thu" → "TT"). One word gives one letter; no name gives ''. Upper-cased the
 * Vietnamese way, diacritics kept ("Đặng Thị Ánh" → "ÁĐ").
 *
 * @example initials('Nguyễn Văn An') // 'AN'
 */
export function initials(name: HumanName | readonly HumanName[] | string | undefined): string {
  let given: string | undefined;
  let family: string | undefined;
  const one: HumanName | undefined =
    typeof name === 'string' || name === undefined
      ? undefined
      : Array.isArray(name)
        ? preferredName(name as readonly HumanName[])
        : (name as HumanName);
  const givens = one?.given?.flatMap(nameWords) ?? [];
  const families = one?.family ? nameWords(one.family) : [];
  if (givens.length || families.length) {
    given = givens[givens.length - 1];
    family = families[0];
  } else {
    const words = nameWords(typeof name === 'string' ? name : (one?.text ?? ''));
    family = words.length > 1 ? words[0] : undefined;
    given = words[words.length - 1];
  }
  return (firstLetter(given) + firstLetter(family)).toLocaleUpperCase('vi');
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
  /** The day of `now` (default: the current time) in the time zone. */
  today(now?: Date): CalendarDate;
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
    today(now = new Date()) {
      const [year, month, day] = dateIn(now, timeZone).split('-').map(Number) as [
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

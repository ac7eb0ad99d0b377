/**
 * `Intl` formatters for Vietnamese (default) and English: the one place a date, a time or an
 * amount is turned into text (the components' `this.format` is built on these).
 *
 * A FHIR `date`/`dateTime` string is a clinical date and is shown as recorded, in its own offset
 * (`vn/time.ts`); a `Date` or epoch milliseconds is an instant and is shown in `timeZone`.
 *
 * @module
 */
import { ICT_TIME_ZONE, recordedDate, recordedOffset, recordedTime } from '../kernel.ts';

/** Options shared by the formatters. */
export interface VnFormatOptions {
  /** `vi` (`dd/mm/yyyy`), `en` (`02 Mar 1985`) or any BCP 47 tag. @default 'vi' */
  locale?: 'vi' | 'en' | (string & {});
  /** The zone instants are shown in. @default 'Asia/Ho_Chi_Minh' */
  timeZone?: string;
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}
const tag = (locale = 'vi') => (locale === 'vi' ? 'vi-VN' : locale === 'en' ? 'en-GB' : locale);

function dateFormat(locale: string | undefined, timeZone: string): Intl.DateTimeFormat {
  return cached(
    `d|${locale}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(tag(locale), {
        day: '2-digit',
        month: locale === 'en' ? 'short' : '2-digit',
        year: 'numeric',
        timeZone,
      }),
  );
}

function timeFormat(locale: string | undefined, timeZone: string): Intl.DateTimeFormat {
  return cached(
    `t|${locale}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(tag(locale), {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
      }),
  );
}

/** A FHIR date's calendar day at UTC midnight, to format with `timeZone: 'UTC'`. */
const utcMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`);

function yearMonth(value: string, locale: string | undefined): string {
  const [year, month] = value.split('-') as [string, string];
  if (locale === undefined || locale === 'vi') return `${month}/${year}`;
  return cached(
    `m|${locale}`,
    () =>
      new Intl.DateTimeFormat(tag(locale), {
        month: locale === 'en' ? 'short' : '2-digit',
        year: 'numeric',
        timeZone: 'UTC',
      }),
  ).format(utcMidnight(`${value}-01`));
}

/** A valid instant in ms, or undefined; a string must be a FHIR dateTime (with its offset). */
function instantMs(value: string | Date | number): number | undefined {
  const ms =
    typeof value === 'number'
      ? value
      : typeof value === 'string'
        ? recordedOffset(value) && Date.parse(value)
        : value.getTime();
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : undefined;
}

/**
 * A calendar date: `dd/mm/yyyy` in vi, `02 Mar 1985` in en. A FHIR `date` or `dateTime` string is
 * shown as recorded (`2015-06-10T20:00:00-05:00` is `10/06/2015`, never shifted by a zone) and a
 * partial date keeps its precision (`05/2024`, `May 2024`, `2024`); a `Date` or epoch
 * milliseconds is shown in `timeZone`. Any other string is returned as it is (free text such as
 * `occurrenceString`).
 *
 * @example
 * formatDate('1985-03-02') // '02/03/1985'
 * formatDate('1985-03-02', { locale: 'en' }) // '02 Mar 1985'
 * formatDate(new Date('2024-05-01T20:00:00Z')) // '02/05/2024' (03:00 in Hà Nội)
 */
export function formatDate(
  value: string | Date | number | undefined,
  options: VnFormatOptions = {},
): string {
  if (value === undefined || value === '') return '';
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (/^\d{4}$/.test(trimmed)) return trimmed;
    if (/^\d{4}-\d{2}$/.test(trimmed) && recordedDate(trimmed))
      return yearMonth(trimmed, options.locale);
    const date = recordedDate(trimmed);
    return date ? dateFormat(options.locale, 'UTC').format(utcMidnight(date)) : value;
  }
  const ms = instantMs(value);
  return ms === undefined ? '' : dateFormat(options.locale, zoneOf(options)).format(ms);
}

/**
 * An instant's time of day (`14:30`, 24-hour) in `timeZone`; empty for a date without a time.
 *
 * @example formatTime('2026-11-28T01:30:00Z') // '08:30'
 */
export function formatTime(
  value: string | Date | number | undefined,
  options: VnFormatOptions = {},
): string {
  const ms = value === undefined ? undefined : instantMs(value);
  return ms === undefined ? '' : timeFormat(options.locale, zoneOf(options)).format(ms);
}

/**
 * An instant as date and time in `timeZone`: `02/05/2024 03:00` (an appointment, a slot). A
 * date without a time is formatted as {@link formatDate} does.
 *
 * @example formatDateTime('2024-05-01T20:00:00Z') // '02/05/2024 03:00'
 */
export function formatDateTime(
  value: string | Date | number | undefined,
  options: VnFormatOptions = {},
): string {
  if (typeof value === 'string' && !value.includes('T')) return formatDate(value, options);
  const ms = value === undefined ? undefined : instantMs(value);
  if (ms === undefined) return '';
  const zone = zoneOf(options);
  return `${dateFormat(options.locale, zone).format(ms)} ${timeFormat(options.locale, zone).format(ms)}`;
}

/**
 * The time of day of a clinical `dateTime` as recorded, to go with {@link formatDate}'s date:
 * `20:00`, followed by its offset when that differs from `timeZone`'s at that instant
 * (`20:00 (UTC-05:00)`). Empty for a date without a time.
 *
 * @example formatRecordedTime('2015-06-10T20:00:00-05:00') // '20:00 (UTC-05:00)'
 */
export function formatRecordedTime(
  value: string | undefined,
  options: Pick<VnFormatOptions, 'timeZone'> = {},
): string {
  const time = recordedTime(value);
  const offset = recordedOffset(value);
  if (!time || !offset) return '';
  return offset === zoneOffset(Date.parse(value!), zoneOf(options))
    ? time
    : `${time} (UTC${offset})`;
}

/**
 * Vietnamese đồng without decimals: `1.500.000 ₫` (vi), `₫1,500,000` (en).
 *
 * @example formatMoney(150000) // '150.000 ₫'
 */
export function formatMoney(
  amount: number,
  options: VnFormatOptions & { currency?: string } = {},
): string {
  const currency = options.currency ?? 'VND';
  return cached(
    `$|${options.locale}|${currency}`,
    () =>
      new Intl.NumberFormat(tag(options.locale), {
        style: 'currency',
        currency,
        ...(currency === 'VND' ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}),
      }),
  ).format(amount);
}

/**
 * A number with the locale's separators.
 *
 * @example formatNumber(1234.5) // '1.234,5'
 */
export function formatNumber(
  value: number,
  options: VnFormatOptions & Intl.NumberFormatOptions = {},
): string {
  const { locale, timeZone: _tz, ...rest } = options;
  return cached(
    `n|${locale}|${JSON.stringify(rest)}`,
    () => new Intl.NumberFormat(tag(locale), rest),
  ).format(value);
}

const zoneOf = (options: VnFormatOptions) => options.timeZone ?? ICT_TIME_ZONE;

/** `±hh:mm` of `timeZone` at an instant. */
function zoneOffset(ms: number, timeZone: string): string {
  if (timeZone === ICT_TIME_ZONE || timeZone === 'Asia/Saigon') return '+07:00';
  const name = cached(
    `z|${timeZone}`,
    () => new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }),
  )
    .formatToParts(ms)
    .find((p) => p.type === 'timeZoneName')?.value;
  // 'GMT+07:00', 'GMT-05:00', or 'GMT' for UTC itself.
  return name && name.length > 3 ? name.slice(3) : '+00:00';
}

/**
 * Mask an identifier for display, keeping the last `visible` characters.
 *
 * @example maskIdentifier('001085012345') // '••••••••2345'
 */
export function maskIdentifier(value: string, visible = 4): string {
  if (value.length <= visible) return '•'.repeat(value.length);
  return '•'.repeat(value.length - visible) + value.slice(-visible);
}

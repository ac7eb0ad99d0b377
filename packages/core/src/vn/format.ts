/** `Intl` formatters for Vietnamese (default) and English, in Vietnam's time zone. */

/** Options shared by the formatters. */
export interface VnFormatOptions {
  /** @default 'vi' */
  locale?: 'vi' | 'en' | (string & {});
  /** @default 'Asia/Ho_Chi_Minh' */
  timeZone?: string;
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}
const tag = (locale = 'vi') => (locale === 'vi' ? 'vi-VN' : locale === 'en' ? 'en-GB' : locale);

/**
 * A FHIR `date` or `dateTime` as a calendar date: `dd/mm/yyyy` in vi (and en-GB). Partial dates
 * keep their precision (`05/2024`, `2024`); a date without a time is never shifted by time zone;
 * a dateTime is shown in `timeZone`.
 */
export function formatDate(
  value: string | Date | undefined,
  options: VnFormatOptions = {},
): string {
  if (!value) return '';
  if (typeof value === 'string') {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
    if (m) return [m[3], m[2], m[1]].filter(Boolean).join('/');
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : '';
  const timeZone = options.timeZone ?? 'Asia/Ho_Chi_Minh';
  return cached(
    `d|${options.locale}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(tag(options.locale), {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        timeZone,
      }),
  ).format(date);
}

/** A FHIR `dateTime`/`instant` as `dd/mm/yyyy HH:mm` (24-hour) in `timeZone`. */
export function formatDateTime(
  value: string | Date | undefined,
  options: VnFormatOptions = {},
): string {
  if (!value) return '';
  if (typeof value === 'string' && !value.includes('T')) return formatDate(value, options);
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : '';
  const timeZone = options.timeZone ?? 'Asia/Ho_Chi_Minh';
  const parts = cached(
    `t|${options.locale}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(tag(options.locale), {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
      }),
  ).format(date);
  return `${formatDate(date, options)} ${parts}`;
}

/** Vietnamese đồng without decimals: `1.500.000 ₫` (vi), `₫1,500,000` (en). */
export function formatMoney(
  amount: number,
  options: VnFormatOptions & { currency?: string } = {},
): string {
  const currency = options.currency ?? 'VND';
  return cached(
    `m|${options.locale}|${currency}`,
    () =>
      new Intl.NumberFormat(tag(options.locale === 'en' ? 'en-US' : options.locale), {
        style: 'currency',
        currency,
        ...(currency === 'VND' ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}),
      }),
  ).format(amount);
}

/** A number with the locale's separators (`1.234,5` in vi). */
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

/**
 * Asia/Ho_Chi_Minh (ICT, UTC+7, no daylight saving) days and times of the telemedicine API, which
 * never depend on the runtime's own time zone: a slot at 23:45 ICT belongs to that ICT day even
 * in a UTC browser. The calendar itself is `vn/time.ts`; this module adds the telemedicine
 * conventions on top of it.
 *
 * @module
 */
import { ictDate, ictDayStart, type Instant } from '../kernel.ts';

export {
  ICT_OFFSET_MS,
  ICT_TIME_ZONE,
  addDays,
  ictDate,
  ictDayStart,
  ictTime,
  toIctIso,
} from '../kernel.ts';

/**
 * Today's date in ICT. Pass the clock in (`now`); without it, the runtime's clock is read.
 *
 * @example
 * ictToday(new Date('2026-11-28T20:00:00Z')) // '2026-11-29'
 */
export function ictToday(now: Date | number = Date.now()): string {
  return ictDate(now);
}

/**
 * Normalise a `from`/`to` bound: an ICT date (`YYYY-MM-DD`) means the start of that ICT day; an
 * instant is kept. Returns epoch milliseconds.
 *
 * @example
 * boundToMs('2026-12-01') === Date.parse('2026-12-01T00:00:00+07:00')
 */
export function boundToMs(bound: Instant): number {
  const ms =
    typeof bound === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(bound)
      ? Date.parse(ictDayStart(bound))
      : new Date(bound).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Not a date-time: ${String(bound)}`);
  return ms;
}

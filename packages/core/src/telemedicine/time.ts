/**
 * Asia/Ho_Chi_Minh (ICT, UTC+7, no daylight saving) calendar arithmetic that never depends on the
 * runtime's own time zone: a slot at 23:45 ICT belongs to that ICT day even in a UTC browser.
 *
 * @module
 */

/** The time zone of every telemedicine day and time. */
export const ICT_TIME_ZONE = 'Asia/Ho_Chi_Minh' as const;
/** ICT offset from UTC in milliseconds (+07:00; Vietnam has no daylight saving time). */
export const ICT_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

function toMs(instant: string | Date | number): number {
  const ms =
    typeof instant === 'number'
      ? instant
      : typeof instant === 'string'
        ? Date.parse(instant)
        : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Not a date-time: ${String(instant)}`);
  return ms;
}

/**
 * The ICT calendar day (`YYYY-MM-DD`) of an instant.
 *
 * @example
 * ictDate('2026-12-01T16:45:00Z') // '2026-12-01' (23:45 ICT)
 * ictDate('2026-12-01T17:00:00Z') // '2026-12-02' (00:00 ICT)
 */
export function ictDate(instant: string | Date | number): string {
  return new Date(toMs(instant) + ICT_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The ICT wall-clock time (`HH:mm`) of an instant.
 *
 * @example
 * ictTime('2026-12-01T16:45:00Z') // '23:45'
 */
export function ictTime(instant: string | Date | number): string {
  return new Date(toMs(instant) + ICT_OFFSET_MS).toISOString().slice(11, 16);
}

/**
 * The instant an ICT day starts, as an ISO string with `+07:00`.
 *
 * @example
 * ictDayStart('2026-12-01') // '2026-12-01T00:00:00+07:00'
 */
export function ictDayStart(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`Expected YYYY-MM-DD, got ${date}`);
  return `${date}T00:00:00+07:00`;
}

/**
 * Add whole days to an ICT date.
 *
 * @example
 * addDays('2026-12-31', 1) // '2027-01-01'
 */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Today's date in ICT.
 *
 * @example
 * ictToday() // '2026-11-28'
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
export function boundToMs(bound: string | Date | number): number {
  if (typeof bound === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(bound))
    return Date.parse(ictDayStart(bound));
  return toMs(bound);
}

/**
 * An instant as an ISO string with the ICT offset (`2026-12-01T23:45:00+07:00`), which FHIR
 * servers accept and people read correctly.
 *
 * @example
 * toIctIso('2026-12-01T16:45:00Z') // '2026-12-01T23:45:00+07:00'
 */
export function toIctIso(instant: string | Date | number): string {
  const local = new Date(toMs(instant) + ICT_OFFSET_MS).toISOString().slice(0, 19);
  return `${local}+07:00`;
}

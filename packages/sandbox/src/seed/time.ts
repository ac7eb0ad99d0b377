/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving). */
export const ICT_OFFSET_MS = 7 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The seed's only clock input: the start (00:00) of the day of `instant` in Asia/Ho_Chi_Minh, as
 * a UTC instant. Slots ("the coming four weeks") and the ages of children are relative to it;
 * everything else uses fixed dates.
 */
export function seedAnchor(instant: Date): Date {
  const local = instant.getTime() + ICT_OFFSET_MS;
  return new Date(Math.floor(local / DAY_MS) * DAY_MS - ICT_OFFSET_MS);
}

/** The calendar date (yyyy-mm-dd) in Asia/Ho_Chi_Minh of a UTC instant. */
export function ictDate(instant: Date): string {
  return new Date(instant.getTime() + ICT_OFFSET_MS).toISOString().slice(0, 10);
}

/** A yyyy-mm-dd date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A yyyy-mm-dd date `months` after `date` (clamped to the month's last day). */
export function addMonths(date: string, months: number): string {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whole days from `a` to `b` (yyyy-mm-dd). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Day of week (0 = Sunday) of a yyyy-mm-dd date. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** A FHIR instant for a wall-clock time in Asia/Ho_Chi_Minh: `2026-11-28T08:30:00+07:00`. */
export function ictDateTime(date: string, hour: number, minute: number): string {
  return `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+07:00`;
}

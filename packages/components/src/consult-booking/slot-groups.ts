/**
 * The time step's slots, grouped into parts of the day (morning, afternoon, evening) in the
 * element's time zone, each shown a batch at a time so that a day with thousands of free slots
 * renders in small tasks.
 */
import type { FreeSlot } from '@vnhealth/core';

/** The parts of the day, in order: before 12:00, 12:00 to 18:00, from 18:00. */
export const DAY_PARTS = ['morning', 'afternoon', 'evening'] as const;
export type DayPart = (typeof DAY_PARTS)[number];

/** How many slots a group shows at first, and how many more each "show more" adds. */
export const SLOT_BATCH = 24;

/** One part of the day with its slots (start order). */
export interface SlotGroup {
  readonly part: DayPart;
  readonly slots: readonly FreeSlot[];
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** The hour (0–23) of an instant in `timeZone`. */
function hourIn(iso: string, timeZone: string): number {
  let format = hourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone });
    hourFormats.set(timeZone, format);
  }
  return Number(format.format(new Date(iso)));
}

/** The part of the day an hour falls in. */
export function dayPartOf(hour: number): DayPart {
  return hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening';
}

const ICT = 'Asia/Ho_Chi_Minh';
const grouped = new WeakMap<readonly FreeSlot[], { timeZone: string; groups: SlotGroup[] }>();

/**
 * The slots grouped by part of the day in `timeZone`; empty parts are left out. In ICT the
 * slot's own `time` is read (no date formatting for each of thousands of slots); the result is
 * kept for the same array, so a re-render (focus moving) does not group again.
 */
export function groupSlots(slots: readonly FreeSlot[], timeZone: string): SlotGroup[] {
  const known = grouped.get(slots);
  if (known?.timeZone === timeZone) return known.groups;
  const byPart = new Map<DayPart, FreeSlot[]>(DAY_PARTS.map((p) => [p, []]));
  for (const slot of slots) {
    const hour = timeZone === ICT ? Number(slot.time.slice(0, 2)) : hourIn(slot.start, timeZone);
    byPart.get(dayPartOf(hour))?.push(slot);
  }
  const groups = DAY_PARTS.map((part) => ({ part, slots: byPart.get(part) ?? [] })).filter(
    (g) => g.slots.length > 0,
  );
  grouped.set(slots, { timeZone, groups });
  return groups;
}

/**
 * Where a key moves the focus among `count` slot buttons (undefined: not a grid key); up and
 * down move by the `columns` the grid has at its width (4, or 3 on a phone).
 */
export function slotKeyTarget(
  key: string,
  current: number,
  count: number,
  rtl: boolean,
  columns = 4,
): number | undefined {
  const moves: Record<string, number> = {
    ArrowRight: rtl ? -1 : 1,
    ArrowLeft: rtl ? 1 : -1,
    ArrowDown: columns,
    ArrowUp: -columns,
  };
  const next =
    key === 'Home'
      ? 0
      : key === 'End'
        ? count - 1
        : key in moves
          ? current + (moves[key] ?? 0)
          : undefined;
  return next === undefined ? undefined : Math.max(0, Math.min(count - 1, next));
}

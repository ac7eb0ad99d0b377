/**
 * The month grid of `<vnh-consult-booking>`'s day step: a template function with its own styles
 * and keyboard rules (one tab stop, arrows move, PageUp/PageDown change month). Days before the
 * element's today read as past, never as full. It fits a 320 px wide column: seven equal columns
 * of at least 44 px tall buttons, month buttons that wrap.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import {
  addMonths as addCalendarMonths,
  weekday as dayOfWeek,
  type FreeSlot,
} from '@vnhealth/core';
import { addDays } from '@vnhealth/core/telemedicine';
import type { BookingWords as Words } from './consult-booking.i18n.ts';

/** The month (`YYYY-MM`) of a date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}
/** The month (`YYYY-MM`) `n` months after `month`. */
export function addMonths(month: string, n: number): string {
  return monthOf(addCalendarMonths(`${month}-01`, n));
}
/** Weekday 0 = Monday … 6 = Sunday of a date. */
function weekdayMon(date: string): number {
  return (dayOfWeek(date) + 6) % 7;
}

/** What the calendar shows and whom it tells. */
export interface CalendarOptions {
  readonly month: string;
  /** The element's today (from its clock), `YYYY-MM-DD` in ICT. */
  readonly today: string;
  readonly days: ReadonlyMap<string, readonly FreeSlot[]>;
  readonly selected: string | undefined;
  readonly focused: string | undefined;
  /** `vi-VN` or `en-GB`: month and weekday names. */
  readonly tag: string;
  readonly t: Pick<
    Words,
    | 'prevMonth'
    | 'nextMonth'
    | 'freeSlots'
    | 'noSlotsDay'
    | 'pastDay'
    | 'today'
    | 'noSlotsMonth'
    | 'nextAvailable'
  >;
  readonly formatDate: (day: string) => string;
  readonly onMonth: (month: string) => void;
  readonly onChoose: (day: string) => void;
  readonly onFocus: (day: string) => void;
  readonly onKey: (event: KeyboardEvent, current: string) => void;
  readonly onNextAvailable: () => void;
}

/** The day that holds the grid's tab stop: the focused one, the selected, the first free, today. */
export function focusDay(
  o: Pick<CalendarOptions, 'month' | 'days' | 'selected' | 'focused' | 'today'>,
): string {
  if (o.focused && monthOf(o.focused) === o.month) return o.focused;
  if (o.selected && monthOf(o.selected) === o.month) return o.selected;
  const free = [...o.days.keys()].filter((d) => monthOf(d) === o.month && d >= o.today).sort();
  return free[0] ?? (monthOf(o.today) === o.month ? o.today : `${o.month}-01`);
}

/** Where a key moves the focus from `current` (undefined: not a grid key). Never before today. */
export function keyTarget(
  key: string,
  current: string,
  rtl: boolean,
  today: string,
): string | undefined {
  const moves: Record<string, () => string> = {
    ArrowRight: () => addDays(current, rtl ? -1 : 1),
    ArrowLeft: () => addDays(current, rtl ? 1 : -1),
    ArrowDown: () => addDays(current, 7),
    ArrowUp: () => addDays(current, -7),
    Home: () => addDays(current, -weekdayMon(current)),
    End: () => addDays(current, 6 - weekdayMon(current)),
    PageDown: () => `${addMonths(monthOf(current), 1)}-01`,
    PageUp: () => `${addMonths(monthOf(current), -1)}-01`,
  };
  const next = moves[key]?.();
  return next === undefined ? undefined : next < today ? today : next;
}

const utc = (d: string) => new Date(`${d}T00:00:00Z`);

/** The month name with the previous and next month buttons (shown while the month loads too). */
export function renderMonthBar(
  o: Pick<CalendarOptions, 'month' | 'today' | 'tag' | 't' | 'onMonth'>,
): TemplateResult {
  const monthName = new Intl.DateTimeFormat(o.tag, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(utc(`${o.month}-01`));
  const t = o.t;
  return html`<div class="month">
    <button
      type="button"
      class="vnh-button"
      part="month-prev"
      ?disabled=${o.month <= monthOf(o.today)}
      @click=${() => o.onMonth(addMonths(o.month, -1))}
    >
      ${t.prevMonth}
    </button>
    <span class="month-name" id="month-name">${monthName}</span>
    <button
      type="button"
      class="vnh-button"
      part="month-next"
      @click=${() => o.onMonth(addMonths(o.month, 1))}
    >
      ${t.nextMonth}
    </button>
  </div>`;
}

/** The month grid, and the way out of a month without free slots. */
export function renderCalendar(o: CalendarOptions): TemplateResult {
  const first = `${o.month}-01`;
  const start = addDays(first, -weekdayMon(first));
  const weeks: string[][] = [];
  for (let w = 0; w < 6; w++) {
    const row = Array.from({ length: 7 }, (_, d) => addDays(start, w * 7 + d));
    if (w > 0 && monthOf(row[0] as string) !== o.month) break;
    weeks.push(row);
  }
  const focus = focusDay(o);
  const weekday = new Intl.DateTimeFormat(o.tag, { weekday: 'short', timeZone: 'UTC' });
  const weekdayLong = new Intl.DateTimeFormat(o.tag, { weekday: 'long', timeZone: 'UTC' });
  const anyFree = [...o.days.keys()].some((d) => monthOf(d) === o.month && d >= o.today);
  const t = o.t;
  const cell = (d: string) => {
    if (monthOf(d) !== o.month) return html`<td role="gridcell"></td>`;
    const past = d < o.today;
    const free = past ? 0 : (o.days.get(d)?.length ?? 0);
    const state = past ? t.pastDay : free ? t.freeSlots(free) : t.noSlotsDay;
    const label = `${weekdayLong.format(utc(d))} ${o.formatDate(d)}, ${state}${
      d === o.today ? `, ${t.today}` : ''
    }`;
    return html`<td role="gridcell" aria-selected=${o.selected === d ? 'true' : 'false'}>
      <button
        type="button"
        class="day"
        part="day"
        data-day=${d}
        data-state=${past ? 'past' : free ? 'free' : 'full'}
        tabindex=${d === focus ? '0' : '-1'}
        aria-disabled=${free ? 'false' : 'true'}
        aria-current=${d === o.today ? 'date' : 'false'}
        @click=${() => (free ? o.onChoose(d) : o.onFocus(d))}
        @focus=${() => o.onFocus(d)}
      >
        ${Number(d.slice(8))}<span class="vnh-sr-only">, ${label}</span>
      </button>
    </td>`;
  };
  return html`<table role="grid" aria-labelledby="month-name" part="calendar">
      <thead>
        <tr>
          ${(weeks[0] ?? []).map(
            (d) =>
              html`<th scope="col" abbr=${weekdayLong.format(utc(d))}>
                ${weekday.format(utc(d))}
              </th>`,
          )}
        </tr>
      </thead>
      <tbody @keydown=${(e: KeyboardEvent) => o.onKey(e, focus)}>
        ${weeks.map(
          (row) =>
            html`<tr>
              ${row.map(cell)}
            </tr>`,
        )}
      </tbody>
    </table>
    ${
      anyFree
        ? nothing
        : html`<p class="meta">${t.noSlotsMonth}</p>
            <button
              type="button"
              class="vnh-button"
              part="next-available"
              @click=${o.onNextAvailable}
            >
              ${t.nextAvailable}
            </button>`
    }`;
}

/** The calendar's styles (part of the element's `static styles`). */
export const calendarStyles = css`
  .month {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: center;
    gap: var(--vnh-space-2);
    margin-block-end: var(--vnh-space-2);
  }
  .month-name {
    font-weight: 600;
    text-align: center;
    text-transform: capitalize;
    overflow-wrap: normal;
  }
  /* A phone: the month name on its own line above the two buttons. */
  @container vnh-consult-booking (max-width: 30rem) {
    .month {
      grid-template-columns: 1fr 1fr;
    }
    .month-name {
      grid-column: 1 / -1;
      order: -1;
    }
  }
  table {
    inline-size: 100%;
    max-inline-size: calc(7 * (var(--vnh-consult-booking-cell-size) + 1.25rem));
    margin-inline: auto;
    table-layout: fixed;
    border-collapse: collapse;
  }
  th {
    font-size: var(--vnh-font-size-sm);
    color: var(--vnh-color-muted);
    font-weight: 600;
    padding-block: var(--vnh-space-1);
    padding-inline: 0;
    overflow-wrap: normal;
  }
  td {
    padding: 1px;
    text-align: center;
  }
  .day {
    inline-size: 100%;
    min-inline-size: 0;
    block-size: var(--vnh-consult-booking-cell-size);
    min-block-size: 2.75rem;
    padding: 0;
    border-radius: var(--vnh-radius-md);
    border: 1px solid var(--vnh-color-accent);
    background: var(--vnh-color-surface);
    color: var(--vnh-color-accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .day:focus-visible {
    outline: var(--vnh-focus-ring);
    outline-offset: 1px;
  }
  .day[aria-disabled='true'] {
    border-color: transparent;
    color: var(--vnh-color-muted);
    font-weight: 400;
    cursor: default;
  }
  .day[data-state='full'] {
    text-decoration: line-through;
  }
  .day[aria-current='date'] {
    border-style: dashed;
    border-color: var(--vnh-color-muted);
  }
  td[aria-selected='true'] .day {
    background: var(--vnh-color-accent);
    color: var(--vnh-color-accent-text, var(--vnh-color-surface));
  }
`;

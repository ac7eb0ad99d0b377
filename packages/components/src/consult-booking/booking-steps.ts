/**
 * The templates of `<vnh-consult-booking>`'s steps: pure functions of what the element hands
 * them (its words, formatters, flow and handlers). The calendar is in `booking-calendar.ts`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Appointment, ConsultMode, ConsultOffering, FreeSlot } from '@vnhealth/core';
import { TELEMEDICINE_SPECIALTIES, appointmentToIcs } from '@vnhealth/core/telemedicine';
import { renderEmpty } from '../shared/states.ts';
import type { Formatters } from '../shared/format.ts';
import type { BookingFlow } from './booking-flow.ts';
import type { BookingWords as Words } from './consult-booking.i18n.ts';
import { formatPhone, initials } from '../shared/format.ts';
import { SLOT_BATCH, type DayPart, type SlotGroup } from './slot-groups.ts';

/** What every step template reads. */
export interface StepContext {
  readonly t: Words;
  readonly format: Formatters;
  readonly locale: 'vi' | 'en';
  readonly flow: BookingFlow;
  /** The doctor booked with: the one chosen, or the preset one the scoped search found. */
  readonly offering: ConsultOffering | undefined;
}

export function renderModes(c: StepContext, choose: (mode: ConsultMode) => void): TemplateResult {
  return html`<fieldset class="modes">
    <legend>${c.t.modeLabel}</legend>
    ${(['video', 'in-person'] as const).map(
      (m) =>
        html`<button
          type="button"
          class="vnh-button"
          part="mode"
          aria-pressed=${c.flow.mode === m ? 'true' : 'false'}
          @click=${() => choose(m)}
        >
          ${m === 'video' ? c.t.modeVideo : c.t.modeInPerson}
        </button>`,
    )}
  </fieldset>`;
}

export function renderSpecialties(c: StepContext, choose: (code: string) => void): TemplateResult {
  return html`<ul class="options">
    ${TELEMEDICINE_SPECIALTIES.map(
      (s) =>
        html`<li>
          <button
            type="button"
            class="vnh-button option"
            part="specialty"
            aria-pressed=${c.flow.specialty === s.code ? 'true' : 'false'}
            @click=${() => choose(s.code)}
          >
            ${s[c.locale]}
          </button>
        </li>`,
    )}
  </ul>`;
}

function languagesOf(codes: readonly string[], locale: string): string {
  return codes
    .map((code) => {
      try {
        return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
      } catch {
        return code;
      }
    })
    .join(', ');
}

export function renderDoctorList(
  c: StepContext,
  list: readonly ConsultOffering[],
  choose: (o: ConsultOffering) => void,
): TemplateResult {
  if (!list.length) return renderEmpty(c.t.noDoctors);
  return html`<ul class="doctors">
    ${list.map((o) => {
      const languages = languagesOf(o.languages, c.locale);
      return html`<li class="doctor" part="doctor">
        ${
          o.photoUrl
            ? html`<img class="avatar" src=${o.photoUrl} alt="" />`
            : html`<span class="avatar" aria-hidden="true">${initials(o.practitionerName)}</span>`
        }
        <div>
          <p class="doctor-name">${o.practitionerName}</p>
          <p class="meta">
            ${[...o.qualifications.slice(0, 1), o.facility.name].filter(Boolean).join(' · ')}
          </p>
          ${languages ? html`<p class="meta">${c.t.languages}: ${languages}</p>` : nothing}
        </div>
        <button
          type="button"
          class="vnh-button"
          aria-label=${c.t.chooseDoctor(o.practitionerName)}
          @click=${() => choose(o)}
        >
          ${c.t.choose}
        </button>
      </li>`;
    })}
  </ul>`;
}

/** Handlers of the slot buttons. */
export interface SlotHandlers {
  readonly choose: (slot: FreeSlot) => void;
  readonly key: (event: KeyboardEvent, count: number) => void;
  readonly more: (part: DayPart) => void;
}

function slotButton(
  c: StepContext,
  s: FreeSlot,
  index: number,
  focus: number,
  on: SlotHandlers,
  withDay: boolean,
): TemplateResult {
  return html`<button
    type="button"
    class="vnh-button slot"
    part="slot"
    data-slot-index=${index}
    data-slot-id=${s.id}
    tabindex=${index === focus ? '0' : '-1'}
    aria-pressed=${c.flow.slot?.id === s.id ? 'true' : 'false'}
    @click=${() => on.choose(s)}
    @focus=${() => c.flow.setView({ focusedSlot: index })}
  >
    ${withDay ? `${c.format.date(s.day)} ` : ''}${c.format.time(s.start)}
  </button>`;
}

/** The nearest free slots after a taken one: one flat group. */
export function renderAlternatives(
  c: StepContext,
  slots: readonly FreeSlot[],
  on: SlotHandlers,
): TemplateResult {
  const focus = Math.min(c.flow.view.focusedSlot, slots.length - 1);
  return html`<div
    class="slots"
    role="group"
    aria-labelledby="slots-label"
    @keydown=${(e: KeyboardEvent) => on.key(e, slots.length)}
  >
    ${slots.map((s, i) => slotButton(c, s, i, focus, on, true))}
  </div>`;
}

/**
 * A day's slots by part of the day. Each group shows {@link SLOT_BATCH} slots, then a button that
 * shows the next batch: a day of 2,000 slots renders a few dozen buttons, not 2,000. Roving focus
 * runs over the buttons shown, across groups.
 */
export function renderSlotGroups(
  c: StepContext,
  groups: readonly SlotGroup[],
  on: SlotHandlers,
): TemplateResult {
  const shown = c.flow.view.shown;
  const visible = groups.map((g) => g.slots.slice(0, shown[g.part]));
  const count = visible.reduce((n, v) => n + v.length, 0);
  const focus = Math.min(c.flow.view.focusedSlot, count - 1);
  const title = { morning: c.t.morning, afternoon: c.t.afternoon, evening: c.t.evening };
  let offset = 0;
  return html`<div class="slot-groups" @keydown=${(e: KeyboardEvent) => on.key(e, count)}>
    ${groups.map((g, gi) => {
      const list = visible[gi] ?? [];
      const first = offset;
      offset += list.length;
      const hidden = g.slots.length - list.length;
      return html`<section class="slot-group" part="slot-group" aria-labelledby="part-${g.part}">
        <h4 id="part-${g.part}">
          ${title[g.part]} <span class="meta">(${c.t.freeSlots(g.slots.length)})</span>
        </h4>
        <div class="slots" role="group" aria-labelledby="part-${g.part}">
          ${list.map((s, i) => slotButton(c, s, first + i, focus, on, false))}
        </div>
        ${
          hidden > 0
            ? html`<button
                type="button"
                class="vnh-button more"
                part="more-slots"
                @click=${() => on.more(g.part)}
              >
                ${c.t.showMore(Math.min(hidden, SLOT_BATCH * 2))}
              </button>`
            : nothing
        }
      </section>`;
    })}
  </div>`;
}

/** What is booked (or about to be). */
export function renderSummary(c: StepContext, appointment?: Appointment): TemplateResult {
  const { t, flow } = c;
  const o = c.offering;
  const start = appointment?.start ?? flow.slot?.start;
  const minutes = flow.slot?.minutes ?? appointment?.minutesDuration;
  const contact = [
    flow.draft.phone.trim() ? formatPhone(flow.draft.phone) : '',
    flow.draft.email.trim(),
  ];
  return html`<dl>
    <dt>${t.doctor}</dt>
    <dd>${o?.practitionerName ?? ''}</dd>
    <dt>${t.facility}</dt>
    <dd>${o?.facility.name ?? ''}</dd>
    <dt>${t.when}</dt>
    <dd>${c.format.dateTime(start)}${minutes ? ` (${t.minutes(minutes)})` : ''}</dd>
    <dt>${t.mode}</dt>
    <dd>${flow.mode === 'video' ? t.modeVideo : t.modeInPerson}</dd>
    <dt>${t.reason}</dt>
    <dd>${flow.draft.reason}</dd>
    <dt>${t.contact}</dt>
    <dd>${contact.filter(Boolean).join(' · ')}</dd>
  </dl>`;
}

/** The booked appointment as an `.ics` file's object URL (undefined when it cannot be made). */
export function icsUrlOf(
  t: Words,
  appointment: Appointment,
  offering: ConsultOffering | undefined,
  reason: string,
): string | undefined {
  try {
    const text = appointmentToIcs(appointment, {
      summary: t.icsSummary(offering?.practitionerName ?? ''),
      description: reason,
      ...(offering?.facility.name ? { location: offering.facility.name } : {}),
    });
    return URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
  } catch {
    return undefined;
  }
}

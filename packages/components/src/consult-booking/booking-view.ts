/**
 * The card of `<vnh-consult-booking>`: the step indicator, the heading and the current step's
 * body, as a function of what the element hands it (a {@link BookingViewModel}).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ConsultMode, ConsultOffering, FreeSlot } from '@vnhealth/core';
import { specialtyByCodeOrKey } from '@vnhealth/core/telemedicine';
import { errorMessage, renderEmpty, renderError, renderLoading } from '../shared/states.ts';
import { TaskStatus } from '../shared/task.ts';
import {
  keyTarget,
  monthOf,
  renderCalendar,
  renderMonthBar,
  type CalendarOptions,
} from './booking-calendar.ts';
import { renderDetails, type DetailsHandlers } from './booking-details.ts';
import type { BookingData } from './booking-data.ts';
import { CONSULT_BOOKING_STEPS, type ConsultBookingStep } from './booking-flow.ts';
import * as steps from './booking-steps.ts';
import type { BookingWords as Words } from './consult-booking.i18n.ts';
import { SLOT_BATCH, groupSlots, slotKeyTarget, type DayPart } from './slot-groups.ts';

/** The title of a step. */
export function stepTitle(t: Words, step: ConsultBookingStep): string {
  const titles = { specialty: t.stepSpecialty, doctor: t.stepDoctor, day: t.stepDay };
  return {
    ...titles,
    time: t.stepTime,
    details: t.stepDetails,
    review: t.stepReview,
    done: t.stepDone,
  }[step];
}

/** What the live region says when the flow arrives at its state. */
export function stepAnnouncement(t: Words, c: steps.StepContext): string {
  const s = c.flow.state;
  const extra =
    s.step === 'time' && s.taken
      ? t.slotTaken
      : s.step === 'done'
        ? s.appointment.status === 'proposed'
          ? t.proposed
          : t.booked
        : s.step === 'review' && s.error
          ? `${t.bookingFailed} ${errorMessage(t, s.error)}`
          : '';
  const position =
    s.step === 'done' ? '' : t.stepOf(c.flow.position(), CONSULT_BOOKING_STEPS.length - 1);
  return [position, stepTitle(t, s.step), extra].filter(Boolean).join('. ');
}

/** What the card renders from, and whom it tells. */
export interface BookingViewModel {
  readonly c: steps.StepContext;
  readonly data: BookingData;
  /** `.offerings` given by the host (no doctor search). */
  readonly offerings: readonly ConsultOffering[] | undefined;
  /** The doctor chosen or the preset one found in scope. */
  readonly offering: ConsultOffering | undefined;
  readonly presets: { mode: boolean; specialty: boolean; doctor: boolean };
  readonly month: string;
  readonly today: string;
  readonly timeZone: string;
  readonly disabled: boolean;
  readonly patientKnown: boolean;
  readonly phonePrefilled: boolean;
  readonly icsUrl: string | undefined;
  /** Reads the writing direction (arrow keys follow it). */
  readonly rtl: () => boolean;
  /** Focus this selector in the shadow root after the next update. */
  readonly focus: (selector: string) => void;
  /** Fire `change` for a choice the person made. */
  readonly emit: (step: ConsultBookingStep, value: string) => void;
  readonly on: {
    readonly mode: (mode: ConsultMode) => void;
    readonly day: (day: string) => void;
    readonly nextAvailable: () => void;
    readonly slot: (slot: FreeSlot) => void;
    readonly details: Omit<DetailsHandlers, 'back'>;
    readonly confirm: () => void;
    readonly restart: () => void;
  };
}

/** What the live region says: loading, else the step's announcement and what has loaded. */
export function liveText(v: BookingViewModel, announcement: string): string {
  const { t, flow } = v.c;
  const { doctors, availability } = v.data;
  const busy = (s: TaskStatus) => s === TaskStatus.PENDING || s === TaskStatus.INITIAL;
  const onCalendar = flow.step === 'day' || flow.step === 'time';
  const onDoctors = flow.step === 'doctor' && !v.offerings;
  const lookingUp = onCalendar && !v.offering && busy(doctors.status);
  if (
    lookingUp ||
    (onDoctors && busy(doctors.status)) ||
    (onCalendar && busy(availability.status))
  ) {
    return t.loading;
  }
  const days = availability.value;
  const note =
    onDoctors && doctors.status === TaskStatus.COMPLETE
      ? t.doctorsFound(doctors.value?.length ?? 0)
      : flow.step === 'day' && availability.status === TaskStatus.COMPLETE && days
        ? days.size
          ? t.daysAvailable(days.size)
          : t.noSlotsMonth
        : '';
  return [announcement, note].filter(Boolean).join('. ');
}

const loadingOr = <R>(
  t: Words,
  task: BookingData['doctors'] | BookingData['availability'],
  complete: (value: R) => unknown,
) =>
  (task as unknown as { render(r: object): unknown; run(): unknown }).render({
    initial: () => renderLoading(t),
    pending: () => renderLoading(t),
    error: (e: unknown) => renderError(t, e, () => void task.run()),
    complete,
  });

export function renderCard(v: BookingViewModel): TemplateResult {
  const { t, flow } = v.c;
  const visible = CONSULT_BOOKING_STEPS.slice(0, -1);
  return html`<section class="card" part="card" aria-labelledby="title">
    <h2 class="title" id="title">${t.title}</h2>
    ${
      flow.step === 'done'
        ? nothing
        : html`<ol class="steps" part="steps">
            ${visible.map(
              (s, i) =>
                html`<li aria-current=${s === flow.step ? 'step' : 'false'}>
                  <span class="vnh-sr-only">${t.stepOf(i + 1, visible.length)}: </span
                  >${stepTitle(t, s)}
                </li>`,
            )}
          </ol>`
    }
    <div class="step">
      <h3 part="step-heading" tabindex="-1">${stepTitle(t, flow.step)}</h3>
      ${renderStep(v)}
    </div>
  </section>`;
}

const actions = (...content: unknown[]) => html`<div class="actions">${content}</div>`;

function renderStep(v: BookingViewModel): TemplateResult {
  const { c, on } = v;
  const { t, flow } = c;
  const back = html`<button
    type="button"
    class="vnh-button"
    part="back"
    @click=${() => flow.back()}
  >
    ${t.back}
  </button>`;
  switch (flow.step) {
    case 'specialty':
      return html`${v.presets.mode ? nothing : steps.renderModes(c, on.mode)}
      ${steps.renderSpecialties(c, (code) => {
        flow.chooseSpecialty(code);
        v.emit('specialty', code);
      })}`;
    case 'doctor': {
      const specialty = flow.specialty ? specialtyByCodeOrKey(flow.specialty) : undefined;
      const list = (l: readonly ConsultOffering[] | undefined) =>
        steps.renderDoctorList(c, l ?? [], (o) => {
          flow.chooseDoctor(o);
          v.emit('doctor', o.id);
        });
      return html`${specialty ? html`<p class="meta">${specialty[c.locale]}</p>` : nothing}
      ${v.offerings ? list(v.offerings) : loadingOr(t, v.data.doctors, list)}
      ${actions(v.presets.specialty ? nothing : back)}`;
    }
    case 'day':
    case 'time':
      return renderCalendarStep(v, back);
    case 'details':
      return renderDetails(c, v.phonePrefilled, { ...on.details, back });
    case 'review':
      return html`${steps.renderSummary(c)}
      ${
        flow.error
          ? html`<div class="notice error" part="error" role="alert">
              <p>
                ${t.bookingFailed} ${v.patientKnown ? errorMessage(t, flow.error) : t.noPatient}
              </p>
            </div>`
          : nothing
      }
      ${actions(
        back,
        html`<button
          type="button"
          class="vnh-button primary"
          part="confirm"
          ?disabled=${flow.submitting || v.disabled}
          aria-busy=${flow.submitting ? 'true' : 'false'}
          @click=${on.confirm}
        >
          ${flow.submitting ? t.booking : t.confirm}
        </button>`,
      )}`;
    case 'done': {
      const appointment = flow.appointment;
      return html`<p>${appointment?.status === 'proposed' ? t.proposed : t.booked}</p>
        ${steps.renderSummary(c, appointment)}
        ${actions(
          v.icsUrl
            ? html`<a
                class="vnh-button"
                part="calendar-link"
                href=${v.icsUrl}
                download="lich-kham-${appointment?.id ?? 'vnhealth'}.ics"
                >${t.addToCalendar}</a
              >`
            : nothing,
          html`<button type="button" class="vnh-button" @click=${on.restart}>
            ${t.bookAnother}
          </button>`,
        )}`;
    }
  }
}

function renderCalendarStep(v: BookingViewModel, back: TemplateResult): TemplateResult {
  const { c, on } = v;
  const { t, flow, format } = c;
  const backButton = actions(v.presets.doctor && flow.step === 'day' ? nothing : back);
  const doctors = v.data.doctors;
  if (!v.offering) {
    // The preset doctor is looked up first (inside the host's scope): its slots come after.
    return doctors.status === TaskStatus.COMPLETE
      ? renderEmpty(t.noDoctors)
      : html`${loadingOr(t, doctors, () => nothing)}`;
  }
  const doctorLine = v.offering
    ? html`<p class="meta">${v.offering.practitionerName} · ${v.offering.facility.name}</p>`
    : nothing;
  const slotHandlers: steps.SlotHandlers = {
    choose: on.slot,
    key: (e, count) => {
      const grid = (e.target as HTMLElement).closest('.slots');
      const columns = grid ? getComputedStyle(grid).gridTemplateColumns.split(' ').length : 4;
      const next = slotKeyTarget(e.key, flow.view.focusedSlot, count, v.rtl(), columns);
      if (next === undefined) return;
      e.preventDefault();
      flow.setView({ focusedSlot: next });
      v.focus(`[data-slot-index="${next}"]`);
    },
    more: (part: DayPart) =>
      flow.setView({
        shown: { ...flow.view.shown, [part]: flow.view.shown[part] + SLOT_BATCH * 2 },
      }),
  };
  const taken = flow.slotTaken
    ? html`<div class="notice" part="notice" role="alert" tabindex="-1">
        <p>${t.slotTaken}</p>
        ${
          flow.alternatives.length
            ? html`<p id="slots-label"><strong>${t.alternatives}</strong></p>
                ${steps.renderAlternatives(c, flow.alternatives, slotHandlers)}`
            : html`<p>${t.noAlternatives}</p>`
        }
      </div>`
    : nothing;
  const calendar: Omit<CalendarOptions, 'days'> = {
    month: v.month,
    today: v.today,
    selected: flow.day,
    focused: flow.view.focusedDay,
    tag: c.locale === 'en' ? 'en-GB' : 'vi-VN',
    t,
    formatDate: (d) => format.date(d),
    onMonth: (month) => flow.setView({ month, focusedDay: undefined }),
    onChoose: on.day,
    onFocus: (d) => flow.setView({ focusedDay: d }),
    onKey: (e, current) => {
      const next = keyTarget(e.key, current, v.rtl(), v.today);
      if (!next) return;
      e.preventDefault();
      flow.setView({ focusedDay: next, month: monthOf(next) });
      v.focus(`[data-day="${next}"]`);
    },
    onNextAvailable: on.nextAvailable,
  };
  const body = (days: Map<string, FreeSlot[]> | undefined) => {
    const map = days ?? new Map<string, FreeSlot[]>();
    if (flow.step === 'day') return renderCalendar({ ...calendar, days: map });
    const slots = (flow.day && map.get(flow.day)) || [];
    return html`<p class="meta" id="slots-label">${t.slotsFor(format.date(flow.day ?? ''))}</p>
      ${
        slots.length
          ? steps.renderSlotGroups(c, groupSlots(slots, v.timeZone), slotHandlers)
          : renderEmpty(t.noSlotsDay)
      }`;
  };
  const monthBar = flow.step === 'day' ? renderMonthBar(calendar) : nothing;
  return html`${doctorLine} ${taken} ${monthBar}
  ${flow.slotTaken && flow.alternatives.length ? nothing : loadingOr(t, v.data.availability, body)}
  ${backButton}`;
}

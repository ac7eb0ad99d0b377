import {
  html,
  nothing,
  type PropertyValues,
  type TemplateResult,
  type PropertyDeclarations,
} from 'lit';
import {
  addMonths as addCalendarMonths,
  isSlotUnavailableError,
  weekday as dayOfWeek,
  type Appointment,
  type ConsultMode,
  type ConsultOffering,
  type FreeSlot,
} from '@vnhealth/core';
import {
  TELEMEDICINE_SPECIALTIES,
  addDays,
  appointmentToIcs,
  ictToday,
  slotAlternatives,
  specialtyByCodeOrKey,
} from '@vnhealth/core/telemedicine';
import { VnhElement } from '../shared/element.ts';
import {
  MissingClientError,
  errorMessage,
  renderEmpty,
  renderError,
  renderLiveRegion,
  renderLoading,
} from '../shared/states.ts';
import { Task, TaskStatus } from '../shared/task.ts';
import { messages } from './consult-booking.i18n.ts';
import { styles } from './consult-booking.styles.ts';

/** The steps of the flow, in order. */
export const CONSULT_BOOKING_STEPS = [
  'specialty',
  'doctor',
  'day',
  'time',
  'details',
  'review',
  'done',
] as const;

/** One step of `<vnh-consult-booking>`. */
export type ConsultBookingStep = (typeof CONSULT_BOOKING_STEPS)[number];

/** `vnh-booked`: the appointment was created; `detail` is the Appointment. */
export class ConsultBookedEvent extends CustomEvent<Appointment> {
  /** The Appointment created (also `detail`). */
  readonly appointment: Appointment;
  constructor(appointment: Appointment) {
    super('vnh-booked', { detail: appointment, bubbles: true, composed: true });
    this.appointment = appointment;
  }
}

/** `vnh-booking-failed`: booking failed; `alternatives` is non-empty when the slot was taken. */
export class ConsultBookingFailedEvent extends CustomEvent<{
  error: unknown;
  alternatives: FreeSlot[];
}> {
  /** What failed (also `detail.error`): the SDK's error. */
  readonly error: unknown;
  /** The nearest free times when the slot was taken, else empty (also `detail.alternatives`). */
  readonly alternatives: FreeSlot[];
  /** True when someone else took the slot first. */
  readonly slotTaken: boolean;
  constructor(error: unknown, alternatives: FreeSlot[]) {
    super('vnh-booking-failed', {
      detail: { error, alternatives },
      bubbles: true,
      composed: true,
    });
    this.error = error;
    this.alternatives = alternatives;
    this.slotTaken = isSlotUnavailableError(error);
  }
}

/** `change`: the person made a choice in a step (never fired for programmatic changes). */
export class ConsultBookingChangeEvent extends Event {
  /** The step the choice was made in (one of `CONSULT_BOOKING_STEPS`). */
  readonly step: ConsultBookingStep;
  /**
   * What was chosen: a specialty code (`mode:video` / `mode:in-person` for the mode), a
   * PractitionerRole id, a day (`YYYY-MM-DD`), a Slot id, or the reason typed in `details`.
   */
  readonly value: string;
  constructor(step: ConsultBookingStep, value: string) {
    super('change', { bubbles: true, composed: true });
    this.step = step;
    this.value = value;
  }
}

const PHONE = /^(\+84|0)\d{9}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SLOT_COLUMNS = 4;

function monthOf(date: string): string {
  return date.slice(0, 7);
}
/** The month (`YYYY-MM`) `n` months after `month`. */
function addMonths(month: string, n: number): string {
  return monthOf(addCalendarMonths(`${month}-01`, n));
}
/** Weekday 0 = Monday … 6 = Sunday of an ICT date. */
function weekdayMon(date: string): number {
  return (dayOfWeek(date) + 6) % 7;
}

/**
 * Books a consultation step by step. Race-safe: the slot is taken with the SDK's
 * `telemedicine.book` (version check and idempotency key in one transaction), the confirm button
 * is disabled while a booking is in flight, and when someone else takes the slot first the
 * element says so, offers the nearest free times and keeps what the patient typed.
 * Form-associated: inside a `<form>`, its value is the booked `Appointment/<id>` and `required`
 * makes the form invalid until a booking is made.
 *
 * @customElement vnh-consult-booking
 * @summary Book a consultation step by step: specialty, doctor, day, time, reason, review.
 *
 * @fires {ConsultBookedEvent} vnh-booked - The appointment was created (`detail` is the Appointment).
 * @fires {ConsultBookingFailedEvent} vnh-booking-failed - Booking failed (`detail.alternatives` when the slot was taken).
 * @fires {ConsultBookingChangeEvent} change - The person chose something in a step (`step`, `value`).
 *
 * @csspart card - The outer box.
 * @csspart steps - The step indicator.
 * @csspart specialty - A specialty (or consultation mode) to choose.
 * @csspart step-heading - The heading of the current step (focused on each step change).
 * @csspart doctor - One doctor in the list.
 * @csspart calendar - The month grid.
 * @csspart day - A day cell button.
 * @csspart slot - A time button.
 * @csspart next-available - The button that jumps to the next day with free times.
 * @csspart notice - The "slot just taken" notice.
 * @csspart confirm - The confirm button.
 * @csspart calendar-link - The add-to-calendar download link.
 * @csspart back - The Back button of a step.
 * @csspart next - The Next button of the details step.
 * @csspart loading - The loading skeleton.
 * @csspart empty - The empty state (no doctors for the choice).
 * @csspart error - The error state.
 * @csspart retry - The Retry button of the error state.
 *
 * @cssprop [--vnh-consult-booking-max-inline-size=44rem] - Maximum width.
 * @cssprop [--vnh-consult-booking-avatar-size=3rem] - Doctor photo size.
 * @cssprop [--vnh-consult-booking-cell-size=2.75rem] - Calendar day size.
 */
export class VnhConsultBooking extends VnhElement<typeof messages.vi> {
  static override properties: PropertyDeclarations = {
    patientId: { attribute: 'patient-id' },
    offerings: { attribute: false },
    specialty: {},
    practitionerRoleId: { attribute: 'practitioner-role-id' },
    mode: {},
    name: { reflect: true },
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    step: { state: true },
    chosenSpecialty: { state: true },
    chosenMode: { state: true },
    offering: { state: true },
    month: { state: true },
    focusedDay: { state: true },
    day: { state: true },
    selectedSlot: { state: true },
    focusedSlot: { state: true },
    reason: { state: true },
    phone: { state: true },
    email: { state: true },
    showErrors: { state: true },
    submitting: { state: true },
    submitError: { state: true },
    slotTaken: { state: true },
    alternatives: { state: true },
    appointment: { state: true },
    announcement: { state: true },
    reloadCount: { state: true },
  };

  static override styles = styles;
  static formAssociated = true;
  protected readonly translations = messages;

  /** The patient who books (`Patient/<id>` or id). */
  patientId: string | undefined;
  /**
   * The doctors the doctor step offers, to render without network (a
   * `telemedicine.findServices` result, e.g. for the preset `specialty`, fetched by a server
   * render). Unset, the step loads them for the chosen specialty and mode.
   */
  offerings: ConsultOffering[] | undefined;
  /** Preset specialty (SNOMED code or key such as `pediatrics`); skips the first step. */
  specialty: string | undefined;
  /** Preset doctor (PractitionerRole id); skips specialty and doctor steps. */
  practitionerRoleId: string | undefined;
  /** Preset mode (`video` | `in-person`); hides the mode choice. */
  mode: ConsultMode | undefined;
  /** Form field name. */
  name: string | undefined;
  /** Makes a host form invalid until a booking is made. */
  required = false;
  /** Disabled by a disabled fieldset or attribute. */
  disabled = false;

  protected step: ConsultBookingStep = 'specialty';
  protected chosenSpecialty: string | undefined;
  protected chosenMode: ConsultMode = 'video';
  protected offering: ConsultOffering | undefined;
  protected month: string = monthOf(ictToday());
  protected focusedDay: string | undefined;
  protected day: string | undefined;
  protected selectedSlot: FreeSlot | undefined;
  protected focusedSlot = 0;
  protected reason = '';
  protected phone = '';
  protected email = '';
  protected showErrors = false;
  protected submitting = false;
  protected submitError: unknown;
  protected slotTaken = false;
  protected alternatives: FreeSlot[] = [];
  protected appointment: Appointment | undefined;
  protected announcement = '';
  protected reloadCount = 0;

  #internals: ElementInternals;
  #inFlight: Promise<void> | undefined;
  #idempotencyKey: string | undefined;
  #focusHeading = false;
  #focusSelector: string | undefined;
  #icsUrl: string | undefined;
  #abort: AbortController | undefined;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.#internals.role = 'group';
  }

  /** The booked appointment reference (`Appointment/<id>`), or '' before booking. */
  get value(): string {
    return this.appointment?.id ? `Appointment/${this.appointment.id}` : '';
  }
  /** The owning form. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }
  get validity(): ValidityState {
    return this.#internals.validity;
  }
  get validationMessage(): string {
    return this.#internals.validationMessage;
  }
  get willValidate(): boolean {
    return this.#internals.willValidate;
  }
  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }
  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }
  /** The current step. */
  get currentStep(): ConsultBookingStep {
    return this.step;
  }

  formResetCallback(): void {
    this.#restart();
  }
  formDisabledCallback(disabled: boolean): void {
    this.disabled = disabled;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#syncPresets(true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    if (this.#icsUrl) URL.revokeObjectURL(this.#icsUrl);
    this.#icsUrl = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('specialty') || changed.has('practitionerRoleId') || changed.has('mode')) {
      this.#syncPresets(false);
    }
    this.#updateValidity();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#focusSelector) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focusSelector);
      if (target) {
        target.focus();
        this.#focusSelector = undefined;
        this.#focusHeading = false;
      }
    }
    if (this.#focusHeading) {
      const heading = this.renderRoot.querySelector<HTMLElement>('[part~="step-heading"]');
      if (heading) {
        heading.focus();
        this.#focusHeading = false;
      }
    }
  }

  #syncPresets(initial: boolean): void {
    if (this.mode === 'video' || this.mode === 'in-person') this.chosenMode = this.mode;
    if (this.practitionerRoleId) {
      if (initial || this.step === 'specialty' || this.step === 'doctor') this.step = 'day';
    } else if (this.specialty) {
      this.chosenSpecialty = this.specialty;
      if (initial || this.step === 'specialty') this.step = 'doctor';
    }
  }

  #updateValidity(): void {
    this.#internals.setFormValue(this.value || null);
    if (this.required && !this.value) {
      this.#internals.setValidity({ valueMissing: true }, this.t.stepReview);
    } else {
      this.#internals.setValidity({});
    }
  }

  #goTo(step: ConsultBookingStep, announce?: string): void {
    this.step = step;
    this.#focusHeading = true;
    const index = CONSULT_BOOKING_STEPS.indexOf(step);
    this.announcement = [
      step === 'done' ? '' : this.t.stepOf(index + 1, CONSULT_BOOKING_STEPS.length - 1),
      this.#stepTitle(step),
      announce ?? '',
    ]
      .filter(Boolean)
      .join('. ');
  }

  #stepTitle(step: ConsultBookingStep): string {
    const t = this.t;
    return {
      specialty: t.stepSpecialty,
      doctor: t.stepDoctor,
      day: t.stepDay,
      time: t.stepTime,
      details: t.stepDetails,
      review: t.stepReview,
      done: t.stepDone,
    }[step];
  }

  #emitChange(step: ConsultBookingStep, value: string): void {
    this.dispatchEvent(new ConsultBookingChangeEvent(step, value));
  }

  #restart(): void {
    this.appointment = undefined;
    this.selectedSlot = undefined;
    this.day = undefined;
    this.slotTaken = false;
    this.alternatives = [];
    this.submitError = undefined;
    this.reason = '';
    this.phone = '';
    this.email = '';
    this.showErrors = false;
    this.#idempotencyKey = undefined;
    this.offering = this.practitionerRoleId ? this.offering : undefined;
    this.step = 'specialty';
    this.#syncPresets(true);
    this.reloadCount += 1;
  }

  // ── data ──────────────────────────────────────────────────────────────────────────────────

  #offerings = new Task(this, {
    task: async ([onDoctorStep, specialty, mode, roleId, client], { signal }) => {
      if (!onDoctorStep && !(roleId && !this.offering)) return undefined;
      if (!client) throw new MissingClientError();
      if (roleId) {
        const found = await client.telemedicine.findServices(
          { practitionerRole: roleId },
          { signal },
        );
        if (found[0]) this.offering = found[0];
        return found;
      }
      const list = await client.telemedicine.findServices(
        { ...(specialty ? { specialty } : {}), mode },
        { signal },
      );
      this.announcement = `${this.t.stepDoctor}. ${this.t.doctorsFound(list.length)}`;
      return list;
    },
    args: () =>
      [
        this.step === 'doctor' && !this.offerings,
        this.chosenSpecialty,
        this.chosenMode,
        this.practitionerRoleId,
        this.resolvedClient,
      ] as const,
  });

  #availability = new Task(this, {
    task: async ([onCalendarSteps, roleId, month, mode, client], { signal }) => {
      if (!onCalendarSteps || !roleId) return undefined;
      if (!client) throw new MissingClientError();
      const today = ictToday();
      const first = `${month}-01`;
      const from = first < today ? today : first;
      const to = `${addMonths(month, 1)}-01`;
      if (from >= to) return { days: new Map<string, FreeSlot[]>(), month };
      const result = await client.telemedicine.findSlots(
        { practitionerRole: roleId, from, to, mode },
        { signal },
      );
      const days = new Map(result.days.map((d) => [d.date, d.slots] as const));
      if (this.step === 'day') {
        this.announcement = days.size ? this.t.daysAvailable(days.size) : this.t.noSlotsMonth;
      }
      return { days, month };
    },
    args: () =>
      [
        this.step === 'day' || this.step === 'time',
        this.practitionerRoleId ?? this.offering?.id,
        this.month,
        this.chosenMode,
        this.resolvedClient,
        this.reloadCount,
      ] as const,
  });

  // ── actions ───────────────────────────────────────────────────────────────────────────────

  #chooseSpecialty(code: string): void {
    this.chosenSpecialty = code;
    this.offering = undefined;
    this.#emitChange('specialty', code);
    this.#goTo('doctor');
  }

  #chooseMode(mode: ConsultMode): void {
    if (this.chosenMode === mode) return;
    this.chosenMode = mode;
    this.#emitChange('specialty', `mode:${mode}`);
  }

  #chooseDoctor(offering: ConsultOffering): void {
    this.offering = offering;
    this.day = undefined;
    this.selectedSlot = undefined;
    this.#emitChange('doctor', offering.id);
    this.#goTo('day');
  }

  #chooseDay(day: string, slots: FreeSlot[] | undefined): void {
    this.focusedDay = day;
    if (!slots?.length) return;
    this.day = day;
    this.selectedSlot = undefined;
    this.focusedSlot = 0;
    this.slotTaken = false;
    this.#emitChange('day', day);
    this.#goTo('time', this.t.freeSlots(slots.length));
  }

  async #goToNextAvailable(): Promise<void> {
    const client = this.resolvedClient;
    const roleId = this.practitionerRoleId ?? this.offering?.id;
    if (!client || !roleId) return;
    try {
      const slot = await client.telemedicine.nextAvailable({
        practitionerRole: roleId,
        mode: this.chosenMode,
      });
      if (!slot) {
        this.announcement = this.t.noSlotsMonth;
        return;
      }
      this.month = monthOf(slot.day);
      this.focusedDay = slot.day;
      this.day = slot.day;
      this.selectedSlot = undefined;
      this.focusedSlot = 0;
      this.slotTaken = false;
      this.#emitChange('day', slot.day);
      this.#goTo('time');
    } catch (error) {
      this.announcement = errorMessage(this.t, error);
    }
  }

  #chooseSlot(slot: FreeSlot): void {
    this.selectedSlot = slot;
    this.day = slot.day;
    this.#idempotencyKey = undefined;
    this.submitError = undefined;
    const hadDetails = this.slotTaken && this.#detailsValid();
    this.slotTaken = false;
    this.alternatives = [];
    this.#emitChange('time', slot.id);
    this.#goTo(hadDetails ? 'review' : 'details');
  }

  #detailsValid(): boolean {
    return (
      Boolean(this.reason.trim()) &&
      PHONE.test(this.phone.replace(/[\s.-]/g, '')) &&
      (!this.email.trim() || EMAIL.test(this.email.trim()))
    );
  }

  #submitDetails(event: Event): void {
    event.preventDefault();
    if (!this.#detailsValid()) {
      this.showErrors = true;
      const first = !this.reason.trim()
        ? '#reason'
        : !PHONE.test(this.phone.replace(/[\s.-]/g, ''))
          ? '#phone'
          : '#email';
      this.#focusSelector = first;
      this.announcement = !this.reason.trim()
        ? this.t.reasonMissing
        : first === '#phone'
          ? this.t.phoneInvalid
          : this.t.emailInvalid;
      return;
    }
    this.showErrors = false;
    this.#emitChange('details', this.reason.trim());
    this.#goTo('review');
  }

  #back(): void {
    const order: ConsultBookingStep[] = ['specialty', 'doctor', 'day', 'time', 'details', 'review'];
    let index = order.indexOf(this.step) - 1;
    if (this.practitionerRoleId && index < 2) index = 2;
    else if (this.specialty && index < 1) index = 1;
    const target = order[Math.max(0, index)] ?? 'specialty';
    this.#goTo(target);
  }

  /** Book the selected slot. Does nothing while a booking is in flight. */
  async confirm(): Promise<void> {
    if (this.#inFlight || this.submitting || this.disabled) return this.#inFlight;
    const client = this.resolvedClient;
    const slot = this.selectedSlot;
    if (!client || !slot || !this.patientId) {
      this.submitError = client ? new Error(this.t.noPatient) : new MissingClientError();
      return;
    }
    this.submitting = true;
    this.submitError = undefined;
    this.announcement = this.t.booking;
    this.#idempotencyKey ??= globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;
    this.#abort = new AbortController();
    const run = async () => {
      try {
        const appointment = await client.telemedicine.book(
          {
            slot: slot.slot ?? slot.id,
            patient: this.patientId as string,
            reason: this.reason.trim(),
            mode: this.chosenMode,
            contact: {
              phone: this.phone.replace(/[\s.-]/g, ''),
              ...(this.email.trim() ? { email: this.email.trim() } : {}),
            },
            ...(this.#idempotencyKey ? { idempotencyKey: this.#idempotencyKey } : {}),
          },
          { signal: this.#abort?.signal },
        );
        this.appointment = appointment;
        this.#makeIcs(appointment);
        this.#updateValidity();
        this.#goTo('done', appointment.status === 'proposed' ? this.t.proposed : this.t.booked);
        this.dispatchEvent(new ConsultBookedEvent(appointment));
      } catch (error) {
        if (isSlotUnavailableError(error)) {
          this.alternatives = slotAlternatives(error);
          this.slotTaken = true;
          this.selectedSlot = undefined;
          this.#idempotencyKey = undefined;
          this.reloadCount += 1;
          this.#goTo('time', this.t.slotTaken);
          this.#focusSelector = '[part~="notice"]';
        } else {
          this.submitError = error;
          this.announcement = `${this.t.bookingFailed} ${errorMessage(this.t, error)}`;
        }
        this.dispatchEvent(new ConsultBookingFailedEvent(error, this.alternatives));
      } finally {
        this.submitting = false;
        this.#inFlight = undefined;
      }
    };
    this.#inFlight = run();
    return this.#inFlight;
  }

  #makeIcs(appointment: Appointment): void {
    if (this.#icsUrl) URL.revokeObjectURL(this.#icsUrl);
    this.#icsUrl = undefined;
    try {
      const doctor = this.offering?.practitionerName ?? '';
      const text = appointmentToIcs(appointment, {
        summary: this.t.icsSummary(doctor),
        description: this.reason,
        ...(this.offering?.facility.name ? { location: this.offering.facility.name } : {}),
      });
      this.#icsUrl = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
    } catch {
      this.#icsUrl = undefined;
    }
  }

  // ── keyboard ──────────────────────────────────────────────────────────────────────────────

  #onCalendarKey(event: KeyboardEvent, days: Map<string, FreeSlot[]>): void {
    const current = this.focusedDay ?? this.#defaultFocusDay(days);
    let next: string | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = addDays(current, this.#rtl() ? -1 : 1);
        break;
      case 'ArrowLeft':
        next = addDays(current, this.#rtl() ? 1 : -1);
        break;
      case 'ArrowDown':
        next = addDays(current, 7);
        break;
      case 'ArrowUp':
        next = addDays(current, -7);
        break;
      case 'Home':
        next = addDays(current, -weekdayMon(current));
        break;
      case 'End':
        next = addDays(current, 6 - weekdayMon(current));
        break;
      case 'PageDown':
        next = `${addMonths(monthOf(current), 1)}-01`;
        break;
      case 'PageUp':
        next = `${addMonths(monthOf(current), -1)}-01`;
        break;
      default:
        return;
    }
    event.preventDefault();
    const today = ictToday();
    if (next < today) next = today;
    this.focusedDay = next;
    if (monthOf(next) !== this.month) this.month = monthOf(next);
    this.#focusSelector = `[data-day="${next}"]`;
  }

  #onSlotKey(event: KeyboardEvent, count: number): void {
    const rtl = this.#rtl();
    const moves: Record<string, number> = {
      ArrowRight: rtl ? -1 : 1,
      ArrowLeft: rtl ? 1 : -1,
      ArrowDown: SLOT_COLUMNS,
      ArrowUp: -SLOT_COLUMNS,
    };
    let next: number;
    if (event.key in moves) next = this.focusedSlot + (moves[event.key] ?? 0);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    else return;
    event.preventDefault();
    next = Math.max(0, Math.min(count - 1, next));
    this.focusedSlot = next;
    this.#focusSelector = `[data-slot-index="${next}"]`;
  }

  #rtl(): boolean {
    return getComputedStyle(this).direction === 'rtl';
  }

  #defaultFocusDay(days: Map<string, FreeSlot[]>): string {
    const inMonth = [...days.keys()].filter((d) => monthOf(d) === this.month).sort();
    if (this.day && monthOf(this.day) === this.month) return this.day;
    const today = ictToday();
    return inMonth[0] ?? (monthOf(today) === this.month ? today : `${this.month}-01`);
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    const index = CONSULT_BOOKING_STEPS.indexOf(this.step);
    const visible = CONSULT_BOOKING_STEPS.slice(0, -1);
    // Not run yet (a server render, before the first update) reads as loading, as the first
    // update does.
    const busy = (status: TaskStatus) =>
      status === TaskStatus.PENDING || status === TaskStatus.INITIAL;
    const loading =
      (this.step === 'doctor' && !this.offerings && busy(this.#offerings.status)) ||
      ((this.step === 'day' || this.step === 'time') && busy(this.#availability.status));
    return html`${renderLiveRegion(loading ? this.t.loading : this.announcement)}
      <section class="card" part="card" aria-labelledby="title">
        <h2 class="title" id="title">${this.t.title}</h2>
        ${
          this.step === 'done'
            ? nothing
            : html`<ol class="steps" part="steps">
                ${visible.map(
                  (s, i) =>
                    html`<li aria-current=${i === index ? 'step' : 'false'}>
                      <span class="vnh-sr-only">${this.t.stepOf(i + 1, visible.length)}: </span
                      >${this.#stepTitle(s)}
                    </li>`,
                )}
              </ol>`
        }
        <div class="step">${this.#renderStep()}</div>
      </section>`;
  }

  #heading(): TemplateResult {
    return html`<h3 part="step-heading" tabindex="-1">${this.#stepTitle(this.step)}</h3>`;
  }

  #backButton(): TemplateResult {
    return html`<button type="button" class="vnh-button" part="back" @click=${() => this.#back()}>
      ${this.t.back}
    </button>`;
  }

  #renderStep(): TemplateResult {
    switch (this.step) {
      case 'specialty':
        return this.#renderSpecialty();
      case 'doctor':
        return this.#renderDoctors();
      case 'day':
        return this.#renderDay();
      case 'time':
        return this.#renderTime();
      case 'details':
        return this.#renderDetails();
      case 'review':
        return this.#renderReview();
      case 'done':
        return this.#renderDone();
    }
  }

  #renderModeChoice(): TemplateResult | typeof nothing {
    if (this.mode) return nothing;
    return html`<fieldset class="modes">
      <legend>${this.t.modeLabel}</legend>
      ${(['video', 'in-person'] as const).map(
        (m) =>
          html`<button
            type="button"
            class="vnh-button"
            aria-pressed=${this.chosenMode === m ? 'true' : 'false'}
            @click=${() => this.#chooseMode(m)}
          >
            ${m === 'video' ? this.t.modeVideo : this.t.modeInPerson}
          </button>`,
      )}
    </fieldset>`;
  }

  #renderSpecialty(): TemplateResult {
    const locale = this.locale;
    return html`${this.#heading()} ${this.#renderModeChoice()}
      <ul class="options">
        ${TELEMEDICINE_SPECIALTIES.map(
          (s) =>
            html`<li>
              <button
                type="button"
                class="vnh-button option"
                part="specialty"
                aria-pressed=${this.chosenSpecialty === s.code ? 'true' : 'false'}
                @click=${() => this.#chooseSpecialty(s.code)}
              >
                ${s[locale]}
              </button>
            </li>`,
        )}
      </ul>`;
  }

  #renderDoctors(): TemplateResult {
    const specialty = this.chosenSpecialty ? specialtyByCodeOrKey(this.chosenSpecialty) : undefined;
    return html`${this.#heading()}
      ${specialty ? html`<p class="meta">${specialty[this.locale]}</p>` : nothing}
      ${
        this.offerings
          ? this.#renderDoctorList(this.offerings)
          : this.#offerings.render({
              initial: () => renderLoading(this.t),
              pending: () => renderLoading(this.t),
              error: (e) => renderError(this.t, e, () => void this.#offerings.run()),
              complete: (list) => this.#renderDoctorList(list ?? []),
            })
      }
      <div class="actions">${this.specialty ? nothing : this.#backButton()}</div>`;
  }

  #renderDoctorList(list: ConsultOffering[]): TemplateResult {
    return !list.length
      ? renderEmpty(this.t.noDoctors)
      : html`<ul class="doctors">
          ${list.map((o) => this.#renderDoctor(o))}
        </ul>`;
  }

  #renderDoctor(o: ConsultOffering): TemplateResult {
    const languages = o.languages
      .map((code) => {
        try {
          return new Intl.DisplayNames([this.locale], { type: 'language' }).of(code) ?? code;
        } catch {
          return code;
        }
      })
      .join(', ');
    return html`<li class="doctor" part="doctor">
      ${
        o.photoUrl
          ? html`<img class="avatar" src=${o.photoUrl} alt="" />`
          : html`<span class="avatar" aria-hidden="true">${o.initials}</span>`
      }
      <div>
        <p class="doctor-name">${o.practitionerName}</p>
        <p class="meta">
          ${[...o.qualifications.slice(0, 1), o.facility.name].filter(Boolean).join(' · ')}
        </p>
        ${languages ? html`<p class="meta">${this.t.languages}: ${languages}</p>` : nothing}
      </div>
      <button
        type="button"
        class="vnh-button"
        aria-label=${this.t.chooseDoctor(o.practitionerName)}
        @click=${() => this.#chooseDoctor(o)}
      >
        ${this.t.choose}
      </button>
    </li>`;
  }

  #renderDoctorSummary(): TemplateResult | typeof nothing {
    const o = this.offering;
    if (!o) return nothing;
    return html`<p class="meta">${o.practitionerName} · ${o.facility.name}</p>`;
  }

  #renderDay(): TemplateResult {
    return html`${this.#heading()} ${this.#renderDoctorSummary()}
      ${this.#availability.render({
        initial: () => renderLoading(this.t),
        pending: () => renderLoading(this.t),
        error: (e) => renderError(this.t, e, () => void this.#availability.run()),
        complete: (result) => this.#renderCalendar(result?.days ?? new Map()),
      })}
      <div class="actions">${this.practitionerRoleId ? nothing : this.#backButton()}</div>`;
  }

  #renderCalendar(days: Map<string, FreeSlot[]>): TemplateResult {
    const today = ictToday();
    const first = `${this.month}-01`;
    const start = addDays(first, -weekdayMon(first));
    const weeks: string[][] = [];
    for (let w = 0; w < 6; w++) {
      const row = Array.from({ length: 7 }, (_, d) => addDays(start, w * 7 + d));
      if (w > 0 && monthOf(row[0] as string) !== this.month) break;
      weeks.push(row);
    }
    const focus =
      this.focusedDay && monthOf(this.focusedDay) === this.month
        ? this.focusedDay
        : this.#defaultFocusDay(days);
    const tag = this.locale === 'vi' ? 'vi-VN' : 'en-GB';
    const monthName = new Intl.DateTimeFormat(tag, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${first}T00:00:00Z`));
    const weekday = new Intl.DateTimeFormat(tag, { weekday: 'short', timeZone: 'UTC' });
    const weekdayLong = new Intl.DateTimeFormat(tag, { weekday: 'long', timeZone: 'UTC' });
    const anyInMonth = [...days.keys()].some((d) => monthOf(d) === this.month);
    const canGoBack = this.month > monthOf(today);
    return html`<div class="month">
        <button
          type="button"
          class="vnh-button"
          ?disabled=${!canGoBack}
          @click=${() => {
            this.month = addMonths(this.month, -1);
            this.focusedDay = undefined;
          }}
        >
          ${this.t.prevMonth}
        </button>
        <span class="month-name" id="month-name">${monthName}</span>
        <button
          type="button"
          class="vnh-button"
          @click=${() => {
            this.month = addMonths(this.month, 1);
            this.focusedDay = undefined;
          }}
        >
          ${this.t.nextMonth}
        </button>
      </div>
      <table role="grid" aria-labelledby="month-name" part="calendar">
        <thead>
          <tr>
            ${(weeks[0] ?? []).map(
              (d) =>
                html`<th scope="col" abbr=${weekdayLong.format(new Date(`${d}T00:00:00Z`))}>
                  ${weekday.format(new Date(`${d}T00:00:00Z`))}
                </th>`,
            )}
          </tr>
        </thead>
        <tbody @keydown=${(e: KeyboardEvent) => this.#onCalendarKey(e, days)}>
          ${weeks.map(
            (row) =>
              html`<tr>
                ${row.map((d) => {
                  if (monthOf(d) !== this.month) return html`<td role="gridcell"></td>`;
                  const slots = days.get(d);
                  const free = slots?.length ?? 0;
                  const past = d < today;
                  const label = `${weekdayLong.format(new Date(`${d}T00:00:00Z`))} ${this.format.date(d)}, ${
                    free ? this.t.freeSlots(free) : this.t.noSlotsDay
                  }${d === today ? `, ${this.t.today}` : ''}`;
                  return html`<td
                    role="gridcell"
                    aria-selected=${this.day === d ? 'true' : 'false'}
                  >
                    <button
                      type="button"
                      class="day"
                      part="day"
                      data-day=${d}
                      tabindex=${d === focus ? '0' : '-1'}
                      aria-disabled=${free && !past ? 'false' : 'true'}
                      @click=${() => this.#chooseDay(d, past ? undefined : slots)}
                      @focus=${() => {
                        this.focusedDay = d;
                      }}
                    >
                      ${Number(d.slice(8))}<span class="vnh-sr-only">, ${label}</span>
                    </button>
                  </td>`;
                })}
              </tr>`,
          )}
        </tbody>
      </table>
      ${
        anyInMonth
          ? nothing
          : html`<p class="meta">${this.t.noSlotsMonth}</p>
              <button
                type="button"
                class="vnh-button"
                part="next-available"
                @click=${() => void this.#goToNextAvailable()}
              >
                ${this.t.nextAvailable}
              </button>`
      }`;
  }

  #renderSlotButtons(slots: FreeSlot[], options: { withDay?: boolean } = {}): TemplateResult {
    return html`<div
      class="slots"
      role="group"
      aria-labelledby="slots-label"
      @keydown=${(e: KeyboardEvent) => this.#onSlotKey(e, slots.length)}
    >
      ${slots.map(
        (s, i) =>
          html`<button
            type="button"
            class="vnh-button slot"
            part="slot"
            data-slot-index=${i}
            data-slot-id=${s.id}
            tabindex=${i === Math.min(this.focusedSlot, slots.length - 1) ? '0' : '-1'}
            aria-pressed=${this.selectedSlot?.id === s.id ? 'true' : 'false'}
            @click=${() => this.#chooseSlot(s)}
            @focus=${() => {
              this.focusedSlot = i;
            }}
          >
            ${options.withDay ? `${this.format.date(s.day)} ` : ''}${this.format.time(s.start)}
          </button>`,
      )}
    </div>`;
  }

  #renderTime(): TemplateResult {
    const notice = this.slotTaken
      ? html`<div class="notice" part="notice" role="alert" tabindex="-1">
          <p>${this.t.slotTaken}</p>
          ${
            this.alternatives.length
              ? html`<p id="slots-label"><strong>${this.t.alternatives}</strong></p>
                  ${this.#renderSlotButtons(this.alternatives, { withDay: true })}`
              : html`<p>${this.t.noAlternatives}</p>`
          }
        </div>`
      : nothing;
    return html`${this.#heading()} ${this.#renderDoctorSummary()} ${notice}
      ${
        this.slotTaken && this.alternatives.length
          ? nothing
          : this.#availability.render({
              initial: () => renderLoading(this.t),
              pending: () => renderLoading(this.t),
              error: (e) => renderError(this.t, e, () => void this.#availability.run()),
              complete: (result) => {
                const slots = (this.day && result?.days.get(this.day)) || [];
                return html`<p class="meta" id="slots-label">
                    ${this.t.slotsFor(this.format.date(this.day ?? ''))}
                  </p>
                  ${slots.length ? this.#renderSlotButtons(slots) : renderEmpty(this.t.noSlotsDay)}`;
              },
            })
      }
      <div class="actions">${this.#backButton()}</div>`;
  }

  #renderDetails(): TemplateResult {
    const reasonError = this.showErrors && !this.reason.trim();
    const phoneError = this.showErrors && !PHONE.test(this.phone.replace(/[\s.-]/g, ''));
    const emailError =
      this.showErrors && Boolean(this.email.trim()) && !EMAIL.test(this.email.trim());
    return html`${this.#heading()}
      <form novalidate @submit=${(e: Event) => this.#submitDetails(e)}>
        <div class="field">
          <label for="reason">${this.t.reason}</label>
          <p class="hint" id="reason-hint">${this.t.reasonHint}</p>
          <textarea
            id="reason"
            name="reason"
            rows="3"
            required
            aria-describedby="reason-hint ${reasonError ? 'reason-error' : ''}"
            aria-invalid=${reasonError ? 'true' : 'false'}
            .value=${this.reason}
            @input=${(e: Event) => {
              this.reason = (e.target as HTMLTextAreaElement).value;
            }}
          ></textarea>
          ${reasonError ? html`<p class="error-text" id="reason-error">${this.t.reasonMissing}</p>` : nothing}
        </div>
        <div class="field">
          <label for="phone">${this.t.phone}</label>
          <p class="hint" id="phone-hint">${this.t.phoneHint}</p>
          <input
            id="phone"
            name="phone"
            type="tel"
            inputmode="tel"
            autocomplete="tel"
            required
            aria-describedby="phone-hint ${phoneError ? 'phone-error' : ''}"
            aria-invalid=${phoneError ? 'true' : 'false'}
            .value=${this.phone}
            @input=${(e: Event) => {
              this.phone = (e.target as HTMLInputElement).value;
            }}
          />
          ${phoneError ? html`<p class="error-text" id="phone-error">${this.t.phoneInvalid}</p>` : nothing}
        </div>
        <div class="field">
          <label for="email">${this.t.email}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            aria-describedby=${emailError ? 'email-error' : ''}
            aria-invalid=${emailError ? 'true' : 'false'}
            .value=${this.email}
            @input=${(e: Event) => {
              this.email = (e.target as HTMLInputElement).value;
            }}
          />
          ${emailError ? html`<p class="error-text" id="email-error">${this.t.emailInvalid}</p>` : nothing}
        </div>
        <div class="actions">
          ${this.#backButton()}
          <button type="submit" class="vnh-button primary" part="next">${this.t.next}</button>
        </div>
      </form>`;
  }

  #renderSummary(appointment?: Appointment): TemplateResult {
    const o = this.offering;
    const start = appointment?.start ?? this.selectedSlot?.start;
    const minutes = this.selectedSlot?.minutes ?? appointment?.minutesDuration;
    return html`<dl>
      <dt>${this.t.doctor}</dt>
      <dd>${o?.practitionerName ?? ''}</dd>
      <dt>${this.t.facility}</dt>
      <dd>${o?.facility.name ?? ''}</dd>
      <dt>${this.t.when}</dt>
      <dd>${this.format.dateTime(start)}${minutes ? ` (${this.t.minutes(minutes)})` : ''}</dd>
      <dt>${this.t.mode}</dt>
      <dd>${this.chosenMode === 'video' ? this.t.modeVideo : this.t.modeInPerson}</dd>
      <dt>${this.t.reason}</dt>
      <dd>${this.reason}</dd>
      <dt>${this.t.contact}</dt>
      <dd>${[this.phone, this.email].filter((x) => x.trim()).join(' · ')}</dd>
    </dl>`;
  }

  #renderReview(): TemplateResult {
    const busy = this.submitting;
    return html`${this.#heading()} ${this.#renderSummary()}
      ${
        this.submitError
          ? html`<div class="notice error" part="error" role="alert">
              <p>
                ${this.t.bookingFailed}
                ${this.patientId ? errorMessage(this.t, this.submitError) : this.t.noPatient}
              </p>
            </div>`
          : nothing
      }
      <div class="actions">
        ${this.#backButton()}
        <button
          type="button"
          class="vnh-button primary"
          part="confirm"
          ?disabled=${busy || this.disabled}
          aria-busy=${busy ? 'true' : 'false'}
          @click=${() => void this.confirm()}
        >
          ${busy ? this.t.booking : this.t.confirm}
        </button>
      </div>`;
  }

  #renderDone(): TemplateResult {
    const appointment = this.appointment;
    return html`${this.#heading()}
      <p>${appointment?.status === 'proposed' ? this.t.proposed : this.t.booked}</p>
      ${this.#renderSummary(appointment)}
      <div class="actions">
        ${
          this.#icsUrl
            ? html`<a
                class="vnh-button"
                part="calendar-link"
                href=${this.#icsUrl}
                download="lich-kham-${appointment?.id ?? 'vnhealth'}.ics"
                >${this.t.addToCalendar}</a
              >`
            : nothing
        }
        <button
          type="button"
          class="vnh-button"
          @click=${() => {
            this.#restart();
            this.#goTo(this.step);
          }}
        >
          ${this.t.bookAnother}
        </button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vnh-consult-booking': VnhConsultBooking;
  }
  interface GlobalEventHandlersEventMap {
    'vnh-booked': ConsultBookedEvent;
    'vnh-booking-failed': ConsultBookingFailedEvent;
  }
}

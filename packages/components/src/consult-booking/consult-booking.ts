import { html, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import {
  isSlotUnavailableError,
  type ConsultMode,
  type ConsultOffering,
  type FreeSlot,
  type Patient,
} from '@vnhealth/core';
import { ictToday } from '@vnhealth/core/telemedicine';
import { MissingClientError, errorMessage, renderLiveRegion } from '../shared/states.ts';
import { monthOf } from './booking-calendar.ts';
import { BookingData } from './booking-data.ts';
import { BookingFormElement } from './booking-form.ts';
import {
  ConsultBookedEvent,
  ConsultBookingChangeEvent,
  ConsultBookingFailedEvent,
  ConsultModeChangeEvent,
} from './booking-events.ts';
import { BookingFlow, type ConsultBookingStep } from './booking-flow.ts';
import { icsUrlOf, type StepContext } from './booking-steps.ts';
import { liveText, renderCard, stepAnnouncement, type BookingViewModel } from './booking-view.ts';
import { messages } from './consult-booking.i18n.ts';
import { styles } from './consult-booking.styles.ts';
import { formatPhone } from '../shared/format.ts';
import { phoneFromTelecom } from './phone.ts';

export {
  CONSULT_BOOKING_STEPS,
  type BookingState,
  type ConsultBookingStep,
} from './booking-flow.ts';
export * from './booking-events.ts';

/**
 * Books a consultation step by step. Race-safe: the slot is taken with the SDK's
 * `telemedicine.book` (version check and idempotency key in one transaction), the confirm button
 * is disabled while a booking is in flight, and when someone else takes the slot first the
 * element says so, offers the nearest free slots and keeps what the patient typed. `facility`,
 * `organization` and `province` keep the booking inside the host's facility or province: the
 * doctor search sends them as FHIR search parameters, and a preset doctor outside them is not
 * offered. Form-associated: inside a `<form>`, its value is the booked `Appointment/<id>` and
 * `required` makes the form invalid until a booking is made. Events are `Event` subclasses
 * with typed fields (no `detail`); the mode choice is its own event, `vnh-mode-change`.
 *
 * @customElement vnh-consult-booking
 * @summary Book a consultation step by step: specialty, doctor, day, time, reason, review.
 *
 * @fires {ConsultBookedEvent} vnh-booked - The appointment was created (`appointment`).
 * @fires {ConsultBookingFailedEvent} vnh-booking-failed - Booking failed (`error`, `alternatives`, `slotTaken`).
 * @fires {ConsultBookingChangeEvent} change - The person chose something in a step (`step`, `value`).
 * @fires {ConsultModeChangeEvent} vnh-mode-change - The person chose video or in person (`mode`).
 *
 * @csspart card - The outer box.
 * @csspart steps - The step indicator.
 * @csspart mode - A consultation mode (video, in person) to choose.
 * @csspart specialty - A specialty to choose.
 * @csspart step-heading - The heading of the current step (focused on each step change).
 * @csspart doctor - One doctor in the list.
 * @csspart month-prev - The previous-month button.
 * @csspart month-next - The next-month button.
 * @csspart calendar - The month grid.
 * @csspart day - A day cell button (`data-state`: `free`, `full` or `past`).
 * @csspart slot-group - The free slots of one part of the day (morning, afternoon, evening).
 * @csspart slot - A time button.
 * @csspart more-slots - The button that shows more slots of a part of the day.
 * @csspart next-available - The button that jumps to the next day with free slots.
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
 * @cssprop [--vnh-consult-booking-cell-size=2.75rem] - Calendar day height (at least 2.75rem).
 */
export class VnhConsultBooking extends BookingFormElement {
  static override properties: PropertyDeclarations = {
    patientId: { attribute: 'patient-id' },
    patient: { attribute: false },
    offerings: { attribute: false },
    specialty: {},
    practitionerRoleId: { attribute: 'practitioner-role-id' },
    mode: {},
    facility: {},
    organization: {},
    province: {},
    name: { reflect: true },
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    now: { attribute: false },
    reloadCount: { state: true },
  };

  static override styles = styles;
  protected readonly translations = messages;

  /** The patient who books (`Patient/<id>` or id). */
  patientId: string | undefined;
  /** The patient's record: its `telecom` prefills the phone. Unset, it is read for `patient-id`. */
  patient: Patient | undefined;
  /**
   * The doctors the doctor step offers, to render without network (a
   * `telemedicine.findServices` result, e.g. for the preset `specialty`, fetched by a server
   * render). Unset, the step loads them for the chosen specialty, mode and scope.
   */
  offerings: ConsultOffering[] | undefined;
  /** Preset specialty (SNOMED code or key such as `pediatrics`); skips the first step. */
  specialty: string | undefined;
  /** Preset doctor (PractitionerRole id); skips specialty and doctor steps. */
  practitionerRoleId: string | undefined;
  /** Preset mode (`video` | `in-person`); hides the mode choice. */
  mode: ConsultMode | undefined;
  /**
   * Only doctors of this facility: an Organization id (`vnh-org-bvdk-travinh`) or a
   * `Location/<id>` reference (one site of it). FHIR search `organization` or `location`.
   */
  facility: string | undefined;
  /** Only doctors of this Organization (id or reference). FHIR search `organization`. */
  organization: string | undefined;
  /**
   * Only doctors of facilities in this province: a 2025 name (`Vĩnh Long`), a pre-2025 one
   * (`Trà Vinh`, read as the 2025 province it is part of) or a code (`86`).
   */
  province: string | undefined;
  /** Form field name. */
  name: string | undefined;
  /** Makes a host form invalid until a booking is made. */
  required = false;
  /** Disabled by a disabled fieldset or attribute. */
  disabled = false;
  /** The clock: what "today" and past days are (for stories and tests). @default now */
  now: Date | undefined;

  protected reloadCount = 0;
  readonly #flow = new BookingFlow(this);
  #announcement = '';
  #lastState: unknown;
  #focusHeading = false;
  #focusSelector: string | undefined;
  #phoneEdited = false;
  #icsUrl: string | undefined;

  /** The booked appointment reference (`Appointment/<id>`), or '' before booking. */
  get value(): string {
    const id = this.#flow.appointment?.id;
    return id ? `Appointment/${id}` : '';
  }
  /** The current step. */
  get currentStep(): ConsultBookingStep {
    return this.#flow.step;
  }
  /** The consultation mode chosen (or preset). */
  get currentMode(): ConsultMode {
    return this.#flow.mode;
  }

  formResetCallback(): void {
    this.#phoneEdited = false;
    this.#flow.restart(this.#presets(), this.mode);
    this.reloadCount += 1;
  }
  formDisabledCallback(disabled: boolean): void {
    this.disabled = disabled;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#flow.setPresets(this.#presets(), this.mode, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#icsUrl) URL.revokeObjectURL(this.#icsUrl);
    this.#icsUrl = undefined;
  }

  #presets() {
    return { specialty: this.specialty, practitionerRoleId: this.practitionerRoleId };
  }
  #today(): string {
    return ictToday(this.now ?? Date.now());
  }
  #month(): string {
    return this.#flow.view.month ?? monthOf(this.#today());
  }
  /** The doctor chosen, or the preset one once the scoped search found it. */
  get #offering(): ConsultOffering | undefined {
    return (
      this.#flow.offering ?? (this.practitionerRoleId ? this.#data.doctors.value?.[0] : undefined)
    );
  }
  /** The patient's phone from the record, in national format. */
  get #recordPhone(): string | undefined {
    const patient = this.patient ?? this.#data.patient.value;
    const phone = phoneFromTelecom(patient?.telecom, this.now ?? new Date());
    return phone ? formatPhone(phone) : undefined;
  }
  get #ctx(): StepContext {
    const locale = this.locale === 'en' ? 'en' : 'vi';
    return { t: this.t, format: this.format, locale, flow: this.#flow, offering: this.#offering };
  }

  /** Whether the flow has reached the time step once (the record is read from then on). */
  #patientWanted = false;

  readonly #data = new BookingData(this, () => {
    const f = this.#flow;
    const onCalendar = f.step === 'day' || f.step === 'time';
    return {
      client: this.resolvedClient,
      doctorsNeeded: f.step === 'doctor' && !this.offerings,
      presetDoctor: this.practitionerRoleId,
      specialty: f.specialty,
      mode: f.mode,
      scope: [this.facility, this.organization, this.province],
      slotsOf: onCalendar ? this.#offering?.id : undefined,
      month: this.#month(),
      today: this.#today(),
      reload: this.reloadCount,
      // Read once the patient is choosing a time (its phone prefills the next step), not before:
      // a page that only shows the calendar, or is hydrated from the server, reads no record.
      patientId:
        this.patient || !(this.#patientWanted ||= ['time', 'details', 'review'].includes(f.step))
          ? undefined
          : this.patientId,
    };
  });

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const f = this.#flow;
    if (changed.has('specialty') || changed.has('practitionerRoleId') || changed.has('mode')) {
      f.setPresets(this.#presets(), this.mode, false);
    }
    const record = this.#recordPhone;
    if (f.step === 'details' && !f.draft.phone && record && !this.#phoneEdited) {
      f.editDraft({ phone: record });
    }
    if (f.state !== this.#lastState) {
      this.#focusHeading = this.hasUpdated && !(f.step === 'review' && f.error);
      this.#lastState = f.state;
      this.#announcement = stepAnnouncement(this.t, this.#ctx);
    }
    this.internals.setFormValue(this.value || null);
    if (this.required && !this.value) {
      this.internals.setValidity({ valueMissing: true }, this.t.stepReview);
    } else this.internals.setValidity({});
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const selector = this.#focusSelector ?? (this.#focusHeading ? '[part~="step-heading"]' : '');
    const target = selector ? this.renderRoot.querySelector<HTMLElement>(selector) : null;
    if (target) {
      target.focus();
      this.#focusSelector = undefined;
      this.#focusHeading = false;
    }
  }

  #emit(step: ConsultBookingStep, value: string): void {
    this.dispatchEvent(new ConsultBookingChangeEvent(step, value));
  }
  #say(text: string): void {
    this.#announcement = text;
    this.requestUpdate();
  }

  #chooseDay(day: string): void {
    this.#flow.chooseDay(day);
    this.#emit('day', day);
  }

  async #goToNextAvailable(): Promise<void> {
    const client = this.resolvedClient;
    const roleId = this.#offering?.id;
    if (!client || !roleId) return;
    try {
      const mode = this.#flow.mode;
      const slot = await client.telemedicine.nextAvailable({ practitionerRole: roleId, mode });
      if (!slot) return this.#say(this.t.noSlotsMonth);
      this.#flow.setView({ month: monthOf(slot.day) });
      this.#chooseDay(slot.day);
    } catch (error) {
      this.#say(errorMessage(this.t, error));
    }
  }

  #chooseSlot(slot: FreeSlot): void {
    this.#flow.chooseSlot(slot);
    this.#emit('time', slot.id);
  }

  #submitDetails(event: Event): void {
    event.preventDefault();
    const f = this.#flow;
    const first = f.firstProblem();
    if (first) {
      f.editDraft({ showErrors: true });
      this.#focusSelector = `#${first}`;
      const t = this.t;
      this.#say({ reason: t.reasonMissing, phone: t.phoneInvalid, email: t.emailInvalid }[first]);
      return;
    }
    f.toReview();
    this.#emit('details', f.draft.reason.trim());
  }

  /** Book the selected slot. Does nothing while a booking is in flight. */
  async confirm(): Promise<void> {
    const f = this.#flow;
    if (f.pending || this.disabled) {
      await f.pending;
      return;
    }
    const client = this.resolvedClient;
    const patient = this.patientId;
    const outcome = f.book(async (slot, idempotencyKey, signal) => {
      if (!client) throw new MissingClientError();
      if (!patient) throw new Error(this.t.noPatient);
      return client.telemedicine.book(f.bookRequest(slot, patient, idempotencyKey), { signal });
    });
    if (!outcome) return;
    const result = await outcome;
    if (result.ok) {
      if (this.#icsUrl) URL.revokeObjectURL(this.#icsUrl);
      const reason = this.#flow.draft.reason;
      this.#icsUrl = icsUrlOf(this.t, result.appointment, this.#offering, reason);
      this.requestUpdate();
      this.dispatchEvent(new ConsultBookedEvent(result.appointment));
      return;
    }
    if (isSlotUnavailableError(result.error)) {
      this.reloadCount += 1;
      this.#focusSelector = '[part~="notice"]';
    }
    this.dispatchEvent(new ConsultBookingFailedEvent(result.error, result.alternatives));
  }

  protected override render(): TemplateResult {
    const f = this.#flow;
    const record = this.#recordPhone;
    const view: BookingViewModel = {
      c: this.#ctx,
      data: this.#data,
      offerings: this.offerings,
      offering: this.#offering,
      presets: {
        mode: Boolean(this.mode),
        specialty: Boolean(this.specialty),
        doctor: Boolean(this.practitionerRoleId),
      },
      month: this.#month(),
      today: this.#today(),
      timeZone: this.timeZone,
      disabled: this.disabled,
      patientKnown: Boolean(this.patientId),
      phonePrefilled: Boolean(record) && f.draft.phone === record,
      icsUrl: this.#icsUrl,
      rtl: () => getComputedStyle(this).direction === 'rtl',
      focus: (selector) => (this.#focusSelector = selector),
      emit: (step, value) => this.dispatchEvent(new ConsultBookingChangeEvent(step, value)),
      on: {
        mode: (mode) => {
          if (f.chooseMode(mode)) this.dispatchEvent(new ConsultModeChangeEvent(mode));
        },
        day: (d) => this.#chooseDay(d),
        nextAvailable: () => void this.#goToNextAvailable(),
        slot: (s) => this.#chooseSlot(s),
        details: {
          edit: (patch) => {
            if ('phone' in patch) this.#phoneEdited = true;
            f.editDraft(patch);
          },
          submit: (e) => this.#submitDetails(e),
        },
        confirm: () => void this.confirm(),
        restart: () => {
          this.#phoneEdited = false;
          f.restart(this.#presets(), this.mode);
        },
      },
    };
    return html`${renderLiveRegion(liveText(view, this.#announcement))} ${renderCard(view)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vnh-consult-booking': VnhConsultBooking;
  }
}

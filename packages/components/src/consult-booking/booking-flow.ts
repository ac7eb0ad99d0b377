/**
 * The state of `<vnh-consult-booking>`: one discriminated union of steps in a Lit reactive
 * controller. What can be derived (the day from the slot, "slot taken" from the alternatives,
 * "submitting" from the booking in flight) is read from the state, never stored beside it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  isSlotUnavailableError,
  type Appointment,
  type BookRequest,
  type ConsultMode,
  type ConsultOffering,
  type FreeSlot,
} from '@vnhealth/core';
import { slotAlternatives } from '@vnhealth/core/telemedicine';
import { compactPhone, isPhone } from './phone.ts';
import { DAY_PARTS, SLOT_BATCH, type DayPart } from './slot-groups.ts';

/** The steps of the flow, in order (the only place the order is written). */
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

/** What was chosen before the calendar: the offering is undefined while a preset doctor loads. */
interface Chosen {
  readonly specialty: string | undefined;
  readonly offering: ConsultOffering | undefined;
}

/** Where the flow is, with what each step needs and nothing that can be derived. */
export type BookingState =
  | { readonly step: 'specialty' }
  | { readonly step: 'doctor'; readonly specialty: string | undefined }
  | ({ readonly step: 'day' } & Chosen)
  | ({
      readonly step: 'time';
      readonly day: string;
      /** Set when the slot chosen was just taken: the nearest free slots (maybe none). */
      readonly taken?: readonly FreeSlot[];
    } & Chosen)
  | ({ readonly step: 'details'; readonly slot: FreeSlot } & Chosen)
  | ({
      readonly step: 'review';
      readonly slot: FreeSlot;
      /** The last booking attempt's error (not a taken slot: that goes back to `time`). */
      readonly error?: unknown;
    } & Chosen)
  | ({
      readonly step: 'done';
      readonly slot: FreeSlot;
      readonly appointment: Appointment;
    } & Chosen);

/** What the patient typed in the details step: kept across steps and a taken slot. */
export interface BookingDraft {
  readonly reason: string;
  readonly phone: string;
  readonly email: string;
  /** True once Next was pressed with a problem: errors show from then on. */
  readonly showErrors: boolean;
}

/** Positions in the calendar and the time step (what is focused, how much is shown). */
export interface BookingView {
  /** The month shown (`YYYY-MM`); undefined: the month of the element's today. */
  readonly month: string | undefined;
  readonly focusedDay: string | undefined;
  readonly focusedSlot: number;
  readonly shown: Readonly<Record<DayPart, number>>;
}

/** The result of {@link BookingFlow.book}. */
export type BookingOutcome =
  | { readonly ok: true; readonly appointment: Appointment }
  | { readonly ok: false; readonly error: unknown; readonly alternatives: readonly FreeSlot[] };

/** Presets from the host's attributes. */
export interface BookingPresets {
  readonly specialty: string | undefined;
  readonly practitionerRoleId: string | undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Which detail fields have a problem (the first one gets the focus). */
export function draftProblems(draft: BookingDraft) {
  return {
    reason: !draft.reason.trim(),
    phone: !isPhone(draft.phone),
    email: Boolean(draft.email.trim()) && !EMAIL.test(draft.email.trim()),
  };
}

const EMPTY_DRAFT: BookingDraft = { reason: '', phone: '', email: '', showErrors: false };
const FIRST_SHOWN = Object.fromEntries(DAY_PARTS.map((p) => [p, SLOT_BATCH])) as Record<
  DayPart,
  number
>;

/** The flow of `<vnh-consult-booking>` (see {@link BookingState}). */
export class BookingFlow implements ReactiveController {
  #host: ReactiveControllerHost;
  #state: BookingState = { step: 'specialty' };
  #presets: BookingPresets = { specialty: undefined, practitionerRoleId: undefined };
  #inFlight: Promise<BookingOutcome> | undefined;
  #abort: AbortController | undefined;
  #idempotencyKey: string | undefined;
  #mode: ConsultMode = 'video';
  #draft: BookingDraft = EMPTY_DRAFT;
  #view: BookingView;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    this.#view = { month: undefined, focusedDay: undefined, focusedSlot: 0, shown: FIRST_SHOWN };
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  get state(): BookingState {
    return this.#state;
  }
  get step(): ConsultBookingStep {
    return this.#state.step;
  }
  get mode(): ConsultMode {
    return this.#mode;
  }
  get draft(): BookingDraft {
    return this.#draft;
  }
  get view(): BookingView {
    return this.#view;
  }
  /** The chosen specialty (code or key), if any. */
  get specialty(): string | undefined {
    const s = this.#state;
    return s.step === 'specialty' ? undefined : s.specialty;
  }
  /** The chosen doctor, if any (undefined while a preset doctor loads). */
  get offering(): ConsultOffering | undefined {
    const s = this.#state;
    return 'offering' in s ? s.offering : undefined;
  }
  /** The chosen slot, from the details step on. */
  get slot(): FreeSlot | undefined {
    const s = this.#state;
    return 'slot' in s ? s.slot : undefined;
  }
  /** The chosen day: the time step's, else the slot's. */
  get day(): string | undefined {
    const s = this.#state;
    return s.step === 'time' ? s.day : this.slot?.day;
  }
  /** True when the slot chosen was just taken by someone else. */
  get slotTaken(): boolean {
    return this.#state.step === 'time' && this.#state.taken !== undefined;
  }
  /** The nearest free slots offered when the slot was taken. */
  get alternatives(): readonly FreeSlot[] {
    return (this.#state.step === 'time' && this.#state.taken) || [];
  }
  /** True while a booking is in flight. */
  get submitting(): boolean {
    return this.#inFlight !== undefined;
  }
  /** The booking in flight, if any. */
  get pending(): Promise<BookingOutcome> | undefined {
    return this.#inFlight;
  }
  /** The last booking attempt's error, shown on the review step. */
  get error(): unknown {
    return this.#state.step === 'review' ? this.#state.error : undefined;
  }
  get appointment(): Appointment | undefined {
    return this.#state.step === 'done' ? this.#state.appointment : undefined;
  }
  /** The first step the presets leave to the person. */
  get firstStep(): ConsultBookingStep {
    if (this.#presets.practitionerRoleId) return 'day';
    return this.#presets.specialty ? 'doctor' : 'specialty';
  }
  /** 1-based position of a step among the steps shown (all but `done`). */
  position(step: ConsultBookingStep = this.step): number {
    return CONSULT_BOOKING_STEPS.indexOf(step) + 1;
  }

  #set(state: BookingState): void {
    this.#state = state;
    this.#host.requestUpdate();
  }

  /** The state of `step`, built from what is chosen now. */
  #at(step: ConsultBookingStep): BookingState {
    const chosen: Chosen = { specialty: this.specialty, offering: this.offering };
    const slot = this.slot;
    switch (step) {
      case 'specialty':
        return { step };
      case 'doctor':
        return { step, specialty: chosen.specialty };
      case 'day':
        return { step, ...chosen };
      case 'time':
        return this.day ? { step, ...chosen, day: this.day } : { step: 'day', ...chosen };
      case 'details':
      case 'review':
        return slot ? { step, ...chosen, slot } : this.#at('time');
      case 'done':
        return this.#state;
    }
  }

  /** Apply the host's presets; on the first call (or a restart) start at the first step left. */
  setPresets(presets: BookingPresets, mode: ConsultMode | undefined, initial: boolean): void {
    this.#presets = presets;
    if (mode === 'video' || mode === 'in-person') this.#mode = mode;
    const first = this.firstStep;
    if (!initial && this.position() >= this.position(first)) return;
    const specialty = presets.specialty ?? this.specialty;
    this.#set(
      first === 'day'
        ? { step: 'day', specialty, offering: undefined }
        : first === 'doctor'
          ? { step: 'doctor', specialty }
          : { step: 'specialty' },
    );
  }

  chooseMode(mode: ConsultMode): boolean {
    if (this.#mode === mode) return false;
    this.#mode = mode;
    this.#host.requestUpdate();
    return true;
  }
  chooseSpecialty(code: string): void {
    this.#set({ step: 'doctor', specialty: code });
  }
  chooseDoctor(offering: ConsultOffering): void {
    this.#set({ step: 'day', specialty: this.specialty, offering });
  }
  chooseDay(day: string): void {
    this.#view = { ...this.#view, focusedDay: day, focusedSlot: 0, shown: FIRST_SHOWN };
    this.#set({ step: 'time', specialty: this.specialty, offering: this.offering, day });
  }
  /** The first detail field with a problem (the focus goes there), or undefined. */
  firstProblem(): 'reason' | 'phone' | 'email' | undefined {
    const problems = draftProblems(this.#draft);
    return (['reason', 'phone', 'email'] as const).find((k) => problems[k]);
  }
  /** Choose a slot: on to the details, or straight to review after a taken slot if all is typed. */
  chooseSlot(slot: FreeSlot): void {
    const step = this.slotTaken && !this.firstProblem() ? 'review' : 'details';
    this.#idempotencyKey = undefined;
    this.#set({ step, specialty: this.specialty, offering: this.offering, slot });
  }
  /** Keep what the patient typed (`showErrors` once Next was pressed with a problem). */
  editDraft(patch: Partial<BookingDraft>): void {
    this.#draft = { ...this.#draft, ...patch };
    this.#host.requestUpdate();
  }
  /** Details done: on to the review. */
  toReview(): void {
    this.#draft = { ...this.#draft, showErrors: false };
    this.#set(this.#at('review'));
  }
  setView(patch: Partial<BookingView>): void {
    this.#view = { ...this.#view, ...patch };
    this.#host.requestUpdate();
  }
  /** The SDK's booking request for `slot`: what the patient typed, the phone as digits. */
  bookRequest(slot: FreeSlot, patient: string, idempotencyKey: string): BookRequest {
    const { reason, phone, email } = this.#draft;
    const contact = {
      phone: compactPhone(phone),
      ...(email.trim() ? { email: email.trim() } : {}),
    };
    const mode = this.#mode;
    return {
      slot: slot.slot ?? slot.id,
      patient,
      reason: reason.trim(),
      mode,
      contact,
      idempotencyKey,
    };
  }
  /** One step back, never before the first step the presets leave. */
  back(): void {
    const index = Math.max(this.position() - 2, this.position(this.firstStep) - 1);
    this.#set(this.#at(CONSULT_BOOKING_STEPS[index] ?? 'specialty'));
  }
  /** From the start again (a form reset or "book another"): nothing typed is kept. */
  restart(presets: BookingPresets, mode: ConsultMode | undefined): void {
    this.#abort?.abort();
    this.#draft = EMPTY_DRAFT;
    this.#idempotencyKey = undefined;
    this.#view = { ...this.#view, focusedDay: undefined, focusedSlot: 0, shown: FIRST_SHOWN };
    this.setPresets(presets, mode, true);
  }

  /**
   * Book the review step's slot with `run` (one idempotency key until it succeeds or the slot
   * changes). Undefined when not on the review step or while a booking is in flight.
   */
  book(
    run: (slot: FreeSlot, idempotencyKey: string, signal: AbortSignal) => Promise<Appointment>,
  ): Promise<BookingOutcome> | undefined {
    const state = this.#state;
    if (this.#inFlight || state.step !== 'review') return undefined;
    this.#idempotencyKey ??= globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;
    const key = this.#idempotencyKey;
    const abort = new AbortController();
    this.#abort = abort;
    const chosen: Chosen = { specialty: state.specialty, offering: state.offering };
    const attempt = async (): Promise<BookingOutcome> => {
      try {
        const appointment = await run(state.slot, key, abort.signal);
        this.#idempotencyKey = undefined;
        this.#set({ step: 'done', ...chosen, slot: state.slot, appointment });
        return { ok: true, appointment };
      } catch (error) {
        if (isSlotUnavailableError(error)) {
          const alternatives = slotAlternatives(error);
          this.#idempotencyKey = undefined;
          this.#set({ step: 'time', ...chosen, day: state.slot.day, taken: alternatives });
          return { ok: false, error, alternatives };
        }
        this.#set({ ...state, error });
        return { ok: false, error, alternatives: [] };
      } finally {
        this.#inFlight = undefined;
        this.#host.requestUpdate();
      }
    };
    this.#inFlight = attempt();
    this.#host.requestUpdate();
    return this.#inFlight;
  }
}

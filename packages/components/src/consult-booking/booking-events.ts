/**
 * The events `<vnh-consult-booking>` fires: small `Event` subclasses with typed readonly fields
 * (no `detail`), bubbling and composed.
 */
import {
  isSlotUnavailableError,
  type Appointment,
  type ConsultMode,
  type FreeSlot,
} from '@vnhealth/core';
import type { ConsultBookingStep } from './booking-flow.ts';

/** `vnh-booked`: the appointment was created. */
export class ConsultBookedEvent extends Event {
  static readonly eventName = 'vnh-booked' as const;
  /** The Appointment the server created. */
  readonly appointment: Appointment;
  constructor(appointment: Appointment) {
    super(ConsultBookedEvent.eventName, { bubbles: true, composed: true });
    this.appointment = appointment;
  }
}

/** `vnh-booking-failed`: booking failed; `alternatives` is non-empty when the slot was taken. */
export class ConsultBookingFailedEvent extends Event {
  static readonly eventName = 'vnh-booking-failed' as const;
  /** What failed: the SDK's error. */
  readonly error: unknown;
  /** The nearest free slots when the slot was taken, else empty. */
  readonly alternatives: readonly FreeSlot[];
  /** True when someone else took the slot first. */
  readonly slotTaken: boolean;
  constructor(error: unknown, alternatives: readonly FreeSlot[]) {
    super(ConsultBookingFailedEvent.eventName, { bubbles: true, composed: true });
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
   * What was chosen: a specialty code, a PractitionerRole id, a day (`YYYY-MM-DD`), a Slot id,
   * or the reason typed in `details`.
   */
  readonly value: string;
  constructor(step: ConsultBookingStep, value: string) {
    super('change', { bubbles: true, composed: true });
    this.step = step;
    this.value = value;
  }
}

/** `vnh-mode-change`: the person chose how to be seen (never fired for a programmatic `mode`). */
export class ConsultModeChangeEvent extends Event {
  static readonly eventName = 'vnh-mode-change' as const;
  /** The mode chosen. */
  readonly mode: ConsultMode;
  constructor(mode: ConsultMode) {
    super(ConsultModeChangeEvent.eventName, { bubbles: true, composed: true });
    this.mode = mode;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vnh-booked': ConsultBookedEvent;
    'vnh-booking-failed': ConsultBookingFailedEvent;
    'vnh-mode-change': ConsultModeChangeEvent;
  }
}

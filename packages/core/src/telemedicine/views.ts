/**
 * Pure views of telemedicine resources (no network): free slots by ICT day, the mode of an
 * appointment, the alternatives a lost booking carries.
 *
 * @module
 */
import type {
  Appointment,
  CodeableConcept,
  HealthcareService,
  PractitionerRole,
  Slot,
} from '../fhir/index.ts';
import {
  TelemedicineSystems,
  hasCoding,
  readVirtualService,
  type ConsultMode,
} from './conventions.ts';
import { toReference } from './refs.ts';
import { ictDate, ictTime } from './time.ts';
import type { FreeSlot, SlotDay } from './types.ts';

/** Milliseconds in a day and in a minute. @internal */
export const DAY_MS = 86_400_000;
/** @internal */
export const MINUTE_MS = 60_000;

/**
 * `SlotUnavailableError.alternatives`, typed.
 *
 * @example
 * try { await health.telemedicine.book(request); }
 * catch (error) { for (const slot of slotAlternatives(error)) console.log(slot.day, slot.time); }
 */
export function slotAlternatives(error: unknown): FreeSlot[] {
  const alternatives = (error as { alternatives?: unknown } | undefined)?.alternatives;
  return Array.isArray(alternatives) ? (alternatives as FreeSlot[]) : [];
}

/**
 * Turn a Slot into a {@link FreeSlot} view.
 *
 * @example
 * toFreeSlot(slot).time // '23:45' for a slot starting 2026-12-01T16:45:00Z
 */
export function toFreeSlot(slot: Slot): FreeSlot {
  const { start, end } = slot;
  return {
    id: slot.id ?? '',
    start,
    end,
    day: ictDate(start),
    time: ictTime(start),
    minutes: Math.round((Date.parse(end) - Date.parse(start)) / MINUTE_MS),
    schedule: slot.schedule?.reference ? toReference(slot.schedule, 'Schedule') : undefined,
    slot,
  };
}

/**
 * Group free slots by ICT day, in order.
 *
 * @example
 * groupByIctDay(slots).map((d) => `${d.date}: ${d.slots.length}`)
 */
export function groupByIctDay(slots: readonly FreeSlot[]): SlotDay[] {
  const days = new Map<string, FreeSlot[]>();
  for (const slot of [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
    const list = days.get(slot.day) ?? [];
    list.push(slot);
    days.set(slot.day, list);
  }
  return [...days].map(([date, list]) => ({ date, slots: list }));
}

/** The readable text of a concept: `text`, a display, else the first code. @internal */
export function textOf(concept: CodeableConcept | undefined): string {
  return (
    concept?.text ??
    concept?.coding?.find((c) => c.display)?.display ??
    concept?.coding?.[0]?.code ??
    ''
  );
}

/** The consult modes these concepts name; both when none does. @internal */
export function modesOf(...concepts: (readonly CodeableConcept[] | undefined)[]): ConsultMode[] {
  const modes = new Set<ConsultMode>();
  for (const list of concepts) {
    for (const concept of list ?? []) {
      for (const coding of concept.coding ?? []) {
        const code = (coding.code ?? '').toLowerCase();
        if (/^(video|virtual|vr|telehealth|telemedicine)$/.test(code)) modes.add('video');
        if (/^(in-person|inperson|amb|onsite|on-site)$/.test(code)) modes.add('in-person');
      }
    }
  }
  return modes.size ? [...modes] : ['video', 'in-person'];
}

/** True when bookings of this service or role wait for the facility's approval. @internal */
export function requiresApprovalOf(
  service: HealthcareService | undefined,
  role?: PractitionerRole,
): boolean {
  return hasCoding(
    [...(service?.characteristic ?? []), ...(role?.code ?? [])],
    'requires-approval',
  );
}

/**
 * The mode of an appointment: `video` when it carries virtual-service details or its
 * `serviceType` is only the video consult mode; otherwise `in-person`.
 *
 * @example
 * appointmentMode(appointment) // 'video'
 */
export function appointmentMode(appointment: Appointment): ConsultMode {
  if (readVirtualService(appointment.extension)) return 'video';
  const coded = (appointment.serviceType ?? []).some((c) =>
    (c.coding ?? []).some((x) => x.system === TelemedicineSystems.consultMode),
  );
  const modes = modesOf(appointment.serviceType);
  return coded && modes.length === 1 && modes[0] === 'video' ? 'video' : 'in-person';
}

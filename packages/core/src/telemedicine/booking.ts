/**
 * Race-safe booking, cancelling and rescheduling (docs/decisions/0009-race-safe-booking.md).
 *
 * No request here is sent twice by this module. A booking is one transaction whose entries are
 * all conditional (`PUT Slot` with `If-Match`, `POST Appointment` with `If-None-Exist` on the
 * idempotency key), which the transport may retry after a lost response; whether it did or not,
 * a failure whose outcome is unknown is settled by looking the key up, never by booking again.
 * Cancel and reschedule re-read and re-apply after a version conflict, through
 * `withConflictRetry`.
 *
 * @internal
 * @module
 */
import {
  withConflictRetry,
  HealthError,
  isConflictError,
  isHttpError,
  isNetworkError,
  isSlotUnavailableError,
  isTimeoutError,
} from '../kernel.ts';
import type { Appointment, Bundle, CapabilityStatement, Resource, Slot } from '../fhir/index.ts';
import type { BundleRequestEntry, RequestOptions } from '../http/types.ts';
import {
  CONFLICT_ATTEMPTS,
  findByKey,
  keyQuery,
  readFresh,
  type TelemedicineContext,
} from './context.ts';
import { contextOf, newAppointment, participantsOf } from './participants.ts';
import { etagOf, ifMatchOf, toId, toReference, typeOf, uuid } from './refs.ts';
import { unavailable } from './slots.ts';
import { ictDate, ictTime } from './time.ts';
import type { BookRequest, FreeSlot, Ref } from './types.ts';
import { MINUTE_MS, appointmentMode, modesOf } from './views.ts';

const SLOT_TAKEN = 'This slot was just taken by someone else. Choose another time.';
const NEW_TIME_TAKEN = 'The new time was just taken by someone else. Choose another time.';

function offersBook(capabilities: CapabilityStatement): boolean {
  const named = (op: { name?: string }) => op.name === 'book' || op.name === '$book';
  return (capabilities.rest ?? []).some(
    (rest) =>
      (rest.operation ?? []).some(named) ||
      (rest.resource ?? []).some(
        (r) => r.type === 'Appointment' && (r.operation ?? []).some(named),
      ),
  );
}

function firstAppointment(body: unknown): Appointment | undefined {
  const value = body as Resource | undefined;
  if (!value) return undefined;
  if (value.resourceType === 'Appointment') return value;
  if (value.resourceType === 'Bundle') {
    return (value as Bundle).entry
      ?.map((e) => e.resource)
      .find((r) => r?.resourceType === 'Appointment') as Appointment | undefined;
  }
  if ((value.resourceType as string) === 'Parameters') {
    const params = (value as unknown as { parameter?: { resource?: Resource }[] }).parameter ?? [];
    for (const p of params) {
      const found = firstAppointment(p.resource);
      if (found) return found;
    }
  }
  return undefined;
}

/** A failure after which the server may or may not have booked: lost answer, timeout, 5xx. */
const outcomeUnknown = (error: unknown): boolean =>
  isNetworkError(error) || isTimeoutError(error) || (isHttpError(error) && error.status >= 500);

/**
 * After `error`, find the Appointment this attempt may have created (by its key) and return it;
 * otherwise throw `error` as it was (the booking did not happen, or not yet: book again with the
 * same `idempotencyKey`).
 */
async function settle(
  ctx: TelemedicineContext,
  key: string,
  error: unknown,
  options?: RequestOptions,
): Promise<Appointment> {
  if (options?.signal?.aborted) throw error;
  const mine = await findByKey<Appointment>(ctx, 'Appointment', key, options).catch(
    () => undefined,
  );
  if (mine) return mine;
  throw error;
}

async function serverBook(
  ctx: TelemedicineContext,
  slot: Slot,
  appointment: Appointment,
  key: string,
  options?: RequestOptions,
): Promise<Appointment> {
  let body: unknown;
  try {
    body = await ctx.fhir.operation('Appointment/$book', {
      ...options,
      method: 'POST',
      body: {
        resourceType: 'Parameters',
        parameter: [{ name: 'appt-resource', resource: appointment }],
      } as unknown as Resource,
    });
  } catch (error) {
    if (isConflictError(error)) return unavailable(ctx, slot, SLOT_TAKEN, error, options);
    if (outcomeUnknown(error)) return settle(ctx, key, error, options);
    throw error;
  }
  const booked = firstAppointment(body) ?? (await findByKey(ctx, 'Appointment', key, options));
  if (booked) return booked;
  throw new HealthError('The server accepted $book but returned no Appointment.');
}

/** `TelemedicineClient.book`. */
export async function book(
  ctx: TelemedicineContext,
  request: BookRequest,
  options?: RequestOptions,
): Promise<Appointment> {
  if (!request.reason?.trim()) throw new TypeError('book() needs a reason for the visit.');
  const key = request.idempotencyKey ?? uuid();
  if (request.idempotencyKey) {
    // A key the caller chose may already have booked (a retry of an attempt whose answer was lost).
    const existing = await findByKey<Appointment>(ctx, 'Appointment', key, options);
    if (existing) return existing;
  }
  const slotId = toId(request.slot, 'Slot');
  const slot = await readFresh(ctx, 'Slot', slotId, options);
  if (slot.status !== 'free') {
    return unavailable(
      ctx,
      slot,
      `The slot at ${ictTime(slot.start)} on ${ictDate(slot.start)} (ICT) was just taken. Choose another time.`,
      undefined,
      options,
    );
  }
  const slotModes = modesOf(slot.serviceType);
  if (slot.serviceType?.length && !slotModes.includes(request.mode)) {
    throw new HealthError(
      `This slot is for ${slotModes.join(' or ')} visits, not ${request.mode}. Choose a ${request.mode} slot.`,
    );
  }
  const context = await contextOf(ctx, slot, request.service, request.mode, options);
  const appointment = newAppointment(ctx, request, slot, context, key);

  if (ctx.useServerBook) {
    const capabilities = await ctx.fhir.capabilities(options).catch((error: unknown) => {
      if (options?.signal?.aborted) throw error;
      return undefined; // no CapabilityStatement: standard FHIR works everywhere
    });
    if (capabilities && offersBook(capabilities)) {
      return serverBook(ctx, slot, appointment, key, options);
    }
  }

  const etag = etagOf(slot);
  if (!etag) {
    throw new HealthError(
      'The server returned the Slot without meta.versionId, so it cannot be booked safely. Enable resource versioning on the FHIR server.',
    );
  }
  const approval = appointment.status === 'proposed';
  const entries: BundleRequestEntry[] = [
    {
      fullUrl: `urn:uuid:${uuid()}`,
      resource: { ...slot, status: approval ? 'busy-tentative' : 'busy' },
      request: { method: 'PUT', url: `Slot/${slotId}`, ifMatch: etag },
    },
    {
      fullUrl: `urn:uuid:${uuid()}`,
      resource: appointment,
      request: { method: 'POST', url: 'Appointment', ifNoneExist: keyQuery(key) },
    },
  ];
  let created: Resource | undefined;
  try {
    created = (await ctx.fhir.transaction(entries, options))[1]?.resource;
  } catch (error) {
    if (isConflictError(error)) {
      // A retry of ours (by the transport) fails its If-Match after the first attempt won.
      const mine = await findByKey<Appointment>(ctx, 'Appointment', key, options);
      if (mine) return mine;
      return unavailable(ctx, slot, SLOT_TAKEN, error, options);
    }
    if (outcomeUnknown(error)) return settle(ctx, key, error, options);
    throw error;
  }
  if (created?.resourceType === 'Appointment') return created as Appointment;
  const mine = await findByKey<Appointment>(ctx, 'Appointment', key, options);
  if (mine) return mine;
  throw new HealthError(
    'The booking transaction succeeded but the Appointment could not be read back.',
  );
}

/** `TelemedicineClient.cancel`. */
export function cancel(
  ctx: TelemedicineContext,
  appointmentRef: Ref<Appointment>,
  reason: string,
  options?: RequestOptions,
): Promise<Appointment> {
  const id = toId(appointmentRef, 'Appointment');
  return withConflictRetry(
    async () => {
      const appointment = await readFresh(ctx, 'Appointment', id, options);
      if (appointment.status === 'cancelled') return appointment;
      const slots = await Promise.all(
        (appointment.slot ?? []).map((s) => readFresh(ctx, 'Slot', toId(s, 'Slot'), options)),
      );
      const entries: BundleRequestEntry[] = [
        {
          resource: { ...appointment, status: 'cancelled', cancelationReason: { text: reason } },
          request: { method: 'PUT', url: `Appointment/${id}`, ...ifMatchOf(appointment) },
        },
        ...slots
          .filter((s) => s.status === 'busy' || s.status === 'busy-tentative')
          .map((s): BundleRequestEntry => ({
            resource: { ...s, status: 'free' },
            request: { method: 'PUT', url: `Slot/${s.id}`, ...ifMatchOf(s) },
          })),
      ];
      const results = await ctx.fhir.transaction(entries, options);
      return (
        (results[0]?.resource as Appointment | undefined) ??
        (await readFresh(ctx, 'Appointment', id, options))
      );
    },
    { attempts: CONFLICT_ATTEMPTS, signal: options?.signal },
  );
}

/** `TelemedicineClient.reschedule`. */
export async function reschedule(
  ctx: TelemedicineContext,
  appointmentRef: Ref<Appointment>,
  newSlotRef: Ref<Slot> | FreeSlot,
  options?: RequestOptions,
): Promise<Appointment> {
  const id = toId(appointmentRef, 'Appointment');
  const newSlotId = toId(newSlotRef, 'Slot');
  let newSlot: Slot | undefined;
  try {
    return await withConflictRetry(
      async () => {
        const appointment = await readFresh(ctx, 'Appointment', id, options);
        if ((appointment.slot ?? []).some((s) => toId(s, 'Slot') === newSlotId)) {
          return appointment;
        }
        if (['cancelled', 'fulfilled', 'entered-in-error', 'noshow'].includes(appointment.status)) {
          throw new HealthError(
            `This appointment is ${appointment.status} and cannot be rescheduled; book a new one.`,
          );
        }
        newSlot = await readFresh(ctx, 'Slot', newSlotId, options);
        if (newSlot.status !== 'free') {
          return unavailable(ctx, newSlot, NEW_TIME_TAKEN, undefined, options);
        }
        const oldSlots = await Promise.all(
          (appointment.slot ?? []).map((s) => readFresh(ctx, 'Slot', toId(s, 'Slot'), options)),
        );
        const tentative = appointment.status === 'proposed' || appointment.status === 'pending';
        let participant = appointment.participant;
        const oldSchedule = oldSlots[0]?.schedule?.reference;
        if (
          newSlot.schedule?.reference &&
          oldSchedule &&
          toReference(newSlot.schedule, 'Schedule') !== toReference(oldSchedule, 'Schedule')
        ) {
          const context = await contextOf(
            ctx,
            newSlot,
            undefined,
            appointmentMode(appointment),
            options,
          );
          participant = [
            ...appointment.participant.filter(
              (p) => typeOf(p.actor?.reference ?? '') === 'Patient',
            ),
            ...participantsOf(context, tentative),
          ];
        }
        const updated: Appointment = {
          ...appointment,
          start: newSlot.start,
          end: newSlot.end,
          minutesDuration: Math.round(
            (Date.parse(newSlot.end) - Date.parse(newSlot.start)) / MINUTE_MS,
          ),
          slot: [{ reference: `Slot/${newSlotId}` }],
          participant,
        };
        const entries: BundleRequestEntry[] = [
          ...oldSlots
            .filter((s) => s.status === 'busy' || s.status === 'busy-tentative')
            .map((s): BundleRequestEntry => ({
              resource: { ...s, status: 'free' },
              request: { method: 'PUT', url: `Slot/${s.id}`, ...ifMatchOf(s) },
            })),
          {
            resource: { ...newSlot, status: tentative ? 'busy-tentative' : 'busy' },
            request: { method: 'PUT', url: `Slot/${newSlotId}`, ...ifMatchOf(newSlot) },
          },
          {
            resource: updated,
            request: { method: 'PUT', url: `Appointment/${id}`, ...ifMatchOf(appointment) },
          },
        ];
        const results = await ctx.fhir.transaction(entries, options);
        const saved = results[results.length - 1]?.resource;
        return saved?.resourceType === 'Appointment'
          ? (saved as Appointment)
          : await readFresh(ctx, 'Appointment', id, options);
      },
      { attempts: CONFLICT_ATTEMPTS, signal: options?.signal },
    );
  } catch (error) {
    // Conflicts on every attempt: the new time keeps being taken from under us.
    if (isConflictError(error) && !isSlotUnavailableError(error) && newSlot) {
      return unavailable(ctx, newSlot, NEW_TIME_TAKEN, error, options);
    }
    throw error;
  }
}

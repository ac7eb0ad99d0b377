/**
 * Who takes part in a booking: a slot's Schedule, PractitionerRole, HealthcareService and
 * Location, read once per booking, and the Appointment built from them.
 *
 * @internal
 * @module
 */
import type {
  Appointment,
  Extension,
  HealthcareService,
  PractitionerRole,
  Reference,
  Resource,
  Schedule,
  Slot,
} from '../fhir/index.ts';
import type { RequestOptions } from '../http/types.ts';
import {
  TelemedicineSystems,
  hasCoding,
  virtualServiceExtension,
  type ConsultMode,
} from './conventions.ts';
import { readMaybe, type TelemedicineContext } from './context.ts';
import { toReference, typeOf } from './refs.ts';
import type { BookRequest } from './types.ts';
import { MINUTE_MS, requiresApprovalOf } from './views.ts';

/** What a slot's schedule says about who and what the visit is with. */
export interface ScheduleContext {
  schedule: Schedule | undefined;
  role: PractitionerRole | undefined;
  service: HealthcareService | undefined;
  actors: Reference[];
}

/** Read the context of `slot`; `serviceRef` (a resource, reference or id) saves a read. */
export async function contextOf(
  ctx: TelemedicineContext,
  slot: Slot,
  serviceRef: unknown,
  mode: ConsultMode | undefined,
  options?: RequestOptions,
): Promise<ScheduleContext> {
  const schedule = await readMaybe<Schedule>(
    ctx,
    slot.schedule?.reference ? toReference(slot.schedule, 'Schedule') : undefined,
    options,
  );
  const actors = (schedule?.actor ?? []).map((a) => ({
    ...a,
    reference: toReference(a, 'Schedule'),
  }));
  const roleRef = actors.find((a) => typeOf(a.reference) === 'PractitionerRole')?.reference;
  const role = await readMaybe<PractitionerRole>(ctx, roleRef, options);
  if (
    role?.practitioner?.reference &&
    !actors.some((a) => typeOf(a.reference) === 'Practitioner')
  ) {
    actors.push({
      ...role.practitioner,
      reference: toReference(role.practitioner, 'Practitioner'),
    });
  }
  if (role?.location?.[0]?.reference && !actors.some((a) => typeOf(a.reference) === 'Location')) {
    actors.push({ ...role.location[0], reference: toReference(role.location[0], 'Location') });
  }
  let service: HealthcareService | undefined;
  if (
    serviceRef &&
    typeof serviceRef === 'object' &&
    (serviceRef as Resource).resourceType === 'HealthcareService'
  ) {
    service = serviceRef as HealthcareService;
  } else if (serviceRef) {
    service = await readMaybe<HealthcareService>(
      ctx,
      toReference(serviceRef, 'HealthcareService'),
      options,
    );
  } else {
    const candidates = [
      ...actors.filter((a) => typeOf(a.reference) === 'HealthcareService'),
      ...(role?.healthcareService ?? []),
    ].map((r) => toReference(r, 'HealthcareService'));
    const services = (
      await Promise.all(
        [...new Set(candidates)].map((r) => readMaybe<HealthcareService>(ctx, r, options)),
      )
    ).filter((x): x is HealthcareService => Boolean(x));
    service = (mode && services.find((x) => hasCoding(x.characteristic, mode))) ?? services[0];
  }
  // Keep only the Location(s) of the chosen service (a doctor may have a clinic and a video room).
  const serviceLocations = new Set(
    (service?.location ?? []).map((l) => toReference(l, 'Location')),
  );
  const kept = serviceLocations.size
    ? actors.filter((a) => typeOf(a.reference) !== 'Location' || serviceLocations.has(a.reference))
    : actors;
  return { schedule, role, service, actors: kept };
}

/** The standing video link the service or the role publishes (`telecom` with `system: 'url'`). */
export function videoUrlOf(context: ScheduleContext): string | undefined {
  const telecom = [...(context.service?.telecom ?? []), ...(context.role?.telecom ?? [])];
  return telecom.find((t) => t.system === 'url' && t.value)?.value;
}

/** The practitioner, location and service participants of an Appointment. */
export function participantsOf(
  context: ScheduleContext,
  approval: boolean,
): NonNullable<Appointment['participant']> {
  return context.actors
    .filter((a) =>
      ['PractitionerRole', 'Practitioner', 'Location', 'HealthcareService'].includes(
        typeOf(a.reference ?? ''),
      ),
    )
    .map((actor) => ({
      actor: { reference: actor.reference, ...(actor.display ? { display: actor.display } : {}) },
      required: 'required' as const,
      status: approval ? ('needs-action' as const) : ('accepted' as const),
    }));
}

/** The Appointment a booking creates: status, codes, times, participants, video link, key. */
export function newAppointment(
  ctx: TelemedicineContext,
  request: BookRequest,
  slot: Slot,
  context: ScheduleContext,
  key: string,
): Appointment {
  const approval = requiresApprovalOf(context.service, context.role);
  const extension: Extension[] = [];
  if (request.mode === 'video') {
    const url = videoUrlOf(context);
    extension.push(virtualServiceExtension({ channel: 'vtelehealth', url }));
  }
  for (const [system, value] of [
    ['phone', request.contact?.phone],
    ['email', request.contact?.email],
  ] as const) {
    if (value?.trim()) {
      extension.push({
        url: TelemedicineSystems.bookingContactExtension,
        valueContactPoint: { system, value: value.trim() },
      });
    }
  }
  const appointment: Appointment = {
    resourceType: 'Appointment',
    identifier: [{ system: TelemedicineSystems.idempotencyKey, value: key }],
    status: approval ? 'proposed' : 'booked',
    ...(context.service?.category ? { serviceCategory: context.service.category } : {}),
    ...((slot.serviceType ?? context.service?.type)
      ? { serviceType: slot.serviceType ?? context.service?.type }
      : {}),
    ...((slot.specialty ?? context.role?.specialty)
      ? { specialty: slot.specialty ?? context.role?.specialty }
      : {}),
    appointmentType: {
      coding: [{ system: TelemedicineSystems.appointmentReason, code: 'ROUTINE' }],
    },
    reasonCode: [{ text: request.reason }],
    description: request.reason.slice(0, 200),
    start: slot.start,
    end: slot.end,
    minutesDuration: Math.round((Date.parse(slot.end) - Date.parse(slot.start)) / MINUTE_MS),
    slot: [{ reference: `Slot/${slot.id}` }],
    created: ctx.now().toISOString(),
    participant: [
      {
        actor: { reference: toReference(request.patient, 'Patient') },
        required: 'required',
        status: 'accepted',
      },
      ...participantsOf(context, approval),
    ],
    ...(extension.length ? { extension } : {}),
  };
  if (request.mode === 'video' && !videoUrlOf(context) && ctx.videoUrl) {
    const url = ctx.videoUrl(appointment);
    if (url) {
      appointment.extension = [
        virtualServiceExtension({ channel: 'vtelehealth', url }),
        ...extension.slice(1),
      ];
    }
  }
  return appointment;
}

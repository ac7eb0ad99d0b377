/**
 * Visits: a patient's appointments, joining a video visit, and the Encounter a visit moves
 * through (waiting room, in progress, finished).
 *
 * @internal
 * @module
 */
import { withConflictRetry, HealthError, formatName } from '../kernel.ts';
import type {
  Appointment,
  Encounter,
  HealthcareService,
  Location,
  Practitioner,
  Reference,
} from '../fhir/index.ts';
import type { BundleRequestEntry, RequestOptions } from '../http/types.ts';
import {
  TelemedicineSystems,
  readVirtualService,
  specialtyLabel,
  virtualServiceExtension,
} from './conventions.ts';
import {
  CONFLICT_ATTEMPTS,
  fresh,
  readFresh,
  readMaybe,
  type TelemedicineContext,
} from './context.ts';
import { ifMatchOf, toId, toReference, typeOf, uuid } from './refs.ts';
import { ictDate, ictTime } from './time.ts';
import type {
  AppointmentList,
  AppointmentSummary,
  JoinInfo,
  JoinInfoOptions,
  ListAppointmentsOptions,
  Ref,
} from './types.ts';
import { MINUTE_MS, appointmentMode, textOf } from './views.ts';

/** `TelemedicineClient.summarize`. */
export async function summarize(
  ctx: TelemedicineContext,
  appointment: Appointment,
  options?: RequestOptions,
): Promise<AppointmentSummary> {
  const actors = appointment.participant
    .map((p) => p.actor)
    .filter((a): a is Reference => Boolean(a?.reference));
  const refOfType = (type: string) =>
    actors.find((a) => typeOf(toReference(a, 'Resource')) === type);
  const practitionerRef = refOfType('Practitioner');
  const locationRef = refOfType('Location');
  const serviceRef = refOfType('HealthcareService');
  const [practitioner, location, service] = await Promise.all([
    practitionerRef?.display
      ? undefined
      : readMaybe<Practitioner>(
          ctx,
          practitionerRef && toReference(practitionerRef, 'Practitioner'),
          options,
        ),
    locationRef?.display
      ? undefined
      : readMaybe<Location>(ctx, locationRef && toReference(locationRef, 'Location'), options),
    readMaybe<HealthcareService>(
      ctx,
      serviceRef && toReference(serviceRef, 'HealthcareService'),
      options,
    ),
  ]);
  return {
    id: appointment.id ?? '',
    appointment,
    status: appointment.status,
    start: appointment.start,
    end: appointment.end,
    day: appointment.start ? ictDate(appointment.start) : undefined,
    time: appointment.start ? ictTime(appointment.start) : undefined,
    mode: appointmentMode(appointment),
    practitionerName: practitionerRef?.display ?? formatName(practitioner?.name),
    facilityName: locationRef?.display ?? location?.name ?? service?.providedBy?.display ?? '',
    serviceLabel:
      service?.name ??
      textOf(appointment.serviceType?.[0]) ??
      specialtyLabel(appointment.specialty?.[0]),
    reason: appointment.reasonCode?.[0]?.text ?? appointment.description ?? '',
  };
}

/** `TelemedicineClient.listAppointments`. */
export async function listAppointments(
  ctx: TelemedicineContext,
  patientId: string,
  options: ListAppointmentsOptions = {},
): Promise<AppointmentList> {
  const limit = options.limit ?? 100;
  const nowMs = (options.now ?? ctx.now()).getTime();
  const patient = toReference(patientId, 'Patient');
  const all: Appointment[] = [];
  for await (const page of ctx.fhir.pages(
    'Appointment',
    { patient, _sort: '-date', _count: 100 },
    options,
  )) {
    all.push(...page.resources);
    if (all.length >= limit * 4) break;
  }
  const visible = all.filter((a) => a.status !== 'entered-in-error');
  const isUpcoming = (a: Appointment) =>
    !['cancelled', 'fulfilled', 'noshow'].includes(a.status) &&
    Date.parse(a.end ?? a.start ?? '') >= nowMs;
  const upcoming =
    (options.upcoming ?? true)
      ? visible
          .filter(isUpcoming)
          .sort((a, b) => Date.parse(a.start ?? '') - Date.parse(b.start ?? ''))
          .slice(0, limit)
      : [];
  const past =
    (options.past ?? true)
      ? visible
          .filter((a) => !isUpcoming(a))
          .sort((a, b) => Date.parse(b.start ?? '') - Date.parse(a.start ?? ''))
          .slice(0, limit)
      : [];
  return {
    upcoming: await Promise.all(upcoming.map((a) => summarize(ctx, a, options))),
    past: await Promise.all(past.map((a) => summarize(ctx, a, options))),
  };
}

async function encounterOf(
  ctx: TelemedicineContext,
  appointmentId: string,
  options?: RequestOptions,
): Promise<Encounter | undefined> {
  const result = await ctx.fhir.search(
    'Encounter',
    { appointment: `Appointment/${appointmentId}`, _count: 1 },
    fresh(options),
  );
  return result.resources[0];
}

/** `TelemedicineClient.joinInfo`. */
export async function joinInfo(
  ctx: TelemedicineContext,
  appointmentRef: Ref<Appointment>,
  options: JoinInfoOptions = {},
): Promise<JoinInfo> {
  const appointment =
    typeof appointmentRef === 'object' && 'resourceType' in appointmentRef && appointmentRef.status
      ? appointmentRef
      : await readFresh(ctx, 'Appointment', toId(appointmentRef, 'Appointment'), options);
  const nowMs = (options.now ?? ctx.now()).getTime();
  const opensAt = appointment.start
    ? new Date(
        Date.parse(appointment.start) - (options.opensMinutesBefore ?? 15) * MINUTE_MS,
      ).toISOString()
    : undefined;
  const closesAt = appointment.end
    ? new Date(
        Date.parse(appointment.end) + (options.closesMinutesAfter ?? 0) * MINUTE_MS,
      ).toISOString()
    : undefined;
  const encounter =
    options.withEncounter !== false && appointment.id
      ? await encounterOf(ctx, appointment.id, options)
      : undefined;
  const virtualService =
    readVirtualService(encounter?.extension) ?? readVirtualService(appointment.extension);
  const isVideo =
    Boolean(virtualService) ||
    encounter?.class?.code === 'VR' ||
    appointmentMode(appointment) === 'video';
  const url = virtualService?.url;
  let state: JoinInfo['state'];
  if (['cancelled', 'noshow', 'entered-in-error'].includes(appointment.status)) state = 'cancelled';
  else if (!isVideo) state = 'not-video';
  else if (
    appointment.status === 'fulfilled' ||
    encounter?.status === 'finished' ||
    (closesAt && nowMs > Date.parse(closesAt) && encounter?.status !== 'in-progress')
  )
    state = 'ended';
  else if (encounter?.status === 'in-progress') state = 'in-progress';
  else if (opensAt && nowMs < Date.parse(opensAt)) state = 'too-early';
  else if (
    encounter?.status === 'arrived' ||
    appointment.status === 'arrived' ||
    appointment.status === 'checked-in'
  )
    state = 'waiting-room';
  else state = 'open';
  return {
    state,
    canJoin:
      Boolean(url) && (state === 'open' || state === 'waiting-room' || state === 'in-progress'),
    url,
    virtualService,
    opensAt,
    closesAt,
    encounter,
  };
}

const ENCOUNTER_ORDER = ['planned', 'arrived', 'triaged', 'in-progress', 'onleave', 'finished'];

function newEncounter(appointment: Appointment, id: string): Encounter {
  const video = readVirtualService(appointment.extension);
  const patient = appointment.participant.find(
    (p) => typeOf(p.actor?.reference ?? '') === 'Patient',
  )?.actor;
  return {
    resourceType: 'Encounter',
    status: 'planned',
    class: { system: TelemedicineSystems.actCode, code: video ? 'VR' : 'AMB' },
    ...(patient ? { subject: { reference: patient.reference } } : {}),
    appointment: [{ reference: `Appointment/${id}` }],
    participant: appointment.participant
      .filter((p) =>
        ['Practitioner', 'PractitionerRole'].includes(typeOf(p.actor?.reference ?? '')),
      )
      .map((p) => ({ individual: { reference: p.actor?.reference } })),
    ...(appointment.serviceType?.[0] ? { serviceType: appointment.serviceType[0] } : {}),
    ...(appointment.reasonCode ? { reasonCode: appointment.reasonCode } : {}),
    ...(video
      ? { extension: [virtualServiceExtension(video, TelemedicineSystems.encounterVirtualService)] }
      : {}),
  };
}

/**
 * Move the visit's Encounter (created once per appointment) to `status` and the Appointment
 * along with it, in one transaction; after a version conflict, read both again and re-apply.
 */
export function updateEncounter(
  ctx: TelemedicineContext,
  appointmentRef: Ref<Appointment>,
  status: 'arrived' | 'in-progress' | 'finished',
  options?: RequestOptions,
): Promise<Encounter> {
  const id = toId(appointmentRef, 'Appointment');
  return withConflictRetry(
    async () => {
      const appointment = await readFresh(ctx, 'Appointment', id, options);
      const existing = await encounterOf(ctx, id, options);
      if (existing && ENCOUNTER_ORDER.indexOf(existing.status) >= ENCOUNTER_ORDER.indexOf(status))
        return existing;
      const nowIso = ctx.now().toISOString();
      const encounter: Encounter = { ...(existing ?? newEncounter(appointment, id)), status };
      if (status === 'in-progress')
        encounter.period = { ...encounter.period, start: encounter.period?.start ?? nowIso };
      if (status === 'finished')
        encounter.period = { start: encounter.period?.start ?? nowIso, end: nowIso };
      const appointmentStatus: Appointment['status'] =
        status === 'finished' ? 'fulfilled' : status === 'in-progress' ? 'arrived' : 'checked-in';
      const entries: BundleRequestEntry[] = [
        existing
          ? {
              resource: encounter,
              request: { method: 'PUT', url: `Encounter/${existing.id}`, ...ifMatchOf(existing) },
            }
          : {
              fullUrl: `urn:uuid:${uuid()}`,
              resource: encounter,
              request: {
                method: 'POST',
                url: 'Encounter',
                ifNoneExist: `appointment=${encodeURIComponent(`Appointment/${id}`)}`,
              },
            },
      ];
      if (appointment.status !== appointmentStatus && appointment.status !== 'fulfilled') {
        entries.push({
          resource: { ...appointment, status: appointmentStatus },
          request: { method: 'PUT', url: `Appointment/${id}`, ...ifMatchOf(appointment) },
        });
      }
      const saved = (await ctx.fhir.transaction(entries, options))[0]?.resource;
      if (saved?.resourceType === 'Encounter') return saved as Encounter;
      const again = await encounterOf(ctx, id, options);
      if (again) return again;
      throw new HealthError('The Encounter was saved but could not be read back.');
    },
    { attempts: CONFLICT_ATTEMPTS, signal: options?.signal },
  );
}

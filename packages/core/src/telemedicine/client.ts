/**
 * The telemedicine client: typed methods whose code loads with `import()` on first use, one module
 * per concern (`discovery`, `slots`, `booking`, `visits`, `consults`), so a page that only lists
 * doctors never downloads the booking or teleconsultation code.
 *
 * @module
 */
import type { Appointment, Encounter, Slot } from '../fhir/index.ts';
import type { FhirClient, RequestOptions } from '../http/types.ts';
import type { TelemedicineContext } from './context.ts';
import type {
  AppointmentList,
  AppointmentSummary,
  BookRequest,
  Consult,
  ConsultOffering,
  ConsultReplyInput,
  ConsultRequestInput,
  FindServicesQuery,
  FindSlotsQuery,
  FreeSlot,
  JoinInfo,
  JoinInfoOptions,
  ListAppointmentsOptions,
  ListConsultsQuery,
  Ref,
  SlotAvailability,
} from './types.ts';

/**
 * Options of {@link createTelemedicineClient}; under `telemedicine` in `createHealthClient`'s
 * options (whose `now` is passed in as this `now`).
 *
 * @example
 * const health = createHealthClient({
 *   baseUrl,
 *   telemedicine: { videoUrl: (a) => `https://meet.example.vn/${a.identifier?.[0]?.value}`, alternatives: 5 },
 * });
 */
export interface TelemedicineClientOptions {
  /**
   * Use the server's `Appointment/$book` when its CapabilityStatement offers it; `false` always
   * books with the standard transaction.
   * @default true
   * @example createTelemedicineClient(fhir, { useServerBook: false })
   */
  useServerBook?: boolean;
  /**
   * How many nearest free slots a `SlotUnavailableError` carries (`0`: none, and no search for
   * them).
   * @default 3
   * @example createTelemedicineClient(fhir, { alternatives: 0 })
   */
  alternatives?: number;
  /**
   * Builds the video link of a new video booking when neither the HealthcareService nor the
   * PractitionerRole publishes one (`telecom` with `system: 'url'`). Leave unset when the
   * platform fills `addressUrl` itself.
   * @default undefined (no link is made up)
   * @example createTelemedicineClient(fhir, { videoUrl: (a) => `https://meet.example.vn/${a.identifier?.[0]?.value}` })
   */
  videoUrl?: (appointment: Appointment) => string | undefined;
  /**
   * The clock: what "now" is for free slots, the join window, upcoming appointments and the
   * timestamps the client writes. Pass one in tests and anywhere the day matters.
   * @default () => new Date()
   * @example createTelemedicineClient(fhir, { now: () => new Date('2026-12-01T09:00:00+07:00') })
   */
  now?: () => Date;
}

/** The telemedicine client (`health.telemedicine`). */
export interface TelemedicineClient {
  /**
   * Find bookable doctors: PractitionerRoles with their Practitioner, HealthcareService,
   * Organization and Location.
   *
   * @example
   * const offerings = await health.telemedicine.findServices(
   *   { specialty: 'pediatrics', province: 'Khánh Hòa', mode: 'video' },
   *   { signal },
   * );
   * offerings[0].practitionerName; // 'Nguyễn Thị Lan'
   */
  findServices(query: FindServicesQuery, options?: RequestOptions): Promise<ConsultOffering[]>;
  /**
   * Free slots in a window, grouped by day in Asia/Ho_Chi_Minh.
   *
   * @example
   * const week = await health.telemedicine.findSlots(
   *   { practitionerRole: 'pr-1', from: '2026-12-01', to: '2026-12-08' },
   *   { signal },
   * );
   * week.days[0].date; // '2026-12-01'
   * const later = await week.next();
   * const first = await week.nextAvailable();
   */
  findSlots(query: FindSlotsQuery, options?: RequestOptions): Promise<SlotAvailability>;
  /**
   * The first free slot at or after `after` (default now), looking `horizonDays` ahead.
   *
   * @example
   * const slot = await health.telemedicine.nextAvailable({ practitionerRole: 'pr-1' }, { signal });
   */
  nextAvailable(
    query: FindSlotsQuery,
    options?: RequestOptions & { horizonDays?: number },
  ): Promise<FreeSlot | undefined>;
  /**
   * Book a slot, race-safely: the Slot is taken with `If-Match` and the Appointment created with
   * `If-None-Exist` on the idempotency key, in one transaction (or the server's `$book`). The
   * loser of a race gets {@link SlotUnavailableError} with the nearest free alternatives.
   *
   * @example
   * try {
   *   const appointment = await health.telemedicine.book(
   *     { slot, patient: 'Patient/p1', reason: 'Ho kéo dài', mode: 'video', contact: { phone: '0912345678' } },
   *     { signal },
   *   );
   * } catch (error) {
   *   if (isSlotUnavailableError(error)) showAlternatives(error.alternatives);
   * }
   */
  book(request: BookRequest, options?: RequestOptions): Promise<Appointment>;
  /**
   * Cancel an appointment and free its slot, in one transaction.
   *
   * @example
   * await health.telemedicine.cancel(appointment, 'Bệnh nhân bận việc', { signal });
   */
  cancel(
    appointment: Ref<Appointment>,
    reason: string,
    options?: RequestOptions,
  ): Promise<Appointment>;
  /**
   * Move an appointment to another slot atomically: old slot free, new slot busy (If-Match) and
   * the appointment updated (If-Match) in one transaction.
   *
   * @example
   * const moved = await health.telemedicine.reschedule(appointment, newSlot, { signal });
   */
  reschedule(
    appointment: Ref<Appointment>,
    newSlot: Ref<Slot> | FreeSlot,
    options?: RequestOptions,
  ): Promise<Appointment>;
  /**
   * A patient's appointments, upcoming (soonest first) and past (latest first).
   *
   * @example
   * const { upcoming, past } = await health.telemedicine.listAppointments('p1', { signal });
   */
  listAppointments(patientId: string, options?: ListAppointmentsOptions): Promise<AppointmentList>;
  /**
   * Summarise one appointment for display.
   *
   * @example
   * const summary = await health.telemedicine.summarize(appointment, { signal });
   */
  summarize(appointment: Appointment, options?: RequestOptions): Promise<AppointmentSummary>;
  /**
   * How and when to join a video visit: link, window (15 minutes before the start to its end)
   * and the waiting-room state from the visit's Encounter.
   *
   * @example
   * const info = await health.telemedicine.joinInfo(appointment, { signal });
   * if (info.canJoin) window.open(info.url);
   */
  joinInfo(appointment: Ref<Appointment>, options?: JoinInfoOptions): Promise<JoinInfo>;
  /**
   * The patient entered the virtual waiting room: Encounter `arrived` (created once per appointment).
   *
   * @example
   * await health.telemedicine.enterWaitingRoom(appointment, { signal });
   */
  enterWaitingRoom(appointment: Ref<Appointment>, options?: RequestOptions): Promise<Encounter>;
  /**
   * Doctor side: start the visit (Encounter `in-progress`, Appointment `arrived`).
   *
   * @example
   * const encounter = await health.telemedicine.startEncounter(appointment, { signal });
   */
  startEncounter(appointment: Ref<Appointment>, options?: RequestOptions): Promise<Encounter>;
  /**
   * Doctor side: finish the visit (Encounter `finished`, Appointment `fulfilled`).
   *
   * @example
   * await health.telemedicine.finishEncounter(appointment, { signal });
   */
  finishEncounter(appointment: Ref<Appointment>, options?: RequestOptions): Promise<Encounter>;
  /**
   * Ask another facility or doctor for a remote consultation (hội chẩn từ xa): a ServiceRequest,
   * a Task to track it and the question as the first Communication, in one transaction.
   *
   * @example
   * const consult = await health.telemedicine.requestConsult(
   *   { patient: 'p1', from: 'Practitioner/d1', to: 'Organization/bv-nhi-tw', question: 'Xin ý kiến về phim X-quang' },
   *   { signal },
   * );
   */
  requestConsult(input: ConsultRequestInput, options?: RequestOptions): Promise<Consult>;
  /**
   * One teleconsultation with its messages.
   *
   * @example
   * const consult = await health.telemedicine.getConsult(taskId, { signal });
   */
  getConsult(id: string, options?: RequestOptions): Promise<Consult>;
  /**
   * Teleconsultations by requester, owner, patient or status (messages not loaded).
   *
   * @example
   * const inbox = await health.telemedicine.listConsults({ owner: 'Organization/bv-nhi-tw', status: 'requested' });
   */
  listConsults(query?: ListConsultsQuery): Promise<Consult[]>;
  /**
   * Reply to a teleconsultation and optionally move its status (e.g. `completed`).
   *
   * @example
   * await health.telemedicine.replyConsult(consult, { from: 'Practitioner/d9', text: 'Đồng ý chẩn đoán', status: 'completed' });
   */
  replyConsult(
    consult: Consult | string,
    reply: ConsultReplyInput,
    options?: RequestOptions,
  ): Promise<Consult>;
}

/**
 * Create the telemedicine client over a FHIR client (`createHealthClient` does this for you:
 * `health.telemedicine`). Every method is a real property (`'book' in telemedicine` is true) whose
 * module loads with `import()` on its first call.
 *
 * @example
 * import { createFhirClient } from '@vnhealth/core';
 * import { createTelemedicineClient } from '@vnhealth/core/telemedicine';
 *
 * const telemedicine = createTelemedicineClient(createFhirClient({ baseUrl }), {
 *   videoUrl: (appointment) => `https://meet.example.vn/${appointment.identifier?.[0]?.value}`,
 * });
 * const offerings = await telemedicine.findServices({ specialty: 'cardiology' });
 */
export function createTelemedicineClient(
  fhir: FhirClient,
  options: TelemedicineClientOptions = {},
): TelemedicineClient {
  const ctx: TelemedicineContext = {
    fhir,
    now: options.now ?? (() => new Date()),
    alternatives: options.alternatives ?? 3,
    useServerBook: options.useServerBook ?? true,
    videoUrl: options.videoUrl,
  };
  const discovery = () => import('./discovery.ts');
  const slots = () => import('./slots.ts');
  const booking = () => import('./booking.ts');
  const visits = () => import('./visits.ts');
  const consults = () => import('./consults.ts');
  return {
    findServices: async (query, o) => (await discovery()).findServices(ctx, query, o),
    findSlots: async (query, o) => (await slots()).findSlots(ctx, query, o),
    nextAvailable: async (query, o) => (await slots()).nextAvailable(ctx, query, o),
    book: async (request, o) => (await booking()).book(ctx, request, o),
    cancel: async (appointment, reason, o) => (await booking()).cancel(ctx, appointment, reason, o),
    reschedule: async (appointment, slot, o) =>
      (await booking()).reschedule(ctx, appointment, slot, o),
    listAppointments: async (patientId, o) => (await visits()).listAppointments(ctx, patientId, o),
    summarize: async (appointment, o) => (await visits()).summarize(ctx, appointment, o),
    joinInfo: async (appointment, o) => (await visits()).joinInfo(ctx, appointment, o),
    enterWaitingRoom: async (appointment, o) =>
      (await visits()).updateEncounter(ctx, appointment, 'arrived', o),
    startEncounter: async (appointment, o) =>
      (await visits()).updateEncounter(ctx, appointment, 'in-progress', o),
    finishEncounter: async (appointment, o) =>
      (await visits()).updateEncounter(ctx, appointment, 'finished', o),
    requestConsult: async (input, o) => (await consults()).requestConsult(ctx, input, o),
    getConsult: async (id, o) => (await consults()).getConsult(ctx, id, o),
    listConsults: async (query) => (await consults()).listConsults(ctx, query),
    replyConsult: async (consult, reply, o) =>
      (await consults()).replyConsult(ctx, consult, reply, o),
  };
}

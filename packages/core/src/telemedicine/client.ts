import {
  HealthError,
  SlotUnavailableError,
  isConflictError,
  isNetworkError,
  isTimeoutError,
} from '../errors.ts';
import type {
  Appointment,
  Bundle,
  CapabilityStatement,
  CodeableConcept,
  Communication,
  Encounter,
  Extension,
  HealthcareService,
  Location,
  Organization,
  Practitioner,
  PractitionerRole,
  Reference,
  Resource,
  Schedule,
  ServiceRequest,
  Slot,
  Task,
} from '../fhir/index.ts';
import type {
  BundleEntryResult,
  BundleRequestEntry,
  FhirClient,
  RequestOptions,
} from '../http/types.ts';
import type { VnCoreProfile } from '../profiles/index.ts';
import { formatName } from '../vn/index.ts';
import {
  TelemedicineSystems,
  hasCoding,
  readVirtualService,
  specialtyByCodeOrKey,
  specialtyLabel,
  virtualServiceExtension,
  type ConsultMode,
} from './conventions.ts';
import { etagOf, toId, toReference, typeOf, uuid } from './refs.ts';
import { boundToMs, ictDate, ictTime, toIctIso } from './time.ts';
import type {
  AppointmentList,
  AppointmentSummary,
  BookRequest,
  Consult,
  ConsultReplyInput,
  ConsultRequestInput,
  ConsultStatus,
  FindServicesQuery,
  FindSlotsQuery,
  FreeSlot,
  JoinInfo,
  JoinInfoOptions,
  ListAppointmentsOptions,
  ListConsultsQuery,
  ConsultOffering,
  Ref,
  SlotAvailability,
  SlotDay,
} from './types.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Options of {@link createTelemedicineClient}. */
export interface TelemedicineClientOptions {
  /**
   * Use the server's `Appointment/$book` when its CapabilityStatement offers it.
   * @default true
   */
  useServerBook?: boolean;
  /**
   * How many nearest free slots a {@link SlotUnavailableError} carries.
   * @default 3
   */
  alternatives?: number;
  /**
   * Builds the video link of a new video booking when neither the HealthcareService nor the
   * PractitionerRole publishes one (`telecom` with `system: 'url'`). Leave unset when the
   * platform fills `addressUrl` itself.
   */
  videoUrl?: (appointment: Appointment) => string | undefined;
  /** The current time (tests). @default () => new Date() */
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
  const start = slot.start;
  const end = slot.end;
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

function initialsOf(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  if (!words.length) return '';
  const first = words.length > 1 ? words[words.length - 2] : words[0];
  const last = words[words.length - 1];
  return [...new Set([first, last])]
    .map((w) => (w ?? '').charAt(0).toLocaleUpperCase('vi'))
    .join('');
}

function textOf(concept: CodeableConcept | undefined): string {
  return (
    concept?.text ??
    concept?.coding?.find((c) => c.display)?.display ??
    concept?.coding?.[0]?.code ??
    ''
  );
}

function modesOf(...concepts: (readonly CodeableConcept[] | undefined)[]): ConsultMode[] {
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

function requiresApprovalOf(
  service: HealthcareService | undefined,
  role?: PractitionerRole,
): boolean {
  const flags = [...(service?.characteristic ?? []), ...(role?.code ?? [])];
  return hasCoding(flags, 'requires-approval');
}

function provinceOf(...places: ({ address?: unknown } | undefined)[]): string | undefined {
  for (const place of places) {
    const address = place?.address;
    const list = Array.isArray(address) ? address : address ? [address] : [];
    for (const a of list as { state?: string; extension?: Extension[] }[]) {
      if (a.state) return a.state;
    }
  }
  return undefined;
}

function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/^(tinh|thanh pho|tp\.?)\s+/, '')
    .trim();
}

function httpLike(cause: unknown): { status: number; request: { method: string; path: string } } {
  const c = cause as { status?: number; request?: { method: string; path: string } } | undefined;
  return { status: c?.status ?? 409, request: c?.request ?? { method: 'POST', path: '/' } };
}

function firstOfType<T extends Resource>(body: unknown, type: T['resourceType']): T | undefined {
  const value = body as Resource | undefined;
  if (!value) return undefined;
  if (value.resourceType === type) return value as T;
  if (value.resourceType === 'Bundle') {
    return (value as Bundle).entry?.map((e) => e.resource).find((r) => r?.resourceType === type) as
      T | undefined;
  }
  if ((value.resourceType as string) === 'Parameters') {
    const params = (value as unknown as { parameter?: { resource?: Resource }[] }).parameter ?? [];
    for (const p of params) {
      const found = firstOfType<T>(p.resource, type);
      if (found) return found;
    }
  }
  return undefined;
}

function offersOperation(capabilities: CapabilityStatement, name: string): boolean {
  return (capabilities.rest ?? []).some(
    (rest) =>
      (rest.operation ?? []).some((op) => op.name === name || op.name === `$${name}`) ||
      (rest.resource ?? []).some(
        (r) =>
          r.type === 'Appointment' &&
          (r.operation ?? []).some((op) => op.name === name || op.name === `$${name}`),
      ),
  );
}

const SLOT_TAKEN = 'This slot was just taken by someone else. Choose another time.';
const NEW_TIME_TAKEN = 'The new time was just taken by someone else. Choose another time.';

/**
 * Create the telemedicine client over a FHIR client. `createHealthClient` does this for you
 * (`health.telemedicine`).
 *
 * @example
 * const telemedicine = createTelemedicineClient(createFhirClient({ baseUrl }), vnCoreMoh);
 * const offerings = await telemedicine.findServices({ specialty: 'cardiology' });
 */
export function createTelemedicineClient(
  fhir: FhirClient,
  _profile: VnCoreProfile,
  clientOptions: TelemedicineClientOptions = {},
): TelemedicineClient {
  const now = clientOptions.now ?? (() => new Date());
  const alternativeCount = clientOptions.alternatives ?? 3;

  /** Retry a safe read on a lost response; the transport may retry too, this covers the rest. */
  async function safe<T>(fn: () => Promise<T>, signal?: AbortSignal, attempts = 3): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await fn();
      } catch (error) {
        if (
          signal?.aborted ||
          attempt >= attempts ||
          !(isNetworkError(error) || isTimeoutError(error))
        )
          throw error;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  }

  function fresh(options?: RequestOptions): RequestOptions {
    return { ...options, cache: 'reload' };
  }

  async function readFresh<K extends 'Slot' | 'Appointment' | 'Task' | 'Encounter'>(
    type: K,
    id: string,
    options?: RequestOptions,
  ) {
    return safe(() => fhir.read(type, id, fresh(options)), options?.signal);
  }

  async function readMaybe<T extends Resource>(
    reference: string | undefined,
    options?: RequestOptions,
  ): Promise<T | undefined> {
    if (!reference || !reference.includes('/')) return undefined;
    const [type, id] = reference.split('/') as [string, string];
    try {
      return (await safe(
        () => fhir.read(type as never, id, options),
        options?.signal,
      )) as unknown as T;
    } catch (error) {
      if (options?.signal?.aborted) throw error;
      return undefined;
    }
  }

  async function findByKey<T extends Resource>(
    type: 'Appointment' | 'ServiceRequest',
    key: string,
    options?: RequestOptions,
  ): Promise<T | undefined> {
    const result = await safe(
      () =>
        fhir.search(
          type,
          { identifier: `${TelemedicineSystems.idempotencyKey}|${key}`, _count: 2 },
          fresh(options),
        ),
      options?.signal,
    );
    return result.resources[0] as T | undefined;
  }

  async function schedulesFor(query: FindSlotsQuery, options?: RequestOptions): Promise<string[]> {
    if (query.schedule) return [toReference(query.schedule, 'Schedule')];
    if (query.practitionerRole) {
      const role = toReference(query.practitionerRole, 'PractitionerRole');
      const result = await safe(
        () => fhir.search('Schedule', { actor: role, _count: 50 }, options),
        options?.signal,
      );
      return result.resources.filter((s) => s.active !== false).map((s) => `Schedule/${s.id}`);
    }
    if (query.service) {
      const service = toReference(query.service, 'HealthcareService');
      const direct = await safe(
        () => fhir.search('Schedule', { actor: service, _count: 50 }, options),
        options?.signal,
      );
      if (direct.resources.length)
        return direct.resources.filter((s) => s.active !== false).map((s) => `Schedule/${s.id}`);
      const roles = await safe(
        () => fhir.search('PractitionerRole', { service, _count: 100 }, options),
        options?.signal,
      );
      if (!roles.resources.length) return [];
      const actors = roles.resources.map((r) => `PractitionerRole/${r.id}`);
      const schedules = await safe(
        () => fhir.search('Schedule', { actor: actors, _count: 200 }, options),
        options?.signal,
      );
      return schedules.resources.filter((s) => s.active !== false).map((s) => `Schedule/${s.id}`);
    }
    throw new TypeError('findSlots needs one of practitionerRole, service or schedule.');
  }

  async function freeSlotsBetween(
    schedules: string[],
    fromMs: number,
    toMs: number,
    pageSize: number,
    options?: RequestOptions,
    mode?: ConsultMode,
  ): Promise<FreeSlot[]> {
    if (!schedules.length || toMs <= fromMs) return [];
    const notBefore = Math.max(fromMs, now().getTime());
    const out: FreeSlot[] = [];
    const params = {
      schedule: schedules,
      status: 'free',
      start: `ge${new Date(fromMs).toISOString()}`,
      _sort: 'start',
      _count: pageSize,
    };
    let pages = 0;
    for await (const page of fhir.pages('Slot', params, options)) {
      pages += 1;
      let sorted = true;
      let previous = -Infinity;
      let beyond = false;
      for (const slot of page.resources) {
        const start = Date.parse(slot.start);
        if (start < previous) sorted = false;
        previous = start;
        if (start >= toMs) {
          beyond = true;
          continue;
        }
        if (slot.status !== 'free' || start < notBefore) continue;
        if (mode && !modesOf(slot.serviceType).includes(mode)) continue;
        out.push(toFreeSlot(slot));
      }
      if ((beyond && sorted) || pages >= 50) break;
    }
    return out.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  }

  async function availability(
    schedules: string[],
    fromMs: number,
    toMs: number,
    pageSize: number,
    query: FindSlotsQuery,
    options?: RequestOptions,
  ): Promise<SlotAvailability> {
    const slots = await freeSlotsBetween(schedules, fromMs, toMs, pageSize, options, query.mode);
    const span = toMs - fromMs;
    return {
      from: toIctIso(fromMs),
      to: toIctIso(toMs),
      days: groupByIctDay(slots),
      slots,
      schedules,
      next: (opts) => availability(schedules, toMs, toMs + span, pageSize, query, opts ?? options),
      nextAvailable: (opts) =>
        firstFree(schedules, toMs, opts?.horizonDays ?? 60, pageSize, opts ?? options, query.mode),
    };
  }

  async function firstFree(
    schedules: string[],
    fromMs: number,
    horizonDays: number,
    pageSize: number,
    options?: RequestOptions,
    mode?: ConsultMode,
  ): Promise<FreeSlot | undefined> {
    const step = 7 * DAY_MS;
    const end = fromMs + horizonDays * DAY_MS;
    for (let start = fromMs; start < end; start += step) {
      const slots = await freeSlotsBetween(
        schedules,
        start,
        Math.min(start + step, end),
        pageSize,
        options,
        mode,
      );
      if (slots[0]) return slots[0];
    }
    return undefined;
  }

  async function nearestAlternatives(slot: Slot, options?: RequestOptions): Promise<FreeSlot[]> {
    if (!alternativeCount || !slot.schedule?.reference) return [];
    try {
      const target = Date.parse(slot.start);
      const slotModes = modesOf(slot.serviceType);
      const fromMs = Math.max(now().getTime(), target - 3 * DAY_MS);
      const candidates = await freeSlotsBetween(
        [toReference(slot.schedule, 'Schedule')],
        fromMs,
        Math.max(fromMs, target) + 14 * DAY_MS,
        100,
        { ...fresh(options) },
        slotModes.length === 1 ? slotModes[0] : undefined,
      );
      return candidates
        .filter((c) => c.id !== slot.id)
        .sort(
          (a, b) => Math.abs(Date.parse(a.start) - target) - Math.abs(Date.parse(b.start) - target),
        )
        .slice(0, alternativeCount)
        .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    } catch (error) {
      if (options?.signal?.aborted) throw error;
      return [];
    }
  }

  async function unavailable(
    slot: Slot,
    message: string,
    cause: unknown,
    options?: RequestOptions,
  ): Promise<never> {
    const error = new SlotUnavailableError(message, { ...httpLike(cause), cause });
    error.alternatives = await nearestAlternatives(slot, options);
    throw error;
  }

  interface ScheduleContext {
    schedule: Schedule | undefined;
    role: PractitionerRole | undefined;
    service: HealthcareService | undefined;
    actors: Reference[];
  }

  async function contextOf(
    slot: Slot,
    serviceRef: unknown,
    mode: ConsultMode | undefined,
    options?: RequestOptions,
  ): Promise<ScheduleContext> {
    const schedule = await readMaybe<Schedule>(
      slot.schedule?.reference ? toReference(slot.schedule, 'Schedule') : undefined,
      options,
    );
    const actors = (schedule?.actor ?? []).map((a) => ({
      ...a,
      reference: toReference(a, 'Schedule'),
    }));
    const roleRef = actors.find((a) => typeOf(a.reference) === 'PractitionerRole')?.reference;
    const role = await readMaybe<PractitionerRole>(roleRef, options);
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
          [...new Set(candidates)].map((r) => readMaybe<HealthcareService>(r, options)),
        )
      ).filter((x): x is HealthcareService => Boolean(x));
      service = (mode && services.find((x) => hasCoding(x.characteristic, mode))) ?? services[0];
    }
    // Keep only the Location(s) of the chosen service (a doctor may have a clinic and a video room).
    const serviceLocations = new Set(
      (service?.location ?? []).map((l) => toReference(l, 'Location')),
    );
    const kept = serviceLocations.size
      ? actors.filter(
          (a) => typeOf(a.reference) !== 'Location' || serviceLocations.has(a.reference),
        )
      : actors;
    return { schedule, role, service, actors: kept };
  }

  function videoUrlOf(ctx: ScheduleContext): string | undefined {
    const telecom = [...(ctx.service?.telecom ?? []), ...(ctx.role?.telecom ?? [])];
    return telecom.find((t) => t.system === 'url' && t.value)?.value;
  }

  function participantsOf(
    ctx: ScheduleContext,
    approval: boolean,
  ): NonNullable<Appointment['participant']> {
    return ctx.actors
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

  async function bookOnce(
    request: BookRequest,
    key: string,
    options?: RequestOptions,
  ): Promise<Appointment> {
    const slotId = toId(request.slot, 'Slot');
    const slot = await readFresh('Slot', slotId, options);
    if (slot.status !== 'free') {
      return unavailable(
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
    const ctx = await contextOf(slot, request.service, request.mode, options);
    const approval = requiresApprovalOf(ctx.service, ctx.role);
    const patient = toReference(request.patient, 'Patient');
    const extension: Extension[] = [];
    if (request.mode === 'video') {
      extension.push(virtualServiceExtension({ channel: 'vtelehealth', url: videoUrlOf(ctx) }));
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
      ...(ctx.service?.category ? { serviceCategory: ctx.service.category } : {}),
      ...((slot.serviceType ?? ctx.service?.type)
        ? { serviceType: slot.serviceType ?? ctx.service?.type }
        : {}),
      ...((slot.specialty ?? ctx.role?.specialty)
        ? { specialty: slot.specialty ?? ctx.role?.specialty }
        : {}),
      appointmentType: {
        coding: [{ system: TelemedicineSystems.appointmentReason, code: 'ROUTINE' }],
      },
      reasonCode: [{ text: request.reason }],
      description: request.reason.slice(0, 200),
      start: slot.start,
      end: slot.end,
      minutesDuration: Math.round((Date.parse(slot.end) - Date.parse(slot.start)) / MINUTE_MS),
      slot: [{ reference: `Slot/${slotId}` }],
      created: now().toISOString(),
      participant: [
        { actor: { reference: patient }, required: 'required', status: 'accepted' },
        ...participantsOf(ctx, approval),
      ],
      ...(extension.length ? { extension } : {}),
    };
    if (request.mode === 'video' && !videoUrlOf(ctx) && clientOptions.videoUrl) {
      const url = clientOptions.videoUrl(appointment);
      if (url)
        appointment.extension = [
          virtualServiceExtension({ channel: 'vtelehealth', url }),
          ...extension.slice(1),
        ];
    }

    if (clientOptions.useServerBook !== false) {
      const capabilities = await fhir.capabilities(options).catch(() => undefined);
      if (capabilities && offersOperation(capabilities, 'book')) {
        try {
          const body = await fhir.operation('Appointment/$book', {
            ...options,
            method: 'POST',
            body: {
              resourceType: 'Parameters',
              parameter: [{ name: 'appt-resource', resource: appointment }],
            } as unknown as Resource,
          });
          const booked = firstOfType<Appointment>(body, 'Appointment');
          if (booked) return booked;
          const found = await findByKey<Appointment>('Appointment', key, options);
          if (found) return found;
          throw new HealthError('The server accepted $book but returned no Appointment.');
        } catch (error) {
          if (isConflictError(error)) {
            return unavailable(slot, SLOT_TAKEN, error, options);
          }
          throw error;
        }
      }
    }

    const etag = etagOf(slot);
    if (!etag) {
      throw new HealthError(
        'The server returned the Slot without meta.versionId, so it cannot be booked safely. Enable resource versioning on the FHIR server.',
      );
    }
    const entries: BundleRequestEntry[] = [
      {
        fullUrl: `urn:uuid:${uuid()}`,
        resource: { ...slot, status: approval ? 'busy-tentative' : 'busy' },
        request: { method: 'PUT', url: `Slot/${slotId}`, ifMatch: etag },
      },
      {
        fullUrl: `urn:uuid:${uuid()}`,
        resource: appointment,
        request: {
          method: 'POST',
          url: 'Appointment',
          ifNoneExist: `identifier=${encodeURIComponent(`${TelemedicineSystems.idempotencyKey}|${key}`)}`,
        },
      },
    ];
    let results: BundleEntryResult[];
    try {
      results = await fhir.transaction(entries, { ...options, retry: true });
    } catch (error) {
      if (isConflictError(error)) {
        // A retried request of ours may have won already; otherwise someone else did.
        const mine = await findByKey<Appointment>('Appointment', key, options);
        if (mine) return mine;
        return unavailable(slot, SLOT_TAKEN, error, options);
      }
      throw error;
    }
    const created = results[1];
    if (created?.resource?.resourceType === 'Appointment') return created.resource as Appointment;
    const mine = await findByKey<Appointment>('Appointment', key, options);
    if (mine) return mine;
    throw new HealthError(
      'The booking transaction succeeded but the Appointment could not be read back.',
    );
  }

  async function updateEncounter(
    appointmentRef: Ref<Appointment>,
    status: 'arrived' | 'in-progress' | 'finished',
    options?: RequestOptions,
  ): Promise<Encounter> {
    const id = toId(appointmentRef, 'Appointment');
    for (let attempt = 1; ; attempt += 1) {
      const appointment = await readFresh('Appointment', id, options);
      const existing = (
        await safe(
          () =>
            fhir.search(
              'Encounter',
              { appointment: `Appointment/${id}`, _count: 1 },
              fresh(options),
            ),
          options?.signal,
        )
      ).resources[0];
      const order = ['planned', 'arrived', 'triaged', 'in-progress', 'onleave', 'finished'];
      if (existing && order.indexOf(existing.status) >= order.indexOf(status)) return existing;
      const video = readVirtualService(appointment.extension);
      const nowIso = now().toISOString();
      const patient = appointment.participant.find(
        (p) => typeOf(p.actor?.reference ?? '') === 'Patient',
      )?.actor;
      const encounter: Encounter = {
        ...(existing ?? {
          resourceType: 'Encounter',
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
            ? {
                extension: [
                  virtualServiceExtension(video, TelemedicineSystems.encounterVirtualService),
                ],
              }
            : {}),
        }),
        status,
      };
      if (status === 'in-progress')
        encounter.period = { ...encounter.period, start: encounter.period?.start ?? nowIso };
      if (status === 'finished')
        encounter.period = { start: encounter.period?.start ?? nowIso, end: nowIso };
      const appointmentStatus: Appointment['status'] =
        status === 'finished' ? 'fulfilled' : status === 'in-progress' ? 'arrived' : 'checked-in';
      const appointmentEtag = etagOf(appointment);
      const entries: BundleRequestEntry[] = [
        existing
          ? {
              resource: encounter,
              request: {
                method: 'PUT',
                url: `Encounter/${existing.id}`,
                ...(etagOf(existing) ? { ifMatch: etagOf(existing) } : {}),
              },
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
          request: {
            method: 'PUT',
            url: `Appointment/${id}`,
            ...(appointmentEtag ? { ifMatch: appointmentEtag } : {}),
          },
        });
      }
      try {
        const results = await fhir.transaction(entries, { ...options, retry: true });
        const saved = results[0]?.resource;
        if (saved?.resourceType === 'Encounter') return saved as Encounter;
        const again = await fhir.search(
          'Encounter',
          { appointment: `Appointment/${id}`, _count: 1 },
          fresh(options),
        );
        if (again.resources[0]) return again.resources[0];
        throw new HealthError('The Encounter was saved but could not be read back.');
      } catch (error) {
        if (isConflictError(error) && attempt < 3) continue;
        throw error;
      }
    }
  }

  function buildConsult(
    task: Task,
    serviceRequest: ServiceRequest,
    messages: Communication[],
  ): Consult {
    return {
      id: task.id ?? '',
      status: task.status,
      question: serviceRequest.note?.[0]?.text ?? task.description ?? '',
      task,
      serviceRequest,
      messages,
    };
  }

  const client: TelemedicineClient = {
    async findServices(query, options) {
      const limit = query.limit ?? 50;
      const params: Record<string, string | number | string[]> = {
        active: 'true',
        _count: Math.min(200, limit * 2),
        _include: [
          'PractitionerRole:practitioner',
          'PractitionerRole:organization',
          'PractitionerRole:location',
          'PractitionerRole:service',
        ],
      };
      if (query.specialty) {
        const known = specialtyByCodeOrKey(query.specialty);
        params.specialty = known && !query.specialty.includes('|') ? known.code : query.specialty;
      }
      if (query.facility) params.organization = toReference(query.facility, 'Organization');
      if (query.practitionerRole) params._id = toId(query.practitionerRole, 'PractitionerRole');
      // _include must repeat, which SearchParams cannot express: send the first only and read the rest.
      const includes = params._include as string[];
      delete params._include;
      const result = await safe(
        () => fhir.search('PractitionerRole', { ...params, _include: includes[0] }, options),
        options?.signal,
      );
      const byRef = new Map<string, Resource>();
      for (const r of result.included) if (r.id) byRef.set(`${r.resourceType}/${r.id}`, r);
      const wanted = new Set<string>();
      for (const role of result.resources) {
        for (const ref of [
          role.practitioner,
          role.organization,
          ...(role.location ?? []),
          ...(role.healthcareService ?? []),
        ]) {
          if (ref?.reference) wanted.add(toReference(ref, 'Resource'));
        }
      }
      await Promise.all(
        [...wanted]
          .filter((ref) => !byRef.has(ref))
          .map(async (ref) => {
            const found = await readMaybe(ref, options);
            if (found) byRef.set(ref, found);
          }),
      );
      const get = <T extends Resource>(ref: Reference | undefined): T | undefined =>
        ref?.reference ? (byRef.get(toReference(ref, 'Resource')) as T | undefined) : undefined;
      const offerings: ConsultOffering[] = [];
      for (const role of result.resources) {
        if (role.active === false || !role.id) continue;
        const practitioner = get<Practitioner>(role.practitioner);
        const organization = get<Organization>(role.organization);
        const services = (role.healthcareService ?? [])
          .map((r) => get<HealthcareService>(r))
          .filter((x): x is HealthcareService => Boolean(x));
        const modes = modesOf(...services.map((x) => x.characteristic), role.code);
        if (query.mode && !modes.includes(query.mode)) continue;
        const service =
          (query.mode && services.find((x) => hasCoding(x.characteristic, query.mode ?? ''))) ??
          services[0];
        const locations = (role.location ?? [])
          .map((r) => get<Location>(r))
          .filter((x): x is Location => Boolean(x));
        const location = locations.find((l) => l.address) ?? locations[0];
        const province = provinceOf(location, organization);
        if (query.province) {
          const wantedProvince = fold(query.province);
          const has = [
            province,
            ...(organization?.address ?? []).map((a) => a.city),
            location?.address?.city,
          ]
            .filter((p): p is string => Boolean(p))
            .some((p) => fold(p) === wantedProvince);
          if (!has) continue;
        }
        const name = formatName(practitioner?.name) || role.practitioner?.display || '';
        const photo = practitioner?.photo?.[0];
        offerings.push({
          id: role.id,
          practitionerRole: role,
          practitioner,
          service,
          organization,
          location,
          practitionerName: name,
          initials: initialsOf(name),
          photoUrl:
            photo?.url ??
            (photo?.data
              ? `data:${photo.contentType ?? 'image/jpeg'};base64,${photo.data}`
              : undefined),
          specialties: role.specialty ?? service?.specialty ?? [],
          languages: [
            ...new Set(
              (practitioner?.communication ?? service?.communication ?? [])
                .map((c) => c.coding?.[0]?.code ?? c.text)
                .filter((c): c is string => Boolean(c)),
            ),
          ],
          qualifications: (practitioner?.qualification ?? [])
            .map((q) => textOf(q.code))
            .filter(Boolean),
          facility: {
            id:
              organization?.id ??
              (role.organization
                ? toReference(role.organization, 'Organization').split('/')[1]
                : undefined),
            name: organization?.name ?? role.organization?.display ?? location?.name ?? '',
            province,
          },
          modes,
          requiresApproval: requiresApprovalOf(service, role),
        });
        if (offerings.length >= limit) break;
      }
      return offerings.sort((a, b) => a.practitionerName.localeCompare(b.practitionerName, 'vi'));
    },

    async findSlots(query, options) {
      const nowMs = now().getTime();
      const fromMs = query.from !== undefined ? boundToMs(query.from) : nowMs;
      const toMs = query.to !== undefined ? boundToMs(query.to) : fromMs + 7 * DAY_MS;
      const schedules = await schedulesFor(query, options);
      return availability(schedules, fromMs, toMs, query.pageSize ?? 100, query, options);
    },

    async nextAvailable(query, options) {
      const schedules = await schedulesFor(query, options);
      const fromMs = query.from !== undefined ? boundToMs(query.from) : now().getTime();
      return firstFree(
        schedules,
        fromMs,
        options?.horizonDays ?? 60,
        query.pageSize ?? 100,
        options,
        query.mode,
      );
    },

    async book(request, options) {
      if (!request.reason?.trim()) throw new TypeError('book() needs a reason for the visit.');
      const key = request.idempotencyKey ?? uuid();
      const existing = await findByKey<Appointment>('Appointment', key, options);
      if (existing) return existing;
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await bookOnce(request, key, options);
        } catch (error) {
          // A lost response: the booking may or may not have happened. The key tells.
          if (
            options?.signal?.aborted ||
            !(isNetworkError(error) || isTimeoutError(error)) ||
            attempt >= 4
          )
            throw error;
          const mine = await findByKey<Appointment>('Appointment', key, options).catch(
            () => undefined,
          );
          if (mine) return mine;
          await new Promise((r) => setTimeout(r, 100 * attempt));
        }
      }
    },

    async cancel(appointmentRef, reason, options) {
      const id = toId(appointmentRef, 'Appointment');
      for (let attempt = 1; ; attempt += 1) {
        const appointment = await readFresh('Appointment', id, options);
        if (appointment.status === 'cancelled') return appointment;
        const slots = await Promise.all(
          (appointment.slot ?? []).map((s) => readFresh('Slot', toId(s, 'Slot'), options)),
        );
        const entries: BundleRequestEntry[] = [
          {
            resource: {
              ...appointment,
              status: 'cancelled',
              cancelationReason: { text: reason },
              participant: appointment.participant,
            },
            request: { method: 'PUT', url: `Appointment/${id}`, ifMatch: etagOf(appointment) },
          },
          ...slots
            .filter((s) => s.status === 'busy' || s.status === 'busy-tentative')
            .map((s): BundleRequestEntry => ({
              resource: { ...s, status: 'free' },
              request: { method: 'PUT', url: `Slot/${s.id}`, ifMatch: etagOf(s) },
            })),
        ];
        try {
          const results = await fhir.transaction(entries, { ...options, retry: true });
          return (
            (results[0]?.resource as Appointment | undefined) ??
            (await readFresh('Appointment', id, options))
          );
        } catch (error) {
          if (isConflictError(error) && attempt < 3) continue;
          if ((isNetworkError(error) || isTimeoutError(error)) && attempt < 3) continue;
          throw error;
        }
      }
    },

    async reschedule(appointmentRef, newSlotRef, options) {
      const id = toId(appointmentRef, 'Appointment');
      const newSlotId = toId(newSlotRef, 'Slot');
      for (let attempt = 1; ; attempt += 1) {
        const appointment = await readFresh('Appointment', id, options);
        if ((appointment.slot ?? []).some((s) => toId(s, 'Slot') === newSlotId)) return appointment;
        if (['cancelled', 'fulfilled', 'entered-in-error', 'noshow'].includes(appointment.status)) {
          throw new HealthError(
            `This appointment is ${appointment.status} and cannot be rescheduled; book a new one.`,
          );
        }
        const newSlot = await readFresh('Slot', newSlotId, options);
        if (newSlot.status !== 'free') {
          return unavailable(newSlot, NEW_TIME_TAKEN, undefined, options);
        }
        const oldSlots = await Promise.all(
          (appointment.slot ?? []).map((s) => readFresh('Slot', toId(s, 'Slot'), options)),
        );
        const tentative = appointment.status === 'proposed' || appointment.status === 'pending';
        let participant = appointment.participant;
        const oldSchedule = oldSlots[0]?.schedule?.reference;
        if (
          newSlot.schedule?.reference &&
          oldSchedule &&
          toReference(newSlot.schedule, 'Schedule') !== toReference(oldSchedule, 'Schedule')
        ) {
          const ctx = await contextOf(newSlot, undefined, appointmentMode(appointment), options);
          participant = [
            ...appointment.participant.filter(
              (p) => typeOf(p.actor?.reference ?? '') === 'Patient',
            ),
            ...participantsOf(ctx, tentative),
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
              request: { method: 'PUT', url: `Slot/${s.id}`, ifMatch: etagOf(s) },
            })),
          {
            resource: { ...newSlot, status: tentative ? 'busy-tentative' : 'busy' },
            request: { method: 'PUT', url: `Slot/${newSlotId}`, ifMatch: etagOf(newSlot) },
          },
          {
            resource: updated,
            request: { method: 'PUT', url: `Appointment/${id}`, ifMatch: etagOf(appointment) },
          },
        ];
        try {
          const results = await fhir.transaction(entries, { ...options, retry: true });
          const saved = results[results.length - 1]?.resource;
          return saved?.resourceType === 'Appointment'
            ? (saved as Appointment)
            : await readFresh('Appointment', id, options);
        } catch (error) {
          if (isConflictError(error) || isNetworkError(error) || isTimeoutError(error)) {
            if (attempt < 3) continue;
            if (isConflictError(error)) {
              return unavailable(newSlot, NEW_TIME_TAKEN, error, options);
            }
          }
          throw error;
        }
      }
    },

    async listAppointments(patientId, options = {}) {
      const wantUpcoming = options.upcoming ?? true;
      const wantPast = options.past ?? true;
      const limit = options.limit ?? 100;
      const nowMs = (options.now ?? now()).getTime();
      const patient = toReference(patientId, 'Patient');
      const all: Appointment[] = [];
      for await (const page of fhir.pages(
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
      const upcoming = wantUpcoming
        ? visible
            .filter(isUpcoming)
            .sort((a, b) => Date.parse(a.start ?? '') - Date.parse(b.start ?? ''))
            .slice(0, limit)
        : [];
      const past = wantPast
        ? visible
            .filter((a) => !isUpcoming(a))
            .sort((a, b) => Date.parse(b.start ?? '') - Date.parse(a.start ?? ''))
            .slice(0, limit)
        : [];
      return {
        upcoming: await Promise.all(upcoming.map((a) => client.summarize(a, options))),
        past: await Promise.all(past.map((a) => client.summarize(a, options))),
      };
    },

    async summarize(appointment, options) {
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
              practitionerRef && toReference(practitionerRef, 'Practitioner'),
              options,
            ),
        locationRef?.display
          ? undefined
          : readMaybe<Location>(locationRef && toReference(locationRef, 'Location'), options),
        readMaybe<HealthcareService>(
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
    },

    async joinInfo(appointmentRef, options = {}) {
      const appointment =
        typeof appointmentRef === 'object' &&
        'resourceType' in appointmentRef &&
        appointmentRef.status
          ? appointmentRef
          : await readFresh('Appointment', toId(appointmentRef, 'Appointment'), options);
      const nowMs = (options.now ?? now()).getTime();
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
      let encounter: Encounter | undefined;
      if (options.withEncounter !== false && appointment.id) {
        const result = await safe(
          () =>
            fhir.search(
              'Encounter',
              { appointment: `Appointment/${appointment.id}`, _count: 1 },
              fresh(options),
            ),
          options.signal,
        );
        encounter = result.resources[0];
      }
      const virtualService =
        readVirtualService(encounter?.extension) ?? readVirtualService(appointment.extension);
      const isVideo =
        Boolean(virtualService) ||
        encounter?.class?.code === 'VR' ||
        appointmentMode(appointment) === 'video';
      const url = virtualService?.url;
      let state: JoinInfo['state'];
      if (['cancelled', 'noshow', 'entered-in-error'].includes(appointment.status))
        state = 'cancelled';
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
    },

    enterWaitingRoom(appointment, options) {
      return updateEncounter(appointment, 'arrived', options);
    },
    startEncounter(appointment, options) {
      return updateEncounter(appointment, 'in-progress', options);
    },
    finishEncounter(appointment, options) {
      return updateEncounter(appointment, 'finished', options);
    },

    async requestConsult(input, options) {
      if (!input.question.trim()) throw new TypeError('requestConsult() needs a question.');
      const key = input.idempotencyKey ?? uuid();
      const existing = await findByKey<ServiceRequest>('ServiceRequest', key, options);
      if (existing?.id) {
        const tasks = await fhir.search(
          'Task',
          { focus: `ServiceRequest/${existing.id}`, _count: 1 },
          fresh(options),
        );
        if (tasks.resources[0]?.id) return client.getConsult(tasks.resources[0].id, options);
      }
      const patient = { reference: toReference(input.patient, 'Patient') };
      const from = { reference: toReference(input.from, 'Practitioner') };
      const to = { reference: toReference(input.to, 'Organization') };
      const identifier = [{ system: TelemedicineSystems.idempotencyKey, value: key }];
      const category = {
        coding: [
          {
            system: TelemedicineSystems.teleconsultation,
            code: 'teleconsultation',
            display: 'Hội chẩn từ xa',
          },
        ],
        text: 'Hội chẩn từ xa',
      };
      const authoredOn = now().toISOString();
      const srUrl = `urn:uuid:${uuid()}`;
      const taskUrl = `urn:uuid:${uuid()}`;
      const ifNoneExist = `identifier=${encodeURIComponent(`${TelemedicineSystems.idempotencyKey}|${key}`)}`;
      const serviceRequest: ServiceRequest = {
        resourceType: 'ServiceRequest',
        identifier,
        status: 'active',
        intent: 'order',
        priority: input.priority ?? 'routine',
        category: [category],
        code: {
          coding: [
            { system: TelemedicineSystems.snomed, code: '11429006', display: 'Consultation' },
          ],
          text: 'Hội chẩn từ xa',
        },
        subject: patient,
        requester: from as ServiceRequest['requester'],
        performer: [to as NonNullable<ServiceRequest['performer']>[number]],
        authoredOn,
        note: [{ text: input.question }],
      };
      const task: Task = {
        resourceType: 'Task',
        identifier,
        status: 'requested',
        intent: 'order',
        priority: input.priority ?? 'routine',
        code: category,
        description: input.question.slice(0, 500),
        focus: { reference: srUrl },
        basedOn: [{ reference: srUrl }],
        for: patient,
        authoredOn,
        lastModified: authoredOn,
        requester: from as Task['requester'],
        owner: to as Task['owner'],
      };
      const message: Communication = {
        resourceType: 'Communication',
        identifier,
        status: 'completed',
        category: [category],
        basedOn: [{ reference: srUrl }],
        partOf: [{ reference: taskUrl }],
        subject: patient,
        sender: from as Communication['sender'],
        recipient: [to as NonNullable<Communication['recipient']>[number]],
        sent: authoredOn,
        payload: [
          { contentString: input.question },
          ...(input.attachments ?? []).map((a) => ({ contentAttachment: a })),
        ],
      };
      const entries: BundleRequestEntry[] = [
        {
          fullUrl: srUrl,
          resource: serviceRequest,
          request: { method: 'POST', url: 'ServiceRequest', ifNoneExist },
        },
        { fullUrl: taskUrl, resource: task, request: { method: 'POST', url: 'Task', ifNoneExist } },
        {
          fullUrl: `urn:uuid:${uuid()}`,
          resource: message,
          request: { method: 'POST', url: 'Communication', ifNoneExist },
        },
      ];
      let results: BundleEntryResult[];
      try {
        results = await fhir.transaction(entries, { ...options, retry: true });
      } catch (error) {
        if (!(isNetworkError(error) || isTimeoutError(error) || isConflictError(error)))
          throw error;
        const again = await findByKey<ServiceRequest>('ServiceRequest', key, options);
        if (!again?.id) throw error;
        const tasks = await fhir.search(
          'Task',
          { focus: `ServiceRequest/${again.id}`, _count: 1 },
          fresh(options),
        );
        if (!tasks.resources[0]?.id) throw error;
        return client.getConsult(tasks.resources[0].id, options);
      }
      const [sr, tk, msg] = results.map((r) => r.resource);
      if (sr?.resourceType === 'ServiceRequest' && tk?.resourceType === 'Task') {
        return buildConsult(
          tk as Task,
          sr as ServiceRequest,
          msg?.resourceType === 'Communication' ? [msg as Communication] : [],
        );
      }
      const location = results[1]?.location;
      if (location) return client.getConsult(toId(location, 'Task'), options);
      throw new HealthError('The consult was created but could not be read back.');
    },

    async getConsult(id, options) {
      const task = await readFresh('Task', toId(id, 'Task'), options);
      const focus = task.focus?.reference ?? task.basedOn?.[0]?.reference;
      if (!focus)
        throw new HealthError(`Task/${task.id} is not a teleconsultation (it has no focus).`);
      const serviceRequest = await safe(
        () => fhir.read('ServiceRequest', toId(focus, 'ServiceRequest'), fresh(options)),
        options?.signal,
      );
      const messages: Communication[] = [];
      for await (const page of fhir.pages(
        'Communication',
        { 'based-on': `ServiceRequest/${serviceRequest.id}`, _count: 100 },
        fresh(options),
      )) {
        messages.push(...page.resources);
      }
      messages.sort((a, b) => Date.parse(a.sent ?? '') - Date.parse(b.sent ?? ''));
      return buildConsult(task, serviceRequest, messages);
    },

    async listConsults(query = {}) {
      const params: Record<string, string | number | string[]> = {
        code: `${TelemedicineSystems.teleconsultation}|teleconsultation`,
        _sort: '-authored-on',
        _count: query.limit ?? 50,
      };
      if (query.requester) params.requester = query.requester;
      if (query.owner) params.owner = query.owner;
      if (query.patient) params.patient = toReference(query.patient, 'Patient');
      if (query.status)
        params.status = Array.isArray(query.status) ? query.status : [query.status as string];
      const result = await safe(() => fhir.search('Task', params, query), query.signal);
      return Promise.all(
        result.resources.map(async (task) => {
          const focus = task.focus?.reference;
          const sr =
            (result.included.find(
              (r) => focus && `${r.resourceType}/${r.id}` === toReference(focus, 'ServiceRequest'),
            ) as ServiceRequest | undefined) ??
            (await readMaybe<ServiceRequest>(focus && toReference(focus, 'ServiceRequest'), query));
          return buildConsult(
            task,
            sr ?? {
              resourceType: 'ServiceRequest',
              status: 'unknown',
              intent: 'order',
              subject: task.for ?? {},
            },
            [],
          );
        }),
      );
    },

    async replyConsult(consult, reply, options) {
      const taskId = typeof consult === 'string' ? toId(consult, 'Task') : consult.id;
      const replyKey = uuid();
      for (let attempt = 1; ; attempt += 1) {
        const task = await readFresh('Task', taskId, options);
        const focus = task.focus?.reference ?? '';
        const sent = now().toISOString();
        const key = replyKey;
        const message: Communication = {
          resourceType: 'Communication',
          identifier: [{ system: TelemedicineSystems.idempotencyKey, value: key }],
          status: 'completed',
          category: [
            {
              coding: [{ system: TelemedicineSystems.teleconsultation, code: 'teleconsultation' }],
            },
          ],
          basedOn: [{ reference: toReference(focus, 'ServiceRequest') }],
          partOf: [{ reference: `Task/${taskId}` }],
          ...(task.for ? { subject: task.for } : {}),
          sender: { reference: toReference(reply.from, 'Practitioner') } as Communication['sender'],
          ...(task.requester
            ? { recipient: [task.requester as NonNullable<Communication['recipient']>[number]] }
            : {}),
          sent,
          payload: [
            { contentString: reply.text },
            ...(reply.attachments ?? []).map((a) => ({ contentAttachment: a })),
          ],
        };
        const entries: BundleRequestEntry[] = [
          {
            fullUrl: `urn:uuid:${uuid()}`,
            resource: message,
            request: {
              method: 'POST',
              url: 'Communication',
              ifNoneExist: `identifier=${encodeURIComponent(`${TelemedicineSystems.idempotencyKey}|${key}`)}`,
            },
          },
        ];
        if (reply.status && reply.status !== task.status) {
          entries.push({
            resource: { ...task, status: reply.status as ConsultStatus, lastModified: sent },
            request: { method: 'PUT', url: `Task/${taskId}`, ifMatch: etagOf(task) },
          });
        }
        try {
          await fhir.transaction(entries, { ...options, retry: true });
          return client.getConsult(taskId, options);
        } catch (error) {
          if (isConflictError(error) && attempt < 3) continue;
          throw error;
        }
      }
    },
  };
  return client;
}

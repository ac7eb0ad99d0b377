/**
 * Fixtures of `<vnh-consult-booking>`: an in-memory telemedicine client (no network) with two
 * doctors, four weeks of slots around today (in ICT, including a fully booked day and a 23:45
 * slot), and variants for loading, errors, the "slot just taken" path, English and dark.
 */
import {
  SlotUnavailableError,
  createHealthClient,
  type Appointment,
  type BookRequest,
  type ConsultOffering,
  type FindSlotsQuery,
  type FreeSlot,
  type HealthClient,
  type Slot,
  type TelemedicineClient,
} from '@vnhealth/core';
import { addDays, groupByIctDay, ictToday, toFreeSlot } from '@vnhealth/core/telemedicine';
import { createFixtureClient } from '../shared/fixture-client.ts';
import type { Fixture } from '../shared/fixtures.ts';

const CARDIOLOGY = {
  coding: [{ system: 'http://snomed.info/sct', code: '394579002', display: 'Cardiology' }],
  text: 'Tim mạch',
};
const PEDIATRICS = {
  coding: [{ system: 'http://snomed.info/sct', code: '394537008', display: 'Paediatrics' }],
  text: 'Nhi khoa',
};

function offering(
  id: string,
  name: string,
  initials: string,
  specialty: typeof CARDIOLOGY,
  facility: string,
  languages: string[],
): ConsultOffering {
  return {
    id,
    practitionerRole: { resourceType: 'PractitionerRole', id, specialty: [specialty] },
    practitioner: undefined,
    service: undefined,
    organization: undefined,
    location: undefined,
    practitionerName: name,
    initials,
    photoUrl: undefined,
    specialties: [specialty],
    languages,
    qualifications: ['Bác sĩ chuyên khoa II'],
    facility: { id: 'org-1', name: facility, province: 'Vĩnh Long' },
    modes: ['video', 'in-person'],
    requiresApproval: false,
  };
}

/** Two doctors. */
export const offerings: ConsultOffering[] = [
  offering('prr-1', 'Nguyễn Thanh Tùng', 'TT', CARDIOLOGY, 'Bệnh viện Đa khoa tỉnh Trà Vinh', [
    'vi',
    'en',
  ]),
  offering('prr-2', 'Trần Thị Mai', 'TM', PEDIATRICS, 'Bệnh viện Nhi Thái Bình', ['vi']),
];

function ict(day: string, hh: number, mm: number): string {
  return `${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+07:00`;
}

/** Free slots for a doctor: mornings every weekday for 4 weeks, day +2 fully booked, 23:45 on day +1. */
export function slotsFor(roleId: string, today: string = ictToday()): Slot[] {
  const out: Slot[] = [];
  for (let d = 1; d <= 28; d++) {
    const day = addDays(today, d);
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (dow === 0 || d === 2) continue;
    for (let minutes = 8 * 60; minutes < 10 * 60; minutes += 30) {
      const hh = Math.floor(minutes / 60);
      const mm = minutes % 60;
      out.push({
        resourceType: 'Slot',
        id: `${roleId}-${day}-${hh}${mm}`,
        meta: { versionId: '1' },
        schedule: { reference: `Schedule/${roleId}` },
        status: 'free',
        start: ict(day, hh, mm),
        end: ict(day, hh + (mm + 30 >= 60 ? 1 : 0), (mm + 30) % 60),
      });
    }
    if (d === 1) {
      out.push({
        resourceType: 'Slot',
        id: `${roleId}-${day}-2345`,
        schedule: { reference: `Schedule/${roleId}` },
        status: 'free',
        start: ict(day, 23, 45),
        end: ict(addDays(day, 1), 0, 0),
      });
    }
  }
  return out;
}

/** Options of {@link createBookingClient}. */
export interface BookingClientOptions {
  /** The first `book()` fails with SlotUnavailableError (someone else took the slot). */
  takenOnce?: boolean;
  /** `book()` never answers (to test double submission). */
  slowBook?: number;
  /** No doctors at all. */
  noDoctors?: boolean;
  /** Add this many free slots (06:00 to 21:55, several rooms at once) on the day after `today`. */
  denseDay?: number;
}

/** `count` free slots of `roleId` on `day`, 5 minutes apart from 06:00, rooms in parallel. */
export function denseSlots(roleId: string, day: string, count: number): Slot[] {
  return Array.from({ length: count }, (_, i) => {
    const minutes = 6 * 60 + (i % 192) * 5;
    const hh = Math.floor(minutes / 60);
    const mm = minutes % 60;
    const end = minutes + 5;
    return {
      resourceType: 'Slot' as const,
      id: `${roleId}-${day}-dense-${i}`,
      schedule: { reference: `Schedule/${roleId}` },
      status: 'free' as const,
      start: ict(day, hh, mm),
      end: ict(day, Math.floor(end / 60), end % 60),
    };
  });
}

/** An in-memory HealthClient whose `telemedicine` answers from the fixtures. */
export function createBookingClient(options: BookingClientOptions = {}): HealthClient & {
  bookCalls: BookRequest[];
  booked: Appointment[];
} {
  const base = createHealthClient({
    baseUrl: 'https://fixtures.invalid/fhir/R4',
    fetch: () => Promise.reject(new TypeError('Fixture clients never use the network.')),
  });
  const slots = new Map<string, Slot>();
  for (const o of offerings) for (const s of slotsFor(o.id)) slots.set(s.id ?? '', s);
  if (options.denseDay) {
    const day = addDays(ictToday(), 1);
    for (const s of denseSlots('prr-1', day, options.denseDay)) slots.set(s.id ?? '', s);
  }
  let takenLeft = options.takenOnce ? 1 : 0;
  const bookCalls: BookRequest[] = [];
  const booked: Appointment[] = [];
  const freeOf = (roleId: string, fromMs: number, toMs: number): FreeSlot[] =>
    [...slots.values()]
      .filter(
        (s) =>
          s.schedule.reference === `Schedule/${roleId}` &&
          s.status === 'free' &&
          Date.parse(s.start) >= fromMs &&
          Date.parse(s.start) < toMs,
      )
      .map(toFreeSlot);
  const bound = (v: string | Date | undefined, fallback: number) =>
    v === undefined
      ? fallback
      : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
        ? Date.parse(`${v}T00:00:00+07:00`)
        : new Date(v).getTime();
  const telemedicine: Partial<TelemedicineClient> = {
    async findServices(query) {
      await Promise.resolve();
      if (options.noDoctors) return [];
      if (query.practitionerRole) return offerings.filter((o) => o.id === query.practitionerRole);
      return offerings.filter(
        (o) =>
          !query.specialty ||
          o.specialties.some((s) => s.coding?.some((c) => c.code === query.specialty)),
      );
    },
    async findSlots(query: FindSlotsQuery) {
      await Promise.resolve();
      const roleId = String(query.practitionerRole ?? '');
      const fromMs = bound(query.from, Date.now());
      const toMs = bound(query.to, fromMs + 7 * 86_400_000);
      const list = freeOf(roleId, Math.max(fromMs, Date.now()), toMs);
      const result = {
        from: new Date(fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        days: groupByIctDay(list),
        slots: list,
        schedules: [`Schedule/${roleId}`],
        next: () => Promise.reject(new Error('not used')),
        nextAvailable: async () => freeOf(roleId, toMs, toMs + 60 * 86_400_000)[0],
      };
      return result;
    },
    async nextAvailable(query) {
      await Promise.resolve();
      const roleId = String(query.practitionerRole ?? '');
      return freeOf(roleId, Date.now(), Date.now() + 60 * 86_400_000).sort(
        (a, b) => Date.parse(a.start) - Date.parse(b.start),
      )[0];
    },
    async book(request) {
      bookCalls.push(request);
      if (options.slowBook) await new Promise((r) => setTimeout(r, options.slowBook));
      const slotId =
        typeof request.slot === 'string'
          ? request.slot
          : 'id' in request.slot && request.slot.id
            ? request.slot.id
            : '';
      const slot = slots.get(slotId);
      if (!slot || slot.status !== 'free' || takenLeft > 0) {
        takenLeft -= 1;
        if (slot) slot.status = 'busy';
        const error = new SlotUnavailableError('This slot was just taken.', {
          status: 412,
          request: { method: 'POST', path: '/' },
        });
        const target = slot ? Date.parse(slot.start) : Date.now();
        error.alternatives = [...slots.values()]
          .filter((s) => s.status === 'free' && s.schedule.reference === slot?.schedule.reference)
          .sort(
            (a, b) =>
              Math.abs(Date.parse(a.start) - target) - Math.abs(Date.parse(b.start) - target),
          )
          .slice(0, 3)
          .map(toFreeSlot)
          .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
        throw error;
      }
      slot.status = 'busy';
      const appointment: Appointment = {
        resourceType: 'Appointment',
        id: `appt-${booked.length + 1}`,
        status: 'booked',
        start: slot.start,
        end: slot.end,
        minutesDuration: 30,
        slot: [{ reference: `Slot/${slot.id}` }],
        reasonCode: [{ text: request.reason }],
        participant: [
          { actor: { reference: `Patient/${String(request.patient)}` }, status: 'accepted' },
        ],
      };
      booked.push(appointment);
      return appointment;
    },
  };
  return Object.assign(Object.create(base) as HealthClient, {
    ...base,
    telemedicine: telemedicine as TelemedicineClient,
    bookCalls,
    booked,
  });
}

/** Starts at the first step. */
const start: Fixture = {
  description: 'The flow from the first step: choose a specialty.',
  attributes: { 'patient-id': 'vnh-pt-001' },
  client: () => createBookingClient(),
};

/** Doctor preset: the flow starts at the calendar. */
const presetDoctor: Fixture = {
  description: 'A doctor is preset (`practitioner-role-id`): the flow starts with the calendar.',
  attributes: { 'patient-id': 'vnh-pt-001', 'practitioner-role-id': 'prr-1', mode: 'video' },
  client: () => createBookingClient(),
};

/** Specialty preset: the doctor list. */
const doctors: Fixture = {
  description: 'A specialty is preset: the list of doctors with initials, facility and languages.',
  attributes: { 'patient-id': 'vnh-pt-001', specialty: '394579002' },
  client: () => createBookingClient(),
};

const noDoctors: Fixture = {
  description: 'Nobody takes bookings for this specialty.',
  attributes: { 'patient-id': 'vnh-pt-001', specialty: '394587001' },
  client: () => createBookingClient({ noDoctors: true }),
};

const loading: Fixture = {
  description: 'Doctors are loading.',
  attributes: { 'patient-id': 'vnh-pt-001', specialty: '394579002' },
  client: () => createFixtureClient({ mode: 'pending' }),
};

const error: Fixture = {
  description: 'The doctor list could not load: plain words and Retry.',
  attributes: { 'patient-id': 'vnh-pt-001', specialty: '394579002' },
  client: () => createFixtureClient({ mode: 'network' }),
};

/** The slot is taken between choosing and confirming. */
const slotTaken: Fixture = {
  description:
    'Someone else takes the slot first: the element says so and offers the nearest times.',
  attributes: { 'patient-id': 'vnh-pt-001', 'practitioner-role-id': 'prr-1', mode: 'video' },
  client: () => createBookingClient({ takenOnce: true }),
};

/** The patient's record is given: the details step starts with its mobile number. */
const prefilledPhone: Fixture = {
  ...presetDoctor,
  description: 'The patient record is given: the phone starts as its mobile, in national format.',
  properties: {
    patient: {
      resourceType: 'Patient',
      id: 'vnh-pt-001',
      telecom: [
        { system: 'phone', value: '+842943862282', use: 'home' },
        { system: 'email', value: 'nguyen.van.an@example.vn' },
        { system: 'phone', value: '+84912345678', use: 'mobile' },
      ],
    },
  },
};

/** A day with 2,000 free slots (tomorrow): the time step groups them and shows a batch. */
const denseDay: Fixture = {
  ...presetDoctor,
  description:
    'Tomorrow has 2,000 free slots: grouped by part of the day, shown a batch at a time.',
  client: () => createBookingClient({ denseDay: 2000 }),
};

const english: Fixture = { ...start, description: 'In English.', lang: 'en' };
const dark: Fixture = { ...presetDoctor, description: 'Dark theme.', theme: 'dark' };

/**
 * The shared suite replaces the error fixture's client with a generic fixture client; its data is
 * keyed by the first argument, which for `findServices` is the query object.
 */
export const retryData = { findServices: { [String({})]: offerings } };

export const fixtures = {
  default: start,
  presetDoctor,
  doctors,
  noDoctors,
  loading,
  error,
  slotTaken,
  prefilledPhone,
  denseDay,
  english,
  dark,
} satisfies Record<string, Fixture>;

/**
 * Fixtures of `<vnh-appointment-list>`: a fixed clock (`NOW`), a video visit starting in 10
 * minutes (joinable), one in three days, an in-person one, and past ones; an in-memory client
 * that cancels and reschedules.
 */
import {
  SlotUnavailableError,
  createHealthClient,
  type Appointment,
  type AppointmentList,
  type AppointmentSummary,
  type HealthClient,
  type Slot,
  type TelemedicineClient,
} from '@vnhealth/core';
import { toFreeSlot } from '@vnhealth/core/telemedicine';
import { createFixtureClient } from '../shared/fixture-client.ts';
import type { Fixture } from '../shared/fixtures.ts';

/** The fixtures' "now": 09:50 ICT on 1 December 2026. */
export const NOW = new Date('2026-12-01T02:50:00Z');
const VS = 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Appointment.virtualService';

function summary(
  id: string,
  start: string,
  minutes: number,
  status: Appointment['status'],
  mode: 'video' | 'in-person',
  reason: string,
  followUp = false,
): AppointmentSummary {
  const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
  const appointment: Appointment = {
    resourceType: 'Appointment',
    id,
    status,
    start,
    end,
    reasonCode: [{ text: reason }],
    appointmentType: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/v2-0276',
          code: followUp ? 'FOLLOWUP' : 'ROUTINE',
        },
      ],
    },
    slot: [{ reference: `Slot/slot-${id}` }],
    participant: [
      { actor: { reference: 'Patient/vnh-pt-001' }, status: 'accepted' },
      { actor: { reference: 'PractitionerRole/prr-1' }, status: 'accepted' },
    ],
    ...(mode === 'video'
      ? {
          extension: [
            {
              url: VS,
              extension: [{ url: 'addressUrl', valueUrl: `https://meet.example.vn/${id}` }],
            },
          ],
        }
      : {}),
  };
  return {
    id,
    appointment,
    status,
    start,
    end,
    day: start.slice(0, 10),
    time: start.slice(11, 16),
    mode,
    practitionerName: 'Nguyễn Thanh Tùng',
    facilityName: 'Bệnh viện Đa khoa tỉnh Trà Vinh',
    serviceLabel: 'Tim mạch',
    reason,
  };
}

/** Upcoming and past appointments around {@link NOW}. */
export function sampleList(): AppointmentList {
  return {
    upcoming: [
      summary(
        'a-soon',
        '2026-12-01T10:00:00+07:00',
        30,
        'booked',
        'video',
        'Tái khám huyết áp',
        true,
      ),
      summary(
        'a-later',
        '2026-12-04T14:00:00+07:00',
        30,
        'booked',
        'video',
        'Tư vấn kết quả xét nghiệm',
      ),
      summary('a-clinic', '2026-12-08T08:00:00+07:00', 30, 'proposed', 'in-person', 'Khám định kỳ'),
    ],
    past: [
      summary(
        'a-done',
        '2026-11-20T09:00:00+07:00',
        30,
        'fulfilled',
        'video',
        'Đau đầu, chóng mặt',
      ),
      summary('a-cancel', '2026-11-15T09:00:00+07:00', 30, 'cancelled', 'in-person', 'Sốt, ho'),
    ],
  };
}

function slot(id: string, start: string): Slot {
  return {
    resourceType: 'Slot',
    id,
    schedule: { reference: 'Schedule/sch-1' },
    status: 'free',
    start,
    end: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
  };
}

/** An in-memory client: list, joinInfo, cancel, reschedule (the first reschedule can be "taken"). */
export function createListClient(options: { takenOnce?: boolean } = {}): HealthClient & {
  cancelled: string[];
  moved: { id: string; slot: string }[];
} {
  const base = createHealthClient({
    baseUrl: 'https://fixtures.invalid/fhir/R4',
    fetch: () => Promise.reject(new TypeError('Fixture clients never use the network.')),
  });
  const list = sampleList();
  const cancelled: string[] = [];
  const moved: { id: string; slot: string }[] = [];
  let takenLeft = options.takenOnce ? 1 : 0;
  const free = [
    slot('s1', '2026-12-02T08:00:00+07:00'),
    slot('s2', '2026-12-02T08:30:00+07:00'),
    slot('s3', '2026-12-03T14:00:00+07:00'),
  ];
  const find = (a: unknown) =>
    [...list.upcoming, ...list.past].find((s) => s.id === (a as Appointment).id);
  const telemedicine: Partial<TelemedicineClient> = {
    async listAppointments() {
      await Promise.resolve();
      return structuredClone(list);
    },
    async joinInfo(appointment) {
      const a = find(appointment);
      return {
        state: 'open',
        canJoin: true,
        url: a ? `https://meet.example.vn/${a.id}` : undefined,
        virtualService: undefined,
        opensAt: undefined,
        closesAt: undefined,
        encounter: undefined,
      };
    },
    async cancel(appointment) {
      const a = find(appointment);
      if (!a) throw new Error('unknown');
      cancelled.push(a.id);
      list.upcoming = list.upcoming.filter((x) => x.id !== a.id);
      a.status = 'cancelled';
      a.appointment.status = 'cancelled';
      list.past.unshift(a);
      return a.appointment;
    },
    async reschedule(appointment, newSlot) {
      const a = find(appointment);
      const s = free.find((x) => x.id === (newSlot as Slot).id || x.id === newSlot);
      if (!a || !s) throw new Error('unknown');
      if (takenLeft-- > 0) {
        free.splice(free.indexOf(s), 1);
        throw new SlotUnavailableError('taken', {
          status: 412,
          request: { method: 'POST', path: '/' },
        });
      }
      moved.push({ id: a.id, slot: s.id ?? '' });
      a.start = s.start;
      a.appointment.start = s.start;
      return a.appointment;
    },
    async findSlots() {
      await Promise.resolve();
      const slots = free.map(toFreeSlot);
      return {
        from: '',
        to: '',
        days: [],
        slots,
        schedules: [],
        next: () => Promise.reject(new Error('not used')),
        nextAvailable: () => Promise.resolve(undefined),
      };
    },
  };
  return { ...base, telemedicine: telemedicine as TelemedicineClient, cancelled, moved };
}

const loaded: Fixture = {
  description: 'Upcoming and past appointments; the first one can be joined now.',
  attributes: { 'patient-id': 'vnh-pt-001' },
  properties: { now: NOW },
  client: () => createListClient(),
};

const fromData: Fixture = {
  description: 'Rendered from data without a client (`.appointments`).',
  properties: { now: NOW, appointments: sampleList() },
};

const empty: Fixture = {
  description: 'No appointments.',
  properties: { now: NOW, appointments: { upcoming: [], past: [] } },
};

const loading: Fixture = {
  description: 'Loading.',
  attributes: { 'patient-id': 'vnh-pt-001' },
  client: () => createFixtureClient({ mode: 'pending' }),
};

const error: Fixture = {
  description: 'Could not load: plain words and Retry.',
  attributes: { 'patient-id': 'vnh-pt-001' },
  client: () => createFixtureClient({ mode: 'network' }),
};

/** What the shared suite's retry answers. */
export const retryData = { listAppointments: { 'vnh-pt-001': sampleList() } };

export const fixtures = {
  default: loaded,
  fromData,
  empty,
  loading,
  error,
  english: { ...loaded, description: 'In English.', lang: 'en' },
  dark: { ...loaded, description: 'Dark theme.', theme: 'dark' },
} satisfies Record<string, Fixture>;

/**
 * Pure parts of `health.telemedicine` (no server): ICT calendar arithmetic under a UTC clock, the
 * .ics export, and the booking paths that depend on the server's answers (`$book`, a slot read as
 * busy, a lost transaction response) over a scripted FhirClient.
 */
import { describe, expect, it } from 'vitest';
import {
  isSlotUnavailableError,
  vnCoreMoh,
  type Appointment,
  type FhirClient,
  type Resource,
  type Slot,
} from '@vnhealth/core';
import {
  TelemedicineSystems,
  addDays,
  appointmentMode,
  appointmentToIcs,
  boundToMs,
  createTelemedicineClient,
  groupByIctDay,
  ictDate,
  ictTime,
  readVirtualService,
  toFreeSlot,
  toIctIso,
  virtualServiceExtension,
} from '@vnhealth/core/telemedicine';

process.env.TZ = 'UTC';

const slot = (id: string, start: string, status: Slot['status'] = 'free'): Slot => ({
  resourceType: 'Slot',
  id,
  meta: { versionId: '1' },
  schedule: { reference: 'Schedule/s1' },
  status,
  start,
  end: new Date(Date.parse(start) + 15 * 60_000).toISOString(),
});

describe('ICT days under a UTC clock', () => {
  it('groups 23:45 ICT with its ICT day and 00:00 ICT with the next', () => {
    const days = groupByIctDay([
      toFreeSlot(slot('a', '2026-12-01T16:45:00Z')), // 23:45 ICT on 1 Dec
      toFreeSlot(slot('b', '2026-12-01T17:00:00Z')), // 00:00 ICT on 2 Dec
      toFreeSlot(slot('c', '2026-12-01T01:00:00Z')), // 08:00 ICT on 1 Dec
    ]);
    expect(days.map((d) => [d.date, d.slots.map((s) => s.time)])).toEqual([
      ['2026-12-01', ['08:00', '23:45']],
      ['2026-12-02', ['00:00']],
    ]);
  });

  it('date bounds mean the start of the ICT day; helpers cross months and years', () => {
    expect(new Date(boundToMs('2026-12-02')).toISOString()).toBe('2026-12-01T17:00:00.000Z');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(toIctIso('2026-12-01T16:45:00Z')).toBe('2026-12-01T23:45:00+07:00');
    expect(ictDate(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
    expect(ictTime('2026-12-31T17:30:00Z')).toBe('00:30');
  });
});

describe('appointment mode', () => {
  it('reads video from the virtual service extension or the consult-mode service type', () => {
    const base: Appointment = { resourceType: 'Appointment', status: 'booked', participant: [] };
    const mode = (code: string) => ({
      ...base,
      serviceType: [{ coding: [{ system: TelemedicineSystems.consultMode, code }] }],
    });
    expect(appointmentMode(base)).toBe('in-person');
    expect(appointmentMode(mode('video'))).toBe('video');
    expect(appointmentMode(mode('in-person'))).toBe('in-person');
    expect(
      appointmentMode({ ...base, extension: [virtualServiceExtension({ url: 'https://x' })] }),
    ).toBe('video');
  });
});

describe('virtual service and .ics', () => {
  it('round-trips the virtual service extension', () => {
    const ext = virtualServiceExtension({
      channel: 'vtelehealth',
      url: 'https://x.vn/r/1',
      sessionKey: '42',
    });
    expect(ext.url).toBe(TelemedicineSystems.appointmentVirtualService);
    expect(readVirtualService([ext])).toEqual({
      channel: 'vtelehealth',
      url: 'https://x.vn/r/1',
      sessionKey: '42',
    });
  });

  it('writes TZID times, escapes text, folds long lines and says TENTATIVE for proposed', () => {
    const ics = appointmentToIcs(
      {
        resourceType: 'Appointment',
        id: 'a1',
        status: 'proposed',
        start: '2026-12-01T16:45:00Z',
        end: '2026-12-01T17:00:00Z',
        participant: [],
        extension: [virtualServiceExtension({ url: 'https://meet.example.vn/room/abc' })],
      },
      {
        summary: 'Khám; từ xa',
        description: 'Lý do: '.repeat(30),
        now: new Date('2026-11-28T00:00:00Z'),
      },
    );
    expect(ics).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20261201T234500');
    expect(ics).toContain('SUMMARY:Khám\\; từ xa');
    expect(ics).toContain('STATUS:TENTATIVE');
    expect(ics).toContain('URL:https://meet.example.vn/room/abc');
    expect(ics.endsWith('\r\n')).toBe(true);
    for (const line of ics.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });
});

/** A FhirClient whose answers are scripted per method. */
function scripted(overrides: Partial<FhirClient>): FhirClient & { transactions: number } {
  const state = { transactions: 0 };
  const notScripted = (name: string) => () => Promise.reject(new Error(`${name} not scripted`));
  const base: Record<string, unknown> = {
    baseUrl: 'https://fhir.example.vn',
    read: notScripted('read'),
    search: async () => ({
      resources: [],
      included: [],
      total: 0,
      links: {},
      bundle: { resourceType: 'Bundle', type: 'searchset' },
    }),
    pages: async function* () {
      yield {
        resources: [],
        included: [],
        total: 0,
        links: {},
        bundle: { resourceType: 'Bundle', type: 'searchset' },
      };
    },
    capabilities: async () => ({
      resourceType: 'CapabilityStatement',
      status: 'active',
      date: '2026',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['json'],
      rest: [{ mode: 'server' }],
    }),
    transaction: notScripted('transaction'),
    operation: notScripted('operation'),
  };
  const client = { ...base, ...overrides } as unknown as FhirClient & { transactions: number };
  Object.defineProperty(client, 'transactions', { get: () => state.transactions });
  const transaction = client.transaction;
  client.transaction = (...args) => {
    state.transactions += 1;
    return transaction(...args);
  };
  return client;
}

describe('booking paths', () => {
  const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const reading = (s: Slot) =>
    (async (type: string) => (type === 'Slot' ? s : undefined)) as unknown as FhirClient['read'];

  it("uses the server's $book when the CapabilityStatement offers it", async () => {
    let sent: Resource | undefined;
    const fhir = scripted({
      read: reading(slot('s1', future)),
      capabilities: async () => ({
        resourceType: 'CapabilityStatement',
        status: 'active',
        date: '2026',
        kind: 'instance',
        fhirVersion: '4.0.1',
        format: ['json'],
        rest: [
          {
            mode: 'server',
            resource: [{ type: 'Appointment', operation: [{ name: 'book', definition: 'x' }] }],
          },
        ],
      }),
      operation: (async (path: string, options: { body?: Resource }) => {
        expect(path).toBe('Appointment/$book');
        sent = options.body;
        return {
          resourceType: 'Bundle',
          type: 'collection',
          entry: [
            {
              resource: {
                resourceType: 'Appointment',
                id: 'srv-1',
                status: 'booked',
                participant: [],
              },
            },
          ],
        };
      }) as unknown as FhirClient['operation'],
    });
    const tele = createTelemedicineClient(fhir, vnCoreMoh);
    const appointment = await tele.book({ slot: 's1', patient: 'p1', reason: 'Ho', mode: 'video' });
    expect(appointment.id).toBe('srv-1');
    expect(fhir.transactions).toBe(0);
    const param = (sent as unknown as { parameter: { name: string; resource: Appointment }[] })
      .parameter[0];
    expect(param?.name).toBe('appt-resource');
    expect(param?.resource.slot?.[0]?.reference).toBe('Slot/s1');
  });

  it('a slot read as busy fails at once, without a transaction', async () => {
    const fhir = scripted({ read: reading(slot('s1', future, 'busy')) });
    const tele = createTelemedicineClient(fhir, vnCoreMoh);
    const error = await tele
      .book({ slot: 's1', patient: 'p1', reason: 'Ho', mode: 'video' })
      .catch((e: unknown) => e);
    expect(isSlotUnavailableError(error)).toBe(true);
    expect(fhir.transactions).toBe(0);
  });

  it('a lost transaction response is resolved by the idempotency key', async () => {
    let committed: Appointment | undefined;
    const fhir = scripted({
      read: reading(slot('s1', future)),
      search: (async (type: string, params: Record<string, string>) => {
        const found =
          type === 'Appointment' &&
          committed &&
          params.identifier?.endsWith(committed.identifier?.[0]?.value ?? '-');
        return {
          resources: found ? [committed] : [],
          included: [],
          total: 0,
          links: {},
          bundle: { resourceType: 'Bundle', type: 'searchset' },
        };
      }) as unknown as FhirClient['search'],
      transaction: (async (
        entries: { resource?: Resource; request: { ifMatch?: string; ifNoneExist?: string } }[],
      ) => {
        expect(entries[0]?.request.ifMatch).toBe('W/"1"');
        expect(entries[1]?.request.ifNoneExist).toContain(
          encodeURIComponent(TelemedicineSystems.idempotencyKey),
        );
        committed = { ...(entries[1]?.resource as Appointment), id: 'a-1' };
        const { NetworkError } = await import('@vnhealth/core');
        throw new NetworkError('connection reset after commit');
      }) as unknown as FhirClient['transaction'],
    });
    const tele = createTelemedicineClient(fhir, vnCoreMoh);
    const appointment = await tele.book({
      slot: 's1',
      patient: 'p1',
      reason: 'Ho',
      mode: 'in-person',
    });
    expect(appointment.id).toBe('a-1');
    expect(fhir.transactions).toBe(1);
  });
});

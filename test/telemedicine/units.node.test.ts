/**
 * Pure parts of `health.telemedicine` (no server): ICT calendar arithmetic under a UTC clock, the
 * .ics export, and the booking paths that depend on the server's answers (`$book`, a slot read as
 * busy, a lost transaction response, a conflict) over a scripted FhirClient: each counts the
 * transactions sent, so a retry in the domain code would show.
 */
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  NetworkError,
  isConflictError,
  isNetworkError,
  isSlotUnavailableError,
  type Appointment,
  type BundleRequestEntry,
  type FhirClient,
  type RequestOptions,
  type Resource,
  type Slot,
  type SlotUnavailableError,
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
  // The client's clock, passed in: the slot is three days after it, whatever day the test runs.
  const NOW = new Date('2026-12-01T02:00:00Z');
  const now = () => NOW;
  const future = new Date(NOW.getTime() + 3 * 86_400_000).toISOString();
  const reading = (s: Slot) =>
    (async (type: string) => (type === 'Slot' ? s : undefined)) as unknown as FhirClient['read'];
  const searching = (found: () => Appointment | undefined) =>
    (async (type: string, params: Record<string, string>) => {
      const hit = found();
      const match =
        type === 'Appointment' &&
        hit &&
        params.identifier?.endsWith(hit.identifier?.[0]?.value ?? '-');
      return {
        resources: match ? [hit] : [],
        included: [],
        total: 0,
        links: {},
        bundle: { resourceType: 'Bundle', type: 'searchset' },
      };
    }) as unknown as FhirClient['search'];
  const request = { slot: 's1', patient: 'p1', reason: 'Ho', mode: 'in-person' as const };

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
    const tele = createTelemedicineClient(fhir, { now });
    const appointment = await tele.book({ ...request, mode: 'video' });
    expect(appointment.id).toBe('srv-1');
    expect(fhir.transactions).toBe(0);
    const param = (sent as unknown as { parameter: { name: string; resource: Appointment }[] })
      .parameter[0];
    expect(param?.name).toBe('appt-resource');
    expect(param?.resource.slot?.[0]?.reference).toBe('Slot/s1');
    expect(param?.resource.created).toBe(NOW.toISOString());
  });

  it('useServerBook: false books with the transaction even when $book is offered', async () => {
    const fhir = scripted({
      read: reading(slot('s1', future)),
      capabilities: async () => {
        throw new Error('capabilities must not be asked');
      },
      transaction: (async (entries: { resource?: Resource }[]) => [
        { status: 200, ok: true, resource: entries[0]?.resource },
        { status: 201, ok: true, resource: { ...entries[1]?.resource, id: 'a-2' } },
      ]) as unknown as FhirClient['transaction'],
    });
    const tele = createTelemedicineClient(fhir, { now, useServerBook: false });
    expect((await tele.book(request)).id).toBe('a-2');
    expect(fhir.transactions).toBe(1);
  });

  it('a slot read as busy fails at once, without a transaction', async () => {
    const fhir = scripted({ read: reading(slot('s1', future, 'busy')) });
    const tele = createTelemedicineClient(fhir, { now });
    const error = await tele.book(request).catch((e: unknown) => e);
    expect(isSlotUnavailableError(error)).toBe(true);
    expect(fhir.transactions).toBe(0);
  });

  it('sends every booking entry conditional, and no retry flag: retries are the transport’s', async () => {
    let sent: { entries: BundleRequestEntry[]; options: RequestOptions | undefined } | undefined;
    const fhir = scripted({
      read: reading(slot('s1', future)),
      transaction: (async (entries: BundleRequestEntry[], options?: RequestOptions) => {
        sent = { entries, options };
        return [
          { status: 200, ok: true, resource: entries[0]?.resource },
          { status: 201, ok: true, resource: { ...entries[1]?.resource, id: 'a-3' } },
        ];
      }) as unknown as FhirClient['transaction'],
    });
    await createTelemedicineClient(fhir, { now }).book(request);
    expect(sent?.entries.map((e) => e.request.ifMatch ?? e.request.ifNoneExist)).toEqual([
      'W/"1"',
      expect.stringContaining(encodeURIComponent(TelemedicineSystems.idempotencyKey)),
    ]);
    expect(sent?.options?.retry).toBeUndefined();
  });

  it('a lost transaction response is resolved by the idempotency key, with one transaction', async () => {
    let committed: Appointment | undefined;
    const fhir = scripted({
      read: reading(slot('s1', future)),
      search: searching(() => committed),
      transaction: (async (entries: { resource?: Resource }[]) => {
        committed = { ...(entries[1]?.resource as Appointment), id: 'a-1' };
        throw new NetworkError('connection reset after commit');
      }) as unknown as FhirClient['transaction'],
    });
    const tele = createTelemedicineClient(fhir, { now });
    const appointment = await tele.book(request);
    expect(appointment.id).toBe('a-1');
    expect(fhir.transactions).toBe(1);
  });

  it('a transaction that never arrived fails with its NetworkError: the booking is not sent again', async () => {
    const fhir = scripted({
      read: reading(slot('s1', future)),
      transaction: (async () => {
        throw new NetworkError('offline');
      }) as unknown as FhirClient['transaction'],
    });
    const error = await createTelemedicineClient(fhir, { now })
      .book(request)
      .catch((e: unknown) => e);
    expect(isNetworkError(error)).toBe(true);
    expect(fhir.transactions).toBe(1);
  });

  it('a lost race is one transaction and a SlotUnavailableError, never a second try', async () => {
    const fhir = scripted({
      read: reading(slot('s1', future)),
      transaction: (async () => {
        throw new ConflictError('precondition failed', {
          status: 412,
          request: { method: 'POST', path: '' },
        });
      }) as unknown as FhirClient['transaction'],
    });
    const error = await createTelemedicineClient(fhir, { now, alternatives: 0 })
      .book(request)
      .catch((e: unknown) => e);
    expect(isSlotUnavailableError(error)).toBe(true);
    expect((error as SlotUnavailableError).status).toBe(412);
    expect(fhir.transactions).toBe(1);
  });

  it('a video booking gets the videoUrl option when the service publishes no link', async () => {
    let booked: Appointment | undefined;
    const fhir = scripted({
      read: reading(slot('s1', future)),
      transaction: (async (entries: { resource?: Resource }[]) => {
        booked = entries[1]?.resource as Appointment;
        return [
          { status: 200, ok: true, resource: entries[0]?.resource },
          { status: 201, ok: true, resource: { ...booked, id: 'a-4' } },
        ];
      }) as unknown as FhirClient['transaction'],
    });
    const tele = createTelemedicineClient(fhir, {
      now,
      videoUrl: (a) => `https://meet.example.vn/${a.identifier?.[0]?.value}`,
    });
    await tele.book({ ...request, mode: 'video', idempotencyKey: 'k-1' });
    expect(readVirtualService(booked?.extension)?.url).toBe('https://meet.example.vn/k-1');
  });
});

describe('conflicts on cancel are re-applied from a fresh read, at most three times', () => {
  const appointment: Appointment = {
    resourceType: 'Appointment',
    id: 'a1',
    meta: { versionId: '1' },
    status: 'booked',
    participant: [],
  };
  const conflict = () =>
    new ConflictError('changed', { status: 412, request: { method: 'POST', path: '' } });

  it('a conflict then a success: two transactions, the second on what was read again', async () => {
    let reads = 0;
    let tries = 0;
    const fhir = scripted({
      read: (async () => ({
        ...appointment,
        meta: { versionId: String(++reads) },
      })) as unknown as FhirClient['read'],
      transaction: (async (entries: BundleRequestEntry[]) => {
        tries += 1;
        if (tries === 1) throw conflict();
        expect(entries[0]?.request.ifMatch).toBe('W/"2"');
        return [{ status: 200, ok: true, resource: entries[0]?.resource }];
      }) as unknown as FhirClient['transaction'],
    });
    const cancelled = await createTelemedicineClient(fhir).cancel('a1', 'Bận');
    expect(cancelled.status).toBe('cancelled');
    expect(fhir.transactions).toBe(2);
  });

  it('conflicts every time: ConflictError after three transactions', async () => {
    const fhir = scripted({
      read: (async () => appointment) as unknown as FhirClient['read'],
      transaction: (async () => {
        throw conflict();
      }) as unknown as FhirClient['transaction'],
    });
    const error = await createTelemedicineClient(fhir)
      .cancel('a1', 'Bận')
      .catch((e: unknown) => e);
    expect(isConflictError(error)).toBe(true);
    expect(fhir.transactions).toBe(3);
  });

  it('a network failure is not retried here (the transport decides)', async () => {
    const fhir = scripted({
      read: (async () => appointment) as unknown as FhirClient['read'],
      transaction: (async () => {
        throw new NetworkError('offline');
      }) as unknown as FhirClient['transaction'],
    });
    const error = await createTelemedicineClient(fhir)
      .cancel('a1', 'Bận')
      .catch((e: unknown) => e);
    expect(isNetworkError(error)).toBe(true);
    expect(fhir.transactions).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { createHealthClient } from './client.ts';

/** A client whose transport answers one summary batch with a Patient; requests are logged. */
function offline() {
  const requests: string[] = [];
  const entries: string[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(`${request.method} ${new URL(request.url).pathname}`);
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), {
        headers: { 'content-type': 'application/fhir+json' },
      });
    if (request.method !== 'POST') return new Response('{}', { status: 404 });
    const bundle = (await request.json()) as { entry: { request: { url: string } }[] };
    entries.push(...bundle.entry.map((e) => e.request.url));
    return json({
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: bundle.entry.map(({ request: r }) => ({
        response: { status: '200 OK' },
        resource: {
          resourceType: 'Bundle',
          type: 'searchset',
          entry: r.url.startsWith('Patient?')
            ? [{ resource: { resourceType: 'Patient', id: 'p1' }, search: { mode: 'match' } }]
            : [],
        },
      })),
    });
  };
  return { fetch: fetchFn, requests, entries };
}

describe('createHealthClient: explicit domain clients', () => {
  const health = createHealthClient({
    baseUrl: 'https://fhir.example.vn/R4',
    fetch: () => Promise.reject(new TypeError('no network in this test')),
  });

  it('has real methods: feature detection works, unknown keys are undefined', () => {
    expect('getSummary' in health.records).toBe(true);
    expect(typeof health.records.getSummary).toBe('function');
    expect('book' in health.telemedicine).toBe(true);
    expect('markEnteredInError' in health.vaccination).toBe(true);
    for (const client of [health.records, health.telemedicine, health.vaccination]) {
      expect((client as unknown as Record<string, unknown>).noSuchMethod).toBeUndefined();
      expect('noSuchMethod' in client).toBe(false);
      expect((client as unknown as { then?: unknown }).then).toBeUndefined();
    }
    expect(Object.keys(health.records).sort()).toEqual([
      'findPatient',
      'getPatient',
      'getSummary',
      'getTimeline',
      'patientPages',
      'searchPatients',
      'updateContact',
    ]);
    expect(Object.keys(health.vaccination).sort()).toEqual([
      'getHistory',
      'getRecommendations',
      'markEnteredInError',
      'record',
    ]);
    expect(Object.keys(health.telemedicine)).toHaveLength(16);
  });

  it('rejects (never throws synchronously) on bad input, before any request', async () => {
    const call = health.records.getSummary('x&_include=*');
    expect(call).toBeInstanceOf(Promise);
    await expect(call).rejects.toThrow(TypeError);
    await expect(health.records.getPatient('../metadata')).rejects.toThrow(TypeError);
  });

  it('passes its clock and the domain options to the domain clients', async () => {
    const server = offline();
    const at = new Date('2027-02-05T17:10:00Z');
    const clocked = createHealthClient({
      baseUrl: 'https://fhir.example.vn/R4',
      fetch: server.fetch,
      now: () => at,
      records: { maxPerSection: 5 },
    });
    const summary = await clocked.records.getSummary('p1', { via: 'batch' });
    expect(summary.asOf).toBe(at.toISOString());
    expect(server.requests).toEqual(['POST /R4/']);
    expect(server.entries.find((u) => u.startsWith('Condition?'))).toMatch(/&_count=5$/);
  });
});

/**
 * No token to another origin through `next`, `fullUrl` or `Location` (issue 13, "checked and
 * held"). The SDK, with a bearer token, talks to the real sandbox behind a hostile front
 * (foreign-origin.ts) that points every link it answers with at another origin: searchset
 * `next`/`self` links, `fullUrl`s, batch and transaction `response.location`s, relative
 * references, and the `Location`/`Content-Location` headers; or that answers every request with
 * a 307 to that origin. The other origin logs every request and its Authorization header; it
 * must see none, whatever the SDK call, while paging still goes on below the client's own base.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createHealthClient,
  HealthError,
  RedirectError,
  type Bundle,
  type Patient,
} from '@vnhealth/core';
import { ictDate } from '@vnhealth/core/telemedicine';
import { startFhirServer, type TestServer } from '../transport/fhir-server.ts';
import {
  startForeign,
  startHostileFront,
  type Foreign,
  type HostileFront,
} from './foreign-origin.ts';

const TOKEN = 'tok-FOREIGN-5e1d7c20aa';

let sandbox: TestServer;
let foreign: Foreign;
let front: HostileFront;

beforeAll(async () => {
  sandbox = await startFhirServer();
  foreign = await startForeign();
  front = await startHostileFront(sandbox.baseUrl, foreign.origin);
});
afterAll(async () => {
  await front?.close();
  await foreign?.close();
  await sandbox?.close();
});
beforeEach(() => {
  foreign.requests.length = 0;
  front.requests.length = 0;
  front.redirect = false;
  Object.assign(front.moved, { links: 0, fullUrls: 0, locations: 0, references: 0 });
});

const health = () =>
  createHealthClient({
    baseUrl: front.baseUrl,
    token: TOKEN,
    retry: false,
    onValidationIssues: () => undefined,
  });

/** Nothing reached the other origin, and the token went out (to the front only). */
function held() {
  expect(foreign.requests).toEqual([]);
  expect(front.requests.length).toBeGreaterThan(0);
  for (const r of front.requests) expect(r.authorization).toBe(`Bearer ${TOKEN}`);
}

const outcome = (run: () => Promise<unknown>) =>
  run().then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );

describe('searchset `next` links at another origin', () => {
  it('fhir.pages reads every page below its own base, with the token, never over there', async () => {
    const ids = new Set<string>();
    let pages = 0;
    for await (const page of health().fhir.pages('Patient', { _count: 4 })) {
      pages++;
      for (const p of page.resources) ids.add(p.id!);
      expect(page.links.next ?? foreign.origin).toMatch(new RegExp(`^${foreign.origin}`));
    }
    held();
    expect(pages).toBeGreaterThan(2);
    expect(ids.size).toBeGreaterThan(8);
    expect(front.moved.links).toBeGreaterThan(pages);
    expect(front.requests.filter((r) => r.url.includes('Patient?'))).toHaveLength(pages);
  });

  it('records.searchPatients: page.next() goes to its own base too', async () => {
    let page = await health().records.searchPatients({ pageSize: 3 });
    let read = 1;
    while (page.hasNext && read < 4) {
      page = (await page.next())!;
      read++;
    }
    held();
    expect(read).toBe(4);
  });

  it('a batch-read search (timeline) refuses a next link that leaves the base', async () => {
    const { value, error } = await outcome(async () => {
      const client = health();
      let page = await client.records.getTimeline('vnh-pt-001', { pageSize: 3 });
      for (let i = 0; page.cursor && i < 4; i++)
        page = await client.records.getTimeline('vnh-pt-001', { pageSize: 3, cursor: page.cursor });
      return page;
    });
    held();
    if (error) {
      expect(error).toBeInstanceOf(HealthError);
      expect((error as Error).message).toMatch(/leaves the FHIR base URL; it was not followed/);
    } else expect(value).toBeDefined();
    expect(front.moved.links).toBeGreaterThan(0);
  });

  it('records.getSummary and findPatient read only below the base', async () => {
    const client = health();
    const summary = await client.records.getSummary('vnh-pt-001');
    expect(summary.patient.id).toBe('vnh-pt-001');
    expect((await client.records.findPatient({ cccd: '084068012345' }))?.id).toBe('vnh-pt-001');
    held();
  });
});

describe('`fullUrl`, `response.location`, references and Location headers at another origin', () => {
  it('create answers with a Location over there: the id is taken, nothing is read there', async () => {
    const fhir = health().fhir;
    const created = await fhir.create<Patient>({ resourceType: 'Patient', gender: 'female' });
    expect(front.moved.locations).toBeGreaterThan(0);
    const again = await fhir.read('Patient', created.id!, { cache: 'no-store' });
    expect(again.id).toBe(created.id);
    held();
  });

  it('a transaction and a batch answer with fullUrls and locations over there', async () => {
    const fhir = health().fhir;
    const results = await fhir.transaction([
      {
        fullUrl: 'urn:uuid:5b0c7a7e-2f43-4a1e-9d55-0d7c2a3b4c5d',
        resource: { resourceType: 'Patient', gender: 'male' },
        request: { method: 'POST', url: 'Patient' },
      },
    ]);
    expect(results[0]!.location).toMatch(new RegExp(`^${foreign.origin}`));
    const read = await fhir.batch([
      { request: { method: 'GET', url: 'Patient/vnh-pt-001' } },
      { request: { method: 'GET', url: 'Patient?_count=2' } },
    ]);
    expect((read[1]!.resource as Bundle).entry?.[0]?.fullUrl).toMatch(
      new RegExp(`^${foreign.origin}`),
    );
    await fhir.read('Patient', 'vnh-pt-001', { cache: 'no-store' });
    expect(front.moved.fullUrls).toBeGreaterThan(0);
    held();
  });

  it('telemedicine: services, slots, booking, the list and joining resolve references at home', async () => {
    const { telemedicine } = health();
    const offerings = await telemedicine.findServices({ practitionerRole: 'vnh-prr-0001' });
    expect(offerings.map((o) => o.id)).toEqual(['vnh-prr-0001']);
    const today = ictDate(Date.now());
    const week = await telemedicine.findSlots({
      practitionerRole: 'vnh-prr-0001',
      from: today,
      to: ictDate(Date.now() + 14 * 86_400_000),
    });
    const booked = await telemedicine.book({
      slot: week.slots[0]!,
      patient: 'vnh-pt-001',
      reason: 'Đau đầu',
      mode: 'video',
    });
    const list = await telemedicine.listAppointments('vnh-pt-001');
    expect(list.upcoming.map((a) => a.id)).toContain(booked.id);
    await telemedicine.joinInfo(booked);
    expect(front.moved.references).toBeGreaterThan(0);
    held();
  });
});

describe('a redirect (Location) to another origin', () => {
  it.each([
    ['read', () => health().fhir.read('Patient', 'vnh-pt-001')],
    ['search', () => health().fhir.search('Patient', { _count: 1 })],
    ['create', () => health().fhir.create<Patient>({ resourceType: 'Patient' })],
    ['update', () => health().fhir.update<Patient>({ resourceType: 'Patient', id: 'vnh-pt-004' })],
    ['delete', () => health().fhir.delete('Patient', 'vnh-pt-004')],
    [
      'batch',
      () => health().fhir.batch([{ request: { method: 'GET', url: 'Patient/vnh-pt-001' } }]),
    ],
    ['records summary', () => health().records.getSummary('vnh-pt-001')],
  ])('%s: a RedirectError, never a request over there', async (_, run) => {
    front.redirect = true;
    const { error } = await outcome(run);
    held();
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as RedirectError).location).toBe(foreign.origin);
    expect(String(error)).not.toContain(TOKEN);
  });
});

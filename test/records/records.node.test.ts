import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConflictError,
  createHealthClient,
  vnCoreCommunity,
  type HealthClient,
  type Patient,
  type TimelineEntry,
} from '@vnhealth/core';
import { demoPatients, startSandbox, type Sandbox } from '@vnhealth/sandbox';

const { an, binh, hoa } = demoPatients;
const AS_OF = new Date('2026-11-28T03:00:00Z');

let sandbox: Sandbox;
let health: HealthClient;

/** A fetch that counts requests (method + path) and keeps their bodies, for request budgets. */
function countingFetch() {
  const requests: string[] = [];
  const bodies: string[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(`${request.method} ${new URL(request.url).pathname.replace(/\/$/, '')}`);
    bodies.push(await request.clone().text());
    return fetch(request);
  };
  return { fetch: fetchFn, requests, bodies };
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 42, patients: 30, quiet: true });
  health = createHealthClient({ baseUrl: sandbox.baseUrl });
});

afterAll(async () => {
  await sandbox?.close();
});

describe('records lookups against the sandbox', () => {
  it('reads a patient by id', async () => {
    const patient = await health.records.getPatient(an.id);
    expect(patient.name?.[0]?.text).toBe(an.name);
  });

  it('finds by CCCD in both flavours', async () => {
    expect((await health.records.findPatient({ cccd: an.cccd }))?.id).toBe(an.id);
    expect((await health.records.findPatient({ cccd: binh.cccd }))?.id).toBe(binh.id);
  });

  it('finds by BHYT on Patient.identifier (moh) and on Coverage (community), in one request', async () => {
    const counter = countingFetch();
    const client = createHealthClient({ baseUrl: sandbox.baseUrl, fetch: counter.fetch });
    expect((await client.records.findPatient({ bhyt: an.bhyt }))?.id).toBe(an.id);
    expect((await client.records.findPatient({ bhyt: binh.bhyt }))?.id).toBe(binh.id);
    // Both searches of a lookup go out as one batch.
    expect(counter.requests).toEqual(['POST /fhir/R4', 'POST /fhir/R4']);
  });

  it('finds by MRN in either flavour (hospital systems unknown to the SDK)', async () => {
    // Collect every MRN (identifier type MR) and its owners, to pick unique ones per flavour.
    const owners = new Map<string, { system: string; ids: string[] }>();
    for await (const patients of health.records.patientPages({ pageSize: 50 })) {
      for (const p of patients) {
        for (const i of p.identifier ?? []) {
          if (!i.value || !i.type?.coding?.some((c) => c.code === 'MR')) continue;
          const entry = owners.get(i.value) ?? { system: i.system ?? '', ids: [] };
          entry.ids.push(p.id as string);
          owners.set(i.value, entry);
        }
      }
    }
    const pick = (systemPart: RegExp) =>
      [...owners.entries()].find(([, o]) => systemPart.test(o.system) && o.ids.length === 1);
    const moh = pick(/fhir\.ehealth\.gov\.vn/);
    const other = pick(/^(?!http:\/\/fhir\.ehealth\.gov\.vn)/);
    expect(moh && other).toBeTruthy();
    for (const [value, { ids }] of [moh!, other!]) {
      expect((await health.records.findPatient({ mrn: value }))?.id).toBe(ids[0]);
    }
    expect(
      (await health.records.findPatient({ mrn: other![0], system: other![1].system }))?.id,
    ).toBe(other![1].ids[0]);
    // A shared MRN is reported, never silently resolved to one of its owners.
    const mrn = { system: 'urn:oid:1.2.704.0.99.1', value: 'BV-SHARED-0001' };
    const typed = { ...mrn, type: { coding: [{ code: 'MR' }] } };
    await Promise.all(
      ['Lý Thị Một', 'Lý Thị Hai'].map((text) =>
        health.fhir.create({ resourceType: 'Patient', name: [{ text }], identifier: [typed] }),
      ),
    );
    await expect(health.records.findPatient({ mrn: mrn.value })).rejects.toThrow(
      /More than one patient/,
    );
  });

  it('finds by name and birth date, diacritics and case as typed', async () => {
    expect(
      (await health.records.findPatient({ name: 'Nguyễn Văn An', birthDate: '1968-05-14' }))?.id,
    ).toBe(an.id);
    expect(
      (await health.records.findPatient({ name: 'trần thị bình', birthDate: '1975-09-02' }))?.id,
    ).toBe(binh.id);
  });

  it('returns undefined when nobody matches', async () => {
    expect(await health.records.findPatient({ cccd: '099999999999' })).toBeUndefined();
    expect(await health.records.findPatient({ bhyt: 'XX0000000000000' })).toBeUndefined();
    expect(
      await health.records.findPatient({ name: 'Nguyễn Văn An', birthDate: '1990-01-01' }),
    ).toBeUndefined();
  });

  it('pages a search with next() and as an async generator', async () => {
    const first = await health.records.searchPatients({ pageSize: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.hasNext).toBe(true);
    const second = await first.next();
    expect(second?.page).toBe(2);
    expect(await first.next()).toBe(second);
    const ids = new Set([...first.items, ...(second?.items ?? [])].map((p) => p.id));
    expect(ids.size).toBe(10);
    let pages = 0;
    let seen = 0;
    for await (const patients of health.records.patientPages({ pageSize: 10 })) {
      pages += 1;
      seen += patients.length;
      if (pages === 3) break;
    }
    expect(pages).toBe(3);
    expect(seen).toBe(30);
  });

  it('honours an AbortSignal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      health.records.getSummary(an.id, { signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects ids that could smuggle other queries into a batch', async () => {
    await expect(health.records.getSummary('x&_include=*')).rejects.toThrow(TypeError);
  });
});

describe('records.getSummary against the sandbox', () => {
  it('summarises vnh-pt-001 (moh flavour, full record)', async () => {
    const s = await health.records.getSummary(an.id, { asOf: AS_OF });
    expect(s.source).toBe('batch');
    expect(s.missing).toEqual([]);
    expect(s.patient.id).toBe(an.id);
    expect(s.allergies.map((a) => a.criticality)).toEqual(['high', 'low']);
    const icd = s.conditions.map((c) => c.code?.coding?.[0]?.code);
    expect(icd).toEqual(expect.arrayContaining(['I10', 'E11']));
    expect(icd).not.toContain('J06.9');
    expect(s.conditions[0]?.code?.coding?.[0]?.display).toMatch(/[ăâđêôơưàáạảãèéẹẻẽ]/i);
    expect(s.medications.length).toBeGreaterThanOrEqual(2);
    expect(s.vitals.bloodPressure?.latest).toMatchObject({
      value: 132,
      diastolic: 84,
      unit: 'mm[Hg]',
    });
    expect(s.vitals.bloodPressure?.history).toHaveLength(7);
    expect(s.vitals.bloodPressure?.history[0]?.value).toBe(152);
    expect(s.vitals.heartRate?.latest.value).toBe(72);
    expect(s.vitals.weight?.latest).toMatchObject({ value: 69.5, unit: 'kg' });
    expect(s.vitals.height?.latest).toMatchObject({ value: 168, unit: 'cm' });
    expect(s.vitals.temperature?.latest.value).toBe(36.7);
    expect(s.vitals.oxygenSaturation?.latest.value).toBe(97);
    expect(s.vitals.bmi?.latest).toMatchObject({ value: 24.6, unit: 'kg/m2', computed: true });
    expect(s.vitals.bmi?.latest.date).toBe(s.vitals.weight?.latest.date);
    expect(s.encounters).toHaveLength(5);
    expect(s.encounters[0]?.period?.start).toMatch(/^2026-11-17/);
    expect(s.insurance).toMatchObject({
      number: an.bhyt,
      status: 'valid',
      source: 'patient',
      period: { start: '2026-01-01', end: '2027-12-31' },
    });
    expect(s.insurance?.registeredFacility?.name).toMatch(/Trà Vinh/);
    expect(s.insurance?.registeredFacility?.code).toMatch(/^\w{5}$/);
    expect(s.facility?.resourceType).toBe('Organization');
    expect(`Organization/${s.facility?.id}`).toBe(s.patient.managingOrganization?.reference);
  });

  it('summarises vnh-pt-002 (community flavour, BHYT on an expired Coverage)', async () => {
    const s = await health.records.getSummary(binh.id, { asOf: AS_OF });
    expect(s.insurance).toMatchObject({
      number: binh.bhyt,
      status: 'expired',
      source: 'coverage',
      period: { start: '2025-01-01', end: '2025-12-31' },
    });
    expect(s.insurance?.coverage?.resourceType).toBe('Coverage');
    expect(s.insurance?.registeredFacility?.name).toMatch(/Khánh Hòa/);
    expect(s.conditions.map((c) => c.code?.coding?.[0]?.code)).toEqual(['E78.5']);
    expect(s.vitals.bmi?.latest.computed).toBe(true);
    expect(s.facility?.name).toMatch(/Khánh Hòa/);
  });

  it('summarises vnh-pt-004 (only a name) without inventing anything', async () => {
    const s = await health.records.getSummary(hoa.id, { asOf: AS_OF });
    expect(s.patient.name?.[0]?.text).toBe(hoa.name);
    expect(s).toMatchObject({
      allergies: [],
      conditions: [],
      medications: [],
      encounters: [],
      vitals: {},
    });
    expect(s.insurance).toBeUndefined();
    expect(s.missing).toEqual([]);
  });

  it('answers 404 for an unknown patient', async () => {
    await expect(health.records.getSummary('vnh-pt-nobody')).rejects.toMatchObject({ status: 404 });
  });

  it('costs two batches cold, then one per summary; the CapabilityStatement is asked once per client', async () => {
    const counter = countingFetch();
    const client = createHealthClient({ baseUrl: sandbox.baseUrl, fetch: counter.fetch });
    const urlsIn = (body: string | undefined) =>
      (JSON.parse(body ?? '{}') as { entry?: { request: { url: string } }[] }).entry?.map(
        (e) => e.request.url.split('?')[0],
      );
    await client.records.getSummary(an.id);
    // First card load: the client's CapabilityStatement (shared with the transport) with the
    // patient in one batch, then the sections in another.
    expect(counter.requests).toEqual(['POST /fhir/R4', 'POST /fhir/R4']);
    expect(urlsIn(counter.bodies[0])?.sort()).toEqual(['Patient', 'metadata']);
    expect(urlsIn(counter.bodies[1])).not.toContain('Patient');
    counter.requests.length = 0;
    counter.bodies.length = 0;
    // The statement known, the patient rides in the sections' batch: one request per summary.
    await client.records.getSummary(binh.id);
    await client.records.getSummary(hoa.id);
    expect(counter.requests).toEqual(['POST /fhir/R4', 'POST /fhir/R4']);
    expect(urlsIn(counter.bodies[0])).toContain('Patient');
    expect(urlsIn(counter.bodies[0])).not.toContain('metadata');
    const direct = countingFetch();
    const batchOnly = createHealthClient({ baseUrl: sandbox.baseUrl, fetch: direct.fetch });
    await batchOnly.records.getSummary(an.id, { via: 'batch' });
    expect(direct.requests).toEqual(['POST /fhir/R4']);
  });
});

describe('records.getSummary reads every record of a section', () => {
  const ACTIVE = {
    coding: [
      { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' },
    ],
  };
  const RESOLVED = {
    coding: [
      { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'resolved' },
    ],
  };
  let many: string;

  beforeAll(async () => {
    const patient = await health.fhir.create<Patient>({
      resourceType: 'Patient',
      name: [{ text: 'Phạm Văn Nhiều' }],
    });
    many = patient.id!;
    // 150 active conditions and 20 resolved ones, created with the SDK in one batch.
    const results = await health.fhir.batch(
      Array.from({ length: 170 }, (_, i) => ({
        resource: {
          resourceType: 'Condition' as const,
          subject: { reference: `Patient/${many}` },
          clinicalStatus: i < 150 ? ACTIVE : RESOLVED,
          code: { text: `Bệnh số ${i + 1}` },
        },
        request: { method: 'POST' as const, url: 'Condition' },
      })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(170);
  });

  it('a patient with 150 active conditions shows 150, in two batches', async () => {
    const counter = countingFetch();
    const client = createHealthClient({ baseUrl: sandbox.baseUrl, fetch: counter.fetch });
    const s = await client.records.getSummary(many, { asOf: AS_OF });
    expect(s.conditions).toHaveLength(150);
    expect(new Set(s.conditions.map((c) => c.id)).size).toBe(150);
    expect(s.conditions.every((c) => c.clinicalStatus?.coding?.[0]?.code === 'active')).toBe(true);
    expect(s.truncated).toEqual([]);
    expect(s.missing).toEqual([]);
    // The statement with the patient, the first page of every section, the second of conditions.
    expect(counter.requests).toEqual(['POST /fhir/R4', 'POST /fhir/R4', 'POST /fhir/R4']);
    console.log(
      `150 active conditions: ${s.conditions.length} shown, truncated ${JSON.stringify(s.truncated)}, requests ${JSON.stringify(counter.requests)}`,
    );
  });

  it('past maxPerSection the section is cut and listed in truncated, never silently', async () => {
    const client = createHealthClient({
      baseUrl: sandbox.baseUrl,
      records: { maxPerSection: 120 },
    });
    const cut = await client.records.getSummary(many, { asOf: AS_OF });
    expect(cut.conditions).toHaveLength(120);
    expect(cut.truncated).toEqual(['conditions']);
    const exact = await client.records.getSummary(many, { asOf: AS_OF, maxPerSection: 150 });
    expect(exact.conditions).toHaveLength(150);
    expect(exact.truncated).toEqual([]);
    const small = await health.records.getSummary(many, { asOf: AS_OF, maxPerSection: 10 });
    expect(small.conditions).toHaveLength(10);
    expect(small.truncated).toEqual(['conditions']);
  });

  it('BHYT: a second beneficiary on a later page of Coverages is found, not missed', async () => {
    const bhyt = 'GD4790000000150';
    const system = vnCoreCommunity.identifierSystems.bhyt;
    const [first, second] = await Promise.all(
      ['Đỗ Văn Thẻ', 'Đỗ Thị Thẻ'].map((text) =>
        health.fhir.create<Patient>({ resourceType: 'Patient', name: [{ text }] }),
      ),
    );
    const coverage = (patient: Patient, year: number) => ({
      resource: {
        resourceType: 'Coverage' as const,
        status: 'active' as const,
        identifier: [{ system, value: bhyt }],
        beneficiary: { reference: `Patient/${patient.id}` },
        payor: [{ display: 'Bảo hiểm xã hội Việt Nam' }],
        period: { start: `${year}-01-01`, end: `${year}-12-31` },
      },
      request: { method: 'POST' as const, url: 'Coverage' },
    });
    // One card renewed every year for 25 years: more Coverages than one page holds.
    await health.fhir.batch(Array.from({ length: 25 }, (_, i) => coverage(first!, 2001 + i)));
    expect((await health.records.findPatient({ bhyt }, { cache: 'reload' }))?.id).toBe(first!.id);
    // The same number on someone else's Coverage, created last: it lands on the second page.
    await health.fhir.create(coverage(second!, 2026).resource);
    await expect(health.records.findPatient({ bhyt }, { cache: 'reload' })).rejects.toThrow(
      /More than one patient/,
    );
  });
});

describe('records.getTimeline against the sandbox', () => {
  it('pages the whole record without gaps or duplicates; a batch already read is not sent again', async () => {
    /** Every page of an's timeline, six entries at a time, through a client of its own. */
    async function readAll(cache: false | undefined) {
      const counter = countingFetch();
      const client = createHealthClient({
        baseUrl: sandbox.baseUrl,
        fetch: counter.fetch,
        ...(cache === false ? { cache } : {}),
      });
      const all: TimelineEntry[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await client.records.getTimeline(an.id, {
          pageSize: 6,
          ...(cursor ? { cursor } : {}),
        });
        all.push(...page.entries);
        cursor = page.cursor;
        pages += 1;
      } while (cursor && pages < 50);
      return { all, pages, counter };
    }
    // Without the cache every page is one batch. A page that continues the same server pages as
    // the one before (only further into them) asks for the same batch: the cache serves it, so
    // each distinct batch is sent once and nothing else is.
    const uncached = await readAll(false);
    expect(uncached.counter.requests).toHaveLength(uncached.pages);
    const distinct = new Set(uncached.counter.bodies).size;
    expect(distinct).toBeLessThan(uncached.pages);
    const { all, pages, counter } = await readAll(undefined);
    expect(pages).toBe(uncached.pages);
    expect(counter.requests).toHaveLength(distinct);
    expect(new Set(counter.bodies).size).toBe(distinct);
    // The same timeline either way, in the same order.
    expect(all.map((e) => e.key)).toEqual(uncached.all.map((e) => e.key));
    const keys = all.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    const kinds = new Set(all.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(
      ['condition', 'encounter', 'immunization', 'vital']
        .filter((k) => kinds.has(k as TimelineEntry['kind']))
        .sort(),
    );
    expect(all.filter((e) => e.kind === 'encounter')).toHaveLength(7);
    expect(all.filter((e) => e.kind === 'condition')).toHaveLength(3);
    // No gaps: every encounter and immunization a plain search finds is on the timeline.
    for (const [kind, type, param] of [
      ['encounter', 'Encounter', 'subject'],
      ['immunization', 'Immunization', 'patient'],
    ] as const) {
      const found = await health.fhir.search(type, { [param]: `Patient/${an.id}`, _count: 100 });
      const shown = found.resources
        .filter((r) => r.status !== 'entered-in-error')
        .map((r) => `${type}/${r.id}`);
      expect(
        all
          .filter((e) => e.kind === kind)
          .map((e) => e.key)
          .sort(),
      ).toEqual(shown.sort());
    }
    const dated = all.map((e) => Date.parse(e.date ?? ''));
    for (let i = 1; i < dated.length; i++)
      expect(dated[i]! <= dated[i - 1]! + 24 * 3600_000).toBe(true);
    const bp = all.find((e) => e.vital?.kind === 'bloodPressure');
    expect(bp?.vital).toMatchObject({ value: 132, diastolic: 84 });
  });

  it('filters by kind', async () => {
    const page = await health.records.getTimeline(an.id, { kinds: ['encounter'], pageSize: 3 });
    expect(page.entries.map((e) => e.kind)).toEqual(['encounter', 'encounter', 'encounter']);
    expect(page.hasMore).toBe(true);
  });

  it('follows the server’s next links: every encounter once, in order, and no cursor at the end', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await health.records.getTimeline(an.id, {
        kinds: ['encounter'],
        pageSize: 2,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.entries.map((e) => e.key));
      cursor = page.cursor;
    } while (cursor);
    const all = await health.fhir.search('Encounter', {
      subject: `Patient/${an.id}`,
      _sort: '-date',
      _count: 100,
    });
    expect(seen).toEqual(all.resources.map((e) => `Encounter/${e.id}`));
  });

  it('refuses a cursor of another patient or one that was tampered with', async () => {
    const page = await health.records.getTimeline(an.id, { pageSize: 2 });
    expect(page.cursor).toBeDefined();
    await expect(
      health.records.getTimeline(binh.id, { cursor: page.cursor! }),
    ).rejects.toBeInstanceOf(TypeError);
    const forged = page.cursor!.replace(/"url":"Encounter\?/, '"url":"Patient?');
    expect(forged).not.toBe(page.cursor);
    await expect(health.records.getTimeline(an.id, { cursor: forged })).rejects.toBeInstanceOf(
      TypeError,
    );
  });
});

describe('records.updateContact against the sandbox', () => {
  function withoutContact(p: Patient) {
    const { telecom: _t, meta: _m, address: _a, ...rest } = p;
    return rest;
  }

  it('changes only the phone, keeping every other field and extension as it was', async () => {
    const before = await health.records.getPatient(an.id, { cache: 'reload' });
    const after = await health.records.updateContact(an.id, { phone: '0912000111' });
    expect(after.meta?.versionId).not.toBe(before.meta?.versionId);
    const reread = await health.records.getPatient(an.id, { cache: 'reload' });
    expect(withoutContact(reread)).toEqual(withoutContact(before));
    expect(JSON.stringify(withoutContact(reread))).toBe(JSON.stringify(withoutContact(before)));
    expect(reread.address).toEqual(before.address);
    expect(reread.telecom).toEqual(
      before.telecom?.map((c) => (c.system === 'phone' ? { ...c, value: '0912000111' } : c)),
    );
  });

  it('replaces the home address and removes the email on request', async () => {
    const before = await health.records.getPatient(binh.id, { cache: 'reload' });
    const address = {
      use: 'home' as const,
      text: 'Số 1 Lê Lợi, Phường Nha Trang, Tỉnh Khánh Hòa',
      country: 'VN',
    };
    const after = await health.records.updateContact(binh.id, { address, email: null });
    expect(after.address?.[0]).toEqual(address);
    expect(after.telecom).toEqual(before.telecom?.filter((c) => c.system !== 'email'));
    expect(withoutContact(after)).toEqual(withoutContact(before));
  });

  it('fails with ConflictError when someone else updated in between, and loses their change', async () => {
    const other = createHealthClient({ baseUrl: sandbox.baseUrl });
    let armed = true;
    const racing: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const request = input instanceof Request ? input : new Request(input, init);
      if (
        armed &&
        request.method === 'GET' &&
        new URL(request.url).pathname.endsWith(`/Patient/${an.id}`)
      ) {
        armed = false;
        const current = await other.records.getPatient(an.id, { cache: 'reload' });
        await other.fhir.update(
          { ...current, gender: 'male', birthDate: current.birthDate },
          { ifMatch: true },
        );
        await other.records.updateContact(an.id, { email: 'someone.else@example.vn' });
      }
      return response;
    };
    const client = createHealthClient({ baseUrl: sandbox.baseUrl, fetch: racing });
    const error = await client.records
      .updateContact(an.id, { phone: '0933000222' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).status).toBe(412);
    const now = await health.records.getPatient(an.id, { cache: 'reload' });
    expect(now.telecom?.find((c) => c.system === 'email')?.value).toBe('someone.else@example.vn');
    expect(now.telecom?.find((c) => c.system === 'phone')?.value).not.toBe('0933000222');
  });

  it('fails with ConflictError before writing when the edited version is stale', async () => {
    const counter = countingFetch();
    const client = createHealthClient({ baseUrl: sandbox.baseUrl, fetch: counter.fetch });
    await expect(
      client.records.updateContact(an.id, { phone: '0944000333' }, { expectedVersion: '1' }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(counter.requests.filter((r) => r.startsWith('PUT'))).toEqual([]);
  });

  it('refuses an invalid phone or email without a request', async () => {
    await expect(health.records.updateContact(an.id, { phone: 'call me' })).rejects.toMatchObject({
      name: 'ValidationError',
    });
    await expect(
      health.records.updateContact(an.id, { email: 'not-an-email' }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
    });
  });
});

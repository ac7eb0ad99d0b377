// The sandbox FHIR server over real HTTP: status codes, headers, conditional interactions,
// paging, errors, CORS, gzip, and atomic transactions under concurrency (race-safe booking).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPatients, startSandbox } from '@vnhealth/sandbox';
import type { Sandbox } from '@vnhealth/sandbox';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let sandbox: Sandbox;
let base: string;
const NOW = new Date('2026-11-28T03:00:00Z');
const FHIR = 'application/fhir+json';

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 42, patients: 30, now: NOW, quiet: true });
  base = sandbox.baseUrl;
});

afterAll(async () => {
  await sandbox?.close();
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: Json | undefined; text: string }> {
  const res = await fetch(path.startsWith('http') ? path : `${base}/${path}`, {
    method,
    headers: { accept: FHIR, ...(body === undefined ? {} : { 'content-type': FHIR }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: Json | undefined;
  try {
    json = text ? (JSON.parse(text) as Json) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

const newPatient = (family: string, extra: Json = {}): Json => ({
  resourceType: 'Patient',
  name: [{ text: `${family} Văn Test`, family, given: ['Văn', 'Test'] }],
  gender: 'male',
  ...extra,
});

describe('sandbox: basics', () => {
  it('serves a truthful CapabilityStatement at /metadata', async () => {
    const r = await call('GET', 'metadata');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const cs = r.json as Json;
    expect(cs.resourceType).toBe('CapabilityStatement');
    expect(cs.fhirVersion).toBe('4.0.1');
    const rest = cs.rest[0];
    expect(rest.interaction.map((i: Json) => i.code)).toEqual(
      expect.arrayContaining(['batch', 'transaction']),
    );
    const patient = rest.resource.find((x: Json) => x.type === 'Patient');
    expect(patient.interaction.map((i: Json) => i.code)).toEqual(
      expect.arrayContaining([
        'read',
        'vread',
        'create',
        'update',
        'patch',
        'delete',
        'search-type',
      ]),
    );
    expect(patient.searchParam.map((p: Json) => p.name)).toEqual(
      expect.arrayContaining(['identifier', 'name', 'birthdate']),
    );
    expect(
      rest.resource.find((x: Json) => x.type === 'Slot').searchParam.map((p: Json) => p.name),
    ).toContain('schedule');
  });

  it('reads a demo patient with ETag and Last-Modified', async () => {
    const r = await call('GET', `Patient/${demoPatients.an.id}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('etag')).toBe('W/"1"');
    expect(new Date(r.headers.get('last-modified') ?? '').getTime()).not.toBeNaN();
    expect(r.json?.name[0].text).toBe('Nguyễn Văn An');
  });

  it('answers 304 to If-None-Match with the current version', async () => {
    const r = await call('GET', `Patient/${demoPatients.an.id}`, undefined, {
      'if-none-match': 'W/"1"',
    });
    expect(r.status).toBe(304);
  });

  it('finds patients by CCCD and BHYT in both flavours', async () => {
    const an = await call('GET', `Patient?identifier=${encodeURIComponent(demoPatients.an.cccd)}`);
    expect(an.json?.total).toBe(1);
    const anBhyt = await call(
      'GET',
      `Patient?identifier=${encodeURIComponent(`http://fhir.ehealth.gov.vn/core/sid/insurance_number|${demoPatients.an.bhyt}`)}`,
    );
    expect(anBhyt.json?.entry[0].resource.id).toBe(demoPatients.an.id);
    const cov = await call(
      'GET',
      `Coverage?identifier=${encodeURIComponent(`http://fhir.hl7.org.vn/core/sid/bhyt|${demoPatients.binh.bhyt}`)}`,
    );
    expect(cov.json?.total).toBe(1);
    expect(cov.json?.entry[0].resource.period.end).toBe('2025-12-31');
    expect(cov.json?.entry[0].resource.beneficiary.reference).toBe(
      `Patient/${demoPatients.binh.id}`,
    );
  });

  it('has the 23:45 ICT slot for time-zone tests', async () => {
    const r = await call('GET', 'Slot/vnh-slot-1-20261129-2345');
    expect(r.status).toBe(200);
    expect(r.json?.start).toBe('2026-11-29T23:45:00+07:00');
    expect(r.json?.status).toBe('free');
  });
});

describe('sandbox: writes and conditional interactions', () => {
  it('creates with 201, an absolute Location and ETag; ignores a client id', async () => {
    const r = await call('POST', 'Patient', newPatient('Tạo', { id: 'client-chosen' }));
    expect(r.status).toBe(201);
    expect(r.json?.id).not.toBe('client-chosen');
    expect(r.headers.get('location')).toBe(`${base}/Patient/${r.json?.id}/_history/1`);
    expect(r.headers.get('etag')).toBe('W/"1"');
  });

  it('honours Prefer: return=minimal and return=OperationOutcome', async () => {
    const minimal = await call('POST', 'Patient', newPatient('Gọn'), { prefer: 'return=minimal' });
    expect(minimal.status).toBe(201);
    expect(minimal.text).toBe('');
    expect(minimal.headers.get('location')).toMatch(/\/Patient\/[^/]+\/_history\/1$/);
    const oo = await call('POST', 'Patient', newPatient('Kết'), {
      prefer: 'return=OperationOutcome',
    });
    expect(oo.json?.resourceType).toBe('OperationOutcome');
  });

  it('updates with If-Match, answers 412 on a stale version and 409 on a stale body', async () => {
    const created = await call('POST', 'Patient', newPatient('Sửa'));
    const id = created.json?.id as string;
    const v1 = created.json as Json;
    const ok = await call(
      'PUT',
      `Patient/${id}`,
      { ...v1, gender: 'female' },
      { 'if-match': 'W/"1"' },
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('W/"2"');
    const stale = await call(
      'PUT',
      `Patient/${id}`,
      { ...v1, gender: 'other' },
      { 'if-match': 'W/"1"' },
    );
    expect(stale.status).toBe(412);
    expect(stale.json?.resourceType).toBe('OperationOutcome');
    const lost = await call('PUT', `Patient/${id}`, { ...v1, gender: 'other' });
    expect(lost.status).toBe(409);
    expect(lost.json?.resourceType).toBe('OperationOutcome');
    const read = await call('GET', `Patient/${id}`);
    expect(read.json?.gender).toBe('female');
  });

  it('update-as-create answers 201', async () => {
    const r = await call('PUT', 'Patient/upsert-test-1', {
      ...newPatient('Mới'),
      id: 'upsert-test-1',
    });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe(`${base}/Patient/upsert-test-1/_history/1`);
  });

  it('applies JSON Patch', async () => {
    const created = await call('POST', 'Patient', newPatient('Vá'));
    const id = created.json?.id as string;
    const res = await fetch(`${base}/Patient/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json-patch+json', 'if-match': 'W/"1"' },
      body: JSON.stringify([{ op: 'replace', path: '/gender', value: 'female' }]),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('W/"2"');
    expect(((await res.json()) as Json).gender).toBe('female');
  });

  it('deletes with 204 and then answers 410 Gone', async () => {
    const created = await call('POST', 'Patient', newPatient('Xóa'));
    const id = created.json?.id as string;
    expect((await call('DELETE', `Patient/${id}`)).status).toBe(204);
    const gone = await call('GET', `Patient/${id}`);
    expect(gone.status).toBe(410);
    expect(gone.json?.resourceType).toBe('OperationOutcome');
    expect((await call('GET', 'Patient/never-existed')).status).toBe(404);
  });

  it('If-None-Exist returns the existing resource (200) instead of a duplicate', async () => {
    const key = 'https://example.org/sid/test|ine-1';
    const body = newPatient('Một', {
      identifier: [{ system: 'https://example.org/sid/test', value: 'ine-1' }],
    });
    const first = await call('POST', 'Patient', body, { 'if-none-exist': `identifier=${key}` });
    expect(first.status).toBe(201);
    const second = await call('POST', 'Patient', body, { 'if-none-exist': `identifier=${key}` });
    expect(second.status).toBe(200);
    expect(second.json?.id).toBe(first.json?.id);
  });

  it('concurrent conditional creates with the same If-None-Exist store one resource', async () => {
    const body = newPatient('Đua', {
      identifier: [{ system: 'https://example.org/sid/test', value: 'race-1' }],
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        call('POST', 'Patient', body, {
          'if-none-exist': 'identifier=https://example.org/sid/test|race-1',
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(19);
    expect(new Set(results.map((r) => r.json?.id)).size).toBe(1);
    const search = await call('GET', 'Patient?identifier=https://example.org/sid/test|race-1');
    expect(search.json?.total).toBe(1);
  });
});

describe('sandbox: search', () => {
  it('pages with absolute next/previous links until the end', async () => {
    const first = await call('GET', 'Patient?_count=7');
    const total = first.json?.total as number;
    expect(total).toBeGreaterThan(30);
    const ids = new Set<string>();
    let page: Json | undefined = first.json;
    let pages = 0;
    while (page) {
      pages++;
      for (const e of page.entry ?? []) {
        ids.add(e.resource.id);
        expect(e.fullUrl).toBe(`${base}/Patient/${e.resource.id}`);
      }
      const links = page.link as Json[];
      for (const l of links) expect(l.url.startsWith(`${base}/Patient`)).toBe(true);
      if (pages === 2) expect(links.some((l) => l.relation === 'previous')).toBe(true);
      const next = links.find((l) => l.relation === 'next');
      page = next ? (await call('GET', next.url)).json : undefined;
    }
    expect(ids.size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 7));
  });

  it('supports _summary=count, _sort, _elements and _include/_revinclude', async () => {
    const count = await call('GET', 'Slot?_summary=count');
    expect(count.json?.total).toBeGreaterThan(100);
    expect(count.json?.entry).toBeUndefined();

    const sorted = await call('GET', 'Patient?_sort=-birthdate&_count=5');
    const dates = (sorted.json?.entry as Json[]).map((e) => e.resource.birthDate as string);
    expect([...dates].sort().reverse()).toEqual(dates);

    const elements = await call('GET', `Patient?_id=${demoPatients.an.id}&_elements=name`);
    const subset = elements.json?.entry[0].resource as Json;
    expect(subset.name).toBeDefined();
    expect(subset.identifier).toBeUndefined();

    const inc = await call(
      'GET',
      'PractitionerRole?_id=vnh-prr-0001&_include=PractitionerRole:practitioner',
    );
    const types = (inc.json?.entry as Json[]).map((e) => e.resource.resourceType);
    expect(types).toEqual(expect.arrayContaining(['PractitionerRole', 'Practitioner']));

    const rev = await call(
      'GET',
      `Patient?_id=${demoPatients.an.id}&_revinclude=AllergyIntolerance:patient`,
    );
    const allergies = (rev.json?.entry as Json[]).filter(
      (e) => e.resource.resourceType === 'AllergyIntolerance',
    );
    expect(allergies.map((e) => e.resource.criticality)).toContain('high');
  });

  it('finds video consultations through the consult-mode convention', async () => {
    const slots = await call('GET', 'Slot?service-type=video&status=free&_count=3');
    expect(slots.json?.total).toBeGreaterThan(10);
    for (const e of slots.json?.entry as Json[])
      expect(e.resource.serviceType[0].coding[0].code).toBe('video');
    const services = await call('GET', 'HealthcareService?characteristic=video');
    expect(services.json?.total).toBeGreaterThan(10);
  });

  it('answers HEAD like GET without a body', async () => {
    const res = await fetch(`${base}/Patient/${demoPatients.an.id}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('W/"1"');
    expect(await res.text()).toBe('');
  });

  it('conditional update by identifier updates the one match', async () => {
    const body = newPatient('Điều', {
      identifier: [{ system: 'https://example.org/sid/test', value: 'cu-1' }],
    });
    const created = await call('PUT', 'Patient?identifier=https://example.org/sid/test|cu-1', body);
    expect(created.status).toBe(201);
    const updated = await call('PUT', 'Patient?identifier=https://example.org/sid/test|cu-1', {
      ...body,
      gender: 'female',
    });
    expect(updated.status).toBe(200);
    expect(updated.json?.id).toBe(created.json?.id);
    expect(updated.headers.get('etag')).toBe('W/"2"');
  });

  it('searches by POST _search with a form body', async () => {
    const res = await fetch(`${base}/Patient/_search`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `_id=${demoPatients.binh.id}`,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).total).toBe(1);
  });
});

describe('sandbox: errors, CORS, gzip', () => {
  it('answers OperationOutcome for malformed JSON, unknown routes and media types', async () => {
    const bad = await call('POST', 'Patient', '{"resourceType": "Patient", ');
    expect(bad.status).toBe(400);
    expect(bad.json?.resourceType).toBe('OperationOutcome');
    const route = await call('GET', 'Patient/x/y/z/w');
    expect(route.status).toBe(404);
    expect(route.json?.resourceType).toBe('OperationOutcome');
    const outside = await call('GET', `${sandbox.origin}/nothing-here`);
    expect(outside.status).toBe(404);
    expect(outside.json?.resourceType).toBe('OperationOutcome');
    const media = await call('POST', 'Patient', '<Patient/>', {
      'content-type': 'application/fhir+xml',
    });
    expect(media.status).toBe(415);
    expect(media.json?.resourceType).toBe('OperationOutcome');
    const invalid = await call('POST', 'Patient', {
      resourceType: 'Patient',
      birthDate: 'yesterday',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json?.resourceType).toBe('OperationOutcome');
  });

  it('answers CORS preflights from local pages only', async () => {
    const pre = await fetch(`${base}/Slot/x`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'PUT',
        'access-control-request-headers':
          'authorization,if-match,if-none-exist,prefer,content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const allowed = (pre.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['authorization', 'if-match', 'if-none-exist', 'prefer'])
      expect(allowed).toContain(h);
    expect(pre.headers.get('access-control-allow-methods')).toContain('PUT');

    const get = await call('GET', `Patient/${demoPatients.an.id}`, undefined, {
      origin: 'http://127.0.0.1:6006',
    });
    expect(get.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:6006');
    expect((get.headers.get('access-control-expose-headers') ?? '').toLowerCase()).toContain(
      'etag',
    );

    const foreign = await call('GET', 'metadata', undefined, { origin: 'https://evil.example' });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('gzips when accepted', async () => {
    const r = await call('GET', 'Slot?_count=50', undefined, { 'accept-encoding': 'gzip' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-encoding')).toBe('gzip');
    expect(r.json?.resourceType).toBe('Bundle');
  });
});

describe('sandbox: batch and atomic transactions', () => {
  async function freeSlot(offset: number): Promise<Json> {
    const r = await call(
      'GET',
      `Slot?status=free&_count=1&_offset=${offset}&schedule=Schedule/vnh-sch-0003`,
    );
    return r.json?.entry[0].resource as Json;
  }

  function bookingBundle(slot: Json, key: string, ifMatch = 'W/"1"'): Json {
    return {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: `urn:uuid:${key}`,
          resource: {
            resourceType: 'Appointment',
            status: 'booked',
            identifier: [
              { system: 'https://fhir.vnhealth.dev/telemedicine/sid/booking-key', value: key },
            ],
            start: slot.start,
            end: slot.end,
            slot: [{ reference: `Slot/${slot.id}` }],
            participant: [
              { actor: { reference: `Patient/${demoPatients.an.id}` }, status: 'accepted' },
            ],
          },
          request: { method: 'POST', url: 'Appointment' },
        },
        {
          resource: { ...slot, status: 'busy' },
          request: { method: 'PUT', url: `Slot/${slot.id}`, ifMatch },
        },
      ],
    };
  }

  it('processes a batch entry by entry', async () => {
    const r = await call('POST', '', {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'GET', url: `Patient/${demoPatients.an.id}` } },
        { request: { method: 'GET', url: 'Patient/does-not-exist' } },
        { resource: newPatient('Lô'), request: { method: 'POST', url: 'Patient' } },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.json?.type).toBe('batch-response');
    expect((r.json?.entry as Json[]).map((e) => e.response.status.slice(0, 3))).toEqual([
      '200',
      '404',
      '201',
    ]);
  });

  it('rolls back a transaction when one entry fails its If-Match', async () => {
    const slot = await freeSlot(0);
    const before = (await call('GET', `Appointment?slot=Slot/${slot.id}&_summary=count`)).json
      ?.total;
    const r = await call('POST', '', bookingBundle(slot, 'rollback-1', 'W/"7"'));
    expect(r.status).toBe(412);
    expect(r.json?.resourceType).toBe('OperationOutcome');
    const after = (await call('GET', `Appointment?slot=Slot/${slot.id}&_summary=count`)).json
      ?.total;
    expect(after).toBe(before);
    const stillFree = await call('GET', `Slot/${slot.id}`);
    expect(stillFree.json?.status).toBe('free');
    expect(stillFree.headers.get('etag')).toBe('W/"1"');
  });

  it('50 concurrent bookings of one slot: exactly one succeeds, 49 get 412, one Appointment', async () => {
    const slot = await freeSlot(1);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call('POST', '', bookingBundle(slot, `race-${slot.id}-${i}`)),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(49);
    for (const r of results.filter((x) => x.status === 412))
      expect(r.json?.resourceType).toBe('OperationOutcome');
    const winner = results.find((r) => r.status === 200)?.json as Json;
    expect(winner.type).toBe('transaction-response');
    const appointments = await call('GET', `Appointment?slot=Slot/${slot.id}`);
    expect(appointments.json?.total).toBe(1);
    const taken = await call('GET', `Slot/${slot.id}`);
    expect(taken.json?.status).toBe('busy');
    expect(taken.headers.get('etag')).toBe('W/"2"');
  });

  it('honours ifNoneExist inside a transaction (a retried booking stores one Appointment)', async () => {
    const slot = await freeSlot(2);
    const key = `retry-${slot.id}`;
    const bundle = bookingBundle(slot, key);
    bundle.entry[0].request.ifNoneExist = `identifier=https://fhir.vnhealth.dev/telemedicine/sid/booking-key|${key}`;
    const first = await call('POST', '', bundle);
    expect(first.status).toBe(200);
    const retryBundle = bookingBundle(slot, key, 'W/"2"');
    retryBundle.entry[0].request.ifNoneExist = bundle.entry[0].request.ifNoneExist;
    const retry = await call('POST', '', retryBundle);
    expect(retry.status).toBe(200);
    const found = await call(
      'GET',
      `Appointment?identifier=https://fhir.vnhealth.dev/telemedicine/sid/booking-key|${key}`,
    );
    expect(found.json?.total).toBe(1);
  });
});

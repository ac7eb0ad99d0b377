/**
 * health.fhir against a real FHIR engine over HTTP (the sandbox), with the fault proxy in between
 * counting requests.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ConflictError,
  createHealthClient,
  HttpError,
  type HealthClientOptions,
  type Patient,
  type RequestEvent,
  type ResponseEvent,
} from '@vnhealth/core';
import { useProxiedSandbox, type TestServer } from './fhir-server.ts';

const env = useProxiedSandbox();

const client = (options: Partial<HealthClientOptions> = {}) =>
  createHealthClient({ baseUrl: env.base, validation: 'off', ...options });

const patient = (family: string, extra: Partial<Patient> = {}): Patient => ({
  resourceType: 'Patient',
  name: [{ family, given: ['Văn', 'An'], text: `${family} Văn An` }],
  ...extra,
});

describe('health.fhir CRUD', () => {
  it('creates, reads, vreads, updates with If-Match, patches and deletes', async () => {
    const { fhir } = client();
    const created = await fhir.create(
      patient('Nguyễn', { extension: [{ url: 'urn:x-test', valueString: 'kept' }] }),
    );
    expect(created.id).toBeTruthy();
    const read = await fhir.read('Patient', created.id!);
    expect(read.name?.[0]?.family).toBe('Nguyễn');
    expect(read.extension?.[0]?.valueString).toBe('kept');

    read.gender = 'male';
    const updated = await fhir.update(read, { ifMatch: true });
    expect(updated.meta?.versionId).not.toBe(read.meta?.versionId);
    const old = await fhir.vread('Patient', created.id!, read.meta!.versionId!);
    expect(old.gender).toBeUndefined();

    const patched = await fhir.patch(
      'Patient',
      created.id!,
      [{ op: 'replace', path: '/gender', value: 'female' }],
      {
        ifMatch: updated.meta!.versionId!,
      },
    );
    expect(patched.gender).toBe('female');

    await fhir.delete('Patient', created.id!);
    await expect(fhir.read('Patient', created.id!)).rejects.toBeInstanceOf(HttpError);
  });

  it('turns a stale If-Match into ConflictError (412)', async () => {
    const { fhir } = client();
    const created = await fhir.create(patient('Trần'));
    await fhir.update({ ...created, gender: 'male' });
    const error = await fhir
      .update({ ...created, gender: 'female' }, { ifMatch: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).status).toBe(412);
    expect((error as Error).message).not.toContain(created.id!);
    expect((error as Error).message).toMatch(/Read the resource again/);
  });

  it('create with ifNoneExist does not duplicate', async () => {
    const { fhir } = client();
    const identifier = [{ system: 'urn:x-test:ine', value: `ine-${Date.now()}` }];
    const a = await fhir.create(patient('Lê', { identifier }), {
      ifNoneExist: { identifier: `urn:x-test:ine|${identifier[0]!.value}` },
    });
    const b = await fhir.create(patient('Lê', { identifier }), {
      ifNoneExist: { identifier: `urn:x-test:ine|${identifier[0]!.value}` },
    });
    expect(b.id).toBe(a.id);
  });

  it('searches with total and links, and runs operations and capabilities', async () => {
    const { fhir } = client();
    const family = `Phạm${Date.now()}`;
    for (let i = 0; i < 3; i++) await fhir.create(patient(family));
    const result = await fhir.search('Patient', { family, _count: 2, _total: 'accurate' });
    expect(result.resources).toHaveLength(2);
    expect(result.total).toBe(3);
    expect(result.links.next).toBeTruthy();
    const caps = await fhir.capabilities();
    expect(caps.resourceType).toBe('CapabilityStatement');
    await fhir.capabilities();
    expect(env.proxy.count('GET', '/metadata')).toBe(1);
    const viaOperation = await fhir.operation<{ resourceType: string }>('metadata', {
      params: { _summary: 'true' },
    });
    expect(viaOperation.resourceType).toBe('CapabilityStatement');
    const unknown = await fhir
      .operation('Patient/$no-such-operation', { body: { resourceType: 'Parameters' } as never })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(HttpError);
    expect(env.proxy.count('POST', '/Patient/$no-such-operation')).toBe(1);
  });
});

describe('batch and transaction', () => {
  it('resolves urn:uuid references inside a transaction', async () => {
    const { fhir } = client();
    const pid = 'urn:uuid:6b3c1a5e-6a4f-4d39-9f37-2a4d2c7c0c01';
    const results = await fhir.transaction([
      { fullUrl: pid, resource: patient('Hoàng'), request: { method: 'POST', url: 'Patient' } },
      {
        resource: {
          resourceType: 'Observation',
          status: 'final',
          code: { text: 'Nhịp tim' },
          subject: { reference: pid },
          valueQuantity: { value: 72, unit: '/min' },
        },
        request: { method: 'POST', url: 'Observation' },
      },
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const obs = results[1]!.resource as { subject?: { reference?: string } };
    const patientId = results[0]!.resource!.id;
    expect(obs.subject?.reference).toBe(`Patient/${patientId}`);
  });

  it('a failed transaction throws ConflictError and nothing is written', async () => {
    const { fhir } = client();
    const created = await fhir.create(patient('Đỗ'));
    await fhir.update({ ...created, gender: 'male' });
    const family = `Vũ${Date.now()}`;
    const error = await fhir
      .transaction([
        { resource: patient(family), request: { method: 'POST', url: 'Patient' } },
        {
          resource: { ...created, gender: 'female' },
          request: {
            method: 'PUT',
            url: `Patient/${created.id}`,
            ifMatch: `W/"${created.meta!.versionId}"`,
          },
        },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    // All-or-nothing: the sandbox rolled the create back.
    const after = await fhir.search('Patient', { family });
    expect(after.resources).toHaveLength(0);
  });

  it('a batch reports per-entry results and errors', async () => {
    const { fhir } = client();
    const created = await fhir.create(patient('Bùi'));
    const results = await fhir.batch([
      { request: { method: 'GET', url: `Patient/${created.id}` } },
      { request: { method: 'GET', url: 'Patient/does-not-exist' } },
    ]);
    expect(results[0]!.ok).toBe(true);
    expect(results[0]!.resource?.id).toBe(created.id);
    expect(results[1]!.ok).toBe(false);
    expect(results[1]!.status).toBe(404);
    expect(results[1]!.error).toBeInstanceOf(HttpError);
  });
});

describe('de-duplication, auto-batching and cache', () => {
  it('five concurrent identical reads → one HTTP request', async () => {
    const { fhir } = client();
    const created = await fhir.create(patient('Đặng'));
    env.proxy.reset();
    const reads = await Promise.all(
      Array.from({ length: 5 }, () => fhir.read('Patient', created.id!, { cache: 'reload' })),
    );
    expect(new Set(reads.map((r) => r.id))).toEqual(new Set([created.id]));
    reads[0]!.gender = 'other';
    expect(reads[1]!.gender).toBeUndefined();
    expect(env.proxy.requests).toHaveLength(1);
  });

  it('five different reads in one tick → one batch request', async () => {
    const { fhir } = client();
    await fhir.capabilities();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await fhir.create(patient(`Ngô${i}`))).id!);
    env.proxy.reset();
    const reads = await Promise.all(ids.map((id) => fhir.read('Patient', id)));
    expect(reads.map((r) => r.id)).toEqual(ids);
    expect(env.proxy.requests).toHaveLength(1);
    expect(env.proxy.requests[0]!.method).toBe('POST');
    expect(JSON.parse(env.proxy.requests[0]!.body)).toMatchObject({
      resourceType: 'Bundle',
      type: 'batch',
    });
  });

  it('a full CapabilityStatement without batch: reads go one by one', async () => {
    const { fhir } = client();
    const a = await fhir.create(patient('Dương'));
    const b = await fhir.create(patient('Lý'));
    env.proxy.inject(
      {
        kind: 'status',
        status: 200,
        body: JSON.stringify({
          resourceType: 'CapabilityStatement',
          status: 'active',
          kind: 'instance',
          fhirVersion: '4.0.1',
          format: ['json'],
          date: '2026-11-28',
          rest: [{ mode: 'server', interaction: [{ code: 'transaction' }] }],
        }),
      },
      { match: (r) => r.url.includes('/metadata') },
    );
    await fhir.capabilities({ full: true });
    env.proxy.reset();
    await Promise.all([fhir.read('Patient', a.id!), fhir.read('Patient', b.id!)]);
    expect(env.proxy.count('POST')).toBe(0);
    expect(env.proxy.count('GET')).toBe(2);
  });

  it('a server that refuses the batch: the reads go one by one, and batching stays off', async () => {
    const { fhir } = client();
    const a = await fhir.create(patient('Phan'));
    const b = await fhir.create(patient('Võ'));
    env.proxy.reset();
    env.proxy.inject(
      { kind: 'status', status: 405, body: '' },
      { match: (r) => r.method === 'POST' && r.url.endsWith('/R4/') },
    );
    const [ra, rb] = await Promise.all([fhir.read('Patient', a.id!), fhir.read('Patient', b.id!)]);
    expect([ra.id, rb.id]).toEqual([a.id, b.id]);
    expect(env.proxy.count('POST')).toBe(1);
    expect(env.proxy.count('GET')).toBe(2);
    await Promise.all([
      fhir.read('Patient', a.id!, { cache: 'reload' }),
      fhir.read('Patient', b.id!, { cache: 'reload' }),
    ]);
    expect(env.proxy.count('POST')).toBe(1);
    expect(env.proxy.count('GET')).toBe(4);
    // The batcher never fetched the CapabilityStatement itself.
    expect(env.proxy.count('GET', '/metadata')).toBe(0);
  });

  it('capabilities: one summary request per client, under 2 KB on the wire, shared', async () => {
    const { fhir } = client();
    const [one, two] = await Promise.all([fhir.capabilities(), fhir.capabilities()]);
    expect(one).toEqual(two);
    expect(one.meta?.tag).toContainEqual(expect.objectContaining({ code: 'SUBSETTED' }));
    expect(env.proxy.requests.map((r) => `${r.method} ${r.url.split('/R4/')[1]}`)).toEqual([
      'GET metadata?_summary=true',
    ]);
    const wire = await fetch(`${env.server.baseUrl}/metadata?_summary=true`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    const compressed = Number(wire.headers.get('content-length'));
    expect(wire.headers.get('content-encoding')).toBe('gzip');
    expect(compressed).toBeLessThan(2000);
    console.log(`capabilities summary: ${compressed} bytes gzip on the wire`);
    // The batcher shares it: a batch after it costs no further metadata request.
    const ids = [(await fhir.create(patient('Hồ'))).id!, (await fhir.create(patient('Mai'))).id!];
    env.proxy.reset();
    await Promise.all(ids.map((id) => fhir.read('Patient', id)));
    expect(env.proxy.requests.map((r) => r.method)).toEqual(['POST']);
  });

  it('a batch of reads is cached and shared like a read, and serves later reads', async () => {
    const { fhir } = client();
    const created = await fhir.create(patient('Trịnh'));
    const entries = [
      { request: { method: 'GET' as const, url: `Patient/${created.id}` } },
      { request: { method: 'GET' as const, url: `Patient?family=Trịnh&_count=1` } },
    ];
    env.proxy.reset();
    const [first, second] = await Promise.all([fhir.batch(entries), fhir.batch(entries)]);
    expect(first[0]!.resource?.id).toBe(created.id);
    expect(second[0]!.resource?.id).toBe(created.id);
    await fhir.batch(entries);
    await fhir.read('Patient', created.id!);
    expect(env.proxy.requests).toHaveLength(1);
    await fhir.update({ ...created, gender: 'male' });
    env.proxy.reset();
    const again = await fhir.batch(entries);
    expect((again[0]!.resource as Patient).gender).toBe('male');
    expect(env.proxy.requests).toHaveLength(1);
  });

  it('search pages are cached and shared like reads', async () => {
    const { fhir } = client();
    const family = `Lâm${Date.now()}`;
    for (let i = 0; i < 3; i++) await fhir.create(patient(family));
    env.proxy.reset();
    const walk = async () => {
      let n = 0;
      for await (const page of fhir.pages('Patient', { family, _count: 2 }))
        n += page.resources.length;
      return n;
    };
    expect(await Promise.all([walk(), walk()])).toEqual([3, 3]);
    expect(env.proxy.count('GET')).toBe(2);
    expect(await walk()).toBe(3);
    expect(env.proxy.count('GET')).toBe(2);
  });

  it('serves repeated reads from the cache and a write invalidates them', async () => {
    const { fhir } = client({ autoBatch: false });
    const created = await fhir.create(patient('Cao'));
    const family = 'Cao';
    env.proxy.reset();
    await fhir.read('Patient', created.id!);
    await fhir.read('Patient', created.id!);
    await fhir.search('Patient', { family, _count: 1 });
    await fhir.search('Patient', { family, _count: 1 });
    expect(env.proxy.count('GET')).toBe(2);
    await fhir.update({ ...created, gender: 'male' });
    const again = await fhir.read('Patient', created.id!);
    expect(again.gender).toBe('male');
    await fhir.search('Patient', { family, _count: 1 });
    expect(env.proxy.count('GET')).toBe(4);
    // A write inside a transaction invalidates too.
    await fhir.transaction([
      {
        resource: { ...again, gender: 'female' },
        request: { method: 'PUT', url: `Patient/${created.id}` },
      },
    ]);
    expect((await fhir.read('Patient', created.id!)).gender).toBe('female');
    expect(env.proxy.count('GET')).toBe(5);
    // cache: 'no-store' and cache: false always go to the env.server.
    await fhir.read('Patient', created.id!, { cache: 'no-store' });
    expect(env.proxy.count('GET')).toBe(6);
  });
});

describe('paging', () => {
  // Straight to the sandbox (no proxy): 10,000 resources.
  let engine: TestServer;
  beforeAll(() => {
    engine = env.server;
  });

  it('pages through 10,000 resources with flat memory', async () => {
    const { fhir } = createHealthClient({
      baseUrl: engine.baseUrl,
      validation: 'off',
      timeoutMs: 120_000,
    });
    const tag = `page-${Date.now()}`;
    const before = (await fhir.search('Observation', { _summary: 'count' })).total!;
    for (let t = 0; t < 10; t++) {
      await fhir.transaction(
        Array.from({ length: 1000 }, (_, i) => ({
          resource: {
            resourceType: 'Observation' as const,
            status: 'final' as const,
            code: { text: tag },
            identifier: [{ system: 'urn:x-test:page', value: `${tag}-${t * 1000 + i}` }],
          },
          request: { method: 'POST' as const, url: 'Observation' },
        })),
        { timeoutMs: 120_000 },
      );
    }
    let seen = 0;
    let pages = 0;
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap: number[] = [];
    // Every Observation (the sandbox's token search by system alone scans slowly): the seeded
    // ones and these 10,000. Pages are cached within `cache.maxBytes`, so memory stays flat.
    for await (const page of fhir.pages('Observation', { _count: 500 })) {
      seen += page.resources.length;
      pages++;
      gc();
      heap.push(process.memoryUsage().heapUsed);
    }
    expect(seen).toBe(before + 10_000);
    expect(pages).toBeGreaterThanOrEqual(20);
    const growth = (heap.at(-1)! - heap[1]!) / 1e6;
    console.log(
      `paging: ${seen} resources in ${pages} pages, heap ${(heap[1]! / 1e6).toFixed(1)} → ${(heap.at(-1)! / 1e6).toFixed(1)} MB`,
    );
    expect(growth).toBeLessThan(10);
  }, 600_000);
});

describe('validation and hooks', () => {
  // Validation of every entry point: validation.node.test.ts.
  it('hooks see method, redacted path, status, duration, attempt — never tokens or ids', async () => {
    const events: (RequestEvent | ResponseEvent)[] = [];
    const { fhir } = client({
      token: 'secret-token-value',
      onRequest: (e) => events.push(e),
      onResponse: (e) => events.push(e),
    });
    const created = await fhir.create(patient('Kiều'));
    await fhir.search('Patient', { family: 'Kiều', identifier: '079123456789' });
    await fhir.read('Patient', created.id!);
    const text = JSON.stringify(events);
    expect(text).not.toContain('secret-token-value');
    expect(text).not.toContain(created.id!);
    expect(text).not.toContain('079123456789');
    expect(events).toContainEqual(
      expect.objectContaining({ method: 'GET', path: 'Patient/{id}', status: 200, attempt: 1 }),
    );
    expect(env.proxy.requests.at(-1)!.headers.authorization).toBe('Bearer secret-token-value');
    const exposed: RequestEvent[] = [];
    await client({ exposeSensitive: true, onRequest: (e) => exposed.push(e) }).fhir.read(
      'Patient',
      created.id!,
    );
    expect(exposed[0]!.path).toBe(`Patient/${created.id}`);
  });
});

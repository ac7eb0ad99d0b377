/**
 * Issue 13, "Sandbox denial of service": a 300 MB unauthenticated POST to `/auth/token` added
 * 750 MB of RSS; a batch of 1,000 `GET Patient?_count=1000` made a 417 MB response. Body caps on
 * every endpoint (413 before the rest is read), a batch/transaction entry cap, a `_count` cap the
 * search says it applied, and a time limit for receiving a request.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@vnhealth/sandbox';
import { raw } from './raw-http.ts';
import type { Json } from './sandbox-tokens.ts';

const MiB = 1024 * 1024;

/**
 * Streams up to `total` bytes of `chunked` body (honouring back-pressure) and stops when the
 * response arrives; resolves the status and how many bytes had been handed to the socket by then.
 */
function stream(
  origin: string,
  path: string,
  type: string,
  total: number,
): Promise<{ status: number; written: number; ms: number }> {
  const { hostname, port } = new URL(origin);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let written = 0;
    let done = false;
    const req = request(
      {
        host: hostname,
        port,
        method: 'POST',
        path,
        headers: { 'content-type': type },
        agent: false,
      },
      (res) => {
        done = true;
        res.resume();
        const status = res.statusCode ?? 0;
        res.on('end', () => {
          req.destroy();
          resolve({ status, written, ms: performance.now() - started });
        });
      },
    );
    req.on('error', (err) => {
      if (!done) reject(err);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!done && written < total) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

/** Sends only headers declaring `length` bytes, and no body. */
const declared = (origin: string, path: string, length: number) => {
  const { hostname, port } = new URL(origin);
  return new Promise<number>((resolve, reject) => {
    const req = request(
      {
        host: hostname,
        port,
        method: 'POST',
        path,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': length },
        agent: false,
      },
      (res) => {
        res.resume();
        req.destroy();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.flushHeaders();
  });
};

describe('sandbox limits (default values)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 42, patients: 0, quiet: true });
  });
  afterAll(() => sandbox?.close());

  it('refuses a declared 300 MB body with 413 before reading it, on /auth/token and on FHIR', async () => {
    expect(await declared(sandbox.origin, '/auth/token', 300_000_000)).toBe(413);
    expect(await declared(sandbox.origin, '/auth/register', 300_000_000)).toBe(413);
    expect(await declared(sandbox.origin, '/fhir/R4/Patient', 300_000_000)).toBe(413);
  });

  it('refuses a chunked /auth/token body past 64 KiB early, with RSS bounded', async () => {
    const before = process.memoryUsage().rss;
    const res = await stream(
      sandbox.origin,
      '/auth/token',
      'application/x-www-form-urlencoded',
      32 * MiB,
    );
    expect(res.status).toBe(413);
    expect(res.written).toBeLessThan(8 * MiB);
    expect(process.memoryUsage().rss - before).toBeLessThan(24 * MiB);
  });

  it('refuses a batch of 1,001 entries with 413 and an OperationOutcome; 1,000 are served', async () => {
    const batch = (n: number) =>
      fetch(sandbox.baseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify({
          resourceType: 'Bundle',
          type: 'batch',
          entry: Array.from({ length: n }, () => ({
            request: { method: 'GET', url: 'Patient/vnh-pt-001' },
          })),
        }),
      });
    const over = await batch(1001);
    expect(over.status).toBe(413);
    expect(await over.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'too-costly' }],
    });
    const tx = await fetch(sandbox.baseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: Array.from({ length: 1001 }, () => ({
          resource: { resourceType: 'Basic', code: { text: 'x' } },
          request: { method: 'POST', url: 'Basic' },
        })),
      }),
    });
    expect(tx.status).toBe(413);
    expect((await (await fetch(`${sandbox.baseUrl}/Basic?_summary=count`)).json()).total).toBe(0);
    const ok = await batch(1000);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { entry: unknown[] }).entry).toHaveLength(1000);
  });

  it('refuses the batch of 1,000 GET Patient?_count=1000 (it made a 417 MB response) at once', async () => {
    const searches = (n: number, url: string) =>
      fetch(sandbox.baseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify({
          resourceType: 'Bundle',
          type: 'batch',
          entry: Array.from({ length: n }, () => ({ request: { method: 'GET', url } })),
        }),
      });
    const started = performance.now();
    const attack = await searches(1000, 'Patient?_count=1000');
    expect(attack.status).toBe(413);
    expect(await attack.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'too-costly' }],
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    // Searches without _count count as the max (1000 each): 11 of them are over 10,000.
    expect((await searches(11, 'Patient')).status).toBe(413);
    expect((await searches(10, 'Patient')).status).toBe(200);
  });
});

describe('sandbox limits (configured)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      port: 0,
      seed: 42,
      patients: 0,
      quiet: true,
      limits: { maxBodyBytes: 1 * MiB, maxCount: 2, requestTimeoutMs: 600 },
    });
  });
  afterAll(() => sandbox?.close());

  it('refuses a chunked FHIR body past the cap with 413 early, with RSS bounded', async () => {
    const before = process.memoryUsage().rss;
    const res = await stream(sandbox.origin, '/fhir/R4/Patient', 'application/fhir+json', 64 * MiB);
    expect(res.status).toBe(413);
    expect(res.written).toBeLessThan(8 * MiB);
    expect(process.memoryUsage().rss - before).toBeLessThan(24 * MiB);
  });

  it('lowers _count to the max and says so in an outcome entry of the searchset', async () => {
    const bundle = (await (await fetch(`${sandbox.baseUrl}/Patient?_count=1000`)).json()) as {
      total: number;
      entry: { resource: { resourceType: string }; search?: { mode: string } }[];
      link: { relation: string; url: string }[];
    };
    const matches = bundle.entry.filter((e) => e.search?.mode !== 'outcome');
    expect(matches).toHaveLength(2);
    expect(bundle.total).toBe(5);
    expect(bundle.link.find((l) => l.relation === 'next')?.url).toMatch(/_count=2\b/);
    const outcome = bundle.entry.find((e) => e.search?.mode === 'outcome');
    expect(outcome?.resource).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'warning', code: 'too-costly' }],
    });
  });

  it('lowers an entry _count inside a batch to the max', async () => {
    const res = await fetch(sandbox.baseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ request: { method: 'GET', url: 'Patient?_count=1000' } }],
      }),
    });
    const bundle = (await res.json()) as { entry: { resource: { entry: unknown[] } }[] };
    expect(bundle.entry[0]?.resource.entry).toHaveLength(2);
  });

  it('pages a batch search entry without _count at the max, with a next link', async () => {
    const res = await fetch(sandbox.baseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ request: { method: 'GET', url: 'Patient' } }],
      }),
    });
    const bundle = (await res.json()) as {
      entry: { resource: { total: number; entry: unknown[]; link: { relation: string }[] } }[];
    };
    const search = bundle.entry[0]!.resource;
    expect(search.total).toBe(5);
    expect(search.entry).toHaveLength(2);
    expect(search.link.map((l) => l.relation)).toContain('next');
  });

  it('answers 408 to a request whose body stalls, and keeps serving others meanwhile', async () => {
    const { hostname, port } = new URL(sandbox.origin);
    const started = performance.now();
    const stalled = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: hostname,
          port,
          method: 'POST',
          path: '/fhir/R4/Patient',
          headers: { 'content-type': 'application/fhir+json', 'content-length': 100 },
          agent: false,
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('{"resourceType":');
    });
    expect((await raw(sandbox.origin, 'GET', '/fhir/R4/metadata')).status).toBe(200);
    expect(await stalled).toBe(408);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('sandbox limits (time a request may run)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      port: 0,
      seed: 42,
      patients: 1000,
      quiet: true,
      limits: { maxRunMs: 150 },
    });
  });
  afterAll(() => sandbox?.close());

  // 1,000 unindexed name searches over 1,005 Patients: seconds of engine time without the limit.
  const costly = (type: 'batch' | 'transaction') => ({
    resourceType: 'Bundle',
    type,
    entry: [
      ...(type === 'transaction'
        ? [
            {
              request: { method: 'POST', url: 'Patient' },
              resource: { resourceType: 'Patient', name: [{ text: 'Lê Văn Chờ' }] },
            },
          ]
        : []),
      ...Array.from({ length: type === 'batch' ? 1000 : 300 }, (_, i) => ({
        request: { method: 'GET', url: `Patient?name:contains=zzz${i}&_count=1` },
      })),
    ],
  });
  const post = async (body: unknown) => {
    const started = performance.now();
    const response = await fetch(sandbox.baseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify(body),
    });
    return { response, ms: performance.now() - started, body: (await response.json()) as Json };
  };

  it('a batch past maxRunMs is stopped: its remaining entries answer 503 at once', async () => {
    const { response, ms, body } = await post(costly('batch'));
    expect(response.status).toBe(200);
    const statuses = (body.entry as Json[]).map((e) => e.response.status as string);
    const ran = statuses.filter((s) => s.startsWith('200')).length;
    expect(ran).toBeGreaterThan(0);
    expect(statuses.slice(ran).every((s) => s === '503')).toBe(true);
    expect(ran).toBeLessThan(1000);
    expect(ms).toBeLessThan(1_500);
  });

  it('a transaction past maxRunMs is 503 + Retry-After and rolls back whole', async () => {
    const { response, body } = await post(costly('transaction'));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(body.issue[0].code).toBe('transient');
    const search = await fetch(`${sandbox.baseUrl}/Patient?name=Chờ`);
    expect(((await search.json()) as { total: number }).total).toBe(0);
    expect((await fetch(`${sandbox.baseUrl}/Patient/vnh-pt-001`)).status).toBe(200);
  });
});

/**
 * The transport through the fault-injecting proxy: retries, Retry-After, resets, stalls,
 * truncated bodies, HTML error pages, slow drip, abort, budget and 401 refresh — asserting what
 * reaches the wire.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AuthError,
  createHealthClient,
  HttpError,
  NetworkError,
  TimeoutError,
  type ErrorEvent,
  type HealthClientOptions,
  type Patient,
} from '@vnhealth/core';
import { useProxiedSandbox } from './fhir-server.ts';
import { html502 } from './proxy.ts';

const env = useProxiedSandbox();
let known: Patient;

beforeAll(async () => {
  known = await client().fhir.create({
    resourceType: 'Patient',
    name: [{ family: 'Nguyễn', text: 'Nguyễn Thị Mai' }],
  });
});

const client = (options: Partial<HealthClientOptions> = {}) =>
  createHealthClient({
    baseUrl: env.base,
    validation: 'off',
    autoBatch: false,
    cache: false,
    retry: { baseDelayMs: 50, maxDelayMs: 200 },
    ...options,
  });

const reads = () =>
  env.proxy.requests.filter((r) => r.method === 'GET' && !r.url.endsWith('/metadata')).length;
const posts = () => env.proxy.count('POST');
const timed = async <T>(run: () => Promise<T>): Promise<[T | unknown, number]> => {
  const t0 = Date.now();
  const result = await run().catch((e: unknown) => e);
  return [result, Date.now() - t0];
};
const log = (what: string, ms: number, count: number) =>
  console.log(`proxy: ${what}: ${count} request(s), ${ms} ms`);

describe('retries of safe requests', () => {
  it('a GET answered 503 Retry-After: 1 is retried after ~1 s and succeeds', async () => {
    env.proxy.inject({ kind: 'status', status: 503, headers: { 'retry-after': '1' }, body: '' });
    const [result, ms] = await timed(() => client().fhir.read('Patient', known.id!));
    expect((result as Patient).id).toBe(known.id);
    expect(reads()).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(950);
    log('503 Retry-After: 1 then 200', ms, reads());
  });

  it('a GET answered 429 with an HTTP-date Retry-After waits until that date', async () => {
    const date = new Date(Date.now() + 2000).toUTCString();
    env.proxy.inject({ kind: 'status', status: 429, headers: { 'retry-after': date }, body: '' });
    const [result, ms] = await timed(() => client().fhir.read('Patient', known.id!));
    expect((result as Patient).id).toBe(known.id);
    expect(reads()).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(900);
    log('429 Retry-After: <HTTP-date +2 s> then 200', ms, reads());
  });

  it('a Retry-After beyond the cap fails at once with the server error', async () => {
    env.proxy.inject({ kind: 'status', status: 503, headers: { 'retry-after': '120' }, body: '' });
    const [error, ms] = await timed(() =>
      client({ retry: { maxRetryAfterMs: 5000 } }).fhir.read('Patient', known.id!),
    );
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(503);
    expect(reads()).toBe(1);
    expect(ms).toBeLessThan(1000);
    log('503 Retry-After: 120 (cap 5 s) → fail fast', ms, reads());
  });

  it('no retry starts that would overrun the time budget', async () => {
    env.proxy.inject({ kind: 'status', status: 503, headers: { 'retry-after': '2' }, body: '' });
    const [error, ms] = await timed(() =>
      client({ retry: { budgetMs: 1000 } }).fhir.read('Patient', known.id!),
    );
    expect((error as HttpError).status).toBe(503);
    expect(reads()).toBe(1);
    log('503 Retry-After: 2 with budget 1 s → fail fast', ms, reads());
  });

  it('exponential backoff with full jitter on 500/502/504, reported through onError', async () => {
    env.proxy.inject({ kind: 'status', status: 500, body: '' });
    env.proxy.inject({
      kind: 'status',
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: html502,
    });
    env.proxy.inject({ kind: 'status', status: 504, body: '' });
    const events: ErrorEvent[] = [];
    const [result, ms] = await timed(() =>
      client({
        retry: { baseDelayMs: 100, maxDelayMs: 1000 },
        onError: (e) => events.push(e),
      }).fhir.read('Patient', known.id!),
    );
    expect((result as Patient).id).toBe(known.id);
    expect(reads()).toBe(4);
    expect(events.map((e) => [e.status, e.attempt, e.willRetry])).toEqual([
      [500, 1, true],
      [502, 2, true],
      [504, 3, true],
    ]);
    expect(ms).toBeLessThan(100 + 200 + 400 + 2000);
    log('500, 502 (HTML), 504 then 200 (env.base 100 ms, full jitter)', ms, reads());
  });

  it('a connection reset on a GET is retried and succeeds', async () => {
    env.proxy.inject({ kind: 'reset' });
    const [result, ms] = await timed(() => client().fhir.read('Patient', known.id!));
    expect((result as Patient).id).toBe(known.id);
    expect(reads()).toBe(2);
    log('reset then 200', ms, reads());
  });

  it('gives up after the retry limit with the last error', async () => {
    env.proxy.inject({ kind: 'status', status: 503, body: '' }, { times: 10 });
    const error = await client({ retry: { limit: 2, baseDelayMs: 10 } })
      .fhir.read('Patient', known.id!)
      .catch((e: unknown) => e);
    expect((error as HttpError).status).toBe(503);
    expect((error as Error).message).toMatch(/Try again later/);
    expect(reads()).toBe(3);
  });
});

describe('unsafe requests are sent once', () => {
  it('a POST without ifNoneExist that fails with 503 is sent exactly once', async () => {
    env.proxy.inject(
      { kind: 'status', status: 503, headers: { 'retry-after': '0' }, body: '' },
      { match: (r) => r.method === 'POST' },
    );
    const error = await client()
      .fhir.create({ resourceType: 'Patient' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(posts()).toBe(1);
  });

  it('a POST whose connection resets is sent exactly once and fails with NetworkError', async () => {
    env.proxy.inject({ kind: 'reset' }, { match: (r) => r.method === 'POST' });
    const error = await client()
      .fhir.create({ resourceType: 'Patient' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(posts()).toBe(1);
  });

  it('a conditional create (ifNoneExist) is retried and does not duplicate', async () => {
    const value = `retry-${Date.now()}`;
    env.proxy.inject(
      { kind: 'status', status: 503, body: '' },
      { match: (r) => r.method === 'POST' },
    );
    const created: Patient = await client().fhir.create(
      { resourceType: 'Patient', identifier: [{ system: 'urn:x-test:retry', value }] },
      { ifNoneExist: { identifier: `urn:x-test:retry|${value}` } },
    );
    expect(created.id).toBeTruthy();
    expect(posts()).toBe(2);
  });

  it('an update with ifMatch is retried', async () => {
    const fresh = await client().fhir.read('Patient', known.id!);
    env.proxy.reset();
    env.proxy.inject({ kind: 'reset' }, { match: (r) => r.method === 'PUT' });
    const updated = await client().fhir.update({ ...fresh, gender: 'female' }, { ifMatch: true });
    expect(updated.gender).toBe('female');
    expect(env.proxy.count('PUT')).toBe(2);
    known = updated;
  });
});

describe('broken responses become HttpError / TimeoutError, never SyntaxError', () => {
  it('a stall becomes TimeoutError after timeoutMs', async () => {
    env.proxy.inject({ kind: 'stall' });
    const [error, ms] = await timed(() =>
      client({ retry: false, timeoutMs: 400 }).fhir.read('Patient', known.id!),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(400);
    expect(ms).toBeGreaterThanOrEqual(390);
    expect(ms).toBeLessThan(2000);
    log('stall with timeoutMs 400', ms, reads());
  });

  it('a stall is retried for a GET and the next attempt succeeds', async () => {
    env.proxy.inject({ kind: 'stall' });
    const [result, ms] = await timed(() =>
      client({ timeoutMs: 400 }).fhir.read('Patient', known.id!),
    );
    expect((result as Patient).id).toBe(known.id);
    expect(reads()).toBe(2);
    log('stall (timeoutMs 400) then 200', ms, reads());
  });

  it('a truncated body becomes HttpError with the status', async () => {
    env.proxy.inject({ kind: 'truncate' });
    const error = await client({ retry: false })
      .fhir.read('Patient', known.id!)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect((error as HttpError).status).toBe(200);
    expect((error as Error).message).toMatch(/cut off|not FHIR JSON/);
  });

  it('an HTML 502 page becomes HttpError 502 with advice', async () => {
    env.proxy.inject({
      kind: 'status',
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: html502,
    });
    const error = await client({ retry: false })
      .fhir.read('Patient', known.id!)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(502);
    expect((error as Error).message).toMatch(/not FHIR JSON/);
  });

  it('a 200 with an HTML body (captive portal) becomes HttpError 200', async () => {
    env.proxy.inject({
      kind: 'status',
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>Wi-Fi login</body></html>',
    });
    const error = await client()
      .fhir.read('Patient', known.id!)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(200);
    expect(reads()).toBe(1);
  });

  it('a slow drip past timeoutMs becomes TimeoutError; within it, succeeds', async () => {
    env.proxy.inject({ kind: 'drip', delayMs: 100, chunkBytes: 8 });
    const [error, ms] = await timed(() =>
      client({ retry: false, timeoutMs: 500 }).fhir.read('Patient', known.id!),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    log('slow drip (8 B / 100 ms) with timeoutMs 500', ms, reads());
    env.proxy.reset();
    env.proxy.inject({ kind: 'drip', delayMs: 5, chunkBytes: 64 });
    const [result, ms2] = await timed(() =>
      client({ timeoutMs: 20_000 }).fhir.read('Patient', known.id!),
    );
    expect((result as Patient).id).toBe(known.id);
    log('drip (64 B / 5 ms) with timeoutMs 20 s', ms2, reads());
  });
});

describe('abort', () => {
  it('abort during the backoff sleep stops at once', async () => {
    env.proxy.inject({ kind: 'status', status: 503, headers: { 'retry-after': '10' }, body: '' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const [error, ms] = await timed(() =>
      client().fhir.read('Patient', known.id!, { signal: controller.signal }),
    );
    expect((error as Error).name).toBe('AbortError');
    expect(ms).toBeLessThan(1500);
    expect(reads()).toBe(1);
    log('abort 300 ms into a 10 s Retry-After wait', ms, reads());
  });

  it('abort during a stalled request stops at once', async () => {
    env.proxy.inject({ kind: 'stall' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const [error, ms] = await timed(() =>
      client().fhir.read('Patient', known.id!, { signal: controller.signal }),
    );
    expect((error as Error).name).toBe('AbortError');
    expect(ms).toBeLessThan(1500);
  });
});

describe('401: one refresh, one replay, single-flight', () => {
  it('three concurrent requests hitting 401 share one refresh and are replayed once each', async () => {
    let refreshes = 0;
    let current = 'token-old';
    const { fhir } = client({
      token: async ({ refresh }) => {
        if (refresh) {
          refreshes++;
          await new Promise((r) => setTimeout(r, 50));
          current = 'token-new';
        }
        return current;
      },
    });
    env.proxy.inject(
      {
        kind: 'status',
        status: 401,
        body: JSON.stringify({
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'login' }],
        }),
      },
      { times: 10, match: (r) => r.headers.authorization === 'Bearer token-old' },
    );
    const results = await Promise.all([
      fhir.read('Patient', known.id!),
      fhir.search('Patient', { family: 'Nguyễn', _count: 1 }),
      fhir.read('Patient', known.id!, { cache: 'no-store' }).then((p) => p),
    ]);
    expect(results).toHaveLength(3);
    expect(refreshes).toBe(1);
    const auths = env.proxy.requests.map((r) => r.headers.authorization);
    expect(auths.filter((a) => a === 'Bearer token-new').length).toBe(
      auths.filter((a) => a === 'Bearer token-old').length,
    );
  });

  it('a second 401 after the refresh becomes AuthError (no loop)', async () => {
    let calls = 0;
    env.proxy.inject({ kind: 'status', status: 401, body: '' }, { times: 10 });
    const error = await client({ token: () => `t${++calls}` })
      .fhir.read('Patient', known.id!)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(reads()).toBe(2);
    expect((error as Error).message).not.toContain('t1');
  });
});

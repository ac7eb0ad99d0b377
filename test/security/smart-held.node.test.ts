/**
 * Two SMART defenses of issue 13's "checked and held", against the test EHR on 127.0.0.1
 * (smart-servers.ts, whose token endpoint checks the PKCE S256 verifier):
 * - PKCE S256 and state: every sign-in has its own random state and S256 challenge; the
 *   verifier leaves only in the token request, and it is the one the challenge was made from; a
 *   callback without the pending state is refused.
 * - Tokens in memory: with the defaults, no access or refresh token is written to
 *   `sessionStorage` or `localStorage` (only the pending state is, and it is gone after the
 *   callback); with a `tokenStorage` the host chose, the tokens go there and nowhere else.
 */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, createHealthClient } from '@vnhealth/core';
import {
  completeAuthorization,
  launchFromUrl,
  memoryStorage,
  type SmartStorage,
} from '@vnhealth/core/smart';
import { startEhr, type Ehr } from './smart-servers.ts';

let ehr: Ehr;
beforeAll(async () => {
  ehr = await startEhr();
});
afterAll(() => ehr?.close());

const app = {
  clientId: 'portal',
  redirectUri: 'http://127.0.0.1:1/callback',
  scope: 'launch/patient patient/*.rs offline_access',
};
const launch = () =>
  `http://127.0.0.1:1/launch?iss=${encodeURIComponent(ehr.fhirBaseUrl)}&launch=xyz`;

/** Follow the EHR's redirect without a browser: the callback URL. */
async function signIn(url: URL): Promise<URL> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location')!);
}

/** The EHR's tokens look like `at-<uuid>` and `rt-<uuid>`. */
const TOKENS = /\b(at|rt)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/;

describe('PKCE S256 and state', () => {
  it('a random state and an S256 challenge per sign-in; the verifier only in the token request', async () => {
    const storage = memoryStorage();
    const first = await launchFromUrl(launch(), { ...app, stateStorage: storage });
    const second = await launchFromUrl(launch(), { ...app, stateStorage: memoryStorage() });
    for (const url of [first, second]) {
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(url.searchParams.get('state')!.length).toBeGreaterThanOrEqual(22);
      expect(url.searchParams.has('code_verifier')).toBe(false);
    }
    expect(second.searchParams.get('state')).not.toBe(first.searchParams.get('state'));
    expect(second.searchParams.get('code_challenge')).not.toBe(
      first.searchParams.get('code_challenge'),
    );

    ehr.received.length = 0;
    const session = await completeAuthorization(await signIn(first), {
      ...app,
      stateStorage: storage,
    });
    expect(session.patient).toBe('vnh-pt-001');
    const tokenRequest = ehr.received.find((r) => r.path === '/token')!;
    const verifier = new URLSearchParams(tokenRequest.body).get('code_verifier')!;
    expect(verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(
      first.searchParams.get('code_challenge'),
    );
    const authorize = ehr.received.filter((r) => r.path === '/authorize');
    expect(authorize.every((r) => !r.body.includes(verifier))).toBe(true);
  });

  it('a callback without the state is refused, and the real one still signs in', async () => {
    const storage = memoryStorage();
    const url = await launchFromUrl(launch(), { ...app, stateStorage: storage });
    const callback = await signIn(url);
    const stateless = new URL(callback);
    stateless.searchParams.delete('state');
    await expect(
      completeAuthorization(stateless, { ...app, stateStorage: storage }),
    ).rejects.toBeInstanceOf(AuthError);
    const session = await completeAuthorization(callback, { ...app, stateStorage: storage });
    expect(session.patient).toBe('vnh-pt-001');
  });
});

/** A `Storage`-like store that keeps every value ever written. */
function recording(): SmartStorage & { writes: string[]; size: () => number } {
  const map = new Map<string, string>();
  const writes: string[] = [];
  return {
    writes,
    size: () => map.size,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void (writes.push(`${key}=${value}`), map.set(key, value)),
    removeItem: (key) => void map.delete(key),
  };
}

describe('tokens in memory', () => {
  const globals = globalThis as { sessionStorage?: unknown; localStorage?: unknown };
  afterEach(() => {
    delete globals.sessionStorage;
    delete globals.localStorage;
  });

  it('with the defaults, no token reaches sessionStorage or localStorage', async () => {
    const session = recording();
    const local = recording();
    Object.assign(globals, { sessionStorage: session, localStorage: local });
    const signedIn = await completeAuthorization(
      await signIn(await launchFromUrl(launch(), app)),
      app,
    );
    // The session works (its token reads the EHR), and refreshing keeps it in memory too.
    const { fhir } = createHealthClient({
      baseUrl: ehr.fhirBaseUrl,
      token: signedIn.token,
      validation: 'off',
    });
    expect((await fhir.read('Patient', 'vnh-pt-001')).id).toBe('vnh-pt-001');
    await signedIn.refresh();
    expect(session.writes.length).toBeGreaterThan(0); // the pending state went there
    expect(session.size()).toBe(0); // and is gone after the callback
    expect(session.writes.filter((w) => TOKENS.test(w))).toEqual([]);
    expect(local.writes).toEqual([]);
  });

  it('with a tokenStorage, the tokens go there and nowhere else', async () => {
    const session = recording();
    const local = recording();
    Object.assign(globals, { sessionStorage: session, localStorage: local });
    const tokenStorage = recording();
    const signedIn = await completeAuthorization(await signIn(await launchFromUrl(launch(), app)), {
      ...app,
      tokenStorage,
    });
    await signedIn.refresh();
    expect(tokenStorage.writes.filter((w) => TOKENS.test(w)).length).toBeGreaterThanOrEqual(2);
    expect(session.writes.filter((w) => TOKENS.test(w))).toEqual([]);
    expect(local.writes).toEqual([]);
    await signedIn.signOut();
    expect(tokenStorage.size()).toBe(0);
  });
});

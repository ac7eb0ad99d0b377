/**
 * SMART on FHIR against the sandbox's development authorization server: Backend Services token
 * exchange in Node (ES384 and RS384), the App Launch code flow in Node (standalone and EHR,
 * state check, refresh) and a standalone launch driven in Chromium.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { exportJWK, generateKeyPair } from 'jose';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, createHealthClient, type Patient } from '@vnhealth/core';
import {
  authorize,
  backendServices,
  completeAuthorization,
  discoverSmart,
  launchFromUrl,
  memoryStorage,
  resumeSession,
} from '@vnhealth/core/smart';
import { chromiumArgs, chromiumEnv, chromiumPath } from '../../scripts/chromium.ts';
import { startFhirServer, type TestServer } from './fhir-server.ts';

let server: TestServer;
const PATIENT = 'vnh-pt-001';

async function registerClient(alg: 'ES384' | 'RS384', clientId: string) {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: `${clientId}-k1`, alg };
  const response = await fetch(`${server.origin}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_id: clientId,
      jwks: { keys: [jwk] },
      scope: 'system/*.rs system/*.cruds',
    }),
  });
  expect(response.status).toBe(201);
  return { privateKey, kid: jwk.kid };
}

/** Follow the auto-approve redirect without a browser; returns the callback URL. */
async function approve(authorizeUrl: URL): Promise<string> {
  const response = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return response.headers.get('location')!;
}

/** Register a public app (its redirect URIs, its launch URL) from this machine. */
async function registerApp(client_id: string, redirect_uris: string[], launch_url?: string) {
  const response = await fetch(`${server.origin}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id, redirect_uris, ...(launch_url ? { launch_url } : {}) }),
  });
  expect(response.status).toBe(201);
}

beforeAll(async () => {
  server = await startFhirServer({ auth: 'required' });
  await registerApp('portal', ['http://127.0.0.1:1/callback'], 'http://127.0.0.1:1/launch');
  // A loopback redirect URI matches on any port (RFC 8252 §7.3): the test app's port is random.
  await registerApp('portal-web', ['http://127.0.0.1/']);
  // Seed the launch patient through the API with a backend token.
  const { privateKey, kid } = await registerClient('ES384', 'seeder');
  const auth = backendServices({
    fhirBaseUrl: server.baseUrl,
    clientId: 'seeder',
    privateKey,
    kid,
    scope: 'system/*.cruds',
  });
  const { fhir } = createHealthClient({
    baseUrl: server.baseUrl,
    token: auth.token,
    validation: 'off',
  });
  await fhir.update({
    resourceType: 'Patient',
    id: PATIENT,
    name: [{ text: 'Nguyễn Văn An', family: 'Nguyễn', given: ['Văn', 'An'] }],
  });
});
afterAll(() => server?.close());

describe('SMART Backend Services', () => {
  it.each(['ES384', 'RS384'] as const)(
    'exchanges a %s private_key_jwt for a token that the FHIR server accepts',
    async (alg) => {
      const clientId = `his-${alg.toLowerCase()}`;
      const { privateKey, kid } = await registerClient(alg, clientId);
      const auth = backendServices({ fhirBaseUrl: server.baseUrl, clientId, privateKey, kid, alg });
      const token = await auth.fetchToken();
      expect(token.scope).toBe('system/*.rs');
      const { fhir } = createHealthClient({
        baseUrl: server.baseUrl,
        token: auth.token,
        validation: 'off',
      });
      expect((await fhir.read('Patient', PATIENT)).id).toBe(PATIENT);
    },
  );

  it('refuses an assertion signed with an unregistered key', async () => {
    await registerClient('ES384', 'his-wrong');
    const { privateKey } = await generateKeyPair('ES384');
    const auth = backendServices({
      fhirBaseUrl: server.baseUrl,
      clientId: 'his-wrong',
      privateKey,
      kid: 'his-wrong-k1',
    });
    await expect(auth.fetchToken()).rejects.toBeInstanceOf(AuthError);
  });

  it('without a token the server answers 401 and the SDK throws AuthError', async () => {
    const { fhir } = createHealthClient({ baseUrl: server.baseUrl, validation: 'off' });
    await expect(fhir.read('Patient', PATIENT)).rejects.toBeInstanceOf(AuthError);
  });
});

describe('SMART App Launch in Node', () => {
  const app = {
    clientId: 'portal',
    redirectUri: 'http://127.0.0.1:1/callback',
    scope: 'launch/patient patient/*.rs offline_access',
  };

  it('discovers the configuration', async () => {
    const config = await discoverSmart(server.baseUrl);
    expect(config.code_challenge_methods_supported).toContain('S256');
    expect(config.capabilities).toContain('launch-standalone');
  });

  it('standalone: PKCE S256, state, patient context, refresh, persistence by the host', async () => {
    const stateStorage = memoryStorage();
    const tokenStorage = memoryStorage();
    const url = await authorize({ ...app, fhirBaseUrl: server.baseUrl, stateStorage });
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('aud')).toBe(server.baseUrl);
    const session = await completeAuthorization(await approve(url), {
      ...app,
      stateStorage,
      tokenStorage,
    });
    expect(session.patient).toBe(PATIENT);
    const { fhir } = createHealthClient({
      baseUrl: session.fhirBaseUrl,
      token: session.token,
      validation: 'off',
    });
    expect((await fhir.read('Patient', session.patient!)).id).toBe(PATIENT);
    const before = session.expiresAt;
    await new Promise((r) => setTimeout(r, 5));
    await session.refresh();
    expect(session.expiresAt).toBeGreaterThan(before);
    const resumed = await resumeSession({ tokenStorage });
    expect(resumed?.patient).toBe(PATIENT);
    await session.signOut();
    expect(await resumeSession({ tokenStorage })).toBeUndefined();
  });

  it('rejects a callback whose state does not match', async () => {
    const stateStorage = memoryStorage();
    const url = await authorize({ ...app, fhirBaseUrl: server.baseUrl, stateStorage });
    const callback = new URL(await approve(url));
    callback.searchParams.set('state', 'forged');
    await expect(completeAuthorization(callback, { ...app, stateStorage })).rejects.toBeInstanceOf(
      AuthError,
    );
  });

  it('EHR launch: iss + launch from the EHR, patient from the launch context', async () => {
    const created = await fetch(
      `${server.origin}/auth/launch?patient=${PATIENT}&launch_url=${encodeURIComponent('http://127.0.0.1:1/launch')}`,
      { redirect: 'manual' },
    );
    const launchUrl = created.headers.get('location')!;
    expect(new URL(launchUrl).searchParams.get('iss')).toBe(server.baseUrl);
    const stateStorage = memoryStorage();
    const url = await launchFromUrl(launchUrl, { ...app, scope: 'patient/*.rs', stateStorage });
    expect(url.searchParams.get('launch')).toBeTruthy();
    const session = await completeAuthorization(await approve(url), { ...app, stateStorage });
    expect(session.patient).toBe(PATIENT);
  });

  it('a 401 mid-session refreshes once through the session and replays', async () => {
    const stateStorage = memoryStorage();
    const session = await completeAuthorization(
      await approve(await authorize({ ...app, fhirBaseUrl: server.baseUrl, stateStorage })),
      { ...app, stateStorage },
    );
    let calls = 0;
    const { fhir } = createHealthClient({
      baseUrl: server.baseUrl,
      validation: 'off',
      token: async (request) =>
        request.refresh ? session.refresh() : (calls++, 'expired.or.forged'),
    });
    expect((await fhir.read('Patient', PATIENT)).id).toBe(PATIENT);
    expect(calls).toBe(1);
  });
});

describe('SMART standalone launch in Chromium', () => {
  let browser: Browser | undefined;
  let appServer: Server;
  let appOrigin: string;

  beforeAll(async () => {
    const bundle = await build({
      stdin: {
        contents: `
          import { authorize, completeAuthorization } from '@vnhealth/core/smart';
          import { createHealthClient } from '@vnhealth/core';
          const config = JSON.parse(document.querySelector('meta[name=smart]').content);
          const url = new URL(location.href);
          (async () => {
            if (!url.searchParams.has('code') && !url.searchParams.has('error')) {
              location.assign(await authorize(config));
              return;
            }
            const session = await completeAuthorization(location.href, config);
            const health = createHealthClient({ baseUrl: session.fhirBaseUrl, token: session.token, validation: 'off' });
            const patient = await health.fhir.read('Patient', session.patient);
            await session.refresh();
            const again = await health.fhir.read('Patient', session.patient, { cache: 'no-store' });
            window.__result = { patient: session.patient, name: patient.name[0].text, same: again.id === patient.id, stored: sessionStorage.length };
          })().catch((error) => { window.__result = { error: error.name + ': ' + error.message }; });
        `,
        resolveDir: process.cwd(),
        loader: 'js',
      },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['vnhealth-source'],
      write: false,
      logLevel: 'silent',
    });
    const js = bundle.outputFiles[0]!.text;
    appServer = createServer((req, res) => {
      if (req.url?.startsWith('/app.js')) {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        return res.end(js);
      }
      const config = {
        fhirBaseUrl: server.baseUrl,
        clientId: 'portal-web',
        redirectUri: `${appOrigin}/`,
        scope: 'launch/patient patient/*.rs offline_access',
      };
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "script-src 'self'",
      });
      res.end(
        `<!doctype html><meta charset="utf-8"><meta name="smart" content='${JSON.stringify(config)}'><title>portal</title><script type="module" src="/app.js"></script>`,
      );
    });
    await new Promise<void>((resolve) => appServer.listen(0, '127.0.0.1', resolve));
    appOrigin = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;
    const executablePath = chromiumPath();
    if (executablePath)
      browser = await chromium.launch({ executablePath, args: chromiumArgs, env: chromiumEnv() });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => appServer?.close(resolve));
  });

  it('signs in, gets the patient context and reads the patient with the token', async (context) => {
    if (!browser) return context.skip();
    const page = await browser.newPage();
    await page.goto(`${appOrigin}/`);
    await page.waitForFunction(() => (window as { __result?: unknown }).__result, undefined, {
      timeout: 60_000,
    });
    const result = await page.evaluate(() => (window as { __result?: unknown }).__result);
    expect(result).toEqual({ patient: PATIENT, name: 'Nguyễn Văn An', same: true, stored: 0 });
    expect(new URL(page.url()).searchParams.get('code')).toBeTruthy();
    await page.close();
  }, 120_000);
});

export type { Patient };

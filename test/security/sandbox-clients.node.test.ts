/**
 * Issue 13: "`/auth/register` is open (CORS `*`) and hands out `system/*.cruds` clients to
 * anyone; `/auth/authorize` redirects to any `redirect_uri`; `/auth/launch` to any
 * `launch_url`; `jwks_url` fetches any URL (SSRF)". Registration is for the developer's own
 * machine, apps are signed in only at their registered redirect URIs, the EHR simulator opens
 * only registered launch URLs, and key URLs are loopback only.
 */
import type { IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@vnhealth/sandbox';
import { fromLoopback } from '../../packages/sandbox/src/smart/clients.ts';
import { APP, TEST_CLIENTS } from './sandbox-tokens.ts';

let sandbox: Sandbox;
let keyServer: Server;
let keyFetches = 0;

const register = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${sandbox.origin}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const authorizeUrl = (clientId: string, redirectUri: string) => {
  const url = new URL(`${sandbox.origin}/auth/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: 'patient/*.rs',
    state: 's',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  }).toString();
  return url;
};

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    seed: 42,
    patients: 0,
    auth: 'required',
    quiet: true,
    clients: TEST_CLIENTS,
  });
  keyServer = createServer((_req, res) => {
    keyFetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"keys":[]}');
  });
  await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await sandbox?.close();
  await new Promise((resolve) => keyServer?.close(resolve));
});

describe('/auth/authorize: registered clients and redirect URIs only', () => {
  it('an unknown client is answered 400 here, with no redirect', async () => {
    const response = await fetch(authorizeUrl('nobody', 'https://evil.example/steal'), {
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it.each([
    'https://evil.example/callback',
    'http://127.0.0.1:9/callback/../evil',
    'http://127.0.0.1:9/callback?next=https://evil.example',
    'http://127.0.0.1:9/callbackx',
    'http://localhost.evil.example:9/callback',
  ])('a registered client with another redirect_uri (%s): 400, no redirect', async (uri) => {
    const response = await fetch(authorizeUrl(APP.client_id, uri), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('the registered loopback redirect URI matches on any port (RFC 8252 §7.3)', async () => {
    for (const port of ['9', '54321']) {
      const uri = `http://127.0.0.1:${port}/callback`;
      const response = await fetch(authorizeUrl(APP.client_id, uri), { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(new URL(response.headers.get('location')!).origin).toBe(`http://127.0.0.1:${port}`);
    }
  });
});

describe('/auth/launch: registered launch URLs only', () => {
  it('opens the registered launch_url with iss and launch', async () => {
    const response = await fetch(
      `${sandbox.origin}/auth/launch?launch_url=${encodeURIComponent(TEST_CLIENTS[0]!.launch_url)}`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get('location')!).searchParams.get('iss')).toBe(
      sandbox.baseUrl,
    );
  });

  it('refuses any other launch_url, with no redirect', async () => {
    for (const target of ['https://evil.example/launch', 'javascript:alert(1)']) {
      const response = await fetch(
        `${sandbox.origin}/auth/launch?launch_url=${encodeURIComponent(target)}`,
        { redirect: 'manual' },
      );
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    }
  });
});

describe('/auth/register: from this machine, JSON, no CORS, safe URLs', () => {
  it('registers an app from loopback; the answer carries no CORS header', async () => {
    const response = await register({
      client_id: 'app-2',
      redirect_uris: ['https://app.example.vn/cb'],
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a preflight from another origin gets no CORS headers (a page cannot register a client)', async () => {
    const response = await fetch(`${sandbox.origin}/auth/register`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('refuses a request a foreign page can send without a preflight, and a foreign Origin', async () => {
    const plain = await register(JSON.stringify({ client_id: 'x', jwks: { keys: [] } }), {
      'content-type': 'text/plain',
    });
    expect(plain.status).toBe(415);
    const foreign = await register(
      { client_id: 'x2', jwks: { keys: [] }, scope: 'system/*.cruds' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
  });

  it.each([
    [{ client_id: 'a', redirect_uris: ['javascript:alert(1)'] }, /https:/],
    [{ client_id: 'b', redirect_uris: ['data:text/html,x'] }, /https:/],
    [{ client_id: 'c', redirect_uris: ['http://app.example.vn/cb'] }, /https:/],
    [{ client_id: 'd', redirect_uris: ['https://app.example.vn/cb#x'] }, /fragment/],
    [{ client_id: 'e', launch_url: 'javascript:alert(1)' }, /launch_url/],
    [{ client_id: 'f', jwks_url: 'http://169.254.169.254/latest/meta-data' }, /loopback/],
    [{ client_id: 'g', jwks_url: 'https://keys.example.vn/jwks.json' }, /loopback/],
    [{ client_id: 'bad id!', jwks: { keys: [] } }, /client_id/],
    [{ client_id: 'h' }, /redirect_uris .* or jwks/],
  ])('refuses %j', async (client, message) => {
    const response = await register(client);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error_description: string }).error_description).toMatch(
      message,
    );
  });

  it('a loopback jwks_url is accepted; nothing else is ever fetched', async () => {
    const origin = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}`;
    expect((await register({ client_id: 'local-keys', jwks_url: `${origin}/jwks` })).status).toBe(
      201,
    );
    expect(keyFetches).toBe(0); // fetched only when an assertion is checked
  });

  it('fromLoopback: only 127.0.0.0/8 and ::1 (IPv4-mapped too) count as this machine', () => {
    const from = (remoteAddress: string) =>
      fromLoopback({ socket: { remoteAddress } } as unknown as IncomingMessage);
    expect(['127.0.0.1', '127.8.9.1', '::1', '::ffff:127.0.0.1'].map(from)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.5', 'fe80::1', ''].map(from)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

/**
 * Access tokens from the sandbox's development SMART server for the authorisation tests, got
 * the way an app gets them: the authorization-code flow with PKCE S256 (`patient/` and `user/`
 * scopes, a chosen launch patient), or Backend Services (`system/` scopes).
 */
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { Sandbox } from '@vnhealth/sandbox';

/** A parsed JSON body. */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The test app every token is issued to (registered by {@link TEST_CLIENTS}). */
export const APP = { client_id: 'security-app', redirect: 'http://127.0.0.1:9/callback' };

/** The clients the tests register at start-up (`startSandbox({ clients })`). */
export const TEST_CLIENTS = [
  {
    client_id: APP.client_id,
    redirect_uris: [APP.redirect],
    launch_url: 'http://127.0.0.1:9/launch',
  },
];

/** A token for `scope`, with `patient` as the launch patient when the scope asks for one. */
export async function appToken(sandbox: Sandbox, scope: string, patient?: string): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL(`${sandbox.origin}/auth/authorize`);
  for (const [k, v] of Object.entries({
    response_type: 'code',
    client_id: APP.client_id,
    redirect_uri: APP.redirect,
    scope: patient ? `launch/patient ${scope}` : scope,
    state: 'state-1',
    aud: sandbox.baseUrl,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...(patient ? { patient } : {}),
  }))
    authorize.searchParams.set(k, v);
  const approved = await fetch(authorize, { redirect: 'manual' });
  if (approved.status !== 302) throw new Error(`authorize answered ${approved.status}`);
  const code = new URL(approved.headers.get('location')!).searchParams.get('code');
  if (!code) throw new Error('no code in the redirect');
  const response = await fetch(`${sandbox.origin}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: APP.redirect,
      client_id: APP.client_id,
      code_verifier: verifier,
    }),
  });
  const body = (await response.json()) as { access_token?: string; scope?: string };
  if (!body.access_token) throw new Error(`token answered ${response.status}`);
  return body.access_token;
}

/** A Backend Services token for `system/` scopes (the client registers itself first). */
export async function systemToken(sandbox: Sandbox, scope: string): Promise<string> {
  const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
  const clientId = `backend-${randomBytes(4).toString('hex')}`;
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES384' };
  const registered = await fetch(`${sandbox.origin}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: clientId, jwks: { keys: [jwk] }, scope }),
  });
  if (registered.status !== 201) throw new Error(`register answered ${registered.status}`);
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES384', kid: 'k1', typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(`${sandbox.origin}/auth/token`)
    .setJti(randomBytes(8).toString('hex'))
    .setIssuedAt()
    .setExpirationTime('4m')
    .sign(privateKey);
  const response = await fetch(`${sandbox.origin}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`token answered ${response.status}`);
  return body.access_token;
}

/** A FHIR call with `token`: status and parsed body. */
export async function fhir(
  sandbox: Sandbox,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${sandbox.baseUrl}/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json };
}

/**
 * The sandbox's development SMART authorization server (SMART App Launch 2.x and Backend
 * Services). For development and tests only: it approves every authorization request at once.
 *
 * Endpoints (origin-relative):
 * - `GET {fhirBase}/.well-known/smart-configuration` (and `/.well-known/smart-configuration`)
 * - `GET /auth/authorize` — checks the request (a registered client and one of its redirect URIs,
 *   see `clients.ts`), auto-approves and redirects back with a code (a plain 302; no page, no
 *   script). `patient` in the query picks the launch patient.
 * - `GET /auth/launch?launch_url=…&patient=…` — an EHR simulator: redirects to a registered app
 *   launch URL with `iss` and `launch`.
 * - `POST /auth/token` — `authorization_code` (PKCE S256 verified), `refresh_token`,
 *   `client_credentials` with a `private_key_jwt` assertion (ES384/RS384) checked against the
 *   client's registered `jwks` or `jwks_url`.
 * - `POST /auth/register` — from the sandbox's own machine only: registers an app
 *   (`{ client_id?, redirect_uris, launch_url? }`) or a backend client
 *   (`{ client_id?, jwks? , jwks_url?, scope? }`).
 * - `GET /auth/jwks` — the public key that signs access tokens (ES384 JWTs).
 *
 * With `requireAuth`, FHIR requests (except `metadata`) need a valid access token from here, and
 * what they may do is its scopes' (see `../auth/guard.ts`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { TokenAccess } from '../auth/guard.ts';
import { BodyTooLargeError, DEFAULT_LIMITS, isJsonMediaType, readBody } from '../server/limits.ts';
import {
  fromLoopback,
  invalidClient,
  isLoopbackUrl,
  redirectAllowed,
  registered,
  type SandboxClient,
} from './clients.ts';

export type { BackendClient, SandboxClient } from './clients.ts';

/** Options of the development SMART authorization server. */
export interface SmartServerOptions {
  /** The sandbox origin, e.g. `http://127.0.0.1:8787`. */
  origin: string;
  /** FHIR base path below the origin. @default '/fhir/R4' */
  fhirPath?: string;
  /**
   * Refuse FHIR requests without a valid access token (401), except `metadata` and discovery.
   * @default false
   */
  requireAuth?: boolean;
  /** Patient id put in the launch context when the request names none. @default 'vnh-pt-001' */
  defaultPatient?: string;
  /** Access token lifetime in seconds. @default 3600 */
  accessTokenTtl?: number;
  /** Clients (apps and backend clients) registered from the start. */
  clients?: SandboxClient[];
  /** Largest `/auth/*` request body, in bytes (a larger one is 413). @default 65536 */
  maxBodyBytes?: number;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  patient: string | undefined;
  expires: number;
}

interface Realm {
  key: Promise<{ privateKey: CryptoKey; jwk: JWK }>;
  codes: Map<string, PendingCode>;
  refresh: Map<string, { clientId: string; scope: string; patient: string | undefined }>;
  launches: Map<string, { patient: string }>;
  clients: Map<string, SandboxClient>;
  jtis: Map<string, number>;
}

const realms = new Map<string, Realm>();

function realm(options: SmartServerOptions): Realm {
  let r = realms.get(options.origin);
  if (!r) {
    r = {
      key: generateKeyPair('ES384', { extractable: true }).then(
        async ({ privateKey, publicKey }) => ({
          privateKey,
          jwk: { ...(await exportJWK(publicKey)), kid: 'sandbox-1', alg: 'ES384', use: 'sig' },
        }),
      ),
      codes: new Map(),
      refresh: new Map(),
      launches: new Map(),
      clients: new Map(),
      jtis: new Map(),
    };
    realms.set(options.origin, r);
  }
  for (const client of options.clients ?? []) r.clients.set(client.client_id, client);
  return r;
}

/** CORS of the endpoints a browser app calls (discovery, token, JWKS); never `/auth/register`. */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, accept',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
};

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...CORS,
    ...headers,
  });
  res.end(JSON.stringify(body));
}

const oauthError = (res: ServerResponse, status: number, error: string, description: string) =>
  json(res, status, { error, error_description: description });

const authBody = (req: IncomingMessage, options: SmartServerOptions): Promise<Buffer> =>
  readBody(req, options.maxBodyBytes ?? DEFAULT_LIMITS.maxAuthBodyBytes);

async function form(req: IncomingMessage, options: SmartServerOptions): Promise<URLSearchParams> {
  return new URLSearchParams((await authBody(req, options)).toString('utf8'));
}

const token = () => randomBytes(24).toString('base64url');
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/** The SMART configuration document for a sandbox. */
export function smartConfiguration(origin: string): Record<string, unknown> {
  return {
    issuer: origin,
    authorization_endpoint: `${origin}/auth/authorize`,
    token_endpoint: `${origin}/auth/token`,
    jwks_uri: `${origin}/auth/jwks`,
    registration_endpoint: `${origin}/auth/register`,
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['none', 'private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['ES384', 'RS384'],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: [
      'openid',
      'fhirUser',
      'launch',
      'launch/patient',
      'offline_access',
      'online_access',
      'patient/*.rs',
      'user/*.rs',
      'user/*.cruds',
      'patient/*.cruds',
      'system/*.rs',
      'system/*.cruds',
    ],
    capabilities: [
      'launch-ehr',
      'launch-standalone',
      'client-public',
      'client-confidential-asymmetric',
      'context-ehr-patient',
      'context-standalone-patient',
      'permission-offline',
      'permission-online',
      'permission-patient',
      'permission-user',
      'permission-v2',
    ],
  };
}

async function issue(
  r: Realm,
  options: SmartServerOptions,
  claims: { clientId: string; scope: string; patient?: string | undefined },
): Promise<{ access_token: string; expires_in: number }> {
  const { privateKey } = await r.key;
  const ttl = options.accessTokenTtl ?? 3600;
  const access_token = await new SignJWT({
    scope: claims.scope,
    client_id: claims.clientId,
    ...(claims.patient ? { patient: claims.patient } : {}),
  })
    .setProtectedHeader({ alg: 'ES384', kid: 'sandbox-1', typ: 'at+jwt' })
    .setIssuer(options.origin)
    .setSubject(claims.clientId)
    .setAudience(options.origin + (options.fhirPath ?? '/fhir/R4'))
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(`${ttl}s`)
    .sign(privateKey);
  return { access_token, expires_in: ttl };
}

/**
 * Verify a bearer token issued by this server; resolves its claims, or undefined when missing,
 * expired or forged.
 */
export async function verifyAccessToken(
  authorization: string | undefined,
  options: SmartServerOptions,
): Promise<JWTPayload | undefined> {
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  if (!match) return undefined;
  const { jwk } = await realm(options).key;
  try {
    const { payload } = await jwtVerify(match[1]!, createLocalJWKSet({ keys: [jwk] }), {
      issuer: options.origin,
      audience: options.origin + (options.fhirPath ?? '/fhir/R4'),
      algorithms: ['ES384'],
      typ: 'at+jwt',
    });
    return payload;
  } catch {
    return undefined;
  }
}

async function tokenEndpoint(
  req: IncomingMessage,
  res: ServerResponse,
  options: SmartServerOptions,
  r: Realm,
) {
  const body = await form(req, options);
  const grant = body.get('grant_type');
  if (grant === 'authorization_code') {
    const code = r.codes.get(body.get('code') ?? '');
    r.codes.delete(body.get('code') ?? '');
    if (!code || code.expires < Date.now())
      return oauthError(res, 400, 'invalid_grant', 'Unknown, used or expired code.');
    if (code.clientId !== body.get('client_id'))
      return oauthError(res, 400, 'invalid_grant', 'The code was issued to another client.');
    if (code.redirectUri !== body.get('redirect_uri'))
      return oauthError(
        res,
        400,
        'invalid_grant',
        'redirect_uri differs from the authorization request.',
      );
    const verifier = body.get('code_verifier');
    if (!verifier || s256(verifier) !== code.challenge)
      return oauthError(res, 400, 'invalid_grant', 'PKCE verification failed.');
    const scopes = code.scope.split(/\s+/);
    const refresh =
      scopes.includes('offline_access') || scopes.includes('online_access') ? token() : undefined;
    if (refresh)
      r.refresh.set(refresh, { clientId: code.clientId, scope: code.scope, patient: code.patient });
    const issued = await issue(r, options, code);
    return json(res, 200, {
      ...issued,
      token_type: 'Bearer',
      scope: code.scope,
      ...(code.patient ? { patient: code.patient, need_patient_banner: true } : {}),
      ...(refresh ? { refresh_token: refresh } : {}),
    });
  }
  if (grant === 'refresh_token') {
    const old = body.get('refresh_token') ?? '';
    const saved = r.refresh.get(old);
    if (!saved) return oauthError(res, 400, 'invalid_grant', 'Unknown or used refresh token.');
    if (body.get('client_id') && body.get('client_id') !== saved.clientId)
      return oauthError(res, 400, 'invalid_grant', 'The refresh token belongs to another client.');
    r.refresh.delete(old);
    const next = token();
    r.refresh.set(next, saved);
    return json(res, 200, {
      ...(await issue(r, options, saved)),
      token_type: 'Bearer',
      scope: saved.scope,
      refresh_token: next,
      ...(saved.patient ? { patient: saved.patient } : {}),
    });
  }
  if (grant === 'client_credentials') {
    if (
      body.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
    ) {
      return oauthError(
        res,
        401,
        'invalid_client',
        'client_credentials needs a private_key_jwt client assertion.',
      );
    }
    const assertion = body.get('client_assertion') ?? '';
    let clientId: string | undefined;
    try {
      clientId = decodeJwt(assertion).iss;
    } catch {
      return oauthError(res, 401, 'invalid_client', 'The client assertion is not a JWT.');
    }
    const client = clientId ? r.clients.get(clientId) : undefined;
    if (!client)
      return oauthError(res, 401, 'invalid_client', 'Unknown client; register it first.');
    const keys = client.jwks
      ? createLocalJWKSet(client.jwks)
      : client.jwks_url && isLoopbackUrl(client.jwks_url)
        ? createRemoteJWKSet(new URL(client.jwks_url), { timeoutDuration: 5_000 })
        : undefined;
    if (!keys) return oauthError(res, 401, 'invalid_client', 'The client has no registered keys.');
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(assertion, keys, {
        issuer: client.client_id,
        subject: client.client_id,
        audience: `${options.origin}/auth/token`,
        algorithms: ['ES384', 'RS384'],
        maxTokenAge: '5m',
        requiredClaims: ['jti', 'exp'],
      }));
    } catch (error) {
      return oauthError(
        res,
        401,
        'invalid_client',
        `Client assertion rejected: ${(error as Error).message}`,
      );
    }
    const now = Date.now() / 1000;
    if ((claims.exp ?? 0) - now > 300)
      return oauthError(res, 401, 'invalid_client', 'Assertion expires more than 5 minutes ahead.');
    for (const [jti, exp] of r.jtis) if (exp < now) r.jtis.delete(jti);
    if (r.jtis.has(claims.jti!))
      return oauthError(res, 401, 'invalid_client', 'Assertion replayed (jti seen before).');
    r.jtis.set(claims.jti!, claims.exp ?? now + 300);
    const allowed = (client.scope ?? 'system/*.rs').split(/\s+/);
    const asked = (body.get('scope') ?? allowed.join(' ')).split(/\s+/).filter(Boolean);
    const granted = asked.filter(
      (s) => allowed.includes(s) || allowed.includes(s.replace(/^system\/[^.]+/, 'system/*')),
    );
    if (!granted.length)
      return oauthError(res, 400, 'invalid_scope', 'None of the requested scopes is allowed.');
    const scope = granted.join(' ');
    return json(res, 200, {
      ...(await issue(r, options, { clientId: client.client_id, scope })),
      token_type: 'Bearer',
      scope,
    });
  }
  return oauthError(
    res,
    400,
    'unsupported_grant_type',
    `grant_type ${String(grant)} is not supported.`,
  );
}

function authorize(res: ServerResponse, url: URL, options: SmartServerOptions, r: Realm) {
  const q = url.searchParams;
  const redirectUri = q.get('redirect_uri');
  const clientId = q.get('client_id');
  let redirect: URL;
  try {
    redirect = new URL(redirectUri ?? '');
  } catch {
    return oauthError(res, 400, 'invalid_request', 'redirect_uri is missing or not a URL.');
  }
  if (!clientId) return oauthError(res, 400, 'invalid_request', 'client_id is missing.');
  // Never redirect to a URI the client did not register (RFC 6749 §4.1.2.1): answer here.
  const client = r.clients.get(clientId);
  if (!client?.redirect_uris)
    return oauthError(
      res,
      400,
      'invalid_client',
      'Unknown client_id; register the app first (POST /auth/register with redirect_uris).',
    );
  if (!redirectAllowed(client, redirectUri!))
    return oauthError(
      res,
      400,
      'invalid_request',
      'redirect_uri is not one of the redirect_uris registered for this client.',
    );
  const back = (params: Record<string, string>) => {
    for (const [k, v] of Object.entries(params)) redirect.searchParams.set(k, v);
    const state = q.get('state');
    if (state) redirect.searchParams.set('state', state);
    res.writeHead(302, { location: redirect.href, 'cache-control': 'no-store' });
    res.end();
  };
  const fhirBase = options.origin + (options.fhirPath ?? '/fhir/R4');
  if (q.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
  if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
    return back({ error: 'invalid_request', error_description: 'PKCE with S256 is required.' });
  }
  if (q.get('aud') && q.get('aud')!.replace(/\/$/, '') !== fhirBase) {
    return back({ error: 'invalid_request', error_description: 'aud is not this FHIR server.' });
  }
  const scope = q.get('scope') ?? '';
  const scopes = scope.split(/\s+/);
  const launch = q.get('launch');
  let patient: string | undefined;
  if (launch) {
    const context = r.launches.get(launch);
    if (!context) return back({ error: 'invalid_request', error_description: 'Unknown launch.' });
    patient = context.patient;
  } else if (scopes.includes('launch/patient')) {
    patient = q.get('patient') ?? options.defaultPatient ?? 'vnh-pt-001';
  }
  const code = token();
  r.codes.set(code, {
    clientId,
    redirectUri: redirectUri!,
    challenge: q.get('code_challenge')!,
    scope,
    patient,
    expires: Date.now() + 60_000,
  });
  back({ code });
}

/** `POST /auth/register`: see `clients.ts` for who may register what. */
async function register(
  req: IncomingMessage,
  res: ServerResponse,
  options: SmartServerOptions,
  r: Realm,
): Promise<void> {
  const deny = (status: number, error: string, description: string) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ error, error_description: description }));
  };
  if (!fromLoopback(req) || (req.headers.origin && !isLoopbackUrl(req.headers.origin)))
    return deny(403, 'access_denied', 'Clients are registered from the sandbox machine only.');
  const raw = await authBody(req, options);
  if (!isJsonMediaType(String(req.headers['content-type'] ?? '')))
    return deny(415, 'invalid_client_metadata', 'Send the client metadata as application/json.');
  let client: Partial<SandboxClient>;
  try {
    client = JSON.parse(raw.toString('utf8')) as Partial<SandboxClient>;
  } catch {
    return deny(400, 'invalid_client_metadata', 'The body is not JSON.');
  }
  const problem =
    client && typeof client === 'object' ? invalidClient(client) : 'Send a JSON object.';
  if (problem) return deny(400, 'invalid_client_metadata', problem);
  const saved = registered(client);
  r.clients.set(saved.client_id, saved);
  res.writeHead(201, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(saved));
}

/** The `/auth/*` endpoints. */
async function authEndpoints(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  options: SmartServerOptions,
): Promise<void> {
  const path = url.pathname;
  const fhirPath = options.fhirPath ?? '/fhir/R4';
  const r = realm(options);
  if (req.method === 'OPTIONS') {
    // No CORS for registration: a page on another origin cannot register a client.
    res.writeHead(204, path === '/auth/register' ? {} : CORS);
    res.end();
    return;
  }
  if (path === '/auth/authorize' && req.method === 'GET') authorize(res, url, options, r);
  else if (path === '/auth/token' && req.method === 'POST')
    await tokenEndpoint(req, res, options, r);
  else if (path === '/auth/jwks' && req.method === 'GET')
    json(res, 200, { keys: [(await r.key).jwk] });
  else if (path === '/auth/launch' && req.method === 'GET') {
    const target = url.searchParams.get('launch_url');
    if (!target) oauthError(res, 400, 'invalid_request', 'launch_url is missing.');
    else if (![...r.clients.values()].some((client) => client.launch_url === target))
      oauthError(
        res,
        400,
        'invalid_request',
        'launch_url is not the launch_url of a registered app; register it first.',
      );
    else {
      const launch = token();
      r.launches.set(launch, {
        patient: url.searchParams.get('patient') ?? options.defaultPatient ?? 'vnh-pt-001',
      });
      const to = new URL(target);
      to.searchParams.set('iss', options.origin + fhirPath);
      to.searchParams.set('launch', launch);
      res.writeHead(302, { location: to.href });
      res.end();
    }
  } else if (path === '/auth/register' && req.method === 'POST') {
    await register(req, res, options, r);
  } else oauthError(res, 404, 'not_found', 'No such endpoint.');
}

const WELL_KNOWN = '/.well-known/smart-configuration';

/**
 * The routes `requireAuth` leaves open: preflights and exactly `GET`/`HEAD {fhirPath}/metadata`
 * (the `/auth/*` and discovery routes are answered before the check). Exact matches on the
 * parsed path only: the server refuses dot segments before this runs, so no other path can
 * resolve to these.
 */
function isOpenRoute(method: string | undefined, path: string, fhirPath: string): boolean {
  if (method === 'OPTIONS') return true;
  return (method === 'GET' || method === 'HEAD') && path === `${fhirPath}/metadata`;
}

/** What {@link handleSmart} did with a request. */
export type SmartHandling =
  /** It answered the request (discovery, `/auth/*`, or a 401). */
  | { handled: true }
  /** The FHIR server answers it; `access` is the verified token, when there is one to enforce. */
  | { handled: false; access?: TokenAccess };

/**
 * Handles the development SMART endpoints (`/.well-known/smart-configuration` under the FHIR
 * base, `/auth/*`) and, with `requireAuth`, refuses FHIR requests without a valid token (401).
 * Without `requireAuth` tokens are not checked: the sandbox is open.
 */
export async function handleSmart(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  options: SmartServerOptions,
): Promise<SmartHandling> {
  const path = url.pathname;
  const fhirPath = options.fhirPath ?? '/fhir/R4';
  if (path === WELL_KNOWN || path === fhirPath + WELL_KNOWN) {
    json(res, 200, smartConfiguration(options.origin));
    return { handled: true };
  }
  if (path.startsWith('/auth/')) {
    try {
      await authEndpoints(req, res, url, options);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      // The rest of the body is not read: close the connection once the 413 is out.
      json(
        res,
        413,
        { error: 'invalid_request', error_description: error.message },
        { connection: 'close' },
      );
    }
    return { handled: true };
  }
  if (!options.requireAuth || isOpenRoute(req.method, path, fhirPath)) return { handled: false };
  const claims = await verifyAccessToken(req.headers.authorization, options);
  if (!claims || typeof claims.client_id !== 'string' || typeof claims.scope !== 'string') {
    res.writeHead(401, {
      'content-type': 'application/fhir+json',
      'www-authenticate': 'Bearer realm="vnhealth-sandbox"',
      ...CORS,
    });
    res.end(
      JSON.stringify({
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'error',
            code: 'login',
            details: { text: 'A valid access token is required.' },
          },
        ],
      }),
    );
    return { handled: true };
  }
  const patient = typeof claims.patient === 'string' ? claims.patient : undefined;
  return { handled: false, access: { clientId: claims.client_id, scope: claims.scope, patient } };
}

/**
 * The servers the SMART security tests run against, on 127.0.0.1 port 0: an EHR (SMART
 * discovery, an authorization endpoint that approves at once and answers with `iss` (RFC 9207),
 * a token endpoint that checks the PKCE S256 verifier and rotates refresh tokens, and a FHIR
 * `Patient` read that checks the bearer token), and an attacker whose discovery document the
 * test writes. Each logs every request it receives, bodies included.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request a server received. */
export interface Received {
  method: string;
  path: string;
  body: string;
}

/** A server of the tests. */
export interface LocalServer {
  readonly origin: string;
  /** Its FHIR base URL (`{origin}/fhir`). */
  readonly fhirBaseUrl: string;
  /** Every request it received, in order. */
  readonly received: Received[];
  close(): Promise<void>;
}

type Handler = (
  request: IncomingMessage & { path: string; query: URLSearchParams; body: string },
  response: ServerResponse,
  origin: string,
) => unknown;

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
};

async function listen(handler: Handler): Promise<LocalServer> {
  const received: Received[] = [];
  let origin = '';
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', origin);
    received.push({ method: request.method ?? 'GET', path: url.pathname, body });
    try {
      await handler(
        Object.assign(request, { path: url.pathname, query: url.searchParams, body }),
        response,
        origin,
      );
    } catch (error) {
      json(response, 500, { error: 'server_error', error_description: String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    fhirBaseUrl: `${origin}/fhir`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The EHR: what its token endpoint did, and the knobs a test turns. */
export interface Ehr extends LocalServer {
  /** Refresh grants answered (a reused, already rotated refresh token is not counted). */
  refreshes: number;
  /** Client-credentials grants answered. */
  clientCredentials: number;
  /** Refresh tokens presented again after rotation (answered `invalid_grant`). */
  reusedRefreshTokens: number;
  /** Delay of every token response, in ms. */
  tokenDelayMs: number;
  /** `expires_in` of the access tokens it issues. */
  expiresIn: number;
}

/** Start the EHR. */
export async function startEhr(): Promise<Ehr> {
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const refreshTokens = new Set<string>();
  const rotated = new Set<string>();
  const accessTokens = new Set<string>();
  const issue = () => {
    const accessToken = `at-${randomUUID()}`;
    const refreshToken = `rt-${randomUUID()}`;
    accessTokens.add(accessToken);
    refreshTokens.add(refreshToken);
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: ehr.expiresIn,
      scope: 'launch/patient patient/*.rs offline_access',
      patient: 'vnh-pt-001',
    };
  };
  const server = await listen(async (request, response, origin) => {
    if (request.path === '/fhir/.well-known/smart-configuration')
      return json(response, 200, {
        issuer: origin,
        authorization_endpoint: `${origin}/authorize`,
        token_endpoint: `${origin}/token`,
        code_challenge_methods_supported: ['S256'],
        authorization_response_iss_parameter_supported: true,
        capabilities: ['launch-ehr', 'launch-standalone', 'client-public'],
      });
    if (request.path === '/authorize') {
      if (request.query.get('code_challenge_method') !== 'S256')
        return json(response, 400, { error: 'invalid_request' });
      const code = `code-${randomUUID()}`;
      const redirectUri = request.query.get('redirect_uri')!;
      codes.set(code, { challenge: request.query.get('code_challenge')!, redirectUri });
      const to = new URL(redirectUri);
      to.searchParams.set('code', code);
      to.searchParams.set('state', request.query.get('state')!);
      to.searchParams.set('iss', origin);
      response.writeHead(302, { location: to.href });
      return response.end();
    }
    if (request.path === '/token' && request.method === 'POST') {
      await new Promise((resolve) => setTimeout(resolve, ehr.tokenDelayMs));
      const form = new URLSearchParams(request.body);
      const grant = form.get('grant_type');
      if (grant === 'authorization_code') {
        const pending = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const challenge = createHash('sha256')
          .update(form.get('code_verifier') ?? '')
          .digest('base64url');
        if (!pending || pending.challenge !== challenge)
          return json(response, 400, { error: 'invalid_grant' });
        return json(response, 200, issue());
      }
      if (grant === 'refresh_token') {
        const token = form.get('refresh_token') ?? '';
        if (!refreshTokens.delete(token)) {
          if (rotated.has(token)) ehr.reusedRefreshTokens++;
          return json(response, 400, { error: 'invalid_grant' });
        }
        rotated.add(token);
        ehr.refreshes++;
        return json(response, 200, issue());
      }
      if (grant === 'client_credentials' && form.get('client_assertion')) {
        ehr.clientCredentials++;
        const { access_token } = issue();
        return json(response, 200, { access_token, token_type: 'Bearer', expires_in: 300 });
      }
      return json(response, 400, { error: 'unsupported_grant_type' });
    }
    const patient = /^\/fhir\/Patient\/([A-Za-z0-9.-]+)$/.exec(request.path);
    if (patient && request.method === 'GET') {
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (!token || !accessTokens.has(token))
        return json(response, 401, { resourceType: 'OperationOutcome', issue: [] });
      return json(response, 200, { resourceType: 'Patient', id: patient[1] });
    }
    json(response, 404, { error: 'not_found' });
  });
  const ehr: Ehr = Object.assign(server, {
    refreshes: 0,
    clientCredentials: 0,
    reusedRefreshTokens: 0,
    tokenDelayMs: 0,
    expiresIn: 3600,
  });
  return ehr;
}

/** The attacker: `discovery` is served as its SMART configuration; `/authorize` forwards. */
export interface Attacker extends LocalServer {
  /** Its `.well-known/smart-configuration` document (set by the test). */
  discovery: Record<string, unknown>;
  /** Where its `/authorize` redirects with the same query (a mix-up), if set. */
  forwardAuthorizeTo: string | undefined;
}

/** Start the attacker. */
export async function startAttacker(): Promise<Attacker> {
  const server = await listen((request, response) => {
    if (request.path === '/fhir/.well-known/smart-configuration')
      return json(response, 200, attacker.discovery);
    if (request.path === '/authorize' && attacker.forwardAuthorizeTo) {
      const to = new URL(attacker.forwardAuthorizeTo);
      to.search = request.query.toString();
      response.writeHead(302, { location: to.href });
      return response.end();
    }
    // A token endpoint that would keep whatever it is sent.
    json(response, 200, { access_token: 'stolen', token_type: 'Bearer', expires_in: 3600 });
  });
  const attacker: Attacker = Object.assign(server, {
    discovery: {},
    forwardAuthorizeTo: undefined,
  });
  return attacker;
}

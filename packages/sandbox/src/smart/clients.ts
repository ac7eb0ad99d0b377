/**
 * The clients of the development SMART server and the rules their URLs follow:
 *
 * - an app (public client, `token_endpoint_auth_method: none`) is signed in only at a
 *   `redirect_uri` it registered — an exact match, except that a registered loopback URI
 *   (`http://127.0.0.1/…`, `http://[::1]/…`, `http://localhost/…`) matches on any port
 *   (RFC 8252 §7.3); the EHR simulator (`/auth/launch`) opens only a registered `launch_url`;
 * - a backend client signs its assertions with keys from its `jwks`, or from a `jwks_url` on a
 *   loopback host (the sandbox fetches nothing else: no SSRF into the network it runs in);
 * - registering (`POST /auth/register`) is for the developer's own machine: only from a
 *   loopback address, only `application/json` (a page on another origin cannot send that
 *   without a preflight, which the sandbox does not allow), never with CORS.
 *
 * @module
 */
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { JSONWebKeySet } from 'jose';

/** A client of the development SMART server: an app (redirect URIs) or a backend (keys). */
export interface SandboxClient {
  client_id: string;
  /** An app's redirect URIs (exact; loopback ones on any port). */
  redirect_uris?: string[];
  /** An app's launch URL, for the EHR simulator `/auth/launch`. */
  launch_url?: string;
  /** A backend client's public keys… */
  jwks?: JSONWebKeySet;
  /** …or where to fetch them: a loopback URL only. */
  jwks_url?: string;
  /** Backend clients: the scopes they may get. @default 'system/*.rs' */
  scope?: string;
  client_name?: string;
}

/** @deprecated The old name of {@link SandboxClient}. */
export type BackendClient = SandboxClient;

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** True for an `http:`/`https:` URL on a loopback host. */
export function isLoopbackUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOST.test(url.hostname)
    );
  } catch {
    return false;
  }
}

/** True when the request comes from the machine the sandbox runs on. */
export function fromLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

/** Why `client` cannot be registered, or undefined when it can. */
export function invalidClient(client: Partial<SandboxClient>): string | undefined {
  if (client.client_id !== undefined && !/^[A-Za-z0-9._~-]{1,64}$/.test(client.client_id))
    return 'client_id must be 1–64 characters of A–Z, a–z, 0–9, ".", "_", "~" or "-".';
  const uris = client.redirect_uris;
  const app = uris !== undefined || client.launch_url !== undefined;
  if (!app && !client.jwks && !client.jwks_url)
    return 'Send redirect_uris (an app) or jwks / jwks_url (a backend client).';
  if (uris !== undefined) {
    if (!Array.isArray(uris) || uris.length === 0 || uris.some((u) => typeof u !== 'string'))
      return 'redirect_uris must be a non-empty array of URLs.';
    for (const uri of uris) {
      const problem = redirectProblem(uri);
      if (problem) return problem;
    }
  }
  if (client.launch_url !== undefined && redirectProblem(client.launch_url))
    return `launch_url: ${redirectProblem(client.launch_url)}`;
  if (client.jwks_url !== undefined && !isLoopbackUrl(client.jwks_url))
    return 'jwks_url must be on a loopback host (localhost, 127.0.0.0/8, [::1]); send jwks inline otherwise.';
  return undefined;
}

function redirectProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value.slice(0, 80)}" is not an absolute URL.`;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname)))
    return 'Redirect and launch URLs must be https:, or http: on a loopback host.';
  if (url.hash) return 'Redirect and launch URLs must not have a fragment.';
  return undefined;
}

/** The client as registered: its id assigned when it sent none. */
export function registered(client: Partial<SandboxClient>): SandboxClient {
  return { ...client, client_id: client.client_id ?? randomUUID() };
}

/** True when `uri` is one of the client's registered redirect URIs (see the module rules). */
export function redirectAllowed(client: SandboxClient, uri: string): boolean {
  return (client.redirect_uris ?? []).some((registered) => sameUri(registered, uri));
}

function sameUri(registered: string, asked: string): boolean {
  if (registered === asked) return true;
  let a: URL;
  let b: URL;
  try {
    a = new URL(registered);
    b = new URL(asked);
  } catch {
    return false;
  }
  // RFC 8252 §7.3: a loopback redirect URI matches on any port.
  if (a.protocol !== 'http:' || !LOOPBACK_HOST.test(a.hostname)) return false;
  a.port = '';
  b.port = '';
  return a.href === b.href;
}

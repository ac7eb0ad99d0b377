/**
 * What every SMART request shares: the base options, the endpoint checks (`https:`, or `http:`
 * on loopback), `fetch` passed to `oauth4webapi`, waiting on a caller's signal without aborting a
 * shared request, and the one error the SMART calls throw.
 *
 * @module
 */
import * as oauth from 'oauth4webapi';
import { AuthError } from '../kernel.ts';

/** Options common to the SMART calls. */
export interface SmartBaseOptions {
  /** A `fetch` implementation; defaults to the global one. */
  fetch?: typeof fetch;
  /**
   * Stops waiting for discovery and token requests. A request shared by several callers (a
   * session's refresh, a Backend Services token) is never aborted by it: the caller stops
   * waiting, the request finishes and its result is kept for the others.
   */
  signal?: AbortSignal;
  /**
   * Allow plain `http:` endpoints on any host. Without it only loopback hosts (`localhost`,
   * 127.0.0.0/8, `[::1]`) may use `http:`, so the sandbox works; every other endpoint must be
   * `https:`. Other schemes (`javascript:`, `data:`…) are refused either way. Never enable
   * this in production.
   * @default false
   */
  allowInsecure?: boolean;
  /**
   * How long discovery and each token request may take, in ms, before they fail with an
   * `AuthError`. A shared request (a session's refresh, a Backend Services token) that no
   * caller can abort still ends: a token endpoint that never answers cannot hold every request
   * waiting on it.
   * @default 30000
   */
  timeout?: number;
}

/** {@link SmartBaseOptions.timeout}'s default. */
export const SMART_TIMEOUT_MS = 30_000;

/** A signal that aborts after the options' timeout, or when `signal` aborts. */
export function deadline(options: Pick<SmartBaseOptions, 'timeout'>, signal?: AbortSignal) {
  const timeout = AbortSignal.timeout(options.timeout ?? SMART_TIMEOUT_MS);
  return signal ? AbortSignal.any([timeout, signal]) : timeout;
}

const LOOPBACK = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;

/**
 * The endpoint `value` (named `field` in errors) as a URL, when it is `https:`, or `http:` on a
 * loopback host (any host with `allowInsecure`), without credentials. Anything else throws an
 * {@link AuthError} that names the field and the reason, never the URL.
 */
export function checkEndpoint(
  field: string,
  value: unknown,
  options: Pick<SmartBaseOptions, 'allowInsecure'> = {},
): URL {
  let url: URL;
  try {
    url = new URL(value as string);
  } catch {
    throw authError(`The SMART ${field} is not an absolute URL; refusing to use it.`);
  }
  if (typeof value !== 'string' && !(value instanceof URL))
    throw authError(`The SMART ${field} is not an absolute URL; refusing to use it.`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw authError(
      `The SMART ${field} uses the ${url.protocol} scheme; only https: (or http: on loopback) is allowed.`,
    );
  if (url.protocol === 'http:' && !options.allowInsecure && !LOOPBACK.test(url.hostname))
    throw authError(
      `The SMART ${field} uses plain http: to a host that is not loopback; only https: is allowed there.`,
    );
  if (url.username || url.password)
    throw authError(`The SMART ${field} carries credentials in its URL; refusing to use it.`);
  return url;
}

/**
 * The `oauth4webapi` request options for `url`: insecure loopback/opt-in, custom `fetch`, and a
 * signal that aborts at the options' timeout (or when `signal`, a single caller's, aborts).
 */
export function httpOptions(url: string, options: SmartBaseOptions, signal?: AbortSignal) {
  const insecure =
    options.allowInsecure || (url.startsWith('http:') && LOOPBACK.test(new URL(url).hostname));
  return {
    ...(insecure ? { [oauth.allowInsecureRequests]: true } : {}),
    ...(options.fetch ? { [oauth.customFetch]: options.fetch } : {}),
    signal: deadline(options, signal),
  };
}

/**
 * Wait for a shared `request` until one of `signals` aborts: then reject with its reason and
 * leave the request running (its result still reaches everyone else who waits on it).
 */
export function waitFor<T>(
  request: Promise<T>,
  ...signals: (AbortSignal | undefined)[]
): Promise<T> {
  const given = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  if (given.length === 0) return request;
  const signal = given.length === 1 ? given[0]! : AbortSignal.any(given);
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason as Error);
    signal.addEventListener('abort', stop, { once: true });
    request.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/** The `AuthError` (401 on the token request) every SMART failure becomes. */
export function authError(message: string, cause?: unknown): AuthError {
  return new AuthError(message, { status: 401, request: { method: 'POST', path: 'token' }, cause });
}

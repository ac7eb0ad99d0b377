/**
 * What every SMART request shares: the base options, the `http:` check and `fetch`/`signal`
 * passed to `oauth4webapi`, and the one error the SMART calls throw.
 *
 * @module
 */
import * as oauth from 'oauth4webapi';
import { AuthError } from '../kernel.ts';

/** Options common to the SMART calls. */
export interface SmartBaseOptions {
  /** A `fetch` implementation; defaults to the global one. */
  fetch?: typeof fetch;
  /** Aborts discovery and token requests. */
  signal?: AbortSignal;
  /**
   * Allow plain `http:` endpoints. Loopback hosts (localhost, 127.0.0.1, [::1]) are always
   * allowed so the sandbox works; never enable this for other hosts in production.
   * @default false
   */
  allowInsecure?: boolean;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** The `oauth4webapi` request options for `url`: insecure loopback/opt-in, custom `fetch`, signal. */
export function httpOptions(url: string, options: SmartBaseOptions) {
  const insecure =
    options.allowInsecure || (url.startsWith('http:') && LOOPBACK.test(new URL(url).hostname));
  return {
    ...(insecure ? { [oauth.allowInsecureRequests]: true } : {}),
    ...(options.fetch ? { [oauth.customFetch]: options.fetch } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

/** The `AuthError` (401 on the token request) every SMART failure becomes. */
export function authError(message: string, cause?: unknown): AuthError {
  return new AuthError(message, { status: 401, request: { method: 'POST', path: 'token' }, cause });
}

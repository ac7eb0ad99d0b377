/**
 * The auth stage as ky hooks: `beforeRequest` puts the bearer token on every attempt;
 * `afterResponse` answers a 401 by asking the token provider once for a fresh token and replaying
 * the request once (`ky.retry`, no delay). Concurrent 401s with the same rejected token share one
 * refresh (`auth/token.ts`). The token goes only into the `authorization` header: never into
 * state that errors, hooks or logs can reach.
 *
 * @module
 */
import ky, { type AfterResponseHook, type BeforeRequestHook } from 'ky';
import { tokenSource, type TokenProvider } from '../auth/token.ts';
import { AuthError, redactPath, sanitiseCause } from '../kernel.ts';

/** What the auth stage keeps per call. */
export interface AuthState {
  method: string;
  path: string;
  signal: AbortSignal | undefined;
  /** The token sent with the latest attempt. */
  token: string | undefined;
  /** The refreshed token, once a 401 was answered. */
  fresh: string | undefined;
  /** Whether a 401 was answered with a refresh already (at most once per call). */
  refreshTried: boolean;
  /** Replays after a 401 (0 or 1); they do not count as retries. */
  replays: number;
}

/** The per-call state hooks find in ky's `context`. */
export const stateOf = <T>(options: { context: Record<string, unknown> }): T =>
  options.context.call as T;

/** The auth hooks for one client. */
export function authHooks(provider: TokenProvider | undefined): {
  beforeRequest: BeforeRequestHook;
  afterResponse: AfterResponseHook;
} {
  const tokens = tokenSource(provider);
  return {
    async beforeRequest(request, options) {
      const call = stateOf<AuthState>(options);
      let token = call.fresh;
      if (token === undefined) {
        try {
          token = await tokens.get(call.signal);
        } catch (error) {
          if (call.signal?.aborted) throw call.signal.reason;
          throw new AuthError(
            `No token could be obtained for ${call.method} ${redactPath(call.path)}. Sign in again.`,
            {
              status: 401,
              request: { method: call.method, path: redactPath(call.path) },
              cause: sanitiseCause(error, call, undefined, { message: false }),
            },
          );
        }
      }
      call.token = token;
      if (token) request.headers.set('authorization', `Bearer ${token}`);
    },
    async afterResponse(_request, options, response) {
      const call = stateOf<AuthState>(options);
      if (response.status !== 401 || call.refreshTried) return;
      call.refreshTried = true;
      const fresh = await tokens.refresh(call.token).catch(() => undefined);
      if (!fresh) return;
      call.fresh = fresh;
      call.replays = 1;
      return ky.retry({ delay: 0, code: 'TOKEN_REFRESHED' });
    },
  };
}

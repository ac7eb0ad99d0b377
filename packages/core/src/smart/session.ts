/**
 * An authorized App Launch session: its tokens, refresh (one at a time, near expiry or after a
 * 401) and sign-out, and persistence in the host's `tokenStorage`.
 *
 * @module
 */
import * as oauth from 'oauth4webapi';
import { AuthError } from '../kernel.ts';
import type { TokenProvider } from '../auth/token.ts';
import { authError, checkEndpoint, httpOptions, waitFor, type SmartBaseOptions } from './http.ts';
import type { SmartStorage } from './storage.ts';

/** An authorized SMART session. */
export interface SmartSession {
  /** The FHIR base URL the token is for. */
  readonly fhirBaseUrl: string;
  /** Patient in context (`patient` of the token response), if any. */
  readonly patient: string | undefined;
  /** Encounter in context, if any. */
  readonly encounter: string | undefined;
  /** Granted scopes. */
  readonly scope: string;
  /** Expiry of the current access token (epoch ms). */
  readonly expiresAt: number;
  /** Pass as `createHealthClient({ token: session.token })`: refreshes near expiry and after a 401. */
  readonly token: TokenProvider;
  /**
   * Exchange the refresh token for a new access token now. Concurrent calls share one request,
   * which no caller's `signal` aborts: an aborted caller stops waiting, the refresh goes on and
   * its (rotated) tokens are kept.
   */
  refresh(signal?: AbortSignal): Promise<string>;
  /** Forget the tokens (and remove them from `tokenStorage`). */
  signOut(): Promise<void>;
}

/** What a session keeps (and writes to `tokenStorage`). */
export interface SavedTokens {
  fhirBaseUrl: string;
  tokenEndpoint: string;
  issuer: string;
  clientId: string;
  accessToken: string;
  refreshToken?: string | undefined;
  expiresAt: number;
  scope: string;
  patient?: string | undefined;
  encounter?: string | undefined;
}

const TOKEN_KEY = 'vnhealth.smart.tokens';

function session(
  saved: SavedTokens,
  options: SmartBaseOptions & { tokenStorage?: SmartStorage | undefined },
): SmartSession {
  checkEndpoint('token_endpoint', saved.tokenEndpoint, options);
  let current = saved;
  let refreshing: Promise<string> | undefined;
  const as: oauth.AuthorizationServer = {
    issuer: saved.issuer,
    token_endpoint: saved.tokenEndpoint,
  };
  const client: oauth.Client = { client_id: saved.clientId };
  const persist = async () => options.tokenStorage?.setItem(TOKEN_KEY, JSON.stringify(current));

  const refresh = (signal?: AbortSignal): Promise<string> => {
    // Shared by every caller, so it runs with no caller's signal (see `waitFor`).
    refreshing ??= (async () => {
      if (!current.refreshToken)
        throw authError('The session has expired and has no refresh token. Sign in again.');
      try {
        const response = await oauth.refreshTokenGrantRequest(
          as,
          client,
          oauth.None(),
          current.refreshToken,
          httpOptions(saved.tokenEndpoint, options),
        );
        const result = await oauth.processRefreshTokenResponse(as, client, response);
        current = {
          ...current,
          accessToken: result.access_token,
          refreshToken: result.refresh_token ?? current.refreshToken,
          expiresAt: Date.now() + (result.expires_in ?? 300) * 1000,
          scope: result.scope ?? current.scope,
        };
        await persist();
        return current.accessToken;
      } catch (error) {
        throw error instanceof AuthError
          ? error
          : authError('Refreshing the access token failed. Sign in again.', error);
      }
    })().finally(() => (refreshing = undefined));
    return waitFor(refreshing, signal, options.signal);
  };

  return {
    get fhirBaseUrl() {
      return current.fhirBaseUrl;
    },
    get patient() {
      return current.patient;
    },
    get encounter() {
      return current.encounter;
    },
    get scope() {
      return current.scope;
    },
    get expiresAt() {
      return current.expiresAt;
    },
    token: async ({ refresh: force, signal } = {}) => {
      if (force || (current.refreshToken && current.expiresAt - Date.now() < 30_000)) {
        return force && !current.refreshToken ? undefined : refresh(signal);
      }
      return current.accessToken;
    },
    refresh,
    async signOut() {
      current = { ...current, accessToken: '', refreshToken: undefined, expiresAt: 0 };
      await options.tokenStorage?.removeItem(TOKEN_KEY);
    },
  };
}

/** Save a new session's tokens to `tokenStorage` (when given) and open the session. */
export async function openSession(
  saved: SavedTokens,
  options: SmartBaseOptions & { tokenStorage?: SmartStorage | undefined },
): Promise<SmartSession> {
  await options.tokenStorage?.setItem(TOKEN_KEY, JSON.stringify(saved));
  return session(saved, options);
}

/** Restore a session the host persisted with `tokenStorage`, or undefined. */
export async function resumeSession(
  options: SmartBaseOptions & { tokenStorage: SmartStorage },
): Promise<SmartSession | undefined> {
  const raw = await options.tokenStorage.getItem(TOKEN_KEY);
  return raw ? session(JSON.parse(raw) as SavedTokens, options) : undefined;
}

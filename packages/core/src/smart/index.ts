/**
 * SMART on FHIR for `@vnhealth/core` (subpath `@vnhealth/core/smart`): App Launch (standalone and
 * EHR, PKCE S256, state check, refresh, `patient` context) and Backend Services (client
 * credentials with `private_key_jwt`, ES384/RS384), built on `oauth4webapi`.
 *
 * Tokens live in memory unless the host passes a `tokenStorage`. The pending authorization
 * (state and PKCE verifier) must survive the redirect, so it goes to `sessionStorage` in
 * browsers (memory elsewhere) unless `stateStorage` says otherwise.
 *
 * @example Standalone launch in a browser
 * import { authorize, completeAuthorization } from '@vnhealth/core/smart';
 * const options = { fhirBaseUrl, clientId: 'my-app', redirectUri: location.origin + '/callback', scope: 'launch/patient patient/*.rs offline_access' };
 * if (!new URL(location.href).searchParams.has('code')) location.assign(await authorize(options));
 * else {
 *   const session = await completeAuthorization(location.href, options);
 *   const health = createHealthClient({ baseUrl: session.fhirBaseUrl, token: session.token });
 *   const me = await health.fhir.read('Patient', session.patient!);
 * }
 *
 * @module
 */
import * as oauth from 'oauth4webapi';
import { AuthError } from '../errors.ts';
import type { TokenProvider } from '../auth/token.ts';

/** The `.well-known/smart-configuration` document (the fields this module uses, plus any). */
export interface SmartConfiguration {
  issuer?: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri?: string;
  capabilities?: string[];
  code_challenge_methods_supported?: string[];
  grant_types_supported?: string[];
  scopes_supported?: string[];
  [key: string]: unknown;
}

/** A key-value store (sync or async); `sessionStorage`/`localStorage` fit as they are. */
export interface SmartStorage {
  getItem(key: string): string | null | Promise<string | null>;
  setItem(key: string, value: string): void | Promise<void>;
  removeItem(key: string): void | Promise<void>;
}

/** A store in memory (the default for tokens). */
export function memoryStorage(): SmartStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

const sharedMemory = memoryStorage();
const defaultStateStorage = (): SmartStorage =>
  (globalThis as { sessionStorage?: SmartStorage }).sessionStorage ?? sharedMemory;

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

/** Options of an App Launch client. */
export interface SmartAppOptions extends SmartBaseOptions {
  /** FHIR base URL (`iss`); for an EHR launch it comes from the launch URL instead. */
  fhirBaseUrl?: string;
  /** The client id registered with the authorization server. */
  clientId: string;
  /** Where the server sends the user back (must match the registration). */
  redirectUri: string;
  /** Scopes, e.g. `launch/patient openid fhirUser patient/*.rs offline_access`. */
  scope: string;
  /**
   * Where the pending authorization (state, PKCE verifier) waits during the redirect.
   * @default sessionStorage in browsers, memory elsewhere
   */
  stateStorage?: SmartStorage;
  /**
   * Where tokens are kept across page loads (the host's choice; e.g. `sessionStorage`).
   * @default none: tokens stay in memory
   */
  tokenStorage?: SmartStorage;
}

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
  /** Exchange the refresh token for a new access token now. */
  refresh(signal?: AbortSignal): Promise<string>;
  /** Forget the tokens (and remove them from `tokenStorage`). */
  signOut(): Promise<void>;
}

interface SavedTokens {
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

const STATE_KEY = 'vnhealth.smart.pending';
const TOKEN_KEY = 'vnhealth.smart.tokens';
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

function httpOptions(url: string, options: SmartBaseOptions) {
  const insecure =
    options.allowInsecure || (url.startsWith('http:') && LOOPBACK.test(new URL(url).hostname));
  return {
    ...(insecure ? { [oauth.allowInsecureRequests]: true } : {}),
    ...(options.fetch ? { [oauth.customFetch]: options.fetch } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

function authError(message: string, cause?: unknown): AuthError {
  return new AuthError(message, { status: 401, request: { method: 'POST', path: 'token' }, cause });
}

/** Fetch `{fhirBaseUrl}/.well-known/smart-configuration`. */
export async function discoverSmart(
  fhirBaseUrl: string,
  options: SmartBaseOptions = {},
): Promise<SmartConfiguration> {
  const url = `${fhirBaseUrl.replace(/\/+$/, '')}/.well-known/smart-configuration`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: { accept: 'application/json' },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw authError(
      'Could not reach the SMART configuration of the FHIR server. Check the server address.',
      error,
    );
  }
  const config = (await response.json().catch(() => undefined)) as SmartConfiguration | undefined;
  if (!response.ok || !config?.authorization_endpoint || !config.token_endpoint) {
    throw authError(
      `The FHIR server has no usable SMART configuration (${response.status}). Check that it supports SMART on FHIR.`,
    );
  }
  return config;
}

const server = (config: SmartConfiguration, fhirBaseUrl: string): oauth.AuthorizationServer => ({
  issuer: config.issuer ?? fhirBaseUrl,
  authorization_endpoint: config.authorization_endpoint,
  token_endpoint: config.token_endpoint,
});

/**
 * Start an authorization: discover the server, create state and a PKCE S256 verifier, store
 * them and return the URL to send the user to. For an EHR launch pass `launch` (and the `iss`
 * as `fhirBaseUrl`), or use {@link launchFromUrl}.
 */
export async function authorize(options: SmartAppOptions & { launch?: string }): Promise<URL> {
  const fhirBaseUrl = options.fhirBaseUrl?.replace(/\/+$/, '');
  if (!fhirBaseUrl)
    throw new AuthError('authorize() needs fhirBaseUrl (the iss).', {
      status: 400,
      request: { method: 'GET', path: 'authorize' },
    });
  const config = await discoverSmart(fhirBaseUrl, options);
  const methods = config.code_challenge_methods_supported;
  if (methods && !methods.includes('S256')) {
    throw authError(
      'The authorization server does not support PKCE S256; refusing to continue without it.',
    );
  }
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(config.authorization_endpoint);
  const params = {
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    scope:
      options.launch && !/\blaunch\b/.test(options.scope)
        ? `launch ${options.scope}`
        : options.scope,
    state,
    aud: fhirBaseUrl,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    ...(options.launch ? { launch: options.launch } : {}),
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  await (options.stateStorage ?? defaultStateStorage()).setItem(
    STATE_KEY,
    JSON.stringify({ state, verifier, fhirBaseUrl, config }),
  );
  return url;
}

/** EHR launch: read `iss` and `launch` from the launch URL and start the authorization. */
export function launchFromUrl(
  launchUrl: string | URL,
  options: Omit<SmartAppOptions, 'fhirBaseUrl'>,
): Promise<URL> {
  const url = new URL(launchUrl);
  const iss = url.searchParams.get('iss');
  const launch = url.searchParams.get('launch');
  if (!iss || !launch) {
    throw new AuthError(
      'The launch URL has no iss and launch parameters; open the app from the EHR.',
      {
        status: 400,
        request: { method: 'GET', path: 'launch' },
      },
    );
  }
  return authorize({ ...options, fhirBaseUrl: iss, launch });
}

function session(
  saved: SavedTokens,
  options: SmartBaseOptions & { tokenStorage?: SmartStorage | undefined },
): SmartSession {
  let current = saved;
  let refreshing: Promise<string> | undefined;
  const as: oauth.AuthorizationServer = {
    issuer: saved.issuer,
    token_endpoint: saved.tokenEndpoint,
  };
  const client: oauth.Client = { client_id: saved.clientId };
  const persist = async () => options.tokenStorage?.setItem(TOKEN_KEY, JSON.stringify(current));

  const refresh = (signal?: AbortSignal): Promise<string> => {
    refreshing ??= (async () => {
      if (!current.refreshToken)
        throw authError('The session has expired and has no refresh token. Sign in again.');
      try {
        const response = await oauth.refreshTokenGrantRequest(
          as,
          client,
          oauth.None(),
          current.refreshToken,
          {
            ...httpOptions(saved.tokenEndpoint, { ...options, ...(signal ? { signal } : {}) }),
          },
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
    return refreshing;
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

/**
 * Finish an authorization on the redirect page: check `state`, exchange the code with the PKCE
 * verifier and return the session (with `patient` context when granted).
 */
export async function completeAuthorization(
  callbackUrl: string | URL,
  options: Omit<SmartAppOptions, 'fhirBaseUrl' | 'scope'> & { scope?: string },
): Promise<SmartSession> {
  const storage = options.stateStorage ?? defaultStateStorage();
  const raw = await storage.getItem(STATE_KEY);
  await storage.removeItem(STATE_KEY);
  if (!raw)
    throw authError(
      'No authorization is pending in this browser session. Start the sign-in again.',
    );
  const pending = JSON.parse(raw) as {
    state: string;
    verifier: string;
    fhirBaseUrl: string;
    config: SmartConfiguration;
  };
  const as = server(pending.config, pending.fhirBaseUrl);
  const client: oauth.Client = { client_id: options.clientId };
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, new URL(callbackUrl), pending.state);
  } catch (error) {
    throw authError(
      'The sign-in response was refused (state mismatch or an error from the server). Start the sign-in again.',
      error,
    );
  }
  let result: oauth.TokenEndpointResponse;
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.None(),
      params,
      options.redirectUri,
      pending.verifier,
      httpOptions(as.token_endpoint!, options),
    );
    result = await oauth.processAuthorizationCodeResponse(as, client, response);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw authError('Exchanging the authorization code failed. Start the sign-in again.', error);
  }
  const saved: SavedTokens = {
    fhirBaseUrl: pending.fhirBaseUrl,
    tokenEndpoint: as.token_endpoint!,
    issuer: as.issuer,
    clientId: options.clientId,
    accessToken: result.access_token,
    refreshToken: result.refresh_token,
    expiresAt: Date.now() + (result.expires_in ?? 300) * 1000,
    scope: result.scope ?? options.scope ?? '',
    patient: typeof result.patient === 'string' ? result.patient : undefined,
    encounter: typeof result.encounter === 'string' ? result.encounter : undefined,
  };
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

/** Options of a SMART Backend Services client. */
export interface BackendServicesOptions extends SmartBaseOptions {
  /** FHIR base URL; the token endpoint is discovered from it unless `tokenEndpoint` is given. */
  fhirBaseUrl?: string;
  tokenEndpoint?: string;
  clientId: string;
  /** The client's private key: a WebCrypto `CryptoKey` or a private JWK. */
  privateKey: CryptoKey | JsonWebKey;
  /** Key id registered in the client's JWKS. */
  kid: string;
  /**
   * Signing algorithm.
   * @default 'ES384'
   */
  alg?: 'ES384' | 'RS384';
  /**
   * Requested scopes.
   * @default 'system/*.rs'
   */
  scope?: string;
}

/**
 * SMART Backend Services: a token provider that obtains (and re-obtains near expiry or after a
 * 401) an access token with `client_credentials` and a signed `private_key_jwt` assertion.
 *
 * @example
 * const auth = backendServices({ fhirBaseUrl, clientId: 'his-sync', privateKey, kid: 'k1' });
 * const health = createHealthClient({ baseUrl: fhirBaseUrl, token: auth.token });
 */
export function backendServices(options: BackendServicesOptions): {
  token: TokenProvider;
  fetchToken(
    signal?: AbortSignal,
  ): Promise<{ accessToken: string; expiresAt: number; scope: string }>;
} {
  const alg = options.alg ?? 'ES384';
  let key: Promise<CryptoKey> | undefined;
  let current: { accessToken: string; expiresAt: number; scope: string } | undefined;
  let pending: Promise<NonNullable<typeof current>> | undefined;

  const importKey = (): Promise<CryptoKey> =>
    (key ??=
      'kty' in options.privateKey
        ? crypto.subtle.importKey(
            'jwk',
            options.privateKey,
            alg === 'ES384'
              ? { name: 'ECDSA', namedCurve: 'P-384' }
              : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
            false,
            ['sign'],
          )
        : Promise.resolve(options.privateKey as CryptoKey));

  const fetchToken = (signal?: AbortSignal) =>
    (pending ??= (async () => {
      const tokenEndpoint =
        options.tokenEndpoint ??
        (
          await discoverSmart(options.fhirBaseUrl ?? '', {
            ...options,
            ...(signal ? { signal } : {}),
          })
        ).token_endpoint;
      const as: oauth.AuthorizationServer = {
        issuer: tokenEndpoint,
        token_endpoint: tokenEndpoint,
      };
      const client: oauth.Client = { client_id: options.clientId };
      const auth = oauth.PrivateKeyJwt(
        { key: await importKey(), kid: options.kid },
        {
          [oauth.modifyAssertion]: (header, payload) => {
            header.typ = 'JWT';
            payload.aud = tokenEndpoint;
            payload.exp = Math.floor(Date.now() / 1000) + 240;
          },
        },
      );
      try {
        const response = await oauth.clientCredentialsGrantRequest(
          as,
          client,
          auth,
          new URLSearchParams({ scope: options.scope ?? 'system/*.rs' }),
          httpOptions(tokenEndpoint, { ...options, ...(signal ? { signal } : {}) }),
        );
        const result = await oauth.processClientCredentialsResponse(as, client, response);
        current = {
          accessToken: result.access_token,
          expiresAt: Date.now() + (result.expires_in ?? 300) * 1000,
          scope: result.scope ?? options.scope ?? '',
        };
        return current;
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw authError(
          'The backend services token request was refused. Check the client id, key and registered JWKS.',
          error,
        );
      }
    })().finally(() => (pending = undefined)));

  return {
    fetchToken,
    token: async ({ refresh, signal } = {}) => {
      if (refresh || !current || current.expiresAt - Date.now() < 30_000)
        return (await fetchToken(signal)).accessToken;
      return current.accessToken;
    },
  };
}

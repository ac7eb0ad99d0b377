/**
 * SMART App Launch: start an authorization (state and PKCE S256 verifier kept across the
 * redirect), the EHR launch, and the code exchange on the redirect page.
 *
 * @module
 */
import * as oauth from 'oauth4webapi';
import { AuthError } from '../kernel.ts';
import {
  authorizationServer,
  checkConfiguration,
  discoverSmart,
  type SmartConfiguration,
} from './discovery.ts';
import { authError, checkEndpoint, httpOptions, type SmartBaseOptions } from './http.ts';
import { openSession, type SavedTokens, type SmartSession } from './session.ts';
import { defaultStateStorage, type SmartStorage } from './storage.ts';

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
  /**
   * The FHIR base URLs (`iss`) this app may sign in to. When given, {@link authorize} and
   * {@link launchFromUrl} refuse any other `iss` before anything is fetched from it; an EHR
   * launch URL carries an `iss` anyone can write, so set this for EHR launches. Compared after
   * URL normalisation, without trailing slashes: `https://ehr.example.vn/fhir/R4`.
   * @default any https: (or loopback http:) FHIR base URL
   */
  allowedIssuers?: readonly string[];
}

const STATE_KEY = 'vnhealth.smart.pending';

/** `url` without trailing slashes, as the URL parser writes it (undefined when it is no URL). */
function normalise(url: string): string | undefined {
  try {
    return new URL(url).href.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

/**
 * Start an authorization: check the `iss` (scheme, `allowedIssuers`), discover the server and
 * check its endpoints, create state and a PKCE S256 verifier, store them and return the URL to
 * send the user to: always an `https:` URL (or `http:` on loopback) on the authorization
 * server's origin. For an EHR launch pass `launch` (and the `iss` as `fhirBaseUrl`), or use
 * {@link launchFromUrl}.
 */
export async function authorize(options: SmartAppOptions & { launch?: string }): Promise<URL> {
  const fhirBaseUrl = options.fhirBaseUrl?.replace(/\/+$/, '');
  if (!fhirBaseUrl)
    throw new AuthError('authorize() needs fhirBaseUrl (the iss).', {
      status: 400,
      request: { method: 'GET', path: 'authorize' },
    });
  checkEndpoint('iss', fhirBaseUrl, options);
  if (
    options.allowedIssuers &&
    !options.allowedIssuers.some((allowed) => normalise(allowed) === normalise(fhirBaseUrl))
  )
    throw authError('The iss is not one of the allowedIssuers; refusing to sign in there.');
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

/**
 * EHR launch: read `iss` and `launch` from the launch URL and start the authorization with
 * {@link authorize} (same checks; pass `allowedIssuers`). The URL it resolves to is safe to
 * hand to `location.assign()`; it rejects with an `AuthError` rather than return another.
 */
export async function launchFromUrl(
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

/**
 * Finish an authorization on the redirect page: check `state` (a callback with another state is
 * refused and the pending authorization kept for the real one), the `iss` of the response when
 * it has one (RFC 9207: it must be the pending launch's issuer), exchange the code with the PKCE
 * verifier and return the session (with `patient` context when granted).
 */
export async function completeAuthorization(
  callbackUrl: string | URL,
  options: Omit<SmartAppOptions, 'fhirBaseUrl' | 'scope'> & { scope?: string },
): Promise<SmartSession> {
  const storage = options.stateStorage ?? defaultStateStorage();
  const raw = await storage.getItem(STATE_KEY);
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
  const callback = new URL(callbackUrl);
  // Not ours: keep the pending authorization for the callback that carries its state.
  if (callback.searchParams.get('state') !== pending.state)
    throw authError(
      'The sign-in response does not carry the state of the pending sign-in; it was refused.',
    );
  await storage.removeItem(STATE_KEY);
  checkConfiguration(pending.config, options);
  const as = authorizationServer(pending.config, pending.fhirBaseUrl);
  const iss = callback.searchParams.get('iss');
  if (iss !== null && iss !== as.issuer)
    throw authError(
      'The sign-in response comes from another issuer than the one the sign-in started with (RFC 9207); it was refused. Start the sign-in again.',
    );
  const client: oauth.Client = { client_id: options.clientId };
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, callback, pending.state);
  } catch (error) {
    throw authError(
      'The sign-in response was refused (an error from the server, or no issuer where the server promised one). Start the sign-in again.',
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
      // One caller: its signal may abort the exchange itself.
      httpOptions(as.token_endpoint!, options, options.signal),
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
  return openSession(saved, options);
}

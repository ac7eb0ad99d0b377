/**
 * SMART App Launch: start an authorization (state and PKCE S256 verifier kept across the
 * redirect), the EHR launch, and the code exchange on the redirect page.
 *
 * @module
 */
import * as oauth from 'oauth4webapi';
import { AuthError } from '../kernel.ts';
import { authorizationServer, discoverSmart, type SmartConfiguration } from './discovery.ts';
import { authError, httpOptions, type SmartBaseOptions } from './http.ts';
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
}

const STATE_KEY = 'vnhealth.smart.pending';

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
  const as = authorizationServer(pending.config, pending.fhirBaseUrl);
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
  return openSession(saved, options);
}

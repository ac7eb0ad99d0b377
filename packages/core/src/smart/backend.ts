/**
 * SMART Backend Services: `client_credentials` with a signed `private_key_jwt` assertion
 * (ES384/RS384), as a token provider.
 *
 * @module
 */
import * as oauth from 'oauth4webapi';
import type { TokenProvider } from '../auth/token.ts';
import { discoverSmart } from './discovery.ts';
import { authError, checkEndpoint, httpOptions, waitFor, type SmartBaseOptions } from './http.ts';

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
  /** The token provider to pass as `createHealthClient({ token })`. */
  token: TokenProvider;
  /**
   * Request a new access token now. Concurrent calls share one request, which no caller's
   * `signal` aborts: an aborted caller stops waiting, the request goes on and its token is kept.
   */
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

  const { signal: _ownSignal, ...shared } = options;
  if (options.tokenEndpoint !== undefined)
    checkEndpoint('tokenEndpoint', options.tokenEndpoint, options);
  // Shared by every caller, so discovery and the token request run with no caller's signal.
  const request = () =>
    (pending ??= (async () => {
      const tokenEndpoint =
        options.tokenEndpoint ??
        (await discoverSmart(options.fhirBaseUrl ?? '', shared)).token_endpoint;
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
          httpOptions(tokenEndpoint, options),
        );
        const result = await oauth.processClientCredentialsResponse(as, client, response);
        current = {
          accessToken: result.access_token,
          expiresAt: Date.now() + (result.expires_in ?? 300) * 1000,
          scope: result.scope ?? options.scope ?? '',
        };
        return current;
      } catch (error) {
        throw authError(
          'The backend services token request was refused. Check the client id, key and registered JWKS.',
          error,
        );
      }
    })().finally(() => (pending = undefined)));
  const fetchToken = (signal?: AbortSignal) => waitFor(request(), signal, options.signal);

  return {
    fetchToken,
    token: async ({ refresh, signal } = {}) => {
      if (refresh || !current || current.expiresAt - Date.now() < 30_000)
        return (await fetchToken(signal)).accessToken;
      return current.accessToken;
    },
  };
}

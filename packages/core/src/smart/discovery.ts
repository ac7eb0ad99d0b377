/**
 * SMART discovery: the `.well-known/smart-configuration` document, the checks its endpoints must
 * pass before any is used, and the authorization server `oauth4webapi` is given from it.
 *
 * @module
 */
import type * as oauth from 'oauth4webapi';
import { authError, checkEndpoint, deadline, type SmartBaseOptions } from './http.ts';

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
  authorization_response_iss_parameter_supported?: boolean;
  [key: string]: unknown;
}

/**
 * Fetch `{fhirBaseUrl}/.well-known/smart-configuration` and check its endpoints: each `https:`
 * (or `http:` on loopback), the token endpoint and the issuer on the authorization endpoint's
 * origin. `fhirBaseUrl` itself must be `https:` (or `http:` on loopback);
 * otherwise nothing is fetched.
 */
export async function discoverSmart(
  fhirBaseUrl: string,
  options: SmartBaseOptions = {},
): Promise<SmartConfiguration> {
  checkEndpoint('fhirBaseUrl', fhirBaseUrl, options);
  const url = `${fhirBaseUrl.replace(/\/+$/, '')}/.well-known/smart-configuration`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: { accept: 'application/json' },
      signal: deadline(options, options.signal),
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
  checkConfiguration(config, options);
  return config;
}

/**
 * The rules a SMART configuration must meet before any of its URLs is used:
 * - `authorization_endpoint`, `token_endpoint` and `issuer` (when given) are `https:` URLs
 *   (`http:` only on loopback hosts, or anywhere with `allowInsecure`); `javascript:`, `data:`
 *   and other schemes are refused.
 * - The token endpoint has the authorization endpoint's origin, and so does `issuer` when given.
 *   A document that sends the user to one server's sign-in page and the code (with its PKCE
 *   verifier) to another's token endpoint is the OAuth mix-up attack; it is refused.
 *
 * Throws an `AuthError` naming the field (never the URL) when a rule fails.
 */
export function checkConfiguration(
  config: SmartConfiguration,
  options: Pick<SmartBaseOptions, 'allowInsecure'> = {},
): void {
  const authorization = checkEndpoint(
    'authorization_endpoint',
    config.authorization_endpoint,
    options,
  );
  const token = checkEndpoint('token_endpoint', config.token_endpoint, options);
  if (token.origin !== authorization.origin)
    throw authError(
      'The SMART token_endpoint is on another origin than the authorization_endpoint; refusing a configuration that would send the code elsewhere.',
    );
  if (config.issuer !== undefined) {
    const issuer = checkEndpoint('issuer', config.issuer, options);
    if (issuer.origin !== authorization.origin)
      throw authError(
        'The SMART issuer is on another origin than the authorization_endpoint; refusing the configuration.',
      );
  }
}

/** The authorization server of a discovered configuration (issuer defaults to the FHIR base URL). */
export const authorizationServer = (
  config: SmartConfiguration,
  fhirBaseUrl: string,
): oauth.AuthorizationServer => ({
  issuer: config.issuer ?? fhirBaseUrl,
  authorization_endpoint: config.authorization_endpoint,
  token_endpoint: config.token_endpoint,
  ...(config.authorization_response_iss_parameter_supported === true
    ? { authorization_response_iss_parameter_supported: true }
    : {}),
});

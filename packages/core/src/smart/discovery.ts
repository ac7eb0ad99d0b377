/**
 * SMART discovery: the `.well-known/smart-configuration` document and the authorization server
 * `oauth4webapi` is given from it.
 *
 * @module
 */
import type * as oauth from 'oauth4webapi';
import { authError, type SmartBaseOptions } from './http.ts';

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

/** The authorization server of a discovered configuration (issuer defaults to the FHIR base URL). */
export const authorizationServer = (
  config: SmartConfiguration,
  fhirBaseUrl: string,
): oauth.AuthorizationServer => ({
  issuer: config.issuer ?? fhirBaseUrl,
  authorization_endpoint: config.authorization_endpoint,
  token_endpoint: config.token_endpoint,
});

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
export { backendServices, type BackendServicesOptions } from './backend.ts';
export { discoverSmart, type SmartConfiguration } from './discovery.ts';
export type { SmartBaseOptions } from './http.ts';
export { authorize, completeAuthorization, launchFromUrl, type SmartAppOptions } from './launch.ts';
export { resumeSession, type SmartSession } from './session.ts';
export { memoryStorage, type SmartStorage } from './storage.ts';

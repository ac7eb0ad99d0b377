/**
 * `@vnhealth/core/client`: what `@vnhealth/core` exports except the Vietnamese identifier parsers
 * (`parseCccd`, `parseBhyt`, …), the province table (`findProvince`, `provinces`), addresses
 * (`formatAddress`, `addressExtension`) and the VN Core extension helpers (`provinceOf`,
 * `getIdentifier`, …): `createHealthClient`, the error classes, formatting, dates and names. A
 * page that renders with the client (the components) imports this entry, so it does not load
 * the province table up front: only the client's lazily loaded validator uses it
 * (docs/decisions/0023-client-subpath.md). Every type of `@vnhealth/core` is exported here too.
 *
 * @example
 * import { createHealthClient, formatName } from '@vnhealth/core/client';
 * const health = createHealthClient({ baseUrl: 'https://fhir.example.vn/R4' });
 * const patient = await health.fhir.read('Patient', 'vnh-pt-001');
 * console.log(formatName(patient.name));
 *
 * @module
 */
export * from './errors.ts';
export * from './conflict.ts';
export * from './client.ts';
export * from './http/types.ts';
export {
  createFhirClient,
  isRetryable,
  type FhirClientOptions,
  type TokenProvider,
} from './http/fhir-client.ts';
export * from './fhir/index.ts';
export * from './profiles/flavours.ts';
export * from './vn/names.ts';
export * from './vn/format.ts';
export * from './vn/time.ts';
export type * from './vn/identifiers.ts';
export type * from './vn/provinces.ts';
export type * from './vn/address.ts';
export type * from './records/index.ts';
export type * from './vaccination/index.ts';
export type * from './telemedicine/index.ts';

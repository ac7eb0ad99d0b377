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
export * from './profiles/index.ts';
export * from './vn/index.ts';
// The domain modules' types are here; createHealthClient builds their clients, whose methods load
// their code with import() on first use. The factories and standalone helpers are in the subpath
// entries `@vnhealth/core/records`, `@vnhealth/core/telemedicine` and `@vnhealth/core/vaccination`
// (docs/decisions/0010-bundle-budget.md).
export type * from './records/index.ts';
export type * from './vaccination/index.ts';
export type * from './telemedicine/index.ts';

export * from './errors.ts';
export * from './client.ts';
export * from './http/types.ts';
export { createFhirClient, type FhirClientOptions, type TokenProvider } from './http/fhir-client.ts';
export * from './fhir/index.ts';
export * from './profiles/index.ts';
export * from './vn/index.ts';
export * from './records/index.ts';
export * from './vaccination/index.ts';

// The SDK's shared kernel (internal, not a public entry): the modules nearly every page and lazy
// chunk needs — errors, conflict retry, the HTTP helpers lazy code shares with the client (error
// mapping, URLs, batch results, validation), Vietnamese time and names, the VN Core profiles and
// the patient id checks. Every module outside this list imports them from here, never directly,
// so every bundle entry that reaches one of them reaches all of them: tsup emits them as one
// chunk, and a consumer's bundler (which assigns chunks by which files each entry and lazy import
// reaches) loads them as one file instead of one file per module
// (docs/decisions/0022-shared-kernel-chunk.md). Modules inside the kernel import each other
// directly. The identifier parsers, provinces, addresses and profile extension helpers are not
// in it: pages that import `@vnhealth/core/client` load them only with the validator (ADR 0023).
export * from './errors.ts';
export * from './conflict.ts';
export * from './http/errors.ts';
export * from './http/urls.ts';
export * from './http/results.ts';
export * from './http/validate.ts';
export * from './vn/time.ts';
export * from './vn/names.ts';
export * from './profiles/flavours.ts';
// `checkId` here is the HTTP layer's (http/urls.ts); the records one is renamed.
export { checkId as checkRecordId, notFound, patientSearch } from './records/ids.ts';

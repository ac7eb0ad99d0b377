// The SDK's shared kernel (internal, not a public entry): the modules nearly every page and lazy
// chunk needs — errors, conflict retry, the HTTP helpers lazy code shares with the client (error
// mapping, URLs, batch results, validation), Vietnamese time, names, addresses, provinces and
// identifiers, the VN Core profile helpers and the patient id checks. Every module outside this
// list imports them from here, never directly, so every bundle entry that reaches one of them
// reaches all of them: tsup emits them as one chunk, and a consumer's bundler (which assigns
// chunks by which files each entry and lazy import reaches) loads them as one file instead of one
// file per module (docs/decisions/0022-shared-kernel-chunk.md). Modules inside the kernel import
// each other directly.
export * from './errors.ts';
export * from './conflict.ts';
export * from './http/errors.ts';
export * from './http/urls.ts';
export * from './http/results.ts';
export * from './http/validate.ts';
export * from './vn/time.ts';
export * from './vn/names.ts';
export * from './vn/address.ts';
export * from './vn/provinces.ts';
export * from './vn/identifiers.ts';
export * from './profiles/flavours.ts';
export * from './profiles/helpers.ts';
// `checkId` here is the HTTP layer's (http/urls.ts); the records one is renamed.
export { checkId as checkRecordId, notFound, patientSearch } from './records/ids.ts';

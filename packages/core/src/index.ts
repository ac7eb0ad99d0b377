// `@vnhealth/core/client` (the client, errors, formatting, dates, names and every type), plus the
// Vietnamese identifier parsers, provinces, addresses and VN Core extension helpers it leaves
// out (docs/decisions/0023-client-subpath.md). The domain modules' factories and standalone
// helpers are in the subpath entries `@vnhealth/core/records`, `@vnhealth/core/telemedicine` and
// `@vnhealth/core/vaccination` (docs/decisions/0010-bundle-budget.md).
export * from './client-entry.ts';
export * from './profiles/index.ts';
export * from './vn/index.ts';

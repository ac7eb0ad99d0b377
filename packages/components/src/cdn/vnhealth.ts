// The CDN bundle (`dist/cdn/vnhealth.js`, built by cdn-build.ts, never by tsup): lit, the core
// client and every element in one file, which registers every element as `define.js` does and
// exports what the package's index exports (the element classes and their types). Lazy code
// (English tables, the validator) loads from chunks beside it. See docs/no-build.md, ADR 0027.
import '../define.ts';

export * from '../index.ts';

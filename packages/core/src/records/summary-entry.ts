// `@vnhealth/core/summary`: the summary, vital-sign and BHYT helpers of `@vnhealth/core/records`
// without its timeline and client factory. A page that shows a summary (the patient card) imports
// these alone, so its bundle does not carry the timeline code that `health.records.getTimeline`
// loads on demand (docs/decisions/0021-summary-subpath.md).
export type * from './types.ts';
export * from './summary.ts';
export * from './insurance.ts';
export * from './vitals.ts';

/**
 * `@vnhealth/core/schedule`: the immunisation schedule engine (pure functions) and the
 * Vietnamese TCMR schedule as data. A separate entry so the main bundle stays small.
 *
 * @module
 */
export * from './types.ts';
export * from './results.ts';
export * from './evaluate.ts';
export { vnTcmrSchedule } from './tcmr.ts';
export { addDuration, ageOn, daysBetween, recordedDate } from './dates.ts';

/**
 * `@vnhealth/core/schedule`: the immunisation schedule engine after the CDC's CDSi Logic
 * Specification (pure functions over JSON schedule data), its FHIR output, and Vietnam's
 * schedules as data (TCMR, adults, pregnant women) with `vnScheduleFor` choosing one by age. The CDC's own supporting data converts with `@vnhealth/core/schedule/cdsi`.
 * A separate entry so the main bundle stays small.
 *
 * @module
 */
export * from './types.ts';
export * from './results.ts';
export {
  evaluateSchedule,
  evaluateScheduleSteps,
  type EvaluateScheduleInput,
  type PatientObservation,
  type ScheduleEvaluation,
} from './evaluate.ts';
export { upcomingVisits, type Visit, type VisitDose } from './visits.ts';
export {
  CDSI_CODE_SYSTEMS,
  toImmunizationEvaluations,
  toImmunizationRecommendation,
  type FhirOutputOptions,
} from './fhir.ts';
export { CDSI_OBSERVATION_SYSTEM } from './compile.ts';
export { vnTcmrSchedule } from './vn-tcmr.ts';
export { vnAdultSchedule } from './vn-adult.ts';
export { vnPregnancyObservation, vnPregnancySchedule } from './vn-pregnancy.ts';
export { isVnAdult, VN_ADULT_AGE, vnScheduleFor, type VnScheduleOptions } from './vn-select.ts';
export {
  cvx,
  historyOnly,
  liveConflicts,
  vn,
  vnDose,
  vnSchedule,
  type VnAntigenRow,
  type VnDoseRow,
  type VnSeriesRow,
} from './vn-rows.ts';
export {
  addDuration,
  ageOn,
  daysBetween,
  parseDuration,
  recordedDate,
  type DurationParts,
} from './dates.ts';

/**
 * The schedule engine and Vietnam's schedules, as the vaccination elements use them: a chunk of
 * its own (about 20 KB gzip), imported the first time an element has a patient to evaluate, so
 * a page that shows other elements, or a vaccination element still fetching, does not load it.
 * Internal to the vaccination elements.
 *
 * @module
 */
export {
  ageOn,
  evaluateSchedule,
  evaluateScheduleSteps,
  isVnAdult,
  recordedDate,
  upcomingVisits,
  vnScheduleFor,
} from '@vnhealth/core/schedule';

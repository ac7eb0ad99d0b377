import { count, plural } from '../shared/plural.ts';
import type { SameShape } from '../shared/i18n.ts';
import type { Words } from './health-record-summary.i18n.ts';

/** The English words (imported the first time the element renders in English). */
export const en: SameShape<Words> = {
  title: 'Health record timeline',
  filterLabel: 'Filter by kind',
  kindEncounter: 'Encounters',
  kindCondition: 'Conditions',
  kindVital: 'Vital signs',
  kindImmunization: 'Vaccinations',
  undated: 'Date unknown',
  emptyRecord: 'The record has no encounters, conditions, vital signs or vaccinations yet.',
  emptyFilter: 'No entries of the chosen kinds.',
  noKinds: 'Choose at least one kind to see entries.',
  showMore: 'Show more',
  loadingMore: 'Loading more…',
  moreFailed: 'Could not load more.',
  vitalBloodPressure: 'Blood pressure',
  vitalHeartRate: 'Pulse',
  vitalTemperature: 'Temperature',
  vitalOxygenSaturation: 'SpO₂',
  vitalRespiratoryRate: 'Respiratory rate',
  vitalWeight: 'Weight',
  vitalHeight: 'Height',
  vitalBmi: 'BMI',
  statusFinished: 'Finished',
  statusInProgress: 'In progress',
  statusPlanned: 'Booked',
  statusCancelled: 'Cancelled',
  statusActiveCondition: 'Active',
  statusResolved: 'Resolved',
  statusRemission: 'In remission',
  statusRecurrence: 'Recurred',
  statusCompleted: 'Given',
  statusNotDone: 'Not given',
  perMinute: '/min',
  entries: (n: number) => plural('en', n, { one: '1 entry', other: `${count('en', n)} entries` }),
  loaded: (shown: number) =>
    plural('en', shown, {
      one: 'Loaded 1 timeline entry.',
      other: `Loaded ${count('en', shown)} timeline entries.`,
    }),
  addedMore: (added: number, shown: number) =>
    `${plural('en', added, { one: 'Showing 1 more entry', other: `Showing ${count('en', added)} more entries` })}, ${count('en', shown)} in all.`,
  filtered: (shown: number) =>
    plural('en', shown, {
      one: 'Showing 1 entry for the filter.',
      other: `Showing ${count('en', shown)} entries for the filter.`,
    }),
  showMoreLabel: (n: number) =>
    plural('en', n, { one: 'Show 1 more entry', other: `Show ${count('en', n)} more entries` }),
};

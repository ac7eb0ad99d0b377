import { count, plural } from '../shared/plural.ts';
import type { SameShape } from '../shared/i18n.ts';
import { vaccinationEn } from '../vaccination-history/vaccination-history.en.ts';
import type { Words } from './vaccination-schedule.i18n.ts';

/** The schedule's English words (imported the first time it renders in English). */
export const en: SameShape<Words> = {
  ...vaccinationEn,
  title: 'Vaccination appointments',
  titleChild: "Your child's vaccination appointments",
  now: 'Due now',
  visitOn: (date: string) => `On ${date}`,
  doseOf: (name: string, dose: string) => `${name} – ${dose}`,
  nothingLeftChild: 'Your child has had every dose in the schedule.',
  nothingLeftAdult: 'Every dose in the schedule has been given.',
  noBirthDate: 'The date of birth is missing, so appointments cannot be worked out.',
  notFoundPatient: 'This vaccination record was not found.',
  unverifiedDose: 'schedule not checked',
  loaded: (n: number) =>
    plural('en', n, {
      one: '1 vaccination appointment.',
      other: `${count('en', n)} vaccination appointments.`,
    }),
  visits: 'Vaccination appointments',
};

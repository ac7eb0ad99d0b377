import { count, plural } from '../shared/plural.ts';
import type { SameShape } from '../shared/i18n.ts';
import type { vaccinationVi, Words } from './vaccination-history.i18n.ts';

/** The words both vaccination elements use, in English. */
export const vaccinationEn: SameShape<typeof vaccinationVi> = {
  ageDays: (n: number) =>
    n === 0 ? 'On the day of birth' : plural('en', n, { one: '1 day', other: `${n} days` }),
  ageMonths: (m: number, d: number) =>
    `${plural('en', m, { one: '1 month', other: `${m} months` })}${d ? ` ${plural('en', d, { one: '1 day', other: `${d} days` })}` : ''}`,
  ageYears: (y: number, m: number) =>
    `${plural('en', y, { one: '1 year', other: `${y} years` })}${m ? ` ${plural('en', m, { one: '1 month', other: `${m} months` })}` : ''}`,
  atBirth: 'At birth',
  atMonths: (n: number) => plural('en', n, { one: '1 month', other: `${n} months` }),
  atYears: (n: number) => plural('en', n, { one: '1 year', other: `${n} years` }),
  dueOverdue: 'Overdue',
  dueDue: 'Due',
  dueUpcoming: 'Upcoming',
  dueUnverified: 'Not checked',
  dueNow: 'Can be given now',
  askHealthWorker: 'Ask a health worker',
  dueOn: (date: string) => `Due ${date}`,
  overdueSince: (date: string) => `Overdue since ${date}`,
  dueFrom: (date: string) => `Due from ${date}`,
  unverified: 'Not checked against Circular 10/2024/TT-BYT',
  unverifiedHint:
    "This date comes from reference sources and was not checked against the Ministry of Health's Circular 10/2024/TT-BYT, so it is never counted as overdue. Ask a health worker.",
  unverifiedAdult: 'Advisory schedule',
  unverifiedHintAdult:
    'Vietnam has no national adult vaccination schedule; this date follows vaccination centres’ advice, so it is never counted as overdue. Ask a health worker.',
  doseN: (n: number) => `Dose ${n}`,
  asOfNote: (date: string) => `As of ${date}`,
  birthDate: 'Date of birth',
};

/** The history's English words (imported the first time it renders in English). */
export const en: SameShape<Words> = {
  ...vaccinationEn,
  title: 'Vaccination history',
  bookTitle: 'Vaccination record book',
  bookSubtitleChild: 'Expanded Programme on Immunization — child',
  bookSubtitleAdult: 'Vaccination — adult',
  nameChild: "Child's full name",
  nameAdult: 'Full name',
  summary: (given: number, overdue: number, due: number, unverified: number) =>
    `${plural('en', given, { one: '1 dose given', other: `${count('en', given)} doses given` })} · ${count('en', overdue)} overdue · ${count('en', due)} due${unverified ? ` · ${plural('en', unverified, { one: '1 dose on a schedule not checked', other: `${count('en', unverified)} doses on a schedule not checked` })}` : ''}`,
  emptyNewborn: 'No vaccinations recorded yet.',
  colDose: 'Dose',
  colDate: 'Date given',
  colAge: 'Age at dose',
  colProduct: 'Vaccine',
  colLot: 'Lot number',
  colFacility: 'Given at',
  colResult: 'Evaluation',
  valid: 'Valid',
  extra: 'Extra dose',
  notDone: 'Not given',
  notDoneBecause: (reason: string) => `Not given: ${reason}`,
  invalid: 'Does not count',
  reasonTooEarly: 'given before the minimum age',
  reasonTooSoon: 'too soon after the previous dose',
  reasonTooLate: 'past the maximum age',
  reasonExpired: 'the vaccine had expired',
  reasonSubpotent: 'sub-potent dose',
  reasonLive: 'too close to another live vaccine (under 28 days)',
  reasonNotAllowable: 'vaccine not used for this dose',
  statusComplete: 'Complete',
  statusInProgress: 'In progress',
  statusNotStarted: 'Not started',
  statusContraindicated: 'Contraindicated',
  statusImmune: 'Immune',
  statusAgedOut: 'Past the age limit',
  statusNotRecommended: 'Not recommended',
  statusRecordedOnly: 'Recorded only',
  next: 'Next dose',
  planned: 'Planned',
  otherVaccines: 'Other vaccines',
  unscheduled: 'Outside the schedule',
  doseSelectHint: 'Select a dose to see its details.',
  loaded: (n: number) =>
    plural('en', n, { one: 'Loaded 1 dose.', other: `Loaded ${count('en', n)} doses.` }),
  notFoundPatient: 'This vaccination record was not found.',
  noBirthDate: 'The date of birth is missing, so the schedule cannot be worked out.',
  allUpToDateChild: 'Your child has had every dose due so far.',
  allUpToDateAdult: 'Every dose due so far has been given.',
  agedOut: (names: string) => `Past the age limit, no longer in the schedule: ${names}.`,
  showAll: (n: number) =>
    `Show all (${plural('en', n, { one: '1 dose', other: `${count('en', n)} doses` })})`,
  showFewer: 'Show the latest only',
};

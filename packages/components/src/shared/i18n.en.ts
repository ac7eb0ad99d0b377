import { count, plural } from './plural.ts';
import type { CommonMessages, SameShape } from './i18n.ts';

/** The common words in English (loaded the first time an element renders in English). */
export const en: SameShape<CommonMessages> = {
  loading: 'Loading…',
  retry: 'Retry',
  empty: 'Nothing here yet.',
  notFoundTitle: 'Not found',
  notFound: 'This record was not found. Check the id.',
  errorTitle: 'Could not load the data',
  errorNetwork: 'Could not reach the server. Check your connection and try again.',
  errorTimeout: 'The server took too long to answer. Try again.',
  errorAuth: 'You are not allowed to see this data. Sign in again.',
  errorServer: 'The server had a problem. Try again in a few minutes.',
  errorNoClient: 'No data connection: place the element inside <vnh-provider>.',
  errorUnknown: 'Something went wrong. Try again.',
  sexMale: 'Male',
  sexFemale: 'Female',
  sexOther: 'Other',
  sexUnknown: 'Unknown',
  statusActive: 'Active',
  statusInactive: 'Inactive',
  statusValid: 'Valid',
  statusExpiring: 'Expiring soon',
  statusExpired: 'Expired',
  statusUnknown: 'Unknown',
  notRecorded: 'Not recorded',
  days: (n: number) =>
    n === 0
      ? 'Born today'
      : plural('en', n, { one: '1 day old', other: `${count('en', n)} days old` }),
  weeks: (n: number) =>
    plural('en', n, { one: '1 week old', other: `${count('en', n)} weeks old` }),
  years: (n: number) =>
    plural('en', n, { one: '1 year old', other: `${count('en', n)} years old` }),
  months: (n: number) =>
    plural('en', n, { one: '1 month old', other: `${count('en', n)} months old` }),
};

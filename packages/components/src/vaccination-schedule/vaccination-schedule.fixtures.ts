/**
 * Fixtures of `<vnh-vaccination-schedule>`: the same children as the history element's fixtures,
 * so both views of one child agree.
 */
import type { Fixture } from '../shared/fixtures.ts';
import {
  AS_OF,
  adultRecord,
  birthDoseOnly as historyBirthDoseOnly,
  error as historyError,
  fromClient as historyFromClient,
  khoa,
  khoaImmunizations,
  loading as historyLoading,
  newborn as historyNewborn,
  pregnant as historyPregnant,
  retryData,
} from '../vaccination-history/vaccination-history.fixtures.ts';

const local = { patient: khoa, immunizations: khoaImmunizations };

export const ready: Fixture = {
  description:
    'A 14-month-old with late doses (on rows not checked) first, then the 18-month visit',
  attributes: { 'as-of': AS_OF },
  properties: local,
};
export const english: Fixture = { ...ready, description: 'In English', lang: 'en' };
export const dark: Fixture = { ...ready, description: 'Dark theme', theme: 'dark' };
export const newborn: Fixture = {
  ...historyNewborn,
  description: 'A newborn: the whole first year',
};
export const birthDoseOnly: Fixture = {
  ...historyBirthDoseOnly,
  description: 'A newborn with the birth dose given',
};
export const adult: Fixture = { ...adultRecord, description: 'An adult (58): the adult schedule' };
export const pregnant: Fixture = { ...historyPregnant };
export const fromClient: Fixture = { ...historyFromClient };
export const loading: Fixture = { ...historyLoading };
export const error: Fixture = { ...historyError };
export { retryData };

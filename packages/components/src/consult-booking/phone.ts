/**
 * Vietnamese phone numbers for `<vnh-consult-booking>`: what a person may type, and the number a
 * Patient's `telecom` gives. Shown in national format by `formatPhone` (`shared/format.ts`).
 */
import type { Patient } from '@vnhealth/core';

type ContactPoint = NonNullable<Patient['telecom']>[number];

/** A phone a person may type: `+84` or `0` then 9 digits (10 for a landline with its area code). */
const VALID = /^(?:\+84|0)\d{9,10}$/;

/** The digits of a number as typed (spaces, dots and dashes dropped). */
export function compactPhone(value: string): string {
  return value.replace(/[\s.()-]/g, '');
}

/** True when `value` is a Vietnamese phone number (mobile or landline, `+84` or `0`). */
export function isPhone(value: string): boolean {
  return VALID.test(compactPhone(value));
}

/**
 * The phone to call a patient on, from `Patient.telecom`: a current `phone`, a `mobile` one
 * first, then by `rank`; undefined when there is none. `now` (the element's clock) drops phones
 * whose `period` has ended.
 */
export function phoneFromTelecom(
  telecom: readonly ContactPoint[] | undefined,
  now: Date,
): string | undefined {
  const at = now.toISOString();
  const phones = (telecom ?? []).filter(
    (c) =>
      c.system === 'phone' && c.value && (!c.period?.end || c.period.end >= at) && c.use !== 'old',
  );
  phones.sort(
    (a, b) =>
      Number(b.use === 'mobile') - Number(a.use === 'mobile') ||
      (a.rank ?? Infinity) - (b.rank ?? Infinity),
  );
  return phones[0]?.value;
}

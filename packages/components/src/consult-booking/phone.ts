/**
 * Vietnamese phone numbers for `<vnh-consult-booking>`: the national format people write
 * (`0912 345 678`, landlines `0294 386 2282`) and the number a Patient's `telecom` gives.
 * Local to the element until a shared formatter exists.
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
 * In national format: `+84912345678` → `0912 345 678`, `+842943862282` → `0294 386 2282`.
 * Anything that is not a Vietnamese number is returned as it was given.
 */
export function formatPhone(value: string): string {
  const compact = compactPhone(value);
  if (!VALID.test(compact)) return value.trim();
  const national = compact.startsWith('+84') ? `0${compact.slice(3)}` : compact;
  // 4-3-3 for a mobile (0912 345 678), 4-3-4 for a landline with its area code (0294 386 2282).
  return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
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

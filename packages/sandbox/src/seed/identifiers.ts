import { BHYT_GROUPS, MOBILE_PREFIXES } from './data.ts';
import type { Rng } from './random.ts';

/**
 * The CCCD century/sex digit: 1900s male 0 / female 1, 2000s 2/3, 2100s 4/5 (1800s 8/9 are not
 * generated). Decree 137/2015/NĐ-CP Art. 13.
 */
export function cccdCenturyDigit(birthYear: number, gender: 'male' | 'female'): string {
  const century = Math.floor(birthYear / 100);
  const base = century === 19 ? 0 : century === 20 ? 2 : century === 21 ? 4 : 8;
  return String(base + (gender === 'female' ? 1 : 0));
}

/** A 12-digit CCCD: 3-digit birth province (old code) + century/sex + 2-digit year + 6 digits. */
export function makeCccd(
  rng: Rng,
  oldProvince: string,
  birthYear: number,
  gender: 'male' | 'female',
): string {
  return `${oldProvince}${cccdCenturyDigit(birthYear, gender)}${String(birthYear % 100).padStart(2, '0')}${rng.digits(6)}`;
}

/** A 10-digit social insurance (BHXH) number: 2-digit province code + 8 digits. */
export function makeBhxh(rng: Rng, provinceTwoDigits: string): string {
  return `${provinceTwoDigits}${rng.digits(8)}`;
}

export type BhytFormat = 'legacy15' | 'bhxh10' | 'cccd';

/** A BHYT number in one of the three formats in use (legacy 15-char, 10-digit, CCCD). */
export function makeBhyt(
  rng: Rng,
  format: BhytFormat,
  options: { oldProvince: string; cccd: string; child: boolean },
): { value: string; group: string } {
  const province2 = options.oldProvince.slice(1);
  const group = options.child ? 'TE' : rng.weighted(BHYT_GROUPS.filter(([g]) => g !== 'TE'));
  if (format === 'cccd') return { value: options.cccd, group };
  const bhxh = makeBhxh(rng, province2);
  if (format === 'bhxh10') return { value: bhxh, group };
  const level =
    group === 'TE' || group === 'HN' || group === 'CK'
      ? '1'
      : group === 'HT'
        ? '3'
        : String(rng.int(2, 4));
  return { value: `${group}${level}${province2}${bhxh}`, group };
}

/** A Vietnamese mobile number in E.164 (+84 and a 03x/05x/07x/08x/09x prefix). */
export function makeMobile(rng: Rng): string {
  return `+84${rng.pick(MOBILE_PREFIXES)}${rng.digits(7)}`;
}

/** CCCD and BHYT numbers: parsing, validation and masking. */
import { findProvince, type Province } from './provinces.ts';
import { ictDate } from '../kernel.ts';

/** What a CCCD (căn cước công dân, 12 digits) says about its holder. */
export interface CccdInfo {
  /** The 12 digits. */
  value: string;
  /**
   * First 3 digits: where the birth was registered, a legacy (63-province) code written with a
   * leading 0 (`079` Hồ Chí Minh, `001` Hà Nội), or a country code for a birth abroad.
   */
  birthProvinceCode: string;
  /** The legacy province of that code; undefined when the code is not a province (`179`, `400`). */
  birthProvince: Province | undefined;
  /** First year of the birth century: 1900, 2000, 2100 … */
  century: number;
  sex: 'male' | 'female';
  /** Year of birth (century + 2 digits). */
  birthYear: number;
}

/** Why a CCCD was rejected. */
export type CccdError = 'length' | 'not-digits' | 'future-birth-year';

/**
 * Parse a CCCD: 3 digits birth province, 1 digit century and sex (0/1 = 1900s male/female, 2/3 =
 * 2000s, 4/5 = 2100s …), 2 digits birth year, 6 digits. A birth year after `asOf`'s year in
 * Vietnam is rejected.
 *
 * @example parseCccd('079203001234') // { ok: true, info: { birthProvince: Hồ Chí Minh, birthYear: 2003, sex: 'male', … } }
 */
export function parseCccd(
  value: string,
  options: { asOf?: Date } = {},
): { ok: true; info: CccdInfo } | { ok: false; error: CccdError } {
  const v = value.trim();
  if (!/^\d+$/.test(v)) return { ok: false, error: 'not-digits' };
  if (v.length !== 12) return { ok: false, error: 'length' };
  const digit = +v[3]!;
  const century = 1900 + Math.floor(digit / 2) * 100;
  const birthYear = century + +v.slice(4, 6);
  if (birthYear > Number(ictDate(options.asOf ?? new Date()).slice(0, 4)))
    return { ok: false, error: 'future-birth-year' };
  const birthProvinceCode = v.slice(0, 3);
  return {
    ok: true,
    info: {
      value: v,
      birthProvinceCode,
      // All three digits name the province: `079` is Hồ Chí Minh, `179` is no province.
      birthProvince: birthProvinceCode.startsWith('0')
        ? findProvince(birthProvinceCode.slice(1), { legacy: true })
        : undefined,
      century,
      sex: digit % 2 ? 'female' : 'male',
      birthYear,
    },
  };
}

/** True for a well-formed CCCD: 12 digits whose century digit and year are not in the future. */
export function isValidCccd(value: string, options: { asOf?: Date } = {}): boolean {
  return parseCccd(value, options).ok;
}

/**
 * Beneficiary group codes of the legacy 15-character BHYT code (Decision 1351/QĐ-BHXH and its
 * amendments; [S] in the domain brief, verify against current BHXH lists).
 */
export const BHYT_GROUP_CODES: readonly string[] =
  'DN HX CH NN TK HC XK HT TB NO CT XB TN CS QN CA CY XN MS CC CK CB KC HD TE BT HN DT DK XD TS TC TQ TA TY HG LS PV CN HS SV GB GD NĐ'.split(
    ' ',
  );

/** A parsed BHYT (bảo hiểm y tế) number in one of its three forms. */
export type BhytInfo =
  | {
      kind: 'legacy';
      value: string;
      /** 2-letter beneficiary group (`HT` pensioner, `TE` child under 6, …). */
      groupCode: string;
      /** Benefit level digit 1–5. */
      benefitLevel: number;
      /**
       * 2-digit code of the issuing social-insurance office: a legacy (63-province) code, or
       * {@link BHYT_NATIONAL_ISSUERS} `97`/`98`.
       */
      provinceCode: string;
      /** The legacy province of `provinceCode`; undefined for `97` and `98`. */
      province: Province | undefined;
      /** The 10-digit social-insurance (BHXH) number. */
      bhxhNumber: string;
    }
  | { kind: 'bhxh'; value: string; bhxhNumber: string }
  | { kind: 'cccd'; value: string; cccd: CccdInfo };

/** Why a BHYT number was rejected. */
export type BhytError = 'format' | 'group-code' | 'benefit-level' | 'province-code' | CccdError;

/**
 * Issuers of legacy BHYT codes that are not provinces: `97` BHXH Bộ Quốc phòng (the defence
 * ministry's social insurance) and `98` BHXH Công an nhân dân (the police's), per Decision
 * 1351/QĐ-BHXH; [S] from secondary sources, not checked against the decision's text.
 */
export const BHYT_NATIONAL_ISSUERS: Readonly<Record<string, string>> = {
  '97': 'BHXH Bộ Quốc phòng',
  '98': 'BHXH Công an nhân dân',
};

/**
 * Parse a BHYT number: the legacy 15 characters (2 letters, benefit level, the 2-digit code of the
 * issuing province, 10-digit BHXH number), the 10-digit BHXH number (cards since 2021), or a CCCD
 * (since 2025). A legacy code whose province digits are not a legacy province (nor `97`/`98`) is
 * rejected: `00`, `99`, `03`.
 *
 * @example parseBhyt('HT4790123456789') // { ok: true, info: { kind: 'legacy', groupCode: 'HT', benefitLevel: 4, provinceCode: '79', … } }
 */
export function parseBhyt(
  value: string,
  options: { asOf?: Date } = {},
): { ok: true; info: BhytInfo } | { ok: false; error: BhytError } {
  const v = value.trim().toUpperCase().replace(/\s+/g, '');
  if (/^\d{10}$/.test(v)) return { ok: true, info: { kind: 'bhxh', value: v, bhxhNumber: v } };
  if (/^\d{12}$/.test(v)) {
    const cccd = parseCccd(v, options);
    return cccd.ok ? { ok: true, info: { kind: 'cccd', value: v, cccd: cccd.info } } : cccd;
  }
  const m = /^(\p{Lu}{2})(\d)(\d{2})(\d{10})$/u.exec(v);
  if (!m) return { ok: false, error: 'format' };
  const [, groupCode, level, provinceCode, bhxhNumber] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (!BHYT_GROUP_CODES.includes(groupCode)) return { ok: false, error: 'group-code' };
  if (+level < 1 || +level > 5) return { ok: false, error: 'benefit-level' };
  const province = findProvince(provinceCode, { legacy: true });
  if (!province && !BHYT_NATIONAL_ISSUERS[provinceCode])
    return { ok: false, error: 'province-code' };
  return {
    ok: true,
    info: {
      kind: 'legacy',
      value: v,
      groupCode,
      benefitLevel: +level,
      provinceCode,
      province,
      bhxhNumber,
    },
  };
}

/** True when `value` is a BHYT number in one of its three forms (see {@link parseBhyt}). */
export function isValidBhyt(value: string, options: { asOf?: Date } = {}): boolean {
  return parseBhyt(value, options).ok;
}

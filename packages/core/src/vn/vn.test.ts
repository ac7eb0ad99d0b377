import { describe, expect, it } from 'vitest';
import {
  findProvince,
  formatAddress,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatRecordedTime,
  formatTime,
  formatName,
  isValidBhyt,
  isValidCccd,
  maskIdentifier,
  parseBhyt,
  parseCccd,
  provinces,
  withNameText,
} from './index.ts';

const asOf = new Date('2026-11-28T00:00:00Z');

describe('CCCD', () => {
  it('parses birth province, century, sex and year', () => {
    const r = parseCccd('079203001234', { asOf });
    expect(r.ok && r.info).toMatchObject({
      birthProvinceCode: '079',
      birthProvince: { code: '79', name: 'Hồ Chí Minh', current: false },
      century: 2000,
      sex: 'male',
      birthYear: 2003,
    });
    const f = parseCccd('001185012345', { asOf });
    expect(f.ok && f.info).toMatchObject({
      birthProvince: { name: 'Hà Nội' },
      century: 1900,
      sex: 'female',
      birthYear: 1985,
    });
    expect(
      parseCccd('084190000001', { asOf }).ok && parseCccd('084190000001', { asOf }),
    ).toMatchObject({
      info: {
        birthProvince: { name: 'Trà Vinh', successor: { code: '86', name: 'Tỉnh Vĩnh Long' } },
      },
    });
  });

  it.each([
    ['07920300123', 'length'],
    ['0792030012345', 'length'],
    ['07920300123A', 'not-digits'],
    ['079 203 001 234', 'not-digits'],
    ['', 'not-digits'],
    ['079427001234', 'future-birth-year'], // 2127
    ['079830001234', 'future-birth-year'], // 2230
    ['079230001234', 'future-birth-year'], // 2030, after asOf
  ])('rejects %s (%s)', (value, error) => {
    expect(parseCccd(value, { asOf })).toEqual({ ok: false, error });
    expect(isValidCccd(value, { asOf })).toBe(false);
  });

  it('accepts this year and an unknown (foreign-birth) prefix', () => {
    expect(isValidCccd('079226001234', { asOf })).toBe(true);
    const r = parseCccd('400090001234', { asOf });
    expect(r.ok && r.info.birthProvince).toBeUndefined();
  });

  it.each(['179', '279', '901', '400', '000'])(
    'reads all three province digits: %s… is no province (not the 2 last ones)',
    (code) => {
      const r = parseCccd(`${code}090001234`, { asOf });
      expect(r.ok && r.info).toMatchObject({ birthProvinceCode: code, birthProvince: undefined });
      expect(findProvince(code)).toBeUndefined();
    },
  );

  it('judges a future birth year by the year in Vietnam', () => {
    // 31/12/2026 17:30 UTC is already 2027 in Hà Nội: a 2027 birth is no longer in the future.
    const newYear = new Date('2026-12-31T17:30:00Z');
    expect(isValidCccd('079227001234', { asOf: newYear })).toBe(true);
    expect(isValidCccd('079227001234', { asOf: new Date('2026-12-31T16:30:00Z') })).toBe(false);
  });
});

describe('BHYT', () => {
  it('parses the legacy 15-character code', () => {
    expect(parseBhyt('HT4790123456789')).toEqual({
      ok: true,
      info: {
        kind: 'legacy',
        value: 'HT4790123456789',
        groupCode: 'HT',
        benefitLevel: 4,
        provinceCode: '79',
        province: expect.objectContaining({ code: '79', name: 'Hồ Chí Minh', current: false }),
        bhxhNumber: '0123456789',
      },
    });
    expect(parseBhyt(' te1 01 0123456789 ').ok).toBe(true);
  });

  it('accepts a legacy code from a legacy province or the defence and police insurers', () => {
    const r = parseBhyt('DN4840123456789');
    expect(r.ok && r.info.kind === 'legacy' && r.info.province?.name).toBe('Trà Vinh');
    for (const value of ['QN5970123456789', 'CA5980123456789']) {
      const q = parseBhyt(value);
      expect(q.ok && q.info.kind === 'legacy' && q.info).toMatchObject({ province: undefined });
    }
  });

  it('parses the 10-digit BHXH number and a CCCD', () => {
    expect(parseBhyt('0791234567')).toEqual({
      ok: true,
      info: { kind: 'bhxh', value: '0791234567', bhxhNumber: '0791234567' },
    });
    const r = parseBhyt('001085012345', { asOf });
    expect(r.ok && r.info.kind).toBe('cccd');
  });

  it.each([
    ['ZZ4790123456789', 'group-code'],
    ['HT6790123456789', 'benefit-level'],
    ['HT0790123456789', 'benefit-level'],
    ['HT479012345678', 'format'],
    ['HT4000123456789', 'province-code'],
    ['HT4990123456789', 'province-code'],
    ['HT4030123456789', 'province-code'], // 03 was never a province code
    ['HT4630123456789', 'province-code'],
    ['H14790123456789', 'format'],
    ['079123456', 'format'],
    ['07912345678', 'format'],
    ['079427001234', 'future-birth-year'],
  ])('rejects %s (%s)', (value, error) => {
    expect(parseBhyt(value, { asOf })).toEqual({ ok: false, error });
    expect(isValidBhyt(value, { asOf })).toBe(false);
  });
});

describe('masking and names', () => {
  it('masks all but the last digits', () => {
    expect(maskIdentifier('001085012345')).toBe('••••••••2345');
    expect(maskIdentifier('HT4790123456789', 3)).toBe('••••••••••••789');
    expect(maskIdentifier('123')).toBe('•••');
  });

  it('shows HumanName.text first, else family then given, NFC', () => {
    expect(formatName({ text: 'Nguyễn Văn An', family: 'X' })).toBe('Nguyễn Văn An');
    expect(formatName({ family: 'Nguyễn', given: ['Văn', 'An'] })).toBe('Nguyễn Văn An');
    expect(formatName({ family: 'Nguye\u0302\u0303n', given: ['An'] })).toBe('Nguyễn An');
    expect(
      formatName([
        { use: 'old', text: 'Cũ' },
        { use: 'official', text: 'Trần Thị Bình' },
      ]),
    ).toBe('Trần Thị Bình');
  });
});

describe('provinces and addresses', () => {
  it('has 34 provinces since 2025 and 63 before', () => {
    expect(provinces().current).toHaveLength(34);
    expect(provinces().legacy).toHaveLength(63);
    expect(provinces().legacy.every((p) => p.successor?.current)).toBe(true);
  });

  it('finds by code or any spelling', () => {
    expect(findProvince('56')?.name).toBe('Tỉnh Khánh Hòa');
    expect(findProvince('Khanh Hoa')?.code).toBe('56');
    expect(findProvince('TP. Hồ Chí Minh')?.code).toBe('79');
    expect(findProvince('Ninh Thuận')).toMatchObject({
      current: false,
      successor: { name: 'Tỉnh Khánh Hòa' },
    });
    expect(findProvince('Atlantis')).toBeUndefined();
  });

  it('formats old addresses with the district and new ones without', () => {
    const old = { line: ['12 Lê Lợi'], district: 'Quận 1', city: 'Hồ Chí Minh' };
    expect(formatAddress(old)).toBe('12 Lê Lợi, Quận 1, Hồ Chí Minh');
    expect(formatAddress(old, { style: 'new' })).toBe('12 Lê Lợi, Hồ Chí Minh');
    const fresh = {
      line: ['12 Lê Lợi'],
      extension: [
        {
          url: 'http://fhir.hl7.org.vn/core/StructureDefinition/vn-ext-ward',
          valueCoding: { code: '26734', display: 'Phường Sài Gòn' },
        },
        {
          url: 'http://fhir.hl7.org.vn/core/StructureDefinition/vn-ext-province',
          valueCoding: { code: '79', display: 'Thành phố Hồ Chí Minh' },
        },
      ],
    };
    expect(formatAddress(fresh)).toBe('12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh');
    expect(formatAddress({ ...fresh, text: 'Văn bản' })).toBe('Văn bản');
    expect(formatAddress(undefined)).toBe('');
  });
});

describe('Intl formatters', () => {
  it('formats FHIR dates as recorded: dd/mm/yyyy in vi, 02 Mar 1985 in en, partial dates kept', () => {
    expect(formatDate('2024-05-01')).toBe('01/05/2024');
    expect(formatDate('2024-05')).toBe('05/2024');
    expect(formatDate('2024')).toBe('2024');
    expect(formatDate('1985-03-02', { locale: 'en' })).toBe('02 Mar 1985');
    expect(formatDate('2024-05', { locale: 'en' })).toBe('May 2024');
    // A clinical dateTime keeps the day it was recorded on, in its own offset: 20:00 in
    // Bogotá is already the 11th in Hà Nội, and 20:00 UTC the 2nd.
    expect(formatDate('2015-06-10T20:00:00-05:00')).toBe('10/06/2015');
    expect(formatDate('2024-05-01T20:00:00Z')).toBe('01/05/2024');
    expect(formatDate('2024-05-01T20:00:00Z', { timeZone: 'America/Bogota' })).toBe('01/05/2024');
    // Free text (occurrenceString) is shown as written; nothing else is guessed at.
    expect(formatDate('khoảng năm 2015')).toBe('khoảng năm 2015');
    expect(formatDate('2015-02-30')).toBe('2015-02-30');
    expect(formatDate(undefined)).toBe('');
  });

  it('formats instants in Asia/Ho_Chi_Minh unless told another zone', () => {
    expect(formatDate(new Date('2024-05-01T20:00:00Z'))).toBe('02/05/2024');
    expect(formatDate(Date.parse('2024-05-01T20:00:00Z'), { timeZone: 'UTC' })).toBe('01/05/2024');
    expect(formatDate(new Date(Number.NaN))).toBe('');
    expect(formatTime('2026-11-28T01:30:00Z')).toBe('08:30');
    expect(formatTime('2026-11-28')).toBe('');
    expect(formatTime('2026-11-28T01:30:00')).toBe(''); // no offset: not an instant
    expect(formatDateTime('2024-05-01T20:00:00Z')).toBe('02/05/2024 03:00');
    expect(formatDateTime('2024-05-01T20:00:00Z', { timeZone: 'UTC' })).toBe('01/05/2024 20:00');
    expect(formatDateTime('2024-05-01T20:00:00Z', { locale: 'en' })).toBe('02 May 2024 03:00');
    expect(formatDateTime('2024-05-01')).toBe('01/05/2024');
  });

  it('gives a clinical time of day as recorded, with its offset when it is not the zone’s', () => {
    expect(formatRecordedTime('2015-06-10T20:00:00-05:00')).toBe('20:00 (UTC-05:00)');
    expect(formatRecordedTime('2015-06-10T20:00:00+07:00')).toBe('20:00');
    expect(formatRecordedTime('2015-06-10T20:00:00Z')).toBe('20:00 (UTC+00:00)');
    expect(formatRecordedTime('2015-06-10T20:00:00Z', { timeZone: 'UTC' })).toBe('20:00');
    expect(formatRecordedTime('2026-07-01T09:00:00+02:00', { timeZone: 'Europe/Paris' })).toBe(
      '09:00',
    );
    expect(formatRecordedTime('2026-12-01T09:00:00+02:00', { timeZone: 'Europe/Paris' })).toBe(
      '09:00 (UTC+02:00)',
    );
    expect(formatRecordedTime('2015-06-10')).toBe('');
  });

  it('formats đồng without decimals', () => {
    expect(formatMoney(1500000).replace(/\s/g, ' ')).toBe('1.500.000 ₫');
    expect(formatMoney(1500000.4, { locale: 'en' })).toBe('₫1,500,000');
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatNumber(1234.56, { locale: 'en', maximumFractionDigits: 1 })).toBe('1,234.6');
  });
});

describe('withNameText', () => {
  it('fills HumanName.text without touching the input', () => {
    const name = { family: 'Nguyễn', given: ['Văn', 'An'] };
    expect(withNameText(name)).toEqual({ ...name, text: 'Nguyễn Văn An' });
    expect(name).not.toHaveProperty('text');
    const named = { text: 'Lê Thị Hoa' };
    expect(withNameText(named)).toBe(named);
  });
});

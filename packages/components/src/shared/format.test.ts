import { describe, expect, it } from 'vitest';
import { ageOf, formatPhone, initials, phoneHref, sayAge, type AgeWords } from './format.ts';
import { commonMessages } from './i18n.ts';
import { en } from './i18n.en.ts';

const ON = { year: 2026, month: 11, day: 28 };
const vi: AgeWords = commonMessages.vi;

describe('ageOf and sayAge', () => {
  it('says a newborn in days, under 3 months in weeks, under 2 years in months, then years', () => {
    const said = (birth: string, words: AgeWords) => sayAge(ageOf(birth, ON)!, words);
    expect(said('2026-11-28', vi)).toBe('Mới sinh hôm nay');
    expect(said('2026-11-23', vi)).toBe('5 ngày tuổi');
    expect(said('2026-11-23', en)).toBe('5 days old');
    expect(said('2026-11-01', vi)).toBe('27 ngày tuổi');
    expect(said('2026-10-31', vi)).toBe('4 tuần tuổi');
    expect(said('2026-10-17', vi)).toBe('6 tuần tuổi');
    expect(said('2026-10-17', en)).toBe('6 weeks old');
    expect(said('2026-08-28', vi)).toBe('3 tháng tuổi');
    expect(said('2025-09-20', vi)).toBe('14 tháng tuổi');
    expect(said('2025-09-20', en)).toBe('14 months old');
    expect(said('2025-10-28', en)).toBe('13 months old');
    expect(said('2024-11-29', vi)).toBe('23 tháng tuổi');
    expect(said('2024-11-28', vi)).toBe('2 tuổi');
    expect(said('2023-11-28', vi)).toBe('3 tuổi');
    expect(said('2023-11-28', en)).toBe('3 years old');
    expect(said('2025-11-28', en)).toBe('12 months old');
    expect(said('1985-03-02', en)).toBe('41 years old');
  });

  it('keeps the parts: whole months, days, weeks and the unit', () => {
    expect(ageOf('2025-09-15', ON)).toEqual({
      years: 1,
      months: 14,
      inMonths: true,
      days: 439,
      weeks: 62,
      unit: 'months',
    });
    expect(ageOf('2026-11-23', ON)).toMatchObject({ days: 5, months: 0, unit: 'days' });
  });

  it('is undefined for an unknown or future birth date', () => {
    expect(ageOf(undefined, ON)).toBeUndefined();
    expect(ageOf('not a date', ON)).toBeUndefined();
    expect(ageOf('2026-11-29', ON)).toBeUndefined();
  });

  it('groups large numbers the locale’s way', () => {
    expect(vi.days(1200)).toBe('1.200 ngày tuổi');
    expect(en.days(1200)).toBe('1,200 days old');
  });
});

describe('formatPhone and phoneHref', () => {
  it('shows mobiles in national format, 4-3-3, from E.164 or national input', () => {
    for (const input of [
      '+84912345678',
      '0912345678',
      '0912 345 678',
      '0912.345.678',
      '84912345678',
      '0084912345678',
      ' +84 91 234 5678 ',
    ]) {
      expect(formatPhone(input), input).toBe('0912 345 678');
      expect(phoneHref(input), input).toBe('tel:+84912345678');
    }
    expect(formatPhone('+84352123456')).toBe('0352 123 456');
  });

  it('shows landlines with their area code', () => {
    expect(formatPhone('+842943855123')).toBe('0294 3855 123');
    expect(formatPhone('02943855123')).toBe('0294 3855 123');
    expect(phoneHref('0294 3855 123')).toBe('tel:+842943855123');
    // Hà Nội and Hồ Chí Minh City: 3-character codes, 8-digit numbers.
    expect(formatPhone('+842438251234')).toBe('024 3825 1234');
    expect(formatPhone('02838221234')).toBe('028 3822 1234');
  });

  it('shows hotlines as they are dialled', () => {
    expect(formatPhone('19001234')).toBe('1900 1234');
    expect(formatPhone('1800123456')).toBe('1800 123 456');
    expect(phoneHref('1900 1234')).toBe('tel:19001234');
  });

  it('shows anything else as given, and never throws', () => {
    for (const input of [
      '115',
      '+1 650 555 0100',
      'gọi sau 5 giờ',
      '',
      '   ',
      '0912',
      '091234567890',
      '++84912345678',
      'javascript:alert(1)',
    ]) {
      expect(() => formatPhone(input)).not.toThrow();
      expect(formatPhone(input)).toBe(input.trim());
    }
    expect(phoneHref('+1 650 555 0100')).toBe('tel:+16505550100');
    expect(phoneHref('115')).toBe('tel:115');
    expect(phoneHref('gọi sau 5 giờ')).toBeUndefined();
    expect(phoneHref('javascript:alert(1)')).toBeUndefined();
    expect(phoneHref(undefined)).toBeUndefined();
  });
});

describe('initials', () => {
  it('is the last given name, then the family name, as Vietnamese avatars show them', () => {
    expect(initials('Nguyễn Văn An')).toBe('AN');
    expect(initials('Trần Thị Lan')).toBe('LT');
    expect(initials([{ family: 'Phạm', given: ['Gia', 'Bảo'] }])).toBe('BP');
    expect(initials({ text: 'Nguyễn Văn An', family: 'Nguyễn', given: ['Văn', 'An'] })).toBe('AN');
    expect(initials({ family: 'Smith', given: ['John'] })).toBe('JS');
  });

  it('reads a name known only as text family name first, without dotted titles', () => {
    expect(initials({ text: 'BS. Trần Thị Thu' })).toBe('TT');
    expect(initials('ThS. BS. Lê Quang Huy')).toBe('HL');
    expect(initials('đặng thị ánh')).toBe('ÁĐ');
    expect(initials('Tôn Nữ Hoàng Thị Phương Thảo')).toBe('TT');
  });

  it('copes with one word, no name and a preferred name among several', () => {
    expect(initials('Mai')).toBe('M');
    expect(initials('')).toBe('');
    expect(initials(undefined)).toBe('');
    expect(initials([])).toBe('');
    expect(
      initials([
        { use: 'old', family: 'Lò', given: ['Mai'], period: { end: '2020-01-01' } },
        { use: 'official', family: 'Lò', given: ['Thị', 'Mai'] },
      ]),
    ).toBe('ML');
    expect(initials('Đỗ Thị Ánh'.normalize('NFD'))).toBe('ÁĐ');
  });
});

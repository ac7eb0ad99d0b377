import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  ageOn,
  dateIn,
  dayNumber,
  daysBetween,
  ictDate,
  ictDateTime,
  ictDayStart,
  ictTime,
  isCalendarDate,
  monthsBetween,
  recordedDate,
  recordedOffset,
  recordedTime,
  toIctIso,
  weekday,
} from './time.ts';

describe('instants in ICT', () => {
  it('dates an instant in Asia/Ho_Chi_Minh whatever the runtime zone', () => {
    expect(ictDate('2026-12-01T16:59:59Z')).toBe('2026-12-01');
    expect(ictDate('2026-12-01T17:00:00Z')).toBe('2026-12-02');
    expect(ictDate(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
    expect(ictDate(Date.parse('2028-02-28T17:00:00Z'))).toBe('2028-02-29');
    expect(ictDate('2015-06-10T20:00:00-05:00')).toBe('2015-06-11');
    expect(ictTime('2026-12-01T16:45:00Z')).toBe('23:45');
    expect(toIctIso('2026-12-01T16:45:30.250Z')).toBe('2026-12-01T23:45:30+07:00');
    expect(() => ictDate('not a date')).toThrow(RangeError);
    expect(() => ictDate(Number.NaN)).toThrow(RangeError);
  });

  // tzdb: Asia/Ho_Chi_Minh is +07:00 since 1975-06-13 (the south used +08:00 before it).
  it('agrees with Intl on the ICT day of every hour across a year boundary and a leap day', () => {
    const intl = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    for (const start of ['2026-12-30T00:00:00Z', '2028-02-27T00:00:00Z', '1975-06-14T00:00:00Z']) {
      for (let h = 0; h < 96; h++) {
        const t = Date.parse(start) + h * 3_600_000 + 59 * 60_000;
        expect(ictDate(t), new Date(t).toISOString()).toBe(intl.format(t));
      }
    }
  });

  it('builds ICT wall-clock instants and day starts', () => {
    expect(ictDateTime('2026-11-28', 8, 30)).toBe('2026-11-28T08:30:00+07:00');
    expect(ictDayStart('2026-12-01')).toBe('2026-12-01T00:00:00+07:00');
    expect(new Date(ictDayStart('2026-12-01')).toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(() => ictDayStart('2026-02-30')).toThrow(RangeError);
    expect(() => ictDayStart('01/12/2026')).toThrow(RangeError);
  });

  it('dates an instant in another zone through Intl', () => {
    expect(dateIn('2026-11-28T20:00:00Z')).toBe('2026-11-29');
    expect(dateIn('2026-11-28T20:00:00Z', 'Asia/Saigon')).toBe('2026-11-29');
    expect(dateIn('2026-11-28T20:00:00Z', 'Europe/Paris')).toBe('2026-11-28');
    expect(dateIn('2026-11-29T04:00:00Z', 'America/Los_Angeles')).toBe('2026-11-28');
  });
});

describe('clinical dates as recorded', () => {
  it.each([
    // FHIR dateTime with offsets: the date written, never converted to ICT.
    ['2015-06-10T20:00:00-05:00', '2015-06-10', '20:00', '-05:00'],
    ['2015-06-10T23:30:00Z', '2015-06-10', '23:30', '+00:00'],
    ['2015-06-10T06:30:00+07:00', '2015-06-10', '06:30', '+07:00'],
    ['2015-06-10T06:30:00.123+14:00', '2015-06-10', '06:30', '+14:00'],
    // FHIR date, full and partial.
    ['2015-06-10', '2015-06-10', undefined, undefined],
    ['2015-06', '2015-06-01', undefined, undefined],
    ['2015', '2015-01-01', undefined, undefined],
    [' 2015-06-10 ', '2015-06-10', undefined, undefined],
  ])('%s is %s', (value, date, time, offset) => {
    expect(recordedDate(value)).toBe(date);
    expect(recordedTime(value)).toBe(time);
    expect(recordedOffset(value)).toBe(offset);
  });

  it.each([
    'khoảng năm 2015',
    '2015-02-29',
    '2015-13-01',
    '2015-06-10T20:00:00', // a time without an offset is not a FHIR dateTime
    '2015-06-10T20:00-05:00',
    '10/06/2015',
    '',
  ])('%j is not a date as recorded', (value) => {
    expect(recordedDate(value)).toBeUndefined();
  });

  it('reads a Date (no recorded offset) in ICT', () => {
    expect(recordedDate(new Date('2015-06-11T01:00:00Z'))).toBe('2015-06-11');
    expect(recordedDate(new Date(Number.NaN))).toBeUndefined();
    expect(recordedDate(undefined)).toBeUndefined();
  });
});

describe('calendar arithmetic', () => {
  it('counts days on the calendar, including leap years and years before 100', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('0050-01-01', 1)).toBe('0050-01-02');
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(daysBetween('2028-03-01', '2028-02-27')).toBe(-3);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it.each([
    ['2026-01-31', 1, 'clamp', '2026-02-28'],
    ['2028-01-31', 1, 'clamp', '2028-02-29'],
    ['2026-01-31', 1, 'next-month', '2026-03-01'],
    ['2024-02-29', 12, 'next-month', '2025-03-01'],
    ['2024-02-29', 12, 'clamp', '2025-02-28'],
    ['2026-03-31', -1, 'clamp', '2026-02-28'],
    ['2026-01-15', -14, 'clamp', '2024-11-15'],
    ['2026-11-28', 72, 'clamp', '2032-11-28'],
  ] as const)('%s + %i months (%s) = %s', (date, n, overflow, expected) => {
    expect(addMonths(date, n, overflow)).toBe(expected);
  });

  it('counts whole months once the day of the month is reached', () => {
    expect(monthsBetween('2025-09-15', '2026-11-14')).toBe(13);
    expect(monthsBetween('2025-09-15', '2026-11-15')).toBe(14);
    expect(monthsBetween('2026-11-28', '2026-11-27')).toBe(-1);
    expect(monthsBetween('2026-01-31', '2026-02-28')).toBe(0);
  });

  it('names weekdays 0 = Sunday, before and after 1970', () => {
    expect(weekday('2026-11-29')).toBe(0);
    expect(weekday('2026-11-28')).toBe(6);
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('1969-12-28')).toBe(0);
  });

  it('says an age in years, months and days', () => {
    expect(ageOn('2025-09-10', '2026-11-28')).toEqual({
      years: 1,
      months: 2,
      days: 18,
      totalMonths: 14,
      totalDays: 444,
    });
    // The anniversary of the 31st in a 30-day month is the 1st of the next.
    expect(ageOn('2026-01-31', '2026-03-01')).toMatchObject({ totalMonths: 1, days: 0 });
    expect(ageOn('2026-01-31', '2026-02-28')).toMatchObject({ totalMonths: 0, days: 28 });
    expect(ageOn('2026-11-28', '2026-11-27')).toEqual({
      years: 0,
      months: 0,
      days: 0,
      totalMonths: 0,
      totalDays: -1,
    });
  });
});

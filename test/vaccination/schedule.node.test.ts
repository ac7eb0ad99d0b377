/**
 * The schedule engine against cases written from Circular 10/2024/TT-BYT (TCMR) on the CDSi
 * model: the 4-day grace period as absolute minimum ages and intervals, past-due dates (the
 * last on-time day; `overdueDate` is the day after), vaccine conflicts per pair, conditional
 * skips, plus schedules loaded as JSON.
 */
import { describe, expect, it } from 'vitest';
import type { Immunization } from '@vnhealth/core';
import {
  addDuration,
  evaluateSchedule,
  vnTcmrSchedule,
  type ImmunizationSchedule,
  type VaccineGroupForecast,
} from '@vnhealth/core/schedule';

const CVX = 'http://hl7.org/fhir/sid/cvx';
const BIRTH = '2026-01-10';
const patient = { birthDate: BIRTH };
let seq = 0;

function dose(code: string, date: string, extra: Partial<Immunization> = {}): Immunization {
  seq += 1;
  return {
    resourceType: 'Immunization',
    id: `imm-${seq}`,
    status: 'completed',
    vaccineCode: { coding: [{ system: CVX, code }] },
    patient: { reference: 'Patient/p1' },
    occurrenceDateTime: date,
    ...extra,
  };
}

function run(immunizations: Immunization[], asOf: string): Record<string, VaccineGroupForecast> {
  const result = evaluateSchedule({ patient, immunizations, schedule: vnTcmrSchedule, asOf });
  return Object.fromEntries(result.forecasts.map((f) => [f.vaccineGroup, f]));
}

const penta = (a: string, b: string, c: string) => [dose('198', a), dose('198', b), dose('198', c)];

describe('date arithmetic (CDSi)', () => {
  it.each([
    ['2026-01-10', 'P2M', '2026-03-10'],
    ['2026-01-31', 'P1M', '2026-03-01'],
    ['2024-02-29', 'P1Y', '2025-03-01'],
    ['2026-01-10', 'P1W', '2026-01-17'],
    ['2026-01-10', 'P18M', '2027-07-10'],
    ['2026-01-10', 'P0D', '2026-01-10'],
    ['2000-01-31', 'P6M-4D', '2000-07-27'], // CDSi: months first, then days
    ['2024-02-29', 'P1Y-4M', '2024-11-01'], // years first (29 Feb 2025 → 1 Mar), then months
  ] as const)('%s + %s = %s', (date, dur, expected) => {
    expect(addDuration(date, dur)).toBe(expected);
  });
});

describe('TCMR: hepatitis B birth dose within 24 h', () => {
  it.each([
    // asOf, expected status of the birth dose
    ['2026-01-10', 'due'], // birth day
    ['2026-01-11', 'due'], // boundary: last day within 24 h (calendar dates)
    ['2026-01-12', 'overdue'], // the day after: overdue, inclusive
  ] as const)('newborn without a birth dose on %s → %s', (asOf, status) => {
    const r = run([], asOf);
    expect(r['hepatitis-b']!.status).toBe('not-complete');
    expect(r['hepatitis-b']!.next).toMatchObject({
      doseNumber: 1,
      recommendedDate: '2026-01-10',
      pastDueDate: '2026-01-11',
      overdueDate: '2026-01-12',
      due: status,
      verified: true,
    });
  });

  it('a birth dose on the day of birth is valid; the next HepB dose is the 5-in-1 at 2 months', () => {
    const r = run([dose('08', '2026-01-10T09:30:00+07:00')], '2026-01-20');
    expect(r['hepatitis-b']!.doses[0]).toMatchObject({
      status: 'valid',
      targetDose: 1,
      ageDays: 0,
    });
    expect(r['hepatitis-b']!.status).toBe('not-complete');
    expect(r['hepatitis-b']!.next).toMatchObject({
      doseNumber: 2,
      earliestDate: '2026-03-10',
      recommendedDate: '2026-03-10',
      pastDueDate: '2026-04-09',
      overdueDate: '2026-04-10',
      due: 'upcoming',
    });
  });

  it.each([
    // The FHIR shapes a record arrives in; the day is the one written, in the value's own offset.
    ['2026-01-11T20:00:00-05:00', '2026-01-11', 'valid'], // 08:00 on the 12th in Hà Nội
    ['2026-01-11T23:30:00Z', '2026-01-11', 'valid'], // 06:30 on the 12th in Hà Nội
    ['2026-01-12T06:30:00+07:00', '2026-01-12', 'valid'],
    ['2026-01-11', '2026-01-11', 'valid'],
    ['2026-01', '2026-01-01', 'not-valid'], // a year-month is its first day: before the birth
  ] as const)('dates a dose given %s as recorded: %s', (occurrence, date, status) => {
    const r = run([dose('08', occurrence)], '2026-01-20');
    expect(r['hepatitis-b']!.doses[0]).toMatchObject({ date, status });
  });

  it('dates a dose from occurrenceString when it is a FHIR date, and ignores free text', () => {
    const given = dose('08', '2026-01-11');
    delete given.occurrenceDateTime;
    const r = run([{ ...given, occurrenceString: '2026-01-11' }], '2026-01-20');
    expect(r['hepatitis-b']!.doses[0]).toMatchObject({ date: '2026-01-11', status: 'valid' });
    const vague = run([{ ...given, occurrenceString: 'sau sinh vài giờ' }], '2026-01-20');
    expect(vague['hepatitis-b']!.doses).toEqual([]);
  });

  it('reads "today" (asOf) in Vietnam time: 17:30 UTC on the 11th is already the 12th', () => {
    const result = (asOf: Date) =>
      evaluateSchedule({
        patient,
        immunizations: [],
        schedule: vnTcmrSchedule,
        asOf,
      }).forecasts.find((f) => f.vaccineGroup === 'hepatitis-b')!.next?.due;
    expect(result(new Date('2026-01-11T16:59:59Z'))).toBe('due'); // 23:59:59 on the 11th
    expect(result(new Date('2026-01-11T17:30:00Z'))).toBe('overdue'); // 00:30 on the 12th
  });

  it('a missed birth dose is no longer forecast once the combination series is due (SDK policy)', () => {
    const r = run(penta('2026-03-07', '2026-04-10', '2026-05-10'), '2026-06-01');
    expect(r['hepatitis-b']!.skipped).toEqual([1]);
    expect(r['hepatitis-b']!.status).toBe('complete');
    expect(r['hepatitis-b']!.doses.map((d) => [d.targetDose, d.status])).toEqual([
      [2, 'valid'],
      [3, 'valid'],
      [4, 'valid'],
    ]);
  });
});

describe('TCMR: BCG within 1 month of birth', () => {
  it.each([
    ['2026-01-10', 'due'],
    ['2026-02-10', 'due'], // 1-month birthday: last on-time day
    ['2026-02-11', 'overdue'],
  ] as const)('no BCG on %s → %s', (asOf, status) => {
    expect(run([], asOf).tuberculosis!.next).toMatchObject({
      pastDueDate: '2026-02-10',
      overdueDate: '2026-02-11',
      due: status,
    });
  });

  it('BCG at 3 weeks is valid and completes the series', () => {
    const r = run([dose('19', '2026-01-31')], '2026-03-01');
    expect(r.tuberculosis!.status).toBe('complete');
    expect(r.tuberculosis!.next).toBeUndefined();
  });
});

describe('TCMR: 5-in-1 at 2, 3, 4 months with ≥ 1-month intervals', () => {
  it('on time: all three valid for DTP, HepB and Hib; DTP booster next at 18 months', () => {
    const imms = [dose('08', BIRTH), ...penta('2026-03-10', '2026-04-10', '2026-05-10')];
    const r = run(imms, '2026-06-01');
    expect(r.dtp!.doses.map((d) => d.status)).toEqual(['valid', 'valid', 'valid']);
    expect(r['hepatitis-b']!.status).toBe('complete');
    expect(r.hib!.status).toBe('complete');
    expect(r.dtp!.status).toBe('not-complete');
    expect(r.dtp!.next).toMatchObject({
      doseNumber: 4,
      recommendedDate: '2027-07-10',
      overdueDate: '2027-08-10',
      due: 'upcoming',
    });
  });

  it.each([
    ['2026-03-05', 'not-valid', ['too-young']], // 5 days before 2 months
    ['2026-03-06', 'valid', ['grace-period']], // 4 days early: inside the grace period
    ['2026-03-07', 'valid', ['grace-period']], // 3 days early
    ['2026-03-10', 'valid', []],
  ] as const)('dose 1 on %s → %s', (date, status, reasons) => {
    const r = run([dose('198', date)], '2026-03-20');
    expect(r.dtp!.doses[0]).toMatchObject({ status });
    expect(r.dtp!.doses[0]!.reasons.map((x) => x.code)).toEqual(reasons);
  });

  it('a dose 5 days too early must be repeated ≥ 1 month after it', () => {
    const r = run([dose('198', '2026-03-05')], '2026-03-20');
    expect(r.dtp!.status).toBe('not-complete');
    expect(r.dtp!.next).toMatchObject({
      doseNumber: 1,
      earliestDate: '2026-03-10',
      recommendedDate: '2026-03-10',
      due: 'due',
    });
  });

  it.each([
    ['2026-04-05', 'not-valid', ['too-soon']], // 26 days after dose 1
    ['2026-04-06', 'valid', ['grace-period']], // 1 month − 4 days
  ] as const)('dose 2 on %s after dose 1 on 10/03 → %s', (date, status, reasons) => {
    const r = run([dose('198', '2026-03-10'), dose('198', date)], '2026-04-20');
    expect(r.dtp!.doses[1]).toMatchObject({ status });
    expect(r.dtp!.doses[1]!.reasons.map((x) => x.code)).toEqual(reasons);
  });

  it('an invalid dose restarts the interval clock (CDSi: from the previous dose administered)', () => {
    const r = run([dose('198', '2026-03-10'), dose('198', '2026-03-20')], '2026-03-25');
    expect(r.dtp!.doses[1]).toMatchObject({ status: 'not-valid' });
    expect(r.dtp!.doses[1]!.reasons.map((x) => x.code)).toEqual(['too-soon']);
    expect(r.dtp!.next).toMatchObject({ doseNumber: 2, earliestDate: '2026-04-20' });
  });
});

describe('TCMR: catch-up after a missed dose', () => {
  it('dose 2 missed: overdue from 10/05; once given late, dose 3 follows 1 month later', () => {
    const before = run([dose('198', '2026-03-10')], '2026-06-01');
    expect(before.dtp!.next).toMatchObject({
      doseNumber: 2,
      recommendedDate: '2026-04-10',
      overdueDate: '2026-05-10',
      due: 'overdue',
    });
    const after = run([dose('198', '2026-03-10'), dose('198', '2026-06-01')], '2026-06-01');
    expect(after.dtp!.doses[1]).toMatchObject({ status: 'valid', targetDose: 2 });
    expect(after.dtp!.next).toMatchObject({
      doseNumber: 3,
      earliestDate: '2026-07-01',
      recommendedDate: '2026-07-01',
      pastDueDate: '2026-07-31',
      overdueDate: '2026-08-01',
      due: 'upcoming',
    });
  });

  it('a late starter at 6 months: dose 1 overdue, projected doses 2 and 3 a month apart from today', () => {
    const r = run([], '2026-07-10');
    expect(r.dtp!.next).toMatchObject({ doseNumber: 1, due: 'overdue' });
    expect(
      r.dtp!.remaining.slice(1, 3).map((f) => [f.doseNumber, f.recommendedDate, f.projected]),
    ).toEqual([
      [2, '2026-08-10', true],
      [3, '2026-09-10', true],
    ]);
  });
});

describe('TCMR: booster at 18 months', () => {
  const primaryDone = [dose('08', BIRTH), ...penta('2026-03-10', '2026-04-10', '2026-05-10')];
  it.each([
    ['2027-07-09', 'upcoming'],
    ['2027-07-10', 'due'], // 18-month birthday, inclusive
    ['2027-08-09', 'due'],
    ['2027-08-10', 'overdue'], // past-due date, inclusive
  ] as const)('asOf %s → %s', (asOf, status) => {
    expect(run(primaryDone, asOf).dtp!.next).toMatchObject({ doseNumber: 4, due: status });
  });

  it('DPT booster at 18 months is valid; Td at 7 years is next', () => {
    const r = run([...primaryDone, dose('01', '2027-07-12')], '2027-09-01');
    expect(r.dtp!.doses[3]).toMatchObject({ status: 'valid', targetDose: 4 });
    expect(r.dtp!.next).toMatchObject({ doseNumber: 5, recommendedDate: '2033-01-10' });
  });
});

describe('record states', () => {
  it('an expired product is sub-standard and does not count', () => {
    const r = run([dose('19', '2026-01-15', { expirationDate: '2026-01-14' })], '2026-01-20');
    expect(r.tuberculosis!.doses[0]).toMatchObject({ status: 'sub-standard' });
    expect(r.tuberculosis!.doses[0]!.reasons.map((x) => x.code)).toEqual(['expired']);
    expect(r.tuberculosis!.status).toBe('not-complete');
  });

  it('a lot recorded as year-month expires at the end of that month (CALCDTLOTEXP-1)', () => {
    const ok = run([dose('19', '2026-01-31', { expirationDate: '2026-01' })], '2026-02-05');
    expect(ok.tuberculosis!.doses[0]!.status).toBe('valid');
    const late = run([dose('19', '2026-02-01', { expirationDate: '2026-01' })], '2026-02-05');
    expect(late.tuberculosis!.doses[0]!.status).toBe('sub-standard');
  });

  it('not-done is listed and ignored; entered-in-error is dropped', () => {
    const r = run(
      [
        dose('19', '2026-01-12', { status: 'not-done', statusReason: { text: 'Hết vaccine' } }),
        dose('19', '2026-01-13', { status: 'entered-in-error' }),
      ],
      '2026-01-20',
    );
    expect(r.tuberculosis!.doses).toHaveLength(0);
    expect(r.tuberculosis!.notDone).toHaveLength(1);
    expect(r.tuberculosis!.notDone[0]).toMatchObject({ reason: 'Hết vaccine' });
    expect(r.tuberculosis!.status).toBe('not-complete');
  });

  it('a not-done with reason MEDPREC marks the antigen contraindicated', () => {
    const r = run(
      [
        dose('05', '2026-10-10', {
          status: 'not-done',
          statusReason: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
                code: 'MEDPREC',
                display: 'medical precaution',
              },
            ],
          },
        }),
      ],
      '2026-11-01',
    );
    expect(r['measles-rubella']!.status).toBe('contraindicated');
    expect(r['measles-rubella']!.next).toBeUndefined();
  });

  it('a vaccine not allowable for the dose does not count (Td as a primary DTP dose)', () => {
    const r = run([dose('09', '2026-03-10')], '2026-03-20');
    expect(r.dtp!.doses[0]).toMatchObject({ status: 'not-valid' });
    expect(r.dtp!.doses[0]!.reasons.map((x) => x.code)).toEqual(['not-allowable']);
  });

  it('a product code wins over a disease-level code: IPV coded CVX 10 + polio is not oral polio', () => {
    const ipv: Immunization = {
      ...dose('10', '2026-06-10'),
      vaccineCode: {
        coding: [
          { system: CVX, code: '10' },
          { system: 'http://fhir.hl7.org.vn/core/CodeSystem/vn-vaccine-type-cs', code: 'polio' },
        ],
      },
    };
    const r = run([ipv], '2026-07-01');
    expect(r['polio-opv']!.doses).toHaveLength(0);
    expect(r['polio-ipv']!.doses[0]).toMatchObject({ status: 'valid', targetDose: 1 });
  });

  it('doses of vaccines outside the schedule are reported as unmatched', () => {
    const flu = dose('88', '2026-09-01');
    const result = evaluateSchedule({
      patient,
      immunizations: [flu],
      schedule: vnTcmrSchedule,
      asOf: '2026-10-01',
    });
    expect(result.unmatched).toEqual([flu]);
  });

  it('accepts the community vn-vaccine-type-cs codes', () => {
    const vnMeasles: Immunization = {
      ...dose('05', '2026-10-10'),
      vaccineCode: {
        coding: [
          { system: 'http://fhir.hl7.org.vn/core/CodeSystem/vn-vaccine-type-cs', code: 'measles' },
        ],
      },
    };
    const r = run([vnMeasles], '2026-11-01');
    expect(r['measles-rubella']!.doses[0]).toMatchObject({ status: 'valid', targetDose: 1 });
  });
});

describe('unverified rows stay flagged', () => {
  it('verified: rows checked against the circular; unverified: secondary sources', () => {
    const r = run([], '2026-03-10');
    expect(r['hepatitis-b']!.verified).toBe(true);
    expect(r.tuberculosis!.verified).toBe(true);
    expect(r.dtp!.verified).toBe(true);
    expect(r['polio-opv']!.verified).toBe(false);
    expect(r['polio-opv']!.next!.verified).toBe(false);
    expect(r['measles-rubella']!.verified).toBe(false);
    expect(r['japanese-encephalitis']!.verified).toBe(false);
    const ipv = vnTcmrSchedule.antigens.find((a) => a.id === 'polio-ipv')!.series[0]!.doses;
    expect(ipv.map((d) => d.verified)).toEqual([true, false]);
    expect(vnTcmrSchedule.unscheduled?.map((u) => u.id)).toContain('rotavirus');
  });

  it('every row keeps its source and verified flag', () => {
    const rows = vnTcmrSchedule.antigens.flatMap((a) => a.series.flatMap((s) => s.doses));
    expect(rows).toHaveLength(23);
    for (const d of rows) {
      expect(typeof d.verified).toBe('boolean');
      expect(Array.isArray(d.source)).toBe(true);
    }
    expect(rows.filter((d) => d.verified)).toHaveLength(11);
  });

  it('the schedule is plain JSON and round-trips', () => {
    const copy = JSON.parse(JSON.stringify(vnTcmrSchedule)) as ImmunizationSchedule;
    expect(copy).toEqual(vnTcmrSchedule);
  });
});

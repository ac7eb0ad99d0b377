/**
 * The schedule engine against cases written from Circular 10/2024/TT-BYT (TCMR), plus the CDSi
 * rules the data model borrows (grace period, intervals, live-vaccine spacing).
 */
import { describe, expect, it } from 'vitest';
import type { Immunization } from '@vnhealth/core';
import {
  addDuration,
  evaluateSchedule,
  upcomingVisits,
  vnTcmrSchedule,
  type AntigenEvaluation,
  type ImmunizationSchedule,
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

function run(immunizations: Immunization[], asOf: string): Record<string, AntigenEvaluation> {
  const result = evaluateSchedule({ patient, immunizations, schedule: vnTcmrSchedule, asOf });
  return Object.fromEntries(result.antigens.map((a) => [a.antigenId, a]));
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
    expect(r['hepatitis-b']!.status).toBe('not-started');
    expect(r['hepatitis-b']!.next).toMatchObject({
      doseNumber: 1,
      recommendedDate: '2026-01-10',
      pastDueDate: '2026-01-12',
      status,
      verified: true,
    });
  });

  it('a birth dose on the day of birth is valid; the next HepB dose is the 5-in-1 at 2 months', () => {
    const r = run([dose('08', '2026-01-10T09:30:00+07:00')], '2026-01-20');
    expect(r['hepatitis-b']!.doses[0]).toMatchObject({
      status: 'valid',
      doseNumber: 1,
      ageDays: 0,
    });
    expect(r['hepatitis-b']!.status).toBe('in-progress');
    expect(r['hepatitis-b']!.next).toMatchObject({
      doseNumber: 2,
      earliestDate: '2026-03-10',
      recommendedDate: '2026-03-10',
      pastDueDate: '2026-04-10',
      status: 'upcoming',
    });
  });

  it.each([
    // The FHIR shapes a record arrives in; the day is the one written, in the value's own offset.
    ['2026-01-11T20:00:00-05:00', '2026-01-11', 'valid'], // 08:00 on the 12th in Hà Nội
    ['2026-01-11T23:30:00Z', '2026-01-11', 'valid'], // 06:30 on the 12th in Hà Nội
    ['2026-01-12T06:30:00+07:00', '2026-01-12', 'valid'],
    ['2026-01-11', '2026-01-11', 'valid'],
    ['2026-01', '2026-01-01', 'invalid'], // a year-month is its first day: before the birth
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
      }).antigens.find((a) => a.antigenId === 'hepatitis-b')!.next?.status;
    expect(result(new Date('2026-01-11T16:59:59Z'))).toBe('due'); // 23:59:59 on the 11th
    expect(result(new Date('2026-01-11T17:30:00Z'))).toBe('overdue'); // 00:30 on the 12th
  });

  it('a missed birth dose is no longer forecast once the combination series is due (SDK policy)', () => {
    const r = run(penta('2026-03-07', '2026-04-10', '2026-05-10'), '2026-06-01');
    expect(r['hepatitis-b']!.skippedDoses).toEqual([1]);
    expect(r['hepatitis-b']!.status).toBe('complete');
    expect(r['hepatitis-b']!.doses.map((d) => [d.doseNumber, d.status])).toEqual([
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
    expect(run([], asOf).tuberculosis!.next).toMatchObject({ pastDueDate: '2026-02-11', status });
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
    expect(r.dtp!.status).toBe('in-progress');
    expect(r.dtp!.next).toMatchObject({
      doseNumber: 4,
      recommendedDate: '2027-07-10',
      pastDueDate: '2027-08-10',
      status: 'upcoming',
    });
  });

  it.each([
    ['2026-03-05', 'invalid', ['too-early']], // 5 days before 2 months
    ['2026-03-06', 'valid', []], // 4 days early: inside the grace period
    ['2026-03-07', 'valid', []], // 3 days early
  ] as const)('dose 1 on %s → %s', (date, status, reasons) => {
    const r = run([dose('198', date)], '2026-03-20');
    expect(r.dtp!.doses[0]).toMatchObject({ status, reasons });
  });

  it('a dose 5 days too early must be repeated ≥ 1 month after it', () => {
    const r = run([dose('198', '2026-03-05')], '2026-03-20');
    expect(r.dtp!.status).toBe('not-started');
    expect(r.dtp!.next).toMatchObject({
      doseNumber: 1,
      earliestDate: '2026-03-10',
      recommendedDate: '2026-03-10',
      status: 'due',
    });
  });

  it.each([
    ['2026-04-05', 'invalid', ['too-soon']], // 26 days after dose 1
    ['2026-04-06', 'valid', []], // 1 month − 4 days
  ] as const)('dose 2 on %s after dose 1 on 10/03 → %s', (date, status, reasons) => {
    const r = run([dose('198', '2026-03-10'), dose('198', date)], '2026-04-20');
    expect(r.dtp!.doses[1]).toMatchObject({ status, reasons });
  });

  it('an invalid dose restarts the interval clock (CDSi: from the previous dose administered)', () => {
    const r = run([dose('198', '2026-03-10'), dose('198', '2026-03-20')], '2026-03-25');
    expect(r.dtp!.doses[1]).toMatchObject({ status: 'invalid', reasons: ['too-soon'] });
    expect(r.dtp!.next).toMatchObject({ doseNumber: 2, earliestDate: '2026-04-20' });
  });
});

describe('TCMR: catch-up after a missed dose', () => {
  it('dose 2 missed: overdue from 10/05; once given late, dose 3 follows 1 month later', () => {
    const before = run([dose('198', '2026-03-10')], '2026-06-01');
    expect(before.dtp!.next).toMatchObject({
      doseNumber: 2,
      recommendedDate: '2026-04-10',
      pastDueDate: '2026-05-10',
      status: 'overdue',
    });
    const after = run([dose('198', '2026-03-10'), dose('198', '2026-06-01')], '2026-06-01');
    expect(after.dtp!.doses[1]).toMatchObject({ status: 'valid', doseNumber: 2 });
    expect(after.dtp!.next).toMatchObject({
      doseNumber: 3,
      earliestDate: '2026-07-01',
      recommendedDate: '2026-07-01',
      pastDueDate: '2026-08-01',
      status: 'upcoming',
    });
  });

  it('a late starter at 6 months: dose 1 overdue, projected doses 2 and 3 a month apart from today', () => {
    const r = run([], '2026-07-10');
    expect(r.dtp!.next).toMatchObject({ doseNumber: 1, status: 'overdue' });
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
    expect(run(primaryDone, asOf).dtp!.next).toMatchObject({ doseNumber: 4, status });
  });

  it('DPT booster at 18 months is valid; Td at 7 years is next', () => {
    const r = run([...primaryDone, dose('01', '2027-07-12')], '2027-09-01');
    expect(r.dtp!.doses[3]).toMatchObject({ status: 'valid', doseNumber: 4 });
    expect(r.dtp!.next).toMatchObject({ doseNumber: 5, recommendedDate: '2033-01-10' });
  });
});

describe('record states', () => {
  it('an expired product does not count', () => {
    const r = run([dose('19', '2026-01-15', { expirationDate: '2026-01-14' })], '2026-01-20');
    expect(r.tuberculosis!.doses[0]).toMatchObject({ status: 'invalid', reasons: ['expired'] });
    expect(r.tuberculosis!.status).toBe('not-started');
  });

  it('not-done is listed and ignored; entered-in-error is dropped', () => {
    const r = run(
      [
        dose('19', '2026-01-12', { status: 'not-done', statusReason: { text: 'Hết vaccine' } }),
        dose('19', '2026-01-13', { status: 'entered-in-error' }),
      ],
      '2026-01-20',
    );
    expect(r.tuberculosis!.doses).toHaveLength(1);
    expect(r.tuberculosis!.doses[0]).toMatchObject({
      status: 'not-done',
      notDoneReason: 'Hết vaccine',
    });
    expect(r.tuberculosis!.status).toBe('not-started');
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
    expect(r.dtp!.doses[0]).toMatchObject({ status: 'invalid', reasons: ['not-allowable'] });
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
    expect(r['polio-ipv']!.doses[0]).toMatchObject({ status: 'valid', doseNumber: 1 });
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
    expect(r['measles-rubella']!.doses[0]).toMatchObject({ status: 'valid', doseNumber: 1 });
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

  it('the schedule is plain JSON and round-trips', () => {
    const copy = JSON.parse(JSON.stringify(vnTcmrSchedule)) as ImmunizationSchedule;
    expect(copy).toEqual(vnTcmrSchedule);
  });
});

describe('another schedule loads without code changes (live-vaccine spacing)', () => {
  const schedule: ImmunizationSchedule = {
    id: 'test-live',
    title: { vi: 'Thử', en: 'Test' },
    vaccines: [
      { system: CVX, code: '03', display: 'MMR', diseases: ['measles'], liveParenteral: true },
      {
        system: CVX,
        code: '21',
        display: 'Varicella',
        diseases: ['varicella'],
        liveParenteral: true,
      },
    ],
    antigens: [
      {
        id: 'varicella',
        name: { vi: 'Thủy đậu', en: 'Varicella' },
        diseases: ['varicella'],
        series: [
          {
            id: 'var',
            name: { vi: '1 mũi', en: '1 dose' },
            doses: [
              {
                doseNumber: 1,
                minimumAge: 'P12M',
                recommendedAge: 'P12M',
                preferableVaccines: [`${CVX}|21`],
                verified: false,
                source: [],
              },
            ],
          },
        ],
      },
    ],
  };
  it.each([
    ['2027-02-01', 'invalid'], // 21 days after MMR
    ['2027-02-04', 'valid'], // 24 days = 28 − 4 grace
    ['2027-01-11', 'valid'], // same day as MMR: no conflict
  ] as const)('varicella on %s after MMR on 11/01/2027 → %s', (date, status) => {
    const result = evaluateSchedule({
      patient,
      immunizations: [dose('03', '2027-01-11'), dose('21', date)],
      schedule,
      asOf: '2027-03-01',
    });
    expect(result.antigens[0]!.doses[0]!.status).toBe(status);
  });

  it('forecast of a live vaccine waits 28 days after the last live dose', () => {
    const result = evaluateSchedule({
      patient,
      immunizations: [dose('03', '2027-01-11')],
      schedule,
      asOf: '2027-01-12',
    });
    expect(result.antigens[0]!.next).toMatchObject({
      earliestDate: '2027-02-08',
      recommendedDate: '2027-02-08',
    });
  });
});

describe('upcomingVisits (the parents’ appointment card)', () => {
  it('groups the doses due at 2 months into one visit', () => {
    const result = evaluateSchedule({
      patient,
      immunizations: [dose('08', BIRTH), dose('19', '2026-01-15')],
      schedule: vnTcmrSchedule,
      asOf: '2026-02-01',
    });
    const visits = upcomingVisits(result);
    expect(visits[0]).toMatchObject({
      date: '2026-03-10',
      recommendedAge: 'P2M',
      status: 'upcoming',
    });
    expect(visits[0]!.doses.map((d) => d.antigenId).sort()).toEqual([
      'dtp',
      'hepatitis-b',
      'hib',
      'polio-opv',
    ]);
  });
});

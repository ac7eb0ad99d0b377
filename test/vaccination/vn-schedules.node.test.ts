/**
 * Vietnam's schedules for every age: `vnScheduleFor` picks the TCMR under 16 and the adult
 * schedule from 16; childhood doses age out (never "overdue since 1968"); tetanus for pregnant
 * women by flag or by a pregnancy observation; adult and service vaccines evaluate against the
 * right antigens.
 */
import { describe, expect, it } from 'vitest';
import type { Condition, Immunization, Observation } from '@vnhealth/core';
import {
  evaluateSchedule,
  isVnAdult,
  vnAdultSchedule,
  vnScheduleFor,
  vnTcmrSchedule,
  type ImmunizationSchedule,
  type PatientObservation,
  type ScheduleEvaluation,
  type VaccineGroupForecast,
} from '@vnhealth/core/schedule';

const CVX = 'http://hl7.org/fhir/sid/cvx';
let seq = 0;
const dose = (code: string, date: string): Immunization => ({
  resourceType: 'Immunization',
  id: `imm-${++seq}`,
  status: 'completed',
  vaccineCode: { coding: [{ system: CVX, code }] },
  patient: { reference: 'Patient/p1' },
  occurrenceDateTime: date,
});

function run(
  birthDate: string,
  asOf: string,
  immunizations: Immunization[] = [],
  options: { pregnant?: boolean; observations?: PatientObservation[]; gender?: 'female' } = {},
  schedule: ImmunizationSchedule = vnScheduleFor({ birthDate }, asOf, options),
): ScheduleEvaluation & { by: Record<string, VaccineGroupForecast> } {
  const result = evaluateSchedule({
    patient: { birthDate, gender: options.gender ?? 'male' },
    immunizations,
    observations: options.observations ?? [],
    schedule,
    asOf,
  });
  return { ...result, by: Object.fromEntries(result.forecasts.map((f) => [f.vaccineGroup, f])) };
}

const CHILDHOOD = [
  'tuberculosis',
  'hib',
  'polio-opv',
  'polio-ipv',
  'measles-rubella',
  'japanese-encephalitis',
];

describe('a 58-year-old (born 1968-05-14, like the seed\'s "Nguyễn Văn An")', () => {
  const asOf = '2026-12-01';
  const an = () => run('1968-05-14', asOf);

  it('gets the adult schedule', () => {
    expect(vnScheduleFor({ birthDate: '1968-05-14', gender: 'male' }, asOf)).toBe(vnAdultSchedule);
  });

  it('has no childhood dose due or overdue: BCG and the infant series are aged out', () => {
    const r = an();
    expect(r.by.tuberculosis).toMatchObject({ status: 'aged-out', next: undefined });
    for (const g of CHILDHOOD) expect(r.by[g]!.status, g).toBe('aged-out');
    for (const f of r.forecasts) expect(f.due, f.vaccineGroup).not.toBe('overdue');
    const tcmrSeries = new Set(vnTcmrSchedule.antigens.flatMap((a) => a.series.map((s) => s.id)));
    for (const a of r.antigens)
      if (a.next) {
        // The only TCMR series still forecasting is diphtheria–tetanus, at its adult booster.
        if (tcmrSeries.has(a.series!.id))
          expect([a.antigen, a.next.targetDose]).toEqual(['dtp', 6]);
      }
  });

  it('is due the adult doses: hepatitis B (from 16), Td every 10 years, influenza, zoster', () => {
    const r = an();
    expect(r.antigens.find((a) => a.antigen === 'hepatitis-b')!.series!.id).toBe(
      'hepatitis-b-adult',
    );
    expect(r.by['hepatitis-b']!.next).toMatchObject({ recommendedDate: '1984-05-14', due: 'due' });
    expect(r.by.dtp!.next).toMatchObject({ targetDose: 6, recommendedDate: '1984-05-14' });
    expect(r.by.influenza!.status).toBe('not-complete');
    expect(r.by.zoster!.next).toMatchObject({ recommendedDate: '2018-05-14', due: 'due' });
    expect(r.by.hpv!.status).toBe('aged-out');
    for (const f of r.forecasts) expect(f.pastDueDate, f.vaccineGroup).toBeUndefined();
  });

  it('on the TCMR alone (as the portal read it), every childhood line is aged out, none overdue', () => {
    const r = run('1968-05-14', asOf, [], {}, vnTcmrSchedule);
    for (const f of r.forecasts)
      expect([f.vaccineGroup, f.status]).toEqual([f.vaccineGroup, 'aged-out']);
  });

  it('a dose of the TCMR given from 16 is extraneous (too old)', () => {
    const r = run('1968-05-14', asOf, [dose('19', '1990-01-01')], {}, vnTcmrSchedule);
    expect(r.by.tuberculosis!.doses[0]).toMatchObject({ status: 'extraneous' });
    expect(r.by.tuberculosis!.doses[0]!.reasons.map((x) => x.code)).toEqual(['too-old']);
  });

  it('a Td dose resets the 10-year booster clock', () => {
    const r = run('1968-05-14', asOf, [dose('09', '2020-03-01')]);
    expect(r.by.dtp!.doses[0]).toMatchObject({ status: 'valid', targetDose: 6 });
    expect(r.by.dtp!.next).toMatchObject({ recommendedDate: '2030-03-01', due: 'upcoming' });
  });
});

describe('adults with their childhood records', () => {
  const asOf = '2026-12-01';
  const birth = '2004-01-10';
  const tcmr = [
    dose('08', '2004-01-10'),
    dose('198', '2004-03-10'),
    dose('198', '2004-04-10'),
    dose('198', '2004-05-10'),
    dose('01', '2005-07-12'),
    dose('09', '2011-01-12'),
  ];

  it('a complete childhood hepatitis B series is enough; every childhood dose stays valid', () => {
    const r = run(birth, asOf, tcmr);
    expect(r.by['hepatitis-b']!.status).toBe('complete');
    expect(r.by['hepatitis-b']!.doses.map((d) => d.status)).toEqual(Array(4).fill('valid'));
    expect(r.by.dtp!.doses.map((d) => d.status)).toEqual(Array(5).fill('valid'));
    expect(r.by.dtp!.next).toMatchObject({ targetDose: 6, recommendedDate: '2021-01-12' });
  });

  it('an incomplete childhood series counts: birth dose only → adult dose 2 next', () => {
    const r = run(birth, asOf, [dose('08', '2004-01-10')]);
    const hepb = r.antigens.find((a) => a.antigen === 'hepatitis-b')!;
    expect(hepb.series!.id).toBe('hepatitis-b-adult');
    expect(hepb.doses[0]).toMatchObject({ status: 'valid', targetDose: 1 });
    expect(hepb.next).toMatchObject({ targetDose: 2, earliestDate: '2004-02-10' });
  });
});

describe('a 2-month-old (born 2026-10-01) gets the TCMR infant doses', () => {
  const asOf = '2026-12-01';
  it('the 5-in-1, bOPV and the hepatitis B dose at 2 months are due; BCG overdue', () => {
    const r = run('2026-10-01', asOf);
    expect(vnScheduleFor({ birthDate: '2026-10-01' }, asOf).id).toBe('vn-child');
    for (const g of ['dtp', 'hib', 'polio-opv'])
      expect(r.by[g]!.next, g).toMatchObject({
        targetDose: 1,
        recommendedDate: '2026-12-01',
        due: 'due',
      });
    expect(r.by['hepatitis-b']!.next).toMatchObject({ targetDose: 2, due: 'due' });
    expect(r.by.dtp!.recommendedVaccines).toEqual([`${CVX}|198`]);
    expect(r.by.tuberculosis!.next).toMatchObject({ due: 'overdue', overdueDate: '2026-11-02' });
    expect(r.by['polio-ipv']!.next).toMatchObject({
      due: 'upcoming',
      recommendedDate: '2027-03-01',
    });
    // Service vaccines are not forecast for children; tetanus for pregnant women is not relevant.
    for (const g of ['influenza', 'hpv', 'covid-19', 'maternal-tetanus'])
      expect(r.by[g], g).toBeUndefined();
  });

  it("a child's influenza dose evaluates (history only: the group is complete, nothing forecast)", () => {
    const r = run('2020-01-01', asOf, [dose('140', '2025-10-01'), dose('140', '2026-10-01')]);
    expect(r.unmatched).toEqual([]);
    expect(r.by.influenza).toMatchObject({ status: 'complete', next: undefined });
    expect(r.by.influenza!.doses.map((d) => d.status)).toEqual(['valid', 'valid']);
  });
});

describe('a pregnant 25-year-old gets Td', () => {
  const birth = '2001-06-01';
  const asOf = '2026-12-01';
  const pregnancy: Condition = {
    resourceType: 'Condition',
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' },
      ],
    },
    code: { coding: [{ system: 'http://snomed.info/sct', code: '77386006' }] },
    subject: { reference: 'Patient/p1' },
    onsetDateTime: '2026-09-15',
  };

  it('flagged pregnant: Td dose 1 due now, dose 2 at least 1 month after it', () => {
    const r = run(birth, asOf, [], { pregnant: true, gender: 'female' });
    expect(vnScheduleFor({ birthDate: birth }, asOf, { pregnant: true }).id).toBe(
      'vn-adult-pregnant',
    );
    expect(r.by['maternal-tetanus']).toMatchObject({ status: 'not-complete', verified: false });
    expect(r.by['maternal-tetanus']!.next).toMatchObject({ targetDose: 1, due: 'due' });
    expect(r.by['maternal-tetanus']!.recommendedVaccines).toEqual([`${CVX}|09`, `${CVX}|139`]);
    const after = run(birth, asOf, [dose('09', '2026-11-20')], {
      pregnant: true,
      gender: 'female',
    });
    expect(after.by['maternal-tetanus']!.next).toMatchObject({
      targetDose: 2,
      earliestDate: '2026-12-20',
      due: 'upcoming',
    });
    expect(after.by['maternal-tetanus']!.next!.pastDueDate).toBeUndefined();
  });

  it('not flagged: only a pregnancy Condition makes the rows relevant, from its onset', () => {
    expect(run(birth, asOf, [], { gender: 'female' }).by['maternal-tetanus']).toBeUndefined();
    const r = run(birth, asOf, [], { gender: 'female', observations: [pregnancy] });
    expect(r.by['maternal-tetanus']!.next).toMatchObject({
      targetDose: 1,
      earliestDate: '2026-09-15',
    });
    const resolved = { ...pregnancy, clinicalStatus: { coding: [{ code: 'resolved' }] } };
    expect(
      run(birth, asOf, [], { observations: [resolved] }).by['maternal-tetanus'],
    ).toBeUndefined();
  });

  it('an Observation "pregnancy status = pregnant" (LOINC, SNOMED CT) or ICD-10 Z34.0 works too', () => {
    const status: Observation = {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '82810-3' }] },
      valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '77386006' }] },
      effectiveDateTime: '2026-10-02',
    };
    const icd: Condition = {
      ...pregnancy,
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'Z34.0' }] },
    };
    for (const o of [status, icd])
      expect(run(birth, asOf, [], { observations: [o] }).by['maternal-tetanus']!.status).toBe(
        'not-complete',
      );
    const unrelated = { ...status, valueCodeableConcept: { coding: [{ code: '60001007' }] } };
    expect(
      run(birth, asOf, [], { observations: [unrelated] }).by['maternal-tetanus'],
    ).toBeUndefined();
  });

  it('childhood doses are not the women’s schedule’s: doses count from 15', () => {
    const r = run(birth, asOf, [dose('09', '2008-06-01'), dose('09', '2018-06-01')], {
      pregnant: true,
    });
    expect(r.by['maternal-tetanus']!.doses.map((d) => d.date)).toEqual(['2018-06-01']);
    expect(r.by['maternal-tetanus']!.next).toMatchObject({ targetDose: 2, due: 'due' });
  });
});

describe("a 30-year-old's imported US records evaluate against the right antigens", () => {
  it('CVX 140 (influenza), 208 (COVID-19), 43 (hepatitis B, adult)', () => {
    const imms = [
      dose('208', '2021-09-01'),
      dose('208', '2021-10-01'),
      dose('43', '2025-02-01'),
      dose('140', '2025-10-15'),
    ];
    const r = run('1996-03-10', '2026-12-01', imms);
    expect(r.unmatched).toEqual([]);
    const of = (id: string) => r.doses.filter((d) => d.immunizationId === id).map((d) => d.antigen);
    expect(of(imms[0]!.id!)).toEqual(['covid-19']);
    expect(of(imms[2]!.id!)).toEqual(['hepatitis-b']);
    expect(of(imms[3]!.id!)).toEqual(['influenza']);
    expect(r.by['covid-19']).toMatchObject({ status: 'complete' });
    expect(r.by['hepatitis-b']!.next).toMatchObject({ targetDose: 2, earliestDate: '2025-03-01' });
    expect(r.by.influenza!.doses[0]).toMatchObject({ status: 'valid' });
    expect(r.by.influenza!.next).toMatchObject({ recommendedDate: '2026-10-15', due: 'due' });
    expect(r.by.hpv!.status).toBe('aged-out');
  });

  it('a live zoster dose (CVX 121) is the zoster antigen’s but does not count', () => {
    const r = run('1968-05-14', '2026-12-01', [dose('121', '2019-01-01')]);
    expect(r.by.zoster!.doses[0]).toMatchObject({ status: 'not-valid' });
    expect(r.by.zoster!.doses[0]!.reasons.map((x) => x.code)).toEqual(['inadvertent']);
  });

  it('HPV from 9 to 26: a 20-year-old is due dose 1', () => {
    expect(run('2006-06-01', '2026-12-01').by.hpv!.next).toMatchObject({
      targetDose: 1,
      due: 'due',
    });
  });
});

describe('vnScheduleFor at the age boundary (16 years, Law on Children 2016)', () => {
  it.each([
    ['2010-12-01', '2026-11-30', 'vn-child'],
    ['2010-12-01', '2026-12-01', 'vn-adult'], // 16th birthday
    ['2008-02-29', '2024-02-28', 'vn-child'],
    ['2008-02-29', '2024-02-29', 'vn-adult'], // 16 years later is a leap year again
    ['2010-12-01', '2026-11-30T17:00:00Z', 'vn-adult'], // midnight in Hà Nội: already the 1st
    ['2010-12-01', '2026-11-30T16:59:59Z', 'vn-child'],
  ] as const)('born %s, on %s → %s', (birthDate, asOf, id) => {
    expect(vnScheduleFor({ birthDate }, asOf).id).toBe(id);
  });

  it('the same object for the same choice; pregnant adds the standard Td series', () => {
    const a = vnScheduleFor({ birthDate: '2015-01-01' }, '2026-12-01');
    expect(vnScheduleFor({ birthDate: '2014-01-01', gender: 'female' }, '2026-12-01')).toBe(a);
    const p = vnScheduleFor({ birthDate: '2011-01-01' }, '2026-12-01', { pregnant: true });
    expect(p.id).toBe('vn-child-pregnant');
    const series = (s: ImmunizationSchedule) =>
      s.antigens.find((x) => x.id === 'maternal-tetanus')!.series[0]!.type;
    expect([series(a), series(p), series(vnAdultSchedule)]).toEqual(['risk', 'standard', 'risk']);
  });

  it('a birth date that is not a FHIR date is refused', () => {
    expect(() => vnScheduleFor({ birthDate: '14/05/1968' }, '2026-12-01')).toThrow(RangeError);
  });
});

describe('isVnAdult: the rule vnScheduleFor chooses by', () => {
  it('is false the day before the 16th birthday and true on it, in Vietnam time', () => {
    expect(isVnAdult('2010-12-02', '2026-12-01')).toBe(false);
    expect(isVnAdult('2010-12-01', '2026-12-01')).toBe(true);
    // 17:00Z on 30/11 is 00:00 on 01/12 in Hà Nội: the birthday.
    expect(isVnAdult('2010-12-01', '2026-11-30T17:00:00Z')).toBe(true);
    expect(isVnAdult('2010-12-01', '2026-11-30T16:59:00Z')).toBe(false);
  });

  it('agrees with the schedule vnScheduleFor picks, and is false without a birth date', () => {
    for (const birthDate of ['1968-05-14', '2010-12-01', '2010-12-02', '2025-09-20']) {
      const adult = vnScheduleFor({ birthDate }, '2026-12-01') === vnAdultSchedule;
      expect(isVnAdult(birthDate, '2026-12-01')).toBe(adult);
    }
    expect(isVnAdult(undefined, '2026-12-01')).toBe(false);
    expect(isVnAdult('not a date', '2026-12-01')).toBe(false);
  });
});

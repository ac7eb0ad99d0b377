/**
 * Vietnam's schedules as data: every vaccine, antigen and vaccine group named in Vietnamese and
 * English (no English in the Vietnamese names), every row with a source and a `verified` flag,
 * the US CVX codes of imported records mapped to target diseases, and the schedules plain JSON.
 */
import { describe, expect, it } from 'vitest';
import {
  CVX_SYSTEM,
  diseasesOf,
  lookupVaccineCode,
  vaccineCodes,
} from '@vnhealth/core/vaccination';
import {
  vnAdultSchedule,
  vnPregnancySchedule,
  vnScheduleFor,
  vnTcmrSchedule,
  type ImmunizationSchedule,
} from '@vnhealth/core/schedule';

const asOf = '2026-12-01';
const schedules: [string, ImmunizationSchedule][] = [
  ['TCMR', vnTcmrSchedule],
  ['adult', vnAdultSchedule],
  ['pregnancy', vnPregnancySchedule],
  ['child (vnScheduleFor)', vnScheduleFor({ birthDate: '2020-01-01' }, asOf)],
  ['child pregnant', vnScheduleFor({ birthDate: '2011-01-01' }, asOf, { pregnant: true })],
  ['adult pregnant', vnScheduleFor({ birthDate: '2000-01-01' }, asOf, { pregnant: true })],
];

/** English words a Vietnamese name must not contain (what the issue saw: "Measles", "OPV, bivalent (non-US)"). */
const ENGLISH =
  /\b(vaccine|unspecified|formulation|pentavalent|bivalent|non-US|measles|influenza|hepatitis|polio|tetanus|diphtheria|pertussis|adult|paediatric|pediatric|rotavirus|zoster|pneumococcal|meningococcal|varicella|japanese|encephalitis|dose|doses|booster|live|recombinant|inactivated)\b/i;

const rows = (s: ImmunizationSchedule) =>
  s.antigens.flatMap((a) => a.series.flatMap((x) => x.doses.map((d) => ({ a, x, d }))));

describe.each(schedules)('%s schedule', (_, schedule) => {
  it('names every vaccine, antigen, series and vaccine group in Vietnamese and English', () => {
    const named = [
      ...schedule.vaccines.map((v) => [`vaccine ${v.code}`, v.name] as const),
      ...schedule.antigens.map((a) => [`antigen ${a.id}`, a.name] as const),
      ...schedule.antigens.flatMap((a) => a.series.map((s) => [`series ${s.id}`, s.name] as const)),
      ...schedule.vaccineGroups.map((g) => [`group ${g.id}`, g.name] as const),
    ];
    for (const [what, name] of named) {
      expect(name?.vi, what).toMatch(/\S/);
      expect(name?.en, what).toMatch(/\S/);
      expect(name!.vi, what).not.toMatch(ENGLISH);
    }
  });

  it('every row has a source and a verified flag; an unverified row says why in its note', () => {
    for (const { x, d } of rows(schedule)) {
      const what = `${x.id} dose ${d.doseNumber}`;
      expect(d.source?.length, what).toBeGreaterThan(0);
      for (const s of d.source!) expect(s, what).toMatch(/^(https?:\/\/|reference\/)/);
      expect(typeof d.verified, what).toBe('boolean');
      if (!d.verified) expect(d.note, what).toMatch(/\S/);
    }
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schedule))).toEqual(schedule);
  });

  it('every vaccine the rows name is a vaccine of the schedule, counting for that antigen', () => {
    const known = new Map(schedule.vaccines.map((v) => [`${v.system}|${v.code}`, v]));
    for (const { a, d } of rows(schedule))
      for (const ref of [
        ...d.preferableVaccines.map((v) => v.vaccine),
        ...(d.allowableVaccines ?? []).map((v) => v.vaccine),
        ...(d.inadvertentVaccines ?? []),
      ])
        expect(
          known.get(ref)?.antigens.map((x) => x.antigen),
          ref,
        ).toContain(a.id);
  });
});

describe('row counts and verified flags', () => {
  it('TCMR keeps its 23 rows (11 verified); adult and pregnancy rows are all unverified', () => {
    const tcmr = rows(vnTcmrSchedule);
    expect(tcmr).toHaveLength(23);
    expect(tcmr.filter((r) => r.d.verified)).toHaveLength(11);
    for (const r of tcmr) expect(r.d.ages[0]?.maximumAge, r.x.id).toBe('P16Y');
    const tcmrSeries = new Set(vnTcmrSchedule.antigens.flatMap((a) => a.series.map((s) => s.id)));
    const adultOnly = rows(vnAdultSchedule).filter(
      (r) => !tcmrSeries.has(r.x.id) || r.d.doseNumber === 6,
    );
    expect(adultOnly.length).toBeGreaterThan(10);
    for (const r of adultOnly) expect(r.d.verified, `${r.x.id} ${r.d.doseNumber}`).toBe(false);
    expect(rows(vnPregnancySchedule).map((r) => r.d.verified)).toEqual(Array(5).fill(false));
  });

  it('history-only antigens are evaluation-only series, never forecast', () => {
    const history = vnAdultSchedule.antigens.filter((a) =>
      a.series.every((s) => s.type === 'evaluation-only'),
    );
    expect(history.map((a) => a.id).sort()).toEqual(
      ['covid-19', 'hepatitis-a', 'meningococcal', 'pneumococcal', 'rotavirus', 'varicella'].sort(),
    );
  });
});

describe('vaccine codes of imported records', () => {
  const cvx = (code: string) => ({ system: CVX_SYSTEM, code });

  it.each([
    ['140', 'influenza'],
    ['207', 'covid-19'],
    ['208', 'covid-19'],
    ['212', 'covid-19'],
    ['62', 'hpv'],
    ['43', 'hepatitis-b'],
    ['52', 'hepatitis-a'],
    ['33', 'pneumococcal'],
    ['49', 'hib'],
    ['114', 'meningococcal'],
    ['121', 'zoster'],
    ['198', 'hib'],
    ['178', 'polio'],
  ])('CVX %s → %s (not "other" in the history)', (code, disease) => {
    expect(diseasesOf({ coding: [cvx(code)] })).toContain(disease);
    expect(lookupVaccineCode(cvx(code))!.name.vi).not.toMatch(ENGLISH);
  });

  it('the names a nurse writes', () => {
    expect(lookupVaccineCode(cvx('198'))!.name.vi).toBe(
      'Vắc xin 5 trong 1 (bạch hầu, ho gà, uốn ván, viêm gan B, Hib)',
    );
    expect(lookupVaccineCode(cvx('178'))!.name.vi).toBe('Bại liệt uống (bOPV)');
    expect(lookupVaccineCode(cvx('05'))!.name.vi).toBe('Sởi');
  });

  it('every code is named and codes are unique', () => {
    const keys = vaccineCodes.map((c) => `${c.system}|${c.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of vaccineCodes) expect(c.name.vi, c.code).not.toMatch(ENGLISH);
  });
});

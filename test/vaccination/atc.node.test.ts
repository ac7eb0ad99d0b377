/**
 * WHO ATC vaccine codes (`http://www.whocc.no/atc`), which the hl7vn vaccine value set includes
 * and VN Core uses at product level: every ATC entry resolves its diseases, a dose coded ATC
 * only evaluates as the CVX-coded one in Vietnam's schedules (statuses, target doses, forecasts,
 * live-vaccine spacing), a record coded both ways counts once, an unknown ATC code is unmatched.
 */
import { describe, expect, it } from 'vitest';
import { createHealthClient, type Bundle, type Immunization } from '@vnhealth/core';
import {
  ATC_SYSTEM,
  CVX_SYSTEM,
  diseasesOf,
  lookupVaccineCode,
  vaccineCodes,
} from '@vnhealth/core/vaccination';
import {
  evaluateSchedule,
  vnAdultSchedule,
  vnScheduleFor,
  type ScheduleEvaluation,
} from '@vnhealth/core/schedule';

const atcEntries = vaccineCodes.filter((e) => e.system === ATC_SYSTEM);
const cvxEntry = (ref: string) =>
  vaccineCodes.find((e) => `${e.system}|${e.code}` === ref && e.system === CVX_SYSTEM);

let seq = 0;
type Coding = [system: string, code: string];
const dose = (date: string, ...codings: Coding[]): Immunization => ({
  resourceType: 'Immunization',
  id: `imm-${++seq}`,
  status: 'completed',
  vaccineCode: { coding: codings.map(([system, code]) => ({ system, code })) },
  patient: { reference: 'Patient/p1' },
  occurrenceDateTime: date,
});

/** The ATC code used for each CVX code of the histories below. */
const ATC_OF: Record<string, string> = {
  '19': 'J07AN01',
  '08': 'J07BC01',
  '43': 'J07BC01',
  '198': 'J07CA11',
  '178': 'J07BF04',
  '10': 'J07BF03',
  '05': 'J07BD01',
  '04': 'J07BD53',
  '21': 'J07BK01',
  '39': 'J07BA02',
  '01': 'J07AJ51',
  '09': 'J07AM51',
};

type History = [date: string, cvx: string][];
const asCvx = (h: History) => h.map(([d, c]) => dose(d, [CVX_SYSTEM, c]));
const asAtc = (h: History) => h.map(([d, c]) => dose(d, [ATC_SYSTEM, ATC_OF[c]!]));

function run(birthDate: string, asOf: string, immunizations: Immunization[]): ScheduleEvaluation {
  return evaluateSchedule({
    patient: { birthDate, gender: 'female' },
    immunizations,
    schedule: vnScheduleFor({ birthDate }, asOf),
    asOf,
  });
}

/** What must not depend on the coding: each group's status, doses and forecast. */
function outcome(r: ScheduleEvaluation) {
  return {
    unmatched: r.unmatched.length,
    groups: r.forecasts.map((f) => ({
      group: f.vaccineGroup,
      status: f.status,
      due: f.due,
      doses: f.doses.map((d) => [d.date, d.status, d.targetDose, d.reasons.map((x) => x.code)]),
      next: f.next,
    })),
  };
}

describe('the ATC entries', () => {
  it('cover the vaccines of the schedules and of service vaccination', () => {
    const codes = atcEntries.map((e) => e.code);
    for (const code of [
      'J07AN01',
      'J07BC01',
      'J07BC02',
      'J07BC20',
      'J07CA11',
      'J07CA09',
      'J07CA06',
      'J07CA02',
      'J07AJ51',
      'J07AJ52',
      'J07AM51',
      'J07AM01',
      'J07AG01',
      'J07BF04',
      'J07BF02',
      'J07BF03',
      'J07BD01',
      'J07BD53',
      'J07BD52',
      'J07BD54',
      'J07BJ01',
      'J07BA02',
      'J07BA03',
      'J07BH01',
      'J07BH02',
      'J07BB01',
      'J07BB02',
      'J07BB03',
      'J07AL02',
      'J07AL01',
      'J07BM01',
      'J07BM02',
      'J07BM03',
      'J07BK01',
      'J07BK02',
      'J07BK03',
      'J07AH07',
      'J07AH08',
      'J07AH09',
      'J07BN01',
      'J07BN02',
      'J07BN03',
      'J07BN04',
      'J07BG01',
      'J07AP03',
      'J07AE01',
      'J07BX04',
      'J07BL01',
    ])
      expect(codes, code).toContain(code);
  });

  it.each(atcEntries.map((e) => [e.code, e] as const))(
    '%s resolves its diseases; its CVX equivalents exist and share them',
    (code, e) => {
      expect(code).toMatch(/^J07[A-Z]{2}\d{2}$/);
      expect(e.display).toMatch(/^[a-z]/); // the WHO index writes 5th-level names in lower case
      expect(diseasesOf({ coding: [{ system: ATC_SYSTEM, code }] })).toEqual(e.diseases);
      expect(e.diseases.length).toBeGreaterThan(0);
      expect(e.name.vi).toMatch(/\S/);
      for (const ref of e.sameAs ?? []) {
        const twin = cvxEntry(ref);
        expect(twin, ref).toBeDefined();
        for (const d of twin!.diseases) expect(e.diseases, ref).toContain(d);
      }
      const twin = e.sameAs?.length === 1 ? cvxEntry(e.sameAs[0]!)! : undefined;
      if (twin && e.name === twin.name) {
        // The same vaccine: its CVX entry's names, diseases and live flag.
        expect(e.diseases).toEqual(twin.diseases);
        expect(Boolean(e.liveParenteral)).toBe(Boolean(twin.liveParenteral));
      }
    },
  );

  it('the pentavalent vaccine Vietnam uses is the CVX 198 vaccine, with its Vietnamese name', () => {
    const penta = lookupVaccineCode({ system: ATC_SYSTEM, code: 'J07CA11' })!;
    expect(penta.sameAs).toEqual([`${CVX_SYSTEM}|198`]);
    expect(penta.name).toBe(lookupVaccineCode({ system: CVX_SYSTEM, code: '198' })!.name);
    expect(penta.display).toBe('diphtheria-haemophilus influenzae B-pertussis-tetanus-hepatitis B');
  });

  it('an unknown ATC code is not a vaccine the SDK knows', () => {
    const malaria = { system: ATC_SYSTEM, code: 'J07XA01' };
    expect(lookupVaccineCode(malaria)).toBeUndefined();
    expect(diseasesOf({ coding: [malaria] })).toEqual([]);
  });
});

describe("a child's TCMR series coded ATC only", () => {
  const birth = '2025-01-10';
  const tcmr: History = [
    ['2025-01-10', '08'],
    ['2025-01-12', '19'],
    ['2025-03-10', '198'],
    ['2025-03-10', '178'],
    ['2025-04-11', '198'],
    ['2025-04-11', '178'],
    ['2025-05-12', '198'],
    ['2025-05-12', '178'],
    ['2025-06-10', '10'],
    ['2025-10-10', '05'],
    ['2026-01-12', '39'],
    ['2026-01-20', '39'],
  ];

  it.each(['2025-04-01', '2026-03-01', '2026-08-01'])(
    'evaluates and forecasts as the CVX-coded series (as of %s)',
    (asOf) => {
      const given = (h: History) => h.filter(([d]) => d <= asOf);
      const cvx = run(birth, asOf, asCvx(given(tcmr)));
      const atc = run(birth, asOf, asAtc(given(tcmr)));
      expect(outcome(atc)).toEqual(outcome(cvx));
      expect(cvx.unmatched).toEqual([]);
    },
  );

  it('its doses count: complete BCG, the 5-in-1 series, measles dose 1 valid', () => {
    const r = run(birth, '2026-03-01', asAtc(tcmr));
    const by = Object.fromEntries(r.forecasts.map((f) => [f.vaccineGroup, f]));
    expect(by.tuberculosis!.status).toBe('complete');
    expect(by.dtp!.doses.map((d) => [d.status, d.targetDose])).toEqual([
      ['valid', 1],
      ['valid', 2],
      ['valid', 3],
    ]);
    expect(by.dtp!.doses[0]!.vaccine).toBe(`${ATC_SYSTEM}|J07CA11`);
    expect(by['measles-rubella']!.doses[0]).toMatchObject({ status: 'valid', targetDose: 1 });
    expect(by['measles-rubella']!.next).toMatchObject({ targetDose: 2 });
  });

  it('the live-vaccine spacing holds: MR 10 days after varicella is not valid either way', () => {
    const h: History = [
      ['2026-07-01', '21'],
      ['2026-07-11', '04'],
    ];
    for (const doses of [asCvx(h), asAtc(h)]) {
      const r = run(birth, '2026-08-01', doses);
      const mr = r.forecasts.find((f) => f.vaccineGroup === 'measles-rubella')!;
      expect(mr.doses[0]!.status).toBe('not-valid');
      expect(mr.doses[0]!.reasons.map((x) => x.code)).toContain('vaccine-conflict');
    }
    expect(outcome(run(birth, '2026-08-01', asAtc(h)))).toEqual(
      outcome(run(birth, '2026-08-01', asCvx(h))),
    );
  });
});

describe('a record coded with both CVX and ATC', () => {
  const birth = '2025-01-10';
  const asOf = '2025-06-01';
  const series: History = [
    ['2025-03-10', '198'],
    ['2025-04-11', '198'],
  ];
  const both = series.map(([d, c]) => dose(d, [ATC_SYSTEM, ATC_OF[c]!], [CVX_SYSTEM, c]));

  it('counts once, as the CVX vaccine, whichever coding comes first', () => {
    const r = run(birth, asOf, both);
    expect(outcome(r)).toEqual(outcome(run(birth, asOf, asCvx(series))));
    for (const a of r.antigens.filter((x) => x.doses.length))
      expect(a.doses.map((d) => d.vaccine)).toEqual([`${CVX_SYSTEM}|198`, `${CVX_SYSTEM}|198`]);
    const dtp = r.forecasts.find((f) => f.vaccineGroup === 'dtp')!;
    expect(dtp.doses).toHaveLength(2);
    expect(dtp.next).toMatchObject({ targetDose: 3 });
  });

  it('and the same dose reported by two facilities, one in CVX, one in ATC, is one entry', async () => {
    const a: Immunization = { ...dose('2025-03-10', [CVX_SYSTEM, '198']), primarySource: true };
    const b = dose('2025-03-11', [ATC_SYSTEM, 'J07CA11']);
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [a, b].map((resource) => ({ resource })),
    };
    const health = createHealthClient({
      baseUrl: 'https://fhir.example.vn',
      fetch: async () =>
        new Response(JSON.stringify(bundle), {
          headers: { 'content-type': 'application/fhir+json' },
        }),
    });
    const history = await health.vaccination.getHistory('p1');
    expect(history.entries).toHaveLength(1);
    expect(history.entries[0]!.immunization.id).toBe(a.id);
    expect(history.entries[0]!.duplicates.map((d) => d.id)).toEqual([b.id]);
  });
});

describe("an adult's ATC-coded doses", () => {
  const birth = '1968-05-14';
  const asOf = '2026-12-01';
  const adult: History = [
    ['2020-03-01', '09'],
    ['2025-01-06', '43'],
    ['2025-02-10', '43'],
    ['2025-07-14', '43'],
  ];

  it('count in the adult schedule: hepatitis B complete, Td booster due in 2030', () => {
    expect(vnScheduleFor({ birthDate: birth }, asOf)).toBe(vnAdultSchedule);
    const r = run(birth, asOf, asAtc(adult));
    const by = Object.fromEntries(r.forecasts.map((f) => [f.vaccineGroup, f]));
    expect(by['hepatitis-b']!.status).toBe('complete');
    expect(by['hepatitis-b']!.doses.map((d) => d.status)).toEqual(['valid', 'valid', 'valid']);
    expect(by.dtp!.doses[0]).toMatchObject({ status: 'valid', targetDose: 6 });
    expect(by.dtp!.next).toMatchObject({ recommendedDate: '2030-03-01', due: 'upcoming' });
    expect(outcome(r)).toEqual(outcome(run(birth, asOf, asCvx(adult))));
  });

  it('an unknown ATC code is unmatched ("other vaccines"), not guessed', () => {
    const leptospira = dose('2024-05-01', [ATC_SYSTEM, 'J07AX01']);
    const r = run(birth, asOf, [leptospira]);
    expect(r.unmatched).toEqual([leptospira]);
    expect(r.forecasts.flatMap((f) => f.doses)).toEqual([]);
  });
});

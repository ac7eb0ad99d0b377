/**
 * Vaccination from 16 years in Vietnam, as data on the CDSi model. Vietnam has no national
 * adult schedule: the TCMR is for children and pregnant women, adults are vaccinated in service
 * vaccination (tiêm chủng dịch vụ) after the products' Vietnamese indications and the
 * vaccination centres' schedules. So every adult row is `verified: false`, with the Vietnamese
 * page it comes from; a vaccine without one is history-only (its doses evaluate, nothing is
 * forecast).
 *
 * - The TCMR antigens stay, aging out at 16: an adult's childhood doses still evaluate.
 * - Hepatitis B: a 3-dose series (0, 1, 6 months) in a second series group, equivalent to the
 *   TCMR one: a complete childhood series is enough; otherwise every earlier dose counts.
 * - Diphtheria–tetanus: the TCMR doses are skipped from 16; a Td booster every 10 years follows.
 * - Influenza every year; HPV from 9 to 26 years (3 doses); zoster from 50 years (2 doses).
 * - COVID-19, hepatitis A, pneumococcal, meningococcal, varicella, rotavirus: history-only.
 *
 * @module
 */
import { vaccineCodes } from '../codes.ts';
import type { ImmunizationSchedule } from './types.ts';
import { history, NO_ADULT_SOURCE, serviceVaccines } from './vn-history.ts';
import { maternalTetanus, vnPregnancyObservation } from './vn-pregnancy.ts';
import { CHILD_UNTIL, tcmrRows } from './vn-tcmr.ts';
import {
  cvx,
  liveConflicts,
  vn,
  vnSchedule,
  type VnAntigenRow,
  type VnDoseRow,
} from './vn-rows.ts';

/** Service vaccination centre schedule for adolescents and adults (Vietnamese). */
const VACCO = 'https://tiemchungvacco.com/lich-tiem-chung-cho-tuoi-vi-thanh-nien-va-nguoi-lon/';
/** Pasteur Institute HCMC's service schedule, as reproduced (influenza yearly from 6 months). */
const PASTEUR = 'https://linhkiem.vn/lich-lam-viec-cua-vien-pasteur/';
/** Gardasil 9's Vietnamese indication and schedule (distributor page). */
const HPV9 = 'https://dlv.vn/2022/06/29/vac-xin-gardasil-9/';
/** Shingrix's Vietnamese label summary: registration 540310303224, from 50 years. */
const SHINGRIX = 'https://hscc.vn/tools.asp?id=bantin&idnhom=7&idtin=1742';
/** MSD Manual (Vietnamese): 2 doses 2–6 months apart; a live zoster dose does not count. */
const MSD_ZOSTER =
  'https://www.msdmanuals.com/vi/professional/b%E1%BB%87nh-truy%E1%BB%81n-nhi%E1%BB%85m/ti%C3%AAm-ch%E1%BB%A7ng/v%E1%BA%AFc-xin-herpes-zoster';

const SERVICE = 'Service vaccination (not in a circular or an MoH schedule); never past due.';

const adult = (row: Omit<VnDoseRow, 'verified' | 'pastDue'>): VnDoseRow => ({
  ...row,
  pastDue: false,
  verified: false,
  note: row.note ? `${row.note} ${SERVICE}` : SERVICE,
});

const tcmr = (id: string) => tcmrRows.find((a) => a.id === id)!;

function hepatitisB(): VnAntigenRow {
  const row = tcmr('hepatitis-b');
  const hepb = (n: number, interval?: 'P1M' | 'P5M'): VnDoseRow =>
    adult({
      doseNumber: n,
      ...(interval
        ? { minimumInterval: interval, recommendedInterval: interval }
        : { recommendedAge: CHILD_UNTIL }),
      preferableVaccines: cvx('43', '45'),
      allowableVaccines: [...cvx('08', '198', '102', '146', '104'), ...vn('hepatitis-b')],
      source: [VACCO],
      note:
        n === 3
          ? 'Schedule 0-1-6 months (the alternative 0-1-2-12 is not modelled). Any earlier hepatitis B dose counts.'
          : n === 1
            ? 'Recommended from 16 (the adult schedule); any earlier hepatitis B dose counts.'
            : 'Any earlier hepatitis B dose counts.',
    });
  return {
    ...row,
    series: [
      { ...row.series[0]!, equivalentGroups: ['2'] },
      {
        id: 'hepatitis-b-adult',
        name: { vi: '3 mũi (0, 1, 6 tháng)', en: '3 doses (0, 1, 6 months)' },
        group: '2',
        equivalentGroups: ['1'],
        minAgeToStart: CHILD_UNTIL,
        doses: [hepb(1), hepb(2, 'P1M'), hepb(3, 'P5M')],
      },
    ],
  };
}

function diphtheriaTetanus(): VnAntigenRow {
  const row = tcmr('dtp');
  const series = row.series[0]!;
  return {
    ...row,
    series: [
      {
        ...series,
        name: { vi: 'TCMR + nhắc lại Td mỗi 10 năm', en: 'TCMR + Td booster every 10 years' },
        doses: [
          ...series.doses.map((d) => ({
            ...d,
            skipFromAge: CHILD_UNTIL,
            note: `${d.note} From 16 the dose is skipped: the Td booster follows.`,
          })),
          adult({
            doseNumber: 6,
            label: { vi: 'Nhắc lại mỗi 10 năm (Td)', en: 'Booster every 10 years (Td)' },
            minimumAge: CHILD_UNTIL,
            minimumInterval: 'P10Y',
            absoluteMinimumInterval: 'P0D',
            recommendedInterval: 'P10Y',
            recurring: true,
            preferableVaccines: cvx('09', '139'),
            allowableVaccines: [...cvx('113', '115', '35', '112'), ...vn('tetanus', 'diphtheria')],
            source: [VACCO],
            note: 'One dose, then one every 10 years. From 16 the missing TCMR doses are skipped and this booster is due; a dose sooner than 10 years still counts (as in the CDC data). No primary catch-up for adults never vaccinated is in the sources read.',
          }),
        ],
      },
    ],
  };
}

const influenza = (): VnAntigenRow => ({
  id: 'influenza',
  name: { vi: 'Cúm', en: 'Influenza' },
  diseases: ['influenza'],
  series: [
    {
      id: 'influenza-yearly',
      name: { vi: 'Mỗi năm 1 mũi', en: 'One dose every year' },
      doses: [
        adult({
          doseNumber: 1,
          label: { vi: 'Hằng năm', en: 'Yearly' },
          minimumAge: 'P6M',
          minimumInterval: 'P1Y',
          absoluteMinimumInterval: 'P4W',
          recommendedInterval: 'P1Y',
          recurring: true,
          preferableVaccines: serviceVaccines().influenza.slice(0, 4),
          allowableVaccines: serviceVaccines().influenza.slice(4),
          source: [PASTEUR, VACCO],
          note: 'From 6 months, then yearly. A dose 4 weeks or more after the previous one counts (the shortest interval of the sources: 2 doses a month apart for a child’s first season).',
        }),
      ],
    },
  ],
});

const hpvDose = (n: number, min?: 'P1M' | 'P3M', rec?: 'P2M' | 'P4M'): VnDoseRow =>
  adult({
    doseNumber: n,
    ...(min ? { minimumInterval: min, recommendedInterval: rec! } : { minimumAge: 'P9Y' }),
    maximumAge: 'P27Y',
    preferableVaccines: cvx('165', '62'),
    allowableVaccines: cvx('118', '137'),
    source: [HPV9],
    note: 'Vietnamese indication 9–26 years (so no dose from 27); from 15 years 3 doses at 0, 2, 6 months: dose 2 at least 1 month after dose 1, dose 3 at least 3 months after dose 2.',
  });

const hpv = (): VnAntigenRow => ({
  id: 'hpv',
  name: { vi: 'HPV (ung thư cổ tử cung)', en: 'HPV' },
  diseases: ['hpv'],
  series: [
    {
      id: 'hpv-adult',
      name: { vi: '3 mũi (0, 2, 6 tháng)', en: '3 doses (0, 2, 6 months)' },
      doses: [hpvDose(1), hpvDose(2, 'P1M', 'P2M'), hpvDose(3, 'P3M', 'P4M')],
    },
  ],
});

const zosterDose = (n: number): VnDoseRow =>
  adult({
    doseNumber: n,
    ...(n === 1 ? { minimumAge: 'P50Y' } : { minimumInterval: 'P2M', recommendedInterval: 'P2M' }),
    preferableVaccines: cvx('187'),
    allowableVaccines: cvx('188'),
    inadvertentVaccines: cvx('121'),
    source: [SHINGRIX, MSD_ZOSTER],
    note: 'Recombinant zoster vaccine from 50 years, 2 doses 2–6 months apart; a live zoster vaccine dose does not count.',
  });

const zoster = (): VnAntigenRow => ({
  id: 'zoster',
  name: { vi: 'Zona thần kinh', en: 'Zoster (shingles)' },
  diseases: ['zoster'],
  series: [
    {
      id: 'zoster-recombinant',
      name: { vi: '2 mũi từ 50 tuổi', en: '2 doses from 50' },
      doses: [zosterDose(1), zosterDose(2)],
    },
  ],
});

/** The adult rows, TCMR antigens first, without the pregnancy rows (internal). */
export function adultRows(): VnAntigenRow[] {
  return [
    ...tcmrRows.map((a) =>
      a.id === 'hepatitis-b' ? hepatitisB() : a.id === 'dtp' ? diphtheriaTetanus() : a,
    ),
    influenza(),
    hpv(),
    zoster(),
    history(
      'covid',
      `${NO_ADULT_SOURCE} The COVID-19 campaign's decisions (primary doses, boosters) are not modelled.`,
    ),
    history('hepA', NO_ADULT_SOURCE),
    history('pneumococcal', NO_ADULT_SOURCE),
    history('meningococcal', NO_ADULT_SOURCE),
    history('varicella', NO_ADULT_SOURCE),
    history('rotavirus', NO_ADULT_SOURCE),
  ];
}

/** Live injected vaccines conflicting with each other (the CDC's values, as in the TCMR). */
export const LIVE = /* @__PURE__ */ liveConflicts(['03', '04', '05', '06', '21', '94']);

/**
 * Vaccination from 16 years (Vietnam's "children" are under 16: Law on Children 2016), as data
 * for {@link evaluateSchedule}: the TCMR antigens aging out (childhood doses still evaluate),
 * hepatitis B (0, 1, 6 months, unless the childhood series is complete), a Td booster every 10
 * years, influenza yearly, HPV to 26, zoster from 50, and history-only antigens for COVID-19,
 * hepatitis A, pneumococcal, meningococcal, varicella and rotavirus vaccines. Adult rows are
 * `verified: false` (service vaccination sources, no MoH adult schedule). Tetanus for pregnant
 * women is a risk series: relevant with a pregnancy observation ({@link vnPregnancyObservation});
 * for a patient known to be pregnant use {@link vnScheduleFor} with `{ pregnant: true }`.
 *
 * @example
 * import { evaluateSchedule, vnAdultSchedule } from '@vnhealth/core/schedule';
 * evaluateSchedule({ patient, immunizations, schedule: vnAdultSchedule, asOf: '2026-12-01' });
 */
export const vnAdultSchedule: ImmunizationSchedule = /* @__PURE__ */ adultSchedule();

function adultSchedule(): ImmunizationSchedule {
  return {
    id: 'vn-adult',
    title: {
      vi: 'Lịch tiêm chủng từ 16 tuổi (tiêm chủng dịch vụ)',
      en: 'Vaccination from 16 years (service vaccination, Vietnam)',
    },
    legalBasis:
      'No national adult schedule: TCMR (Circular 10/2024/TT-BYT) covers children and pregnant women; adult rows come from service vaccination sources.',
    warning:
      'Adult rows are verified=false (vaccination centres and Vietnamese product indications, not a circular): advice to discuss, not reminders.',
    ...vnSchedule([...adultRows(), maternalTetanus('risk')], vaccineCodes),
    conflicts: LIVE,
    observations: [vnPregnancyObservation],
  };
}

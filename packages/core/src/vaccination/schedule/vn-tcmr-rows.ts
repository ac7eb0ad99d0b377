/**
 * The rows of the Vietnamese Expanded Programme on Immunization (Tiêm chủng mở rộng, TCMR)
 * childhood schedule, built from `reference/vn-core/tcmr-schedule-partial.json` and its sources.
 *
 * Only rows with `verified: true` were checked (by the reference's authors) against an English
 * rendering of Circular 10/2024/TT-BYT or, for IPV dose 1, Decision 2144/QĐ-BYT. Every other row
 * keeps `verified: false` and its secondary source: do not drive clinical reminders from them.
 * Where the sources give no number the engine needs (a maximum age, a past-due window), the
 * choice is an SDK policy and says so in `note`.
 *
 * @internal
 @module
 */
import type { VaccineRef } from './types.ts';
import { cvx, vn, type VnAntigenRow, type VnDoseRow } from './vn-rows.ts';

const C10 =
  'https://english.luatvietnam.vn/y-te/circular-10-2024-tt-byt-infectious-diseases-subjects-of-obligatory-use-of-vaccines-351455-d1.html';
const C10b =
  'https://lawnet.vn/thong-tin-phap-luat/en/tu-van-luat/list-of-infectious-diseases-and-subjects-required-to-use-vaccines-from-august-1-2024-in-vietnam-140387.html';
const NUOITRE =
  'https://nuoitre.com/amp/nuoi-con-khoe-manh/phong-benh-bang-vacxin/lich-tiem-chung-cho-tre';
const VIETGIOITINH =
  'http://www.vietgioitinh.net/be-moi-sinh/lich-tiem-phong-cho-tre-so-sinh-42141.html';
const D2144 =
  'https://tiemchungmorong.vn/vi/content/quyet-dinh-so-2144qd-byt-ngay-462016-ve-viec-phe-duyet-lich-tiem-chung-vac-xin-bai-liet-tiem';

const PENTA = cvx('198');
const PENTA_OTHER = cvx('102', '146');
const HIB = cvx('17', '48', '49', '22');
const DTP_PRIMARY_ALLOWED = [
  ...PENTA_OTHER,
  ...cvx('01', '20', '106', '107', '22'),
  ...vn('diphtheria', 'pertussis', 'tetanus'),
];

const primary = (
  n: 1 | 2 | 3,
  preferable: VaccineRef[],
  allowable: VaccineRef[],
  source: string[],
  note?: string,
): VnDoseRow => ({
  doseNumber: n,
  ...(n === 1
    ? { minimumAge: 'P2M', recommendedAge: 'P2M' }
    : {
        recommendedAge: n === 2 ? 'P3M' : 'P4M',
        minimumInterval: 'P1M',
        recommendedInterval: 'P1M',
      }),
  preferableVaccines: preferable,
  allowableVaccines: allowable,
  verified: true,
  source,
  note:
    (n === 1
      ? 'Circular: at 2 months. The circular gives no earlier minimum age, so the minimum age is 2 months (with the 4-day grace period).'
      : 'Circular: at least 1 month after the previous dose; the nominal age (3/4 months) is from secondary sources.') +
    (note ? ` ${note}` : ''),
});

/** The TCMR rows as the sources give them (internal; `vn-tcmr.ts` adds the maximum age). */
export const written: VnAntigenRow[] = [
  {
    id: 'hepatitis-b',
    name: { vi: 'Viêm gan B', en: 'Hepatitis B' },
    diseases: ['hepatitis-b'],
    series: [
      {
        id: 'hepatitis-b-tcmr',
        name: { vi: 'Sơ sinh + 3 mũi', en: 'Birth dose + 3 doses' },
        doses: [
          {
            doseNumber: 1,
            label: { vi: 'Sơ sinh', en: 'Birth dose' },
            minimumAge: 'P0D',
            recommendedAge: 'P0D',
            latestRecommendedAge: 'P1D',
            skipFromAge: 'P2M',
            preferableVaccines: cvx('08'),
            allowableVaccines: [...cvx('45'), ...vn('hepatitis-b')],
            verified: true,
            source: [C10, C10b],
            note: 'Circular: monovalent hepatitis B within 24 hours of birth. With calendar dates, "within 24 h" is the birth day or the next day; overdue from the day after. Skipped from 2 months (an SDK policy, not in the circular; it was maximumAge P2M before the CDSi model): a missed birth dose is no longer forecast once the HepB-containing combination series starts at 2 months, and a dose given from 2 months − 4 days counts for the next dose.',
          },
          {
            ...primary(
              1,
              PENTA,
              [...PENTA_OTHER, ...cvx('08', '45'), ...vn('hepatitis-b')],
              [C10, C10b],
            ),
            doseNumber: 2,
          },
          {
            ...primary(
              2,
              PENTA,
              [...PENTA_OTHER, ...cvx('08', '45'), ...vn('hepatitis-b')],
              [C10, C10b, NUOITRE],
            ),
            doseNumber: 3,
          },
          {
            ...primary(
              3,
              PENTA,
              [...PENTA_OTHER, ...cvx('08', '45'), ...vn('hepatitis-b')],
              [C10, C10b, NUOITRE],
            ),
            doseNumber: 4,
          },
        ],
      },
    ],
  },
  {
    id: 'tuberculosis',
    name: { vi: 'Lao (BCG)', en: 'Tuberculosis (BCG)' },
    diseases: ['tuberculosis'],
    series: [
      {
        id: 'bcg-tcmr',
        name: { vi: '1 mũi', en: '1 dose' },
        doses: [
          {
            doseNumber: 1,
            minimumAge: 'P0D',
            recommendedAge: 'P0D',
            latestRecommendedAge: 'P1M',
            preferableVaccines: cvx('19'),
            allowableVaccines: vn('tuberculosis'),
            verified: true,
            source: [C10, C10b],
            note: 'Circular: once, within 1 month after birth; overdue from the day after the 1-month birthday. No maximum age in the sources.',
          },
        ],
      },
    ],
  },
  {
    id: 'dtp',
    name: { vi: 'Bạch hầu – Ho gà – Uốn ván', en: 'Diphtheria – Pertussis – Tetanus' },
    diseases: ['diphtheria', 'pertussis', 'tetanus'],
    series: [
      {
        id: 'dtp-tcmr',
        name: { vi: '3 mũi cơ bản + 2 mũi nhắc', en: '3 primary doses + 2 boosters' },
        doses: [
          primary(
            1,
            PENTA,
            DTP_PRIMARY_ALLOWED,
            [C10, C10b],
            'Pertussis row truncated in the sources read; diphtheria row verified.',
          ),
          primary(2, PENTA, DTP_PRIMARY_ALLOWED, [C10, C10b, NUOITRE]),
          primary(3, PENTA, DTP_PRIMARY_ALLOWED, [C10, C10b, NUOITRE]),
          {
            doseNumber: 4,
            label: { vi: 'Nhắc lại (DPT4)', en: 'Booster (DTP4)' },
            minimumAge: 'P18M',
            recommendedAge: 'P18M',
            preferableVaccines: cvx('01'),
            allowableVaccines: [
              ...cvx('107', '20', '106', '198', '102', '146'),
              ...vn('diphtheria'),
            ],
            verified: true,
            source: [C10, C10b],
            note: 'Circular: diphtheria-containing combination booster at 18 months. No minimum interval from dose 3 in the sources.',
          },
          {
            doseNumber: 5,
            label: { vi: 'Nhắc lại (Td)', en: 'Booster (Td)' },
            minimumAge: 'P7Y',
            recommendedAge: 'P7Y',
            preferableVaccines: cvx('09', '139'),
            allowableVaccines: [...cvx('113', '115', '28'), ...vn('diphtheria', 'tetanus')],
            verified: true,
            source: [C10],
            note: 'Circular: reduced-diphtheria combination (Td) at 7 years.',
          },
        ],
      },
    ],
  },
  {
    id: 'hib',
    name: { vi: 'Hib (viêm phổi, viêm màng não mủ)', en: 'Hib' },
    diseases: ['hib'],
    series: [
      {
        id: 'hib-tcmr',
        name: { vi: '3 mũi', en: '3 doses' },
        doses: [1, 2, 3].map((n) => ({
          ...primary(
            n as 1 | 2 | 3,
            PENTA,
            [...PENTA_OTHER, ...HIB, ...vn('hib')],
            [C10, C10b, NUOITRE],
          ),
          verified: false,
          note: 'Given as part of the 5-in-1 vaccine on the verified 2m/+1m/+1m rule; a separate Hib row of the circular was not read.',
        })),
      },
    ],
  },
  {
    id: 'polio-opv',
    name: { vi: 'Bại liệt uống (bOPV)', en: 'Polio, oral (bOPV)' },
    diseases: ['polio'],
    series: [
      {
        id: 'bopv-tcmr',
        name: { vi: '3 liều', en: '3 doses' },
        doses: [1, 2, 3].map((n): VnDoseRow => ({
          doseNumber: n,
          recommendedAge: `P${n + 1}M`,
          ...(n === 1
            ? { minimumAge: 'P2M' }
            : { minimumInterval: 'P1M', recommendedInterval: 'P1M' }),
          preferableVaccines: cvx('178'),
          allowableVaccines: [...cvx('182', '179', '02'), ...vn('polio')],
          verified: false,
          source: [VIETGIOITINH, NUOITRE],
          note: 'Secondary sources only; the polio rows of Circular 10/2024 were not read.',
        })),
      },
    ],
  },
  {
    id: 'polio-ipv',
    name: { vi: 'Bại liệt tiêm (IPV)', en: 'Polio, inactivated (IPV)' },
    diseases: ['polio'],
    series: [
      {
        id: 'ipv-tcmr',
        name: { vi: '2 mũi', en: '2 doses' },
        doses: [
          {
            doseNumber: 1,
            minimumAge: 'P5M',
            recommendedAge: 'P5M',
            preferableVaccines: cvx('10'),
            allowableVaccines: cvx('89'),
            verified: true,
            source: [D2144],
            note: 'Decision 2144/QĐ-BYT (2016) introduced IPV at 5 months.',
          },
          {
            doseNumber: 2,
            minimumAge: 'P9M',
            recommendedAge: 'P9M',
            preferableVaccines: cvx('10'),
            allowableVaccines: cvx('89'),
            verified: false,
            source: ['reference/vn-core/tcmr-schedule-partial.json'],
            note: 'From memory in the reference; not found in any source read.',
          },
        ],
      },
    ],
  },
  {
    id: 'measles-rubella',
    name: { vi: 'Sởi – Rubella', en: 'Measles – Rubella' },
    diseases: ['measles', 'rubella'],
    series: [
      {
        id: 'mr-tcmr',
        name: { vi: 'Sởi 9 tháng + MR 18 tháng', en: 'Measles 9 months + MR 18 months' },
        doses: [
          {
            doseNumber: 1,
            minimumAge: 'P9M',
            recommendedAge: 'P9M',
            preferableVaccines: cvx('05'),
            allowableVaccines: [...cvx('04', '03', '94'), ...vn('measles')],
            verified: false,
            source: [NUOITRE, VIETGIOITINH],
          },
          {
            doseNumber: 2,
            minimumAge: 'P18M',
            recommendedAge: 'P18M',
            preferableVaccines: cvx('04'),
            allowableVaccines: [...cvx('03', '94', '05'), ...vn('measles', 'rubella')],
            verified: false,
            source: [NUOITRE, VIETGIOITINH],
            note: "Secondary sources say 'measles dose 2 at 18 months'; the MR product at 18 months is not confirmed from the circular text.",
          },
        ],
      },
    ],
  },
  {
    id: 'japanese-encephalitis',
    name: { vi: 'Viêm não Nhật Bản', en: 'Japanese encephalitis' },
    diseases: ['japanese-encephalitis'],
    series: [
      {
        id: 'je-tcmr',
        name: { vi: '3 mũi', en: '3 doses' },
        doses: [
          {
            doseNumber: 1,
            minimumAge: 'P12M',
            recommendedAge: 'P12M',
            preferableVaccines: cvx('39'),
            allowableVaccines: [...cvx('129', '134'), ...vn('japanese-encephalitis')],
            verified: false,
            source: [NUOITRE],
          },
          {
            doseNumber: 2,
            minimumInterval: 'P1W',
            recommendedInterval: 'P1W',
            preferableVaccines: cvx('39'),
            allowableVaccines: [...cvx('129', '134'), ...vn('japanese-encephalitis')],
            verified: false,
            source: [NUOITRE],
            note: '1–2 weeks after dose 1.',
          },
          {
            doseNumber: 3,
            minimumInterval: 'P1Y',
            recommendedInterval: 'P1Y',
            preferableVaccines: cvx('39'),
            allowableVaccines: [...cvx('129', '134'), ...vn('japanese-encephalitis')],
            verified: false,
            source: [NUOITRE],
            note: '1 year after dose 2.',
          },
        ],
      },
    ],
  },
];

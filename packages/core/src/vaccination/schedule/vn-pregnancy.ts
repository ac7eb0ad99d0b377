/**
 * Tetanus vaccination of pregnant women in Vietnam's Expanded Programme on Immunization (TCMR):
 * five doses of a tetanus-containing vaccine (Td, formerly TT "VAT") for a woman never
 * vaccinated or with an unknown history. Dose 1 as early as possible in the first pregnancy,
 * dose 2 at least 1 month later, dose 3 at least 6 months after dose 2 (or in the next
 * pregnancy), doses 4 and 5 at least 1 year after the one before (or in the next pregnancy).
 *
 * Every row is `verified: false`: the schedule is the Ministry of Health's as quoted by Từ Dũ
 * Hospital (HCMC's obstetrics hospital) and by a hospital page citing Circular 38/2017/TT-BYT;
 * the pregnant-women row of Circular 10/2024/TT-BYT itself was not read.
 *
 * @module
 */
import { vaccineCodes } from '../codes.ts';
import type { ImmunizationSchedule, ScheduleObservation } from './types.ts';
import { cvx, vn, vnSchedule, type VnAntigenRow, type VnDoseRow } from './vn-rows.ts';

const TUDU = 'https://tudu.com.vn/vn/suc-khoe-mang-thai/chuong-trinh-tiem-chung-uon-van/';
const TUDU_QA = 'https://mekhoebekhoe.com/hoi-dap-chuong-trinh-tiem-chung-uon-van';
const C38 =
  'https://benhvienphuongchau.com/mang-thai/tiem-phong-uon-van-cho-ba-bau-lich-tiem-tai-sao-can-tiem-va-cac-luu-y';
const WOMEN_15_35 =
  'http://choicungbe.com/tre-thong-minh/lich-tiem-phong-vaccin-uon-van-cho-phu-nu.ccb';
const SOURCE = [TUDU, TUDU_QA, C38, WOMEN_15_35];

/** CDSi's observation code for "pregnant" (the CDC's supporting data). */
export const PREGNANT = '007';

/**
 * The pregnancy observation the Vietnamese schedules list (CDSi code `007`): a FHIR Condition or
 * Observation coded with one of these codings (an Observation's `valueCodeableConcept` counts,
 * e.g. LOINC 82810-3 "Pregnancy status" = SNOMED 77386006), or with
 * `https://fhir.vnhealth.dev/CodeSystem/cdsi-observation|007`, in `evaluateSchedule`'s
 * `observations` marks the patient pregnant from its effective or onset date. Pass only a
 * current pregnancy: an active observation counts whatever its date (a Condition whose clinical
 * status is `resolved` or `inactive` does not).
 */
export const vnPregnancyObservation: ScheduleObservation = {
  code: PREGNANT,
  title: 'Pregnant',
  codings: [
    { system: 'http://snomed.info/sct', code: '77386006', display: 'Patient currently pregnant' },
    { system: 'http://snomed.info/sct', code: '255409004', display: 'Pregnant woman' },
    { system: 'http://hl7.org/fhir/sid/icd-10', code: 'Z33', display: 'Pregnant state' },
    { system: 'http://hl7.org/fhir/sid/icd-10', code: 'Z34', display: 'Normal pregnancy' },
    { system: 'http://hl7.org/fhir/sid/icd-10', code: 'Z34.0', display: 'Normal first pregnancy' },
    { system: 'http://hl7.org/fhir/sid/icd-10', code: 'Z34.8', display: 'Other normal pregnancy' },
    { system: 'http://hl7.org/fhir/sid/icd-10', code: 'Z34.9', display: 'Normal pregnancy' },
  ],
};

const dose = (n: number, interval?: 'P1M' | 'P6M' | 'P1Y'): VnDoseRow => ({
  doseNumber: n,
  label: { vi: `Lần ${n}`, en: `Dose ${n}` },
  ...(interval
    ? { minimumInterval: interval, recommendedInterval: interval }
    : { minimumInterval: 'P0D', intervalFromObservation: PREGNANT }),
  pastDue: false,
  preferableVaccines: cvx('09', '139'),
  allowableVaccines: [...cvx('113', '115', '35', '112'), ...vn('tetanus')],
  verified: false,
  source: SOURCE,
  note: [
    n === 1
      ? 'As early as possible in the first pregnancy: from the date of the pregnancy observation when there is one.'
      : `At least ${interval === 'P1M' ? '1 month' : interval === 'P6M' ? '6 months' : '1 year'} after the previous dose.`,
    n >= 3 ? 'The alternative "or in the next pregnancy" is not modelled.' : '',
    'Never past due (the sources give no deadline; the 1 month before delivery for dose 2 needs a due date the inputs do not have).',
  ]
    .filter(Boolean)
    .join(' '),
});

/**
 * The maternal tetanus antigen. `risk`: relevant only with a pregnancy observation (CDSi risk
 * indication `007`); `standard`: for a patient known to be pregnant.
 */
export function maternalTetanus(type: 'standard' | 'risk'): VnAntigenRow {
  return {
    id: 'maternal-tetanus',
    name: { vi: 'Uốn ván (phụ nữ có thai)', en: 'Tetanus (pregnant women)' },
    diseases: ['tetanus'],
    // The schedule is for women never vaccinated or with an unknown history: childhood doses are
    // not its doses. Doses count from 15, the childbearing age a source names (SDK policy).
    countsFromAge: 'P15Y',
    series: [
      {
        id: 'td-pregnancy',
        name: { vi: '5 lần (phụ nữ có thai)', en: '5 doses (pregnant women)' },
        type,
        ...(type === 'risk'
          ? { indications: [{ observation: PREGNANT, description: 'Pregnant' }] }
          : {}),
        doses: [dose(1), dose(2, 'P1M'), dose(3, 'P6M'), dose(4, 'P1Y'), dose(5, 'P1Y')],
      },
    ],
  };
}

/**
 * Tetanus for pregnant women (TCMR), as a schedule of its own: evaluate a pregnant woman's
 * tetanus-containing doses against it, or let {@link vnScheduleFor} add it (`{ pregnant: true }`,
 * or a pregnancy observation: see {@link vnPregnancyObservation}). All rows `verified: false`.
 *
 * @example
 * import { evaluateSchedule, vnPregnancySchedule } from '@vnhealth/core/schedule';
 * evaluateSchedule({ patient, immunizations, schedule: vnPregnancySchedule, asOf: '2026-12-01' });
 */
export const vnPregnancySchedule: ImmunizationSchedule = /* @__PURE__ */ pregnancySchedule();

function pregnancySchedule(): ImmunizationSchedule {
  return {
    id: 'vn-pregnancy-td',
    title: {
      vi: 'Tiêm vắc xin uốn ván cho phụ nữ có thai (TCMR)',
      en: 'Tetanus vaccination of pregnant women (Vietnam EPI)',
    },
    legalBasis:
      'Circular 10/2024/TT-BYT lists pregnant women among the TCMR subjects (row not read); schedule as quoted from the Ministry of Health by Từ Dũ Hospital and from Circular 38/2017/TT-BYT.',
    warning: 'No row was checked against the circular: do not drive clinical reminders from them.',
    ...vnSchedule([maternalTetanus('standard')], vaccineCodes),
    observations: [vnPregnancyObservation],
  };
}

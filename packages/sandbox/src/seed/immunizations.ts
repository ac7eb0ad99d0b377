import type {
  CodeableConcept,
  Immunization,
  ImmunizationRecommendation,
  Resource,
} from '@medplum/fhirtypes';
import { Systems } from './conventions.ts';
import { HOSPITALS, STATIONS, locationId, orgId } from './facilities.ts';
import type { FacilityDef } from './facilities.ts';
import type { Rng } from './random.ts';
import { addDays, addMonths, daysBetween } from '@vnhealth/core';

/**
 * One dose of the TCMR childhood schedule as the seed uses it (from
 * shared/reference/vn-core/tcmr-schedule-partial.json; `verified` as in that file).
 */
export interface TcmrDose {
  key: string;
  series: string;
  doseNumber: number;
  /** Nominal age: months (and days) after birth. */
  months: number;
  days?: number;
  /** Minimum interval after the previous dose of the series, in days. */
  minIntervalDays?: number;
  cvx: string;
  cvxDisplay: string;
  vn?: string;
  text: string;
  diseases: string[];
  route: 'IM' | 'SQ' | 'PO' | 'IDINJ';
  site?: 'LT' | 'RT' | 'LA' | 'RA';
  verified: boolean;
}

export const TCMR_DOSES: readonly TcmrDose[] = [
  {
    key: 'hepb-birth',
    series: 'VGB',
    doseNumber: 1,
    months: 0,
    cvx: '08',
    cvxDisplay: 'Hep B, adolescent or pediatric',
    vn: 'hepatitis-b',
    text: 'Viêm gan B sơ sinh (VGB)',
    diseases: ['Viêm gan B'],
    route: 'IM',
    site: 'RT',
    verified: true,
  },
  {
    key: 'bcg',
    series: 'BCG',
    doseNumber: 1,
    months: 0,
    days: 3,
    cvx: '19',
    cvxDisplay: 'BCG',
    vn: 'tuberculosis',
    text: 'Lao (BCG)',
    diseases: ['Lao'],
    route: 'IDINJ',
    site: 'LA',
    verified: true,
  },
  {
    key: 'penta-1',
    series: 'DPT-VGB-Hib',
    doseNumber: 1,
    months: 2,
    cvx: '198',
    cvxDisplay: 'DTP-hepB-Hib Pentavalent Non-US',
    text: 'Vắc xin 5 trong 1 (DPT-VGB-Hib) mũi 1',
    diseases: ['Bạch hầu', 'Ho gà', 'Uốn ván', 'Viêm gan B', 'Hib'],
    route: 'IM',
    site: 'LT',
    verified: true,
  },
  {
    key: 'opv-1',
    series: 'bOPV',
    doseNumber: 1,
    months: 2,
    cvx: '178',
    cvxDisplay: 'OPV bivalent',
    vn: 'polio',
    text: 'Bại liệt uống (bOPV) lần 1',
    diseases: ['Bại liệt'],
    route: 'PO',
    verified: false,
  },
  {
    key: 'penta-2',
    series: 'DPT-VGB-Hib',
    doseNumber: 2,
    months: 3,
    minIntervalDays: 28,
    cvx: '198',
    cvxDisplay: 'DTP-hepB-Hib Pentavalent Non-US',
    text: 'Vắc xin 5 trong 1 (DPT-VGB-Hib) mũi 2',
    diseases: ['Bạch hầu', 'Ho gà', 'Uốn ván', 'Viêm gan B', 'Hib'],
    route: 'IM',
    site: 'LT',
    verified: true,
  },
  {
    key: 'opv-2',
    series: 'bOPV',
    doseNumber: 2,
    months: 3,
    minIntervalDays: 28,
    cvx: '178',
    cvxDisplay: 'OPV bivalent',
    vn: 'polio',
    text: 'Bại liệt uống (bOPV) lần 2',
    diseases: ['Bại liệt'],
    route: 'PO',
    verified: false,
  },
  {
    key: 'penta-3',
    series: 'DPT-VGB-Hib',
    doseNumber: 3,
    months: 4,
    minIntervalDays: 28,
    cvx: '198',
    cvxDisplay: 'DTP-hepB-Hib Pentavalent Non-US',
    text: 'Vắc xin 5 trong 1 (DPT-VGB-Hib) mũi 3',
    diseases: ['Bạch hầu', 'Ho gà', 'Uốn ván', 'Viêm gan B', 'Hib'],
    route: 'IM',
    site: 'RT',
    verified: true,
  },
  {
    key: 'opv-3',
    series: 'bOPV',
    doseNumber: 3,
    months: 4,
    minIntervalDays: 28,
    cvx: '178',
    cvxDisplay: 'OPV bivalent',
    vn: 'polio',
    text: 'Bại liệt uống (bOPV) lần 3',
    diseases: ['Bại liệt'],
    route: 'PO',
    verified: false,
  },
  {
    key: 'ipv-1',
    series: 'IPV',
    doseNumber: 1,
    months: 5,
    cvx: '10',
    cvxDisplay: 'IPV',
    vn: 'polio',
    text: 'Bại liệt tiêm (IPV) mũi 1',
    diseases: ['Bại liệt'],
    route: 'IM',
    site: 'LT',
    verified: true,
  },
  {
    key: 'measles-1',
    series: 'Sởi',
    doseNumber: 1,
    months: 9,
    cvx: '05',
    cvxDisplay: 'measles',
    vn: 'measles',
    text: 'Sởi mũi 1',
    diseases: ['Sởi'],
    route: 'SQ',
    site: 'LA',
    verified: false,
  },
  {
    key: 'ipv-2',
    series: 'IPV',
    doseNumber: 2,
    months: 9,
    cvx: '10',
    cvxDisplay: 'IPV',
    vn: 'polio',
    text: 'Bại liệt tiêm (IPV) mũi 2',
    diseases: ['Bại liệt'],
    route: 'IM',
    site: 'RT',
    verified: false,
  },
  {
    key: 'je-1',
    series: 'VNNB',
    doseNumber: 1,
    months: 12,
    cvx: '39',
    cvxDisplay: 'Japanese encephalitis SC',
    vn: 'japanese-encephalitis',
    text: 'Viêm não Nhật Bản mũi 1',
    diseases: ['Viêm não Nhật Bản'],
    route: 'SQ',
    site: 'LA',
    verified: false,
  },
  {
    key: 'je-2',
    series: 'VNNB',
    doseNumber: 2,
    months: 12,
    days: 10,
    minIntervalDays: 7,
    cvx: '39',
    cvxDisplay: 'Japanese encephalitis SC',
    vn: 'japanese-encephalitis',
    text: 'Viêm não Nhật Bản mũi 2',
    diseases: ['Viêm não Nhật Bản'],
    route: 'SQ',
    site: 'RA',
    verified: false,
  },
  {
    key: 'mr',
    series: 'MR',
    doseNumber: 1,
    months: 18,
    cvx: '04',
    cvxDisplay: 'M/R',
    text: 'Sởi - Rubella (MR)',
    diseases: ['Sởi', 'Rubella'],
    route: 'SQ',
    site: 'LA',
    verified: false,
  },
  {
    key: 'dpt-4',
    series: 'DPT',
    doseNumber: 4,
    months: 18,
    cvx: '01',
    cvxDisplay: 'DTP',
    vn: 'diphtheria',
    text: 'Bạch hầu - Ho gà - Uốn ván (DPT) nhắc lại',
    diseases: ['Bạch hầu', 'Ho gà', 'Uốn ván'],
    route: 'IM',
    site: 'RT',
    verified: true,
  },
  {
    key: 'je-3',
    series: 'VNNB',
    doseNumber: 3,
    months: 24,
    days: 10,
    minIntervalDays: 365,
    cvx: '39',
    cvxDisplay: 'Japanese encephalitis SC',
    vn: 'japanese-encephalitis',
    text: 'Viêm não Nhật Bản mũi 3',
    diseases: ['Viêm não Nhật Bản'],
    route: 'SQ',
    site: 'LA',
    verified: false,
  },
  {
    key: 'td-7y',
    series: 'Td',
    doseNumber: 5,
    months: 84,
    cvx: '09',
    cvxDisplay: 'Td (adult) preservative free',
    vn: 'tetanus',
    text: 'Uốn ván - Bạch hầu giảm liều (Td)',
    diseases: ['Uốn ván', 'Bạch hầu'],
    route: 'IM',
    site: 'LA',
    verified: true,
  },
];

export type VaccinationScenario = 'complete' | 'late' | 'catch-up' | 'overdue' | 'too-early';

export interface GivenDose {
  dose: TcmrDose;
  date: string;
  facility: FacilityDef;
}

/** Nominal date of a dose for a child born on `birthDate`. */
export function nominalDate(birthDate: string, dose: TcmrDose): string {
  return addDays(addMonths(birthDate, dose.months), dose.days ?? 0);
}

/**
 * The doses a child has received by `today` under a scenario:
 * `complete` on time; `late` weeks to months late; `catch-up` missed the 2–4-month doses and
 * restarted later at minimum intervals; `overdue` stopped after some doses; `too-early` the
 * first pentavalent dose 5 days before the 2-month minimum age and the second 5 days before the
 * 28-day minimum interval.
 */
export function planDoses(
  rng: Rng,
  birthDate: string,
  today: string,
  scenario: VaccinationScenario,
): GivenDose[] {
  const homeStation = rng.pick(STATIONS);
  const birthHospital = rng.pick(HOSPITALS);
  const out: GivenDose[] = [];
  const lastBySeries = new Map<string, string>();
  const stopAfter = scenario === 'overdue' ? rng.int(2, 8) : Infinity;
  const catchUpShift = scenario === 'catch-up' ? rng.int(90, 150) : 0;
  for (const [index, dose] of TCMR_DOSES.entries()) {
    if (index >= stopAfter) break;
    let date = nominalDate(birthDate, dose);
    if (dose.key === 'hepb-birth') {
      date = birthDate;
    } else if (scenario === 'too-early' && dose.key === 'penta-1') {
      // Given 5 days before the 2-month minimum age: outside the 4-day grace, so not valid.
      date = addDays(nominalDate(birthDate, dose), -5);
    } else if (scenario === 'complete') {
      date = addDays(date, rng.int(0, 7));
    } else if (scenario === 'late') {
      date = addDays(date, rng.int(20, 75));
    } else if (scenario === 'catch-up' && dose.months >= 2 && dose.months <= 5) {
      date = addDays(date, catchUpShift);
    } else {
      date = addDays(date, rng.int(0, 10));
    }
    const previous = lastBySeries.get(dose.series);
    if (previous && dose.minIntervalDays) {
      const min = addDays(previous, dose.minIntervalDays);
      const tooEarly = scenario === 'too-early' && dose.key === 'penta-2';
      if (tooEarly) date = addDays(min, -5);
      else if (date < min) date = addDays(min, rng.int(0, 3));
    }
    if (date > today) continue;
    lastBySeries.set(dose.series, date);
    const facility =
      dose.months === 0 ? birthHospital : rng.chance(0.85) ? homeStation : rng.pick(HOSPITALS);
    out.push({ dose, date, facility });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function vaccineCode(dose: TcmrDose): CodeableConcept {
  return {
    coding: [
      { system: Systems.cvx, code: dose.cvx, display: dose.cvxDisplay },
      ...(dose.vn ? [{ system: Systems.vnVaccineType, code: dose.vn }] : []),
    ],
    text: dose.text,
  };
}

const SITE_DISPLAY: Record<string, string> = {
  LT: 'left thigh',
  RT: 'right thigh',
  LA: 'left arm',
  RA: 'right arm',
};
const ROUTE_DISPLAY: Record<string, string> = {
  IM: 'Injection, intramuscular',
  SQ: 'Injection, subcutaneous',
  PO: 'Swallow, oral',
  IDINJ: 'Injection, intradermal',
};

/** An Immunization resource for a given dose. */
export function immunization(
  rng: Rng,
  id: string,
  patientId: string,
  given: GivenDose,
  performerId: string | undefined,
  status: Immunization['status'] = 'completed',
): Immunization {
  const { dose, facility } = given;
  const lot = `${dose.series
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase()
    .slice(0, 3)}${given.date.slice(2, 4)}${rng.digits(4)}`;
  return {
    resourceType: 'Immunization',
    id,
    status,
    ...(status === 'not-done'
      ? {
          statusReason: rng.pick([
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
                  code: 'MEDPREC',
                  display: 'medical precaution',
                },
              ],
              text: 'Trẻ đang sốt, hoãn tiêm',
            },
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
                  code: 'OSTOCK',
                  display: 'product out of stock',
                },
              ],
              text: 'Hết vắc xin',
            },
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
                  code: 'PATOBJ',
                  display: 'patient objection',
                },
              ],
              text: 'Gia đình từ chối',
            },
          ]),
        }
      : {}),
    extension: [
      {
        url: Systems.vnImmunizationProgramExt,
        valueCoding: {
          system: Systems.vnImmunizationProgram,
          code: 'tcmr',
          display: 'Tiêm chủng mở rộng',
        },
      },
    ],
    vaccineCode: vaccineCode(dose),
    patient: { reference: `Patient/${patientId}` },
    occurrenceDateTime: `${given.date}T${String(rng.int(7, 10)).padStart(2, '0')}:${String(rng.int(0, 11) * 5).padStart(2, '0')}:00+07:00`,
    recorded: `${given.date}T16:00:00+07:00`,
    primarySource: true,
    location: { reference: `Location/${locationId(facility.key)}`, display: facility.name },
    ...(status === 'not-done'
      ? {}
      : {
          manufacturer: {
            display:
              dose.cvx === '198'
                ? 'Serum Institute of India'
                : dose.cvx === '19'
                  ? 'IVAC / Viện Vắc xin Nha Trang'
                  : 'VABIOTECH',
          },
          lotNumber: lot,
          expirationDate: addDays(given.date, rng.int(120, 540)),
          ...(dose.site
            ? {
                site: {
                  coding: [
                    {
                      system: 'http://terminology.hl7.org/CodeSystem/v3-ActSite',
                      code: dose.site,
                      display: SITE_DISPLAY[dose.site],
                    },
                  ],
                },
              }
            : {}),
          route: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration',
                code: dose.route,
                display: ROUTE_DISPLAY[dose.route],
              },
            ],
          },
          doseQuantity:
            dose.route === 'PO'
              ? { value: 2, unit: 'drops', system: Systems.ucum, code: '{drop}' }
              : {
                  value: dose.route === 'IDINJ' ? 0.1 : 0.5,
                  unit: 'mL',
                  system: Systems.ucum,
                  code: 'mL',
                },
        }),
    performer: [
      ...(performerId
        ? [
            {
              function: {
                coding: [
                  {
                    system: 'http://terminology.hl7.org/CodeSystem/v2-0443',
                    code: 'AP',
                    display: 'Administering Provider',
                  },
                ],
              },
              actor: { reference: `Practitioner/${performerId}` },
            },
          ]
        : []),
      { actor: { reference: `Organization/${orgId(facility.key)}`, display: facility.name } },
    ],
    protocolApplied: [
      {
        series: dose.series,
        authority: { display: 'Bộ Y tế – Thông tư 10/2024/TT-BYT' },
        targetDisease: dose.diseases.map((d) => ({ text: d })),
        doseNumberPositiveInt: dose.doseNumber,
      },
    ],
  };
}

/** Immunization history of one child, with not-done and entered-in-error records as asked. */
export function childImmunizations(
  rng: Rng,
  patientId: string,
  birthDate: string,
  today: string,
  scenario: VaccinationScenario,
  options: {
    notDone: boolean;
    enteredInError: boolean;
    performer: (rng: Rng) => string | undefined;
  },
): Immunization[] {
  const doses = planDoses(rng, birthDate, today, scenario);
  const out: Immunization[] = [];
  for (const [i, given] of doses.entries()) {
    out.push(
      immunization(rng, `${patientId}-imm-${i + 1}`, patientId, given, options.performer(rng)),
    );
  }
  if (options.notDone && doses.length > 2) {
    const given = doses[rng.int(2, doses.length - 1)] as GivenDose;
    const earlier = addDays(given.date, -rng.int(7, 20));
    if (earlier > birthDate) {
      out.push(
        immunization(
          rng,
          `${patientId}-imm-nd`,
          patientId,
          { ...given, date: earlier },
          undefined,
          'not-done',
        ),
      );
    }
  }
  if (options.enteredInError && doses.length > 1) {
    const given = doses[rng.int(1, doses.length - 1)] as GivenDose;
    const wrong = immunization(
      rng,
      `${patientId}-imm-eie`,
      patientId,
      given,
      options.performer(rng),
      'entered-in-error',
    );
    out.push(wrong);
  }
  return out;
}

/** The next doses that are due or overdue (first missing dose of each series), for a recommendation. */
export function dueDoses(
  birthDate: string,
  today: string,
  given: readonly string[],
): { dose: TcmrDose; due: string; overdue: boolean }[] {
  const out: { dose: TcmrDose; due: string; overdue: boolean }[] = [];
  const seenSeries = new Set<string>();
  for (const dose of TCMR_DOSES) {
    if (given.includes(dose.key) || seenSeries.has(dose.series)) continue;
    seenSeries.add(dose.series);
    const due = nominalDate(birthDate, dose);
    if (daysBetween(today, due) > 60) continue;
    out.push({ dose, due, overdue: due < addDays(today, -28) });
  }
  return out;
}

/** An ImmunizationRecommendation listing the due/overdue doses. */
export function recommendation(
  id: string,
  patientId: string,
  birthDate: string,
  today: string,
  givenKeys: readonly string[],
): ImmunizationRecommendation | undefined {
  const due = dueDoses(birthDate, today, givenKeys);
  if (!due.length) return undefined;
  return {
    resourceType: 'ImmunizationRecommendation',
    id,
    patient: { reference: `Patient/${patientId}` },
    date: `${today}T08:00:00+07:00`,
    authority: { display: 'Chương trình Tiêm chủng mở rộng' },
    recommendation: due.map(({ dose, due: date, overdue }) => ({
      vaccineCode: [vaccineCode(dose)],
      forecastStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/immunization-recommendation-status',
            code: overdue ? 'overdue' : 'due',
            display: overdue ? 'Overdue' : 'Due',
          },
        ],
      },
      dateCriterion: [
        {
          code: {
            coding: [{ system: Systems.loinc, code: '30980-7', display: 'Date vaccine due' }],
          },
          value: `${date}T00:00:00+07:00`,
        },
      ],
      series: dose.series,
      doseNumberPositiveInt: dose.doseNumber,
      description: dose.text,
    })),
  };
}

export type { Resource };

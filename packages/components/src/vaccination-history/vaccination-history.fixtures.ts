/**
 * Fixtures of `<vnh-vaccination-history>` (and `<vnh-vaccination-schedule>`, which takes the same
 * inputs): one per designed state and variant. They feed the stories, the tests and the axe
 * checks. Every fixture fixes `as-of` so what it shows never changes with the calendar.
 */
import type { Immunization, Patient, VaccinationHistory } from '@vnhealth/core';
import type { Fixture } from '../shared/fixtures.ts';
import { createFixtureClient } from '../shared/fixture-client.ts';

const CVX = 'http://hl7.org/fhir/sid/cvx';
export const AS_OF = '2026-11-28';
export const KHOA_ID = 'vnh-pt-003';

let n = 0;
function dose(
  code: string,
  display: string,
  date: string,
  place: string,
  extra: Partial<Immunization> = {},
): Immunization {
  n += 1;
  return {
    resourceType: 'Immunization',
    id: `fx-imm-${n}`,
    status: 'completed',
    vaccineCode: { coding: [{ system: CVX, code, display }] },
    patient: { reference: `Patient/${KHOA_ID}` },
    occurrenceDateTime: `${date}T08:30:00+07:00`,
    primarySource: true,
    lotNumber: `${code}-${date.slice(2, 4)}${date.slice(5, 7)}`,
    location: { display: place },
    ...extra,
  };
}

const HOSPITAL = 'Bệnh viện Sản Nhi Trà Vinh';
const STATION = 'Trạm Y tế xã Long Đức';
const PENTA = 'DPT-VGB-Hib (5 trong 1)';

/** Lê Minh Khoa, ~14 months: a 5-in-1 dose 5 days too early, IPV 2 not given, JE 2 overdue. */
export const khoa: Patient = {
  resourceType: 'Patient',
  id: KHOA_ID,
  name: [{ text: 'Lê Minh Khoa', family: 'Lê', given: ['Minh', 'Khoa'] }],
  gender: 'male',
  birthDate: '2025-09-20',
};

export const khoaImmunizations: Immunization[] = [
  dose('08', 'Viêm gan B sơ sinh', '2025-09-20', HOSPITAL),
  dose('19', 'BCG', '2025-09-25', HOSPITAL),
  dose('198', PENTA, '2025-11-15', STATION),
  dose('178', 'bOPV', '2025-11-20', STATION, { lotNumber: undefined }),
  dose('198', PENTA, '2025-12-16', STATION),
  dose('178', 'bOPV', '2025-12-20', STATION),
  dose('198', PENTA, '2026-01-16', STATION),
  dose('178', 'bOPV', '2026-01-20', STATION),
  dose('198', PENTA, '2026-02-16', STATION),
  dose('10', 'IPV', '2026-02-20', STATION),
  dose('05', 'Sởi', '2026-06-20', STATION),
  dose('10', 'IPV', '2026-06-20', STATION, {
    status: 'not-done',
    statusReason: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
          code: 'OSTOCK',
          display: 'product out of stock',
        },
      ],
      text: 'Hết vắc xin',
    },
    lotNumber: undefined,
  }),
  dose('39', 'Viêm não Nhật Bản', '2026-09-20', STATION),
];

/** A newborn, one day old, with nothing recorded. */
export const newbornPatient: Patient = {
  resourceType: 'Patient',
  id: 'vnh-pt-005',
  name: [{ text: 'Nguyễn Thị Bé' }],
  gender: 'female',
  birthDate: '2026-11-27',
};

/** A service (private-market) influenza dose: outside the TCMR rows, recorded in its own group. */
const flu = dose('88', 'Cúm mùa (dịch vụ)', '2026-10-05', 'Trung tâm tiêm chủng VNVC');

/** A dengue vaccine coded in a clinic's own code system: no schedule knows it. */
const dengue: Immunization = {
  ...dose('x', '', '2026-10-05', 'Trung tâm tiêm chủng VNVC'),
  vaccineCode: {
    coding: [{ system: 'urn:oid:2.16.704.1.99.1', code: 'QDG' }],
    text: 'Qdenga (sốt xuất huyết)',
  },
  lotNumber: 'QDG2508',
};

export const ADULT_ID = 'vnh-pt-001';

/** Nguyễn Văn An, 58: two adult hepatitis B doses, one Td booster, a flu dose coded by CVX only. */
export const adult: Patient = {
  resourceType: 'Patient',
  id: ADULT_ID,
  name: [{ text: 'Nguyễn Văn An', family: 'Nguyễn', given: ['Văn', 'An'] }],
  gender: 'male',
  birthDate: '1968-05-14',
};

const forAdult = { patient: { reference: `Patient/${ADULT_ID}` } };
const DISTRICT = 'Trung tâm Y tế huyện Càng Long';

export const adultImmunizations: Immunization[] = [
  dose('43', 'Viêm gan B người lớn', '2010-03-01', DISTRICT, forAdult),
  dose('43', 'Viêm gan B người lớn', '2010-04-02', DISTRICT, forAdult),
  dose('139', 'Td', '2019-07-15', STATION, forAdult),
  {
    ...dose('140', 'Influenza, injectable, preservative free', '2025-10-20', STATION, forAdult),
    vaccineCode: {
      coding: [{ system: CVX, code: '140', display: 'Influenza, injectable, preservative free' }],
    },
  },
];

/** Phạm Thị Lan, 28 and pregnant: one tetanus dose this pregnancy. */
export const pregnantPatient: Patient = {
  resourceType: 'Patient',
  id: 'vnh-pt-006',
  name: [{ text: 'Phạm Thị Lan', family: 'Phạm', given: ['Thị', 'Lan'] }],
  gender: 'female',
  birthDate: '1998-04-10',
};

const history: VaccinationHistory = {
  patientId: KHOA_ID,
  entries: [],
  groups: [],
  immunizations: khoaImmunizations,
};

const local = { patient: khoa, immunizations: khoaImmunizations };

export const ready: Fixture = {
  description:
    'A 14-month-old with an invalid early dose, a dose not given and a late dose on a row not checked',
  attributes: { 'as-of': AS_OF },
  properties: local,
};

export const english: Fixture = {
  description: 'In English',
  attributes: { 'as-of': AS_OF },
  properties: local,
  lang: 'en',
};

export const dark: Fixture = {
  description: 'Dark theme',
  attributes: { 'as-of': AS_OF },
  properties: local,
  theme: 'dark',
};

export const compact: Fixture = {
  description: 'Compact, for a portal sidebar: next doses only (on 01/09/2027, DTP4 overdue)',
  attributes: { 'as-of': '2027-09-01', compact: true },
  properties: local,
};

export const printView: Fixture = {
  description: 'The record book (sổ tiêm chủng), as printed',
  attributes: { 'as-of': AS_OF, 'print-view': true },
  properties: local,
};

export const whatIf: Fixture = {
  description: 'What if: the same child evaluated on 01/04/2027',
  attributes: { 'as-of': '2027-04-01' },
  properties: local,
};

export const otherVaccines: Fixture = {
  description: 'With a service flu dose and a vaccine no schedule knows',
  attributes: { 'as-of': AS_OF },
  properties: { patient: khoa, immunizations: [...khoaImmunizations, flu, dengue] },
};

export const adultRecord: Fixture = {
  description: 'An adult (58): the adult schedule, childhood diseases aged out, rows not checked',
  attributes: { 'as-of': AS_OF },
  properties: { patient: adult, immunizations: adultImmunizations },
};

export const adultEnglish: Fixture = {
  ...adultRecord,
  description: 'An adult, in English',
  lang: 'en',
};

export const pregnant: Fixture = {
  description: 'A pregnant woman (28): tetanus for pregnant women',
  attributes: { 'as-of': AS_OF, pregnant: true },
  properties: {
    patient: pregnantPatient,
    immunizations: [
      dose('09', 'Uốn ván – bạch hầu (Td)', '2026-09-01', STATION, {
        patient: { reference: 'Patient/vnh-pt-006' },
      }),
    ],
  },
};

export const newborn: Fixture = {
  description: 'A newborn with nothing recorded yet: birth dose and BCG due',
  attributes: { 'as-of': AS_OF },
  properties: { patient: newbornPatient, immunizations: [] },
};

export const birthDoseOnly: Fixture = {
  description: 'A newborn with the birth hepatitis B dose only',
  attributes: { 'as-of': AS_OF },
  properties: {
    patient: newbornPatient,
    immunizations: [
      dose('08', 'Viêm gan B sơ sinh', '2026-11-27', HOSPITAL, {
        patient: { reference: 'Patient/vnh-pt-005' },
      }),
    ],
  },
};

export const fromClient: Fixture = {
  description: 'Loaded by patient id through the client',
  attributes: { 'patient-id': KHOA_ID, 'as-of': AS_OF },
  client: () =>
    createFixtureClient({
      data: { getPatient: { [KHOA_ID]: khoa }, getHistory: { [KHOA_ID]: history } },
    }),
};

export const loading: Fixture = {
  description: 'Loading',
  attributes: { 'patient-id': KHOA_ID, 'as-of': AS_OF },
  client: () => createFixtureClient({ mode: 'pending' }),
};

export const error: Fixture = {
  description: 'The server cannot be reached',
  attributes: { 'patient-id': KHOA_ID, 'as-of': AS_OF },
  client: () => createFixtureClient({ mode: 'network' }),
};

export const notFound: Fixture = {
  description: 'No such child',
  attributes: { 'patient-id': 'vnh-pt-404', 'as-of': AS_OF },
  client: () => createFixtureClient({ mode: 'not-found' }),
};

/** Data for the Retry test of the shared suite. */
export const retryData = { getPatient: { [KHOA_ID]: khoa }, getHistory: { [KHOA_ID]: history } };

/**
 * Khoa's record with the monthly bOPV doses of a supplementary polio campaign (12 more): the
 * bOPV group has 15 rows, so it shows its latest 10 and a "show all" button.
 */
export const longHistory: Fixture = {
  description: 'A long group (15 bOPV doses): the latest 10 shown, and a button to show all',
  attributes: { 'as-of': AS_OF },
  properties: {
    patient: khoa,
    immunizations: [
      ...khoaImmunizations,
      ...Array.from({ length: 12 }, (_, i) => {
        const month = ((10 + i) % 12) + 1;
        const year = 2025 + Math.floor((10 + i) / 12);
        return dose(
          '178',
          'bOPV (chiến dịch)',
          `${year}-${String(month).padStart(2, '0')}-05`,
          STATION,
        );
      }),
    ],
  },
};

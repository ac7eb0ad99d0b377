/**
 * Fixtures of `<vnh-patient-profile-card>`: each feeds a story, the tests and an axe check.
 * Dates are relative to today so that "expiring" stays expiring.
 */
import {
  addDays,
  addMonths,
  ictDate,
  vnCoreMoh,
  type AllergyIntolerance,
  type Condition,
  type MedicationStatement,
  type Patient,
  type PatientSummary,
  type VitalReading,
  type VitalSeries,
} from '@vnhealth/core';
import type { Fixture } from '../shared/fixtures.ts';
import { createFixtureClient } from '../shared/fixture-client.ts';

const SID = vnCoreMoh.identifierSystems;
const ALLERGY_ACTIVE = {
  coding: [
    { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' },
  ],
};
const CONDITION_ACTIVE = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
};

/** `YYYY-MM-DD`, `days` from today (ICT; the page's clock, faked in a clock run). */
export function dayFromToday(days: number): string {
  return addDays(ictDate(new Date()), days);
}

/** `YYYY-MM-DD`, the first day of the month `months` before today's (ICT). */
function monthsAgo(months: number): string {
  return addMonths(`${ictDate(new Date()).slice(0, 7)}-01`, -months);
}

export const CCCD = '001085012345';
export const BHYT = 'DN4790123456789';

/** Nguyễn Văn An, a full record (the same person as the sandbox's vnh-pt-001). */
export const patientAn: Patient = {
  resourceType: 'Patient',
  id: 'vnh-pt-001',
  identifier: [
    { system: SID.cccd, value: CCCD },
    { system: SID.bhyt, value: BHYT, period: { start: '2026-01-01', end: dayFromToday(200) } },
  ],
  name: [{ use: 'official', text: 'Nguyễn Văn An', family: 'Nguyễn', given: ['Văn', 'An'] }],
  gender: 'male',
  birthDate: '1985-03-02',
  telecom: [
    { system: 'phone', value: '0912 345 678', use: 'mobile' },
    { system: 'email', value: 'an.nguyen@example.vn' },
  ],
  address: [
    {
      use: 'home',
      text: '12 Nguyễn Trãi, Phường Bến Thành, Thành phố Hồ Chí Minh',
      line: ['12 Nguyễn Trãi'],
      city: 'Thành phố Hồ Chí Minh',
    },
  ],
  contact: [
    {
      relationship: [{ text: 'Vợ' }],
      name: { text: 'Trần Thị Bình' },
      telecom: [{ system: 'phone', value: '0987 654 321' }],
    },
  ],
};

const ref = { reference: 'Patient/vnh-pt-001' };

function allergy(
  text: string,
  criticality: AllergyIntolerance['criticality'],
  reaction?: string,
): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    clinicalStatus: ALLERGY_ACTIVE,
    patient: ref,
    code: { text },
    ...(criticality ? { criticality } : {}),
    ...(reaction ? { reaction: [{ manifestation: [{ text: reaction }] }] } : {}),
  };
}

function condition(code: string, display: string, onset: string): Condition {
  return {
    resourceType: 'Condition',
    clinicalStatus: CONDITION_ACTIVE,
    subject: ref,
    code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code, display }] },
    onsetDateTime: onset,
  };
}

function medication(text: string, dosage: string): MedicationStatement {
  return {
    resourceType: 'MedicationStatement',
    status: 'active',
    subject: ref,
    medicationCodeableConcept: { text },
    dosage: [{ text: dosage }],
  };
}

function series(
  kind: VitalSeries['kind'],
  unit: string,
  values: readonly (number | [number, number])[],
): VitalSeries {
  const history: VitalReading[] = values.map((v, i) => ({
    value: Array.isArray(v) ? v[0] : v,
    ...(Array.isArray(v) ? { diastolic: v[1] } : {}),
    unit,
    date: `${dayFromToday(-(values.length - 1 - i) * 30)}T08:30:00+07:00`,
  }));
  return { kind, latest: history[history.length - 1]!, history };
}

function summaryOf(patient: Patient, parts: Partial<PatientSummary> = {}): PatientSummary {
  return {
    patient,
    allergies: [],
    conditions: [],
    medications: [],
    vitals: {},
    encounters: [],
    insurance: undefined,
    facility: undefined,
    missing: [],
    truncated: [],
    source: 'batch',
    asOf: new Date().toISOString(),
    ...parts,
  };
}

/** The full summary of Nguyễn Văn An. */
export const summaryAn: PatientSummary = summaryOf(patientAn, {
  allergies: [allergy('Penicillin', 'high', 'Sốc phản vệ'), allergy('Hải sản', 'low', 'Mày đay')],
  conditions: [
    condition('I10', 'Tăng huyết áp vô căn (nguyên phát)', '2019-05-10'),
    condition('E11', 'Bệnh đái tháo đường không phụ thuộc insuline', '2021-08-01'),
  ],
  medications: [
    medication('Amlodipin 5 mg', '1 viên mỗi sáng'),
    medication('Metformin 500 mg', '1 viên sau ăn, ngày 2 lần'),
  ],
  vitals: {
    bloodPressure: series('bloodPressure', 'mm[Hg]', [
      [150, 95],
      [142, 90],
      [138, 88],
      [130, 84],
    ]),
    heartRate: series('heartRate', '/min', [78, 74, 72]),
    temperature: series('temperature', 'Cel', [36.8]),
    oxygenSaturation: series('oxygenSaturation', '%', [97, 98, 98]),
    weight: series('weight', 'kg', [72, 71.5, 70.2, 69.8]),
  },
  insurance: {
    number: BHYT,
    period: { start: '2026-01-01', end: dayFromToday(200) },
    status: 'valid',
    registeredFacility: { code: '79024', name: 'Bệnh viện Quận 1' },
    source: 'patient',
  },
});

function withInsurance(end: string, status: 'expired' | 'expiring'): PatientSummary {
  return {
    ...summaryAn,
    insurance: { ...summaryAn.insurance!, period: { start: '2025-01-01', end }, status },
  };
}

/** A patient who has only a name (the sandbox's vnh-pt-004). */
export const patientNameOnly: Patient = {
  resourceType: 'Patient',
  id: 'vnh-pt-004',
  name: [{ text: 'Lò Thị Mai' }],
};

const child: Patient = {
  resourceType: 'Patient',
  id: 'vnh-pt-child',
  identifier: [
    {
      system: SID.bhyt,
      value: 'TE1790123456780',
      period: { start: monthsAgo(14), end: dayFromToday(300) },
    },
  ],
  name: [{ family: 'Phạm', given: ['Gia', 'Bảo'] }],
  gender: 'female',
  birthDate: monthsAgo(14),
  contact: [
    {
      relationship: [{ text: 'Mẹ' }],
      name: { text: 'Phạm Thị Hồng' },
      telecom: [{ system: 'phone', value: '0903 111 222' }],
    },
  ],
};

/**
 * Trần Gia Hân, 5 days old: her age in days. Her mother is the emergency contact, coded as the
 * sandbox codes contacts (v2-0131 `C` "Liên hệ khẩn cấp", then v3 RoleCode `MTH` with no text);
 * phones in E.164, a Trà Vinh landline and a mobile.
 */
export const newborn: Patient = {
  resourceType: 'Patient',
  id: 'vnh-pt-newborn',
  name: [{ family: 'Trần', given: ['Gia', 'Hân'] }],
  gender: 'female',
  birthDate: dayFromToday(-5),
  telecom: [{ system: 'phone', value: '+842943855123', use: 'home' }],
  contact: [
    {
      relationship: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v2-0131',
              code: 'C',
              display: 'Emergency Contact',
            },
          ],
          text: 'Liên hệ khẩn cấp',
        },
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'MTH' }] },
      ],
      name: { text: 'Nguyễn Thị Thu' },
      telecom: [{ system: 'phone', value: '+84912345678', use: 'mobile' }],
    },
  ],
};

const longName =
  'Tôn Nữ Hoàng Thị Phương Thảo Nguyên Khánh Linh Ngọc Diệp Bảo Châu Minh Nguyệt Thanh Tâm';
const longNamePatient: Patient = {
  ...patientAn,
  id: 'vnh-pt-long',
  name: [{ text: longName }],
  address: [
    {
      use: 'home',
      text: 'Số 1234/56/78/90 Đường Nguyễn Văn Linh nối dài, Khu dân cư Phú Mỹ Hưng mở rộng giai đoạn 3, Phường Tân Phong, Thành phố Hồ Chí Minh',
    },
  ],
  contact: [
    {
      relationship: [{ text: 'Người giám hộ theo quyết định của Tòa án nhân dân' }],
      name: { text: 'Công Tằng Tôn Nữ Thị Bích Ngọc Hoàng Yến Phương Thảo' },
    },
  ],
};

// HOSTILE: every string is an attack. Nothing may execute; the layout must stay usable.
/** Set by any payload that manages to run. The hostile test asserts it stays unset. */
export const PWNED_FLAG = '__vnhPwned';
const xss = `<img src=x onerror="window.${PWNED_FLAG}=1"><script>window.${PWNED_FLAG}=1</script>`;
const jsUrl = `javascript:window.${PWNED_FLAG}=1`;
const rlo = '\u202Egnp.exe\u202C\u2067';
const huge = `${'Nguyễn'.repeat(500)}${'W'.repeat(2000)}${xss}`;
const hostilePatient: Patient = {
  resourceType: 'Patient',
  id: 'vnh-pt-hostile',
  identifier: [
    { system: SID.cccd, value: `${xss}${rlo}001085012345` },
    { system: SID.bhyt, value: `${jsUrl}${xss}`, period: { end: dayFromToday(10) } },
  ],
  name: [{ text: `${huge}${rlo}`, family: xss, given: [xss, jsUrl] }],
  gender: 'female',
  birthDate: '1990-01-01',
  photo: [{ url: jsUrl }, { contentType: 'text/html', data: btoa('<script>alert(1)</script>') }],
  telecom: [
    { system: 'phone', value: jsUrl },
    { system: 'phone', value: `${xss}0912345678` },
    { system: 'email', value: `${jsUrl}@x.com` },
    { system: 'url', value: jsUrl },
  ],
  address: [{ use: 'home', text: `${xss}${rlo}${'Đ'.repeat(3000)}`, city: xss }],
  contact: [
    {
      relationship: [{ text: xss }],
      name: { text: `${xss}${rlo}` },
      telecom: [{ system: 'phone', value: jsUrl }],
    },
  ],
};
const hostileSummary: PatientSummary = summaryOf(hostilePatient, {
  allergies: [allergy(`${xss}${rlo}`, 'high', `${jsUrl}${xss}`), allergy('W'.repeat(5000), 'low')],
  conditions: [condition(xss, `${xss}${'X'.repeat(5000)}`, '2020-01-01')],
  medications: [medication(`${xss}${rlo}`, `${jsUrl}${xss}`)],
  vitals: { heartRate: series('heartRate', xss, [70, 80, 75]) },
  insurance: {
    number: `${jsUrl}${xss}`,
    period: { end: dayFromToday(10) },
    status: 'expiring',
    registeredFacility: { name: xss, code: jsUrl },
    source: 'patient',
  },
});

async function revealAll(el: HTMLElement): Promise<void> {
  await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  el.shadowRoot
    ?.querySelectorAll<HTMLButtonElement>('[part~="reveal-button"]')
    .forEach((b) => b.click());
  await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
}

/** Data the sandbox-like fixture client answers with (`getSummary`/`getPatient` by id). */
export const clientData = {
  getSummary: { 'vnh-pt-001': summaryAn },
  getPatient: { 'vnh-pt-001': patientAn, 'vnh-pt-004': patientNameOnly },
};

export const fixtures = {
  default: {
    description: 'A full record: allergies, conditions, medications, vitals',
    properties: { summary: summaryAn },
  },
  masked: {
    description: 'Identifiers masked until revealed',
    properties: { summary: summaryAn },
    attributes: { variant: 'compact' },
  },
  revealed: {
    description: 'CCCD and BHYT revealed',
    properties: { summary: summaryAn },
    setup: revealAll,
  },
  longNames: {
    description: 'Very long names and address',
    properties: { summary: { ...summaryAn, patient: longNamePatient } },
  },
  missingData: {
    description: 'A record with only a name',
    properties: { patient: patientNameOnly },
  },
  expiredBhyt: {
    description: 'BHYT card expired',
    properties: { summary: withInsurance(dayFromToday(-45), 'expired') },
  },
  expiringBhyt: {
    description: 'BHYT card ends within 30 days',
    properties: { summary: withInsurance(dayFromToday(12), 'expiring') },
  },
  childUnder2: {
    description: 'A 14-month-old child: age in months',
    properties: { patient: child },
  },
  newborn: {
    description:
      'A 5-day-old: age in days, the mother as emergency contact, phones in national format',
    properties: { patient: newborn },
  },
  highCriticalityAllergies: {
    description: 'Several allergies, highest criticality first',
    properties: {
      summary: {
        ...summaryAn,
        allergies: [
          allergy('Phấn hoa', undefined),
          allergy('Aspirin', 'low', 'Phát ban'),
          allergy('Penicillin', 'high', 'Sốc phản vệ'),
          allergy('Iod (thuốc cản quang)', 'unable-to-assess'),
          allergy('Đậu phộng', 'high', 'Phù mạch'),
        ],
      },
    },
  },
  compact: {
    description: 'Compact variant',
    properties: { summary: summaryAn },
    attributes: { variant: 'compact' },
  },
  partial: {
    description: 'Part of the record could not be loaded',
    properties: { summary: { ...summaryAn, missing: ['vitals', 'medications'] } },
  },
  truncated: {
    description: 'More records than the summary reads: the first ones, with a notice',
    properties: { summary: { ...summaryAn, truncated: ['conditions', 'encounters'] } },
  },
  loading: {
    description: 'Loading skeleton',
    attributes: { 'patient-id': 'vnh-pt-001' },
    client: () => createFixtureClient({ mode: 'pending' }),
  },
  loaded: {
    description: 'Loaded through a client by patient-id',
    attributes: { 'patient-id': 'vnh-pt-001' },
    client: () => createFixtureClient({ data: clientData }),
  },
  error: {
    description: 'The server cannot be reached: error with Retry',
    attributes: { 'patient-id': 'vnh-pt-001' },
    client: () => createFixtureClient({ mode: 'network' }),
  },
  notFound: {
    description: 'No patient with this id',
    attributes: { 'patient-id': 'vnh-pt-404' },
    client: () => createFixtureClient({ mode: 'not-found' }),
  },
  dark: { description: 'Dark theme', properties: { summary: summaryAn }, theme: 'dark' },
  en: { description: 'English', properties: { summary: summaryAn }, lang: 'en' },
  hostile: {
    description: 'Every string is an HTML/script payload: nothing runs, the layout holds',
    properties: { summary: hostileSummary },
    setup: revealAll,
  },
} satisfies Record<string, Fixture>;

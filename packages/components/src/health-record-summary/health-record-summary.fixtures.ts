/**
 * Fixtures of `<vnh-health-record-summary>`: one per designed state and variant. They feed the
 * stories, the tests and the axe checks.
 */
import type {
  Condition,
  Encounter,
  Observation,
  TimelineEntry,
  TimelineKind,
} from '@vnhealth/core';
import { buildSummary } from '@vnhealth/core/records';
import type { Fixture } from '../shared/fixtures.ts';
import { createFixtureClient } from '../shared/fixture-client.ts';

const PATIENT_ID = 'vnh-pt-001';

function entry(
  kind: TimelineKind,
  id: string,
  date: string | undefined,
  title: string,
  extra: Partial<TimelineEntry> = {},
): TimelineEntry {
  const type = {
    encounter: 'Encounter',
    condition: 'Condition',
    vital: 'Observation',
    immunization: 'Immunization',
  }[kind];
  return { key: `${type}/${id}`, kind, date, title, ...extra };
}

const vital = (
  id: string,
  date: string,
  kind: NonNullable<TimelineEntry['vital']>['kind'],
  value: number,
  unit: string,
  diastolic?: number,
) =>
  entry('vital', id, date, '', {
    vital: { kind, value, unit, ...(diastolic !== undefined ? { diastolic } : {}) },
    status: 'final',
  });

/** A realistic adult record: encounters, chronic conditions, vitals, immunisations. */
const recordEntries: TimelineEntry[] = [
  entry('encounter', 'e1', '2026-11-20T08:15:00+07:00', 'Khám ngoại trú nội tổng quát', {
    code: 'AMB',
    detail: 'Tái khám tăng huyết áp · Bệnh viện Đa khoa tỉnh Trà Vinh',
    status: 'finished',
  }),
  vital('o1', '2026-11-20T08:20:00+07:00', 'bloodPressure', 148, 'mm[Hg]', 92),
  vital('o2', '2026-11-20T08:20:00+07:00', 'heartRate', 84, '/min'),
  vital('o3', '2026-11-20T08:20:00+07:00', 'temperature', 36.8, 'Cel'),
  vital('o4', '2026-11-20T08:20:00+07:00', 'weight', 72.5, 'kg'),
  entry('condition', 'c1', '2026-11-20', 'Tăng huyết áp vô căn (nguyên phát)', {
    code: 'I10',
    status: 'active',
  }),
  entry('encounter', 'e2', '2026-08-03T14:00:00+07:00', 'Khám từ xa qua video', {
    code: 'VR',
    detail: 'Tư vấn đái tháo đường',
    status: 'finished',
  }),
  vital('o5', '2026-08-03T14:05:00+07:00', 'oxygenSaturation', 97, '%'),
  entry('condition', 'c2', '2025-03-14', 'Bệnh đái tháo đường type 2', {
    code: 'E11',
    status: 'active',
  }),
  entry('immunization', 'i1', '2025-10-01T09:00:00+07:00', 'Vắc xin cúm mùa', {
    code: '141',
    detail: 'Lô FL2509 · Trạm Y tế xã Long Đức',
    status: 'completed',
  }),
  entry('immunization', 'i2', '2024-06-12', 'Vắc xin uốn ván – bạch hầu (Td)', {
    code: '139',
    status: 'not-done',
  }),
  entry('encounter', 'e3', '2024-01-09T07:30:00+07:00', 'Cấp cứu', {
    code: 'EMER',
    detail: 'Đau ngực · Bệnh viện Đa khoa tỉnh Trà Vinh',
    status: 'finished',
  }),
  entry('condition', 'c3', undefined, 'Viêm mũi dị ứng', { code: 'J30.4', status: 'resolved' }),
  // Never shown: entered in error.
  entry('condition', 'c-err', '2026-11-21', 'Nhồi máu cơ tim (ghi nhầm)', {
    code: 'I21',
    enteredInError: true,
  }),
];

/** A long record for paging: 65 entries over 65 days. */
const longEntries: TimelineEntry[] = Array.from({ length: 65 }, (_, i) => {
  const day = new Date(Date.UTC(2026, 10, 27) - i * 86_400_000).toISOString().slice(0, 10);
  return i % 3 === 0
    ? entry('encounter', `long-e${i}`, `${day}T09:00:00+07:00`, `Lượt khám số ${65 - i}`, {
        status: 'finished',
      })
    : vital(`long-o${i}`, `${day}T09:05:00+07:00`, 'heartRate', 70 + (i % 15), '/min');
});

const HOSTILE_HTML =
  '<img src=x onerror="window.__vnhPwned=1"><script>window.__vnhPwned=1</script>';
const HOSTILE_URL = 'javascript:window.__vnhPwned=1';
const RTL = '\u202Egnp.exe\u202C \u2067قلب\u2069';
const LONG = 'Nguyễn'.repeat(834).slice(0, 5000);

const hostileEntries: TimelineEntry[] = [
  entry(
    'encounter',
    'h1"><img src=x onerror=alert(1)>',
    '2026-11-01T08:00:00+07:00',
    HOSTILE_HTML,
    {
      code: HOSTILE_URL,
      detail: `${RTL} ${HOSTILE_HTML}`,
      status: '<b>finished</b>',
    },
  ),
  entry('condition', 'h2', '2026-11-01', LONG, { code: LONG.slice(0, 300), detail: LONG }),
  entry('immunization', 'h3', 'not-a-date<script>', RTL, { detail: HOSTILE_URL }),
  {
    ...vital('h4', '2026-10-01T08:00:00+07:00', 'weight', 70, '<img src=x onerror=alert(1)>'),
    title: HOSTILE_HTML,
  },
];

/** A summary built from FHIR resources, as `records.getSummary` returns it. */
const LOINC = 'http://loinc.org';
const subject = { reference: `Patient/${PATIENT_ID}` };
const obs = (id: string, date: string, code: string, value: number, unit: string): Observation => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  category: [
    {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/observation-category',
          code: 'vital-signs',
        },
      ],
    },
  ],
  code: { coding: [{ system: LOINC, code }] },
  subject,
  effectiveDateTime: date,
  valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
});
const encounters: Encounter[] = [
  {
    resourceType: 'Encounter',
    id: 'enc-1',
    status: 'finished',
    class: {
      system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
      code: 'AMB',
      display: 'Ngoại trú',
    },
    type: [{ text: 'Khám ngoại trú nội tổng quát' }],
    subject,
    period: { start: '2026-11-20T08:15:00+07:00', end: '2026-11-20T08:40:00+07:00' },
    serviceProvider: { display: 'Bệnh viện Đa khoa tỉnh Trà Vinh' },
  },
];
const conditions: Condition[] = [
  {
    resourceType: 'Condition',
    id: 'cond-1',
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' },
      ],
    },
    code: {
      coding: [
        {
          system: 'http://hl7.org/fhir/sid/icd-10',
          code: 'I10',
          display: 'Tăng huyết áp vô căn (nguyên phát)',
        },
      ],
    },
    subject,
    onsetDateTime: '2019-05-02',
  },
];
const summary = buildSummary(
  {
    patient: { resourceType: 'Patient', id: PATIENT_ID, name: [{ text: 'Nguyễn Văn An' }] },
    encounters,
    conditions,
    observations: [
      obs('sum-o1', '2026-11-20T08:20:00+07:00', '29463-7', 72.5, 'kg'),
      obs('sum-o2', '2026-11-20T08:20:00+07:00', '8302-2', 168, 'cm'),
      obs('sum-o3', '2026-05-20T08:20:00+07:00', '29463-7', 74, 'kg'),
    ],
  },
  { asOf: '2026-11-28T00:00:00Z' },
);

const firstPage = {
  entries: recordEntries.filter((e) => !e.enteredInError).slice(0, 5),
  cursor: undefined,
  hasMore: false,
};

/** The record of an adult with every kind of entry. */
export const ready: Fixture = {
  description: 'An adult record: encounters, conditions, vital signs and immunisations by day',
  properties: { entries: recordEntries },
};

/** The same record in English. */
export const english: Fixture = { ...ready, description: 'The record in English', lang: 'en' };

/** The same record in the dark theme. */
export const dark: Fixture = {
  ...ready,
  description: 'The record in the dark theme',
  theme: 'dark',
};

/** Rendered from a `PatientSummary` (no network). */
export const fromSummary: Fixture = {
  description: 'Rendered from a PatientSummary already in hand',
  properties: { summary },
};

/** Loaded through a client by `patient-id`. */
export const fromClient: Fixture = {
  description: 'Loaded through the provider client with patient-id',
  attributes: { 'patient-id': PATIENT_ID, 'page-size': '5' },
  client: () => createFixtureClient({ data: { getTimeline: { [PATIENT_ID]: firstPage } } }),
};

/** Only vital signs, chosen with the `kinds` attribute. */
export const vitalsOnly: Fixture = {
  description: 'Filtered to vital signs with kinds="vital"',
  attributes: { kinds: 'vital' },
  properties: { entries: recordEntries },
};

/** A long record, 10 entries per page. */
export const long: Fixture = {
  description: 'A long record, paged 10 at a time with Show more',
  attributes: { 'page-size': '10' },
  properties: { entries: longEntries },
};

/** Waiting for the server. */
export const loading: Fixture = {
  description: 'Loading: skeleton and a polite announcement',
  attributes: { 'patient-id': PATIENT_ID },
  client: () => createFixtureClient({ mode: 'pending' }),
};

/** The server could not be reached. */
export const error: Fixture = {
  description: 'The server could not be reached: plain words and Retry',
  attributes: { 'patient-id': PATIENT_ID },
  client: () => createFixtureClient({ mode: 'network' }),
};

/** The patient does not exist. */
export const notFound: Fixture = {
  description: 'The patient id does not exist',
  attributes: { 'patient-id': 'vnh-pt-missing' },
  client: () => createFixtureClient({ mode: 'not-found' }),
};

/** A record with nothing on it yet (only a name). */
export const empty: Fixture = {
  description: 'A record with nothing on it yet',
  properties: { entries: [] },
};

/** Every text field filled with HTML, script, `javascript:` URLs, RTL overrides and 5,000 characters. */
export const hostile: Fixture = {
  description:
    'Hostile data: markup, scripts, RTL overrides and 5,000-character strings stay inert text',
  properties: { entries: hostileEntries },
};

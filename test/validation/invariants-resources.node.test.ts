/**
 * The resource invariants: dom-2 … dom-6 on every DomainResource and the resource-specific rules
 * (pat-1, org-*, obs-*, imm-1, imr-1, app-*; the others in invariants-clinical), from each
 * rule's text: the exact issues expected, and near-misses that must stay quiet.
 */
import { describe, expect, it } from 'vitest';
import { invariantIssues as check, observation, patient } from './invariants-helpers.ts';

const org = (id: string, fields: Record<string, unknown> = {}) => ({
  resourceType: 'Organization',
  id,
  name: 'Trạm y tế',
  ...fields,
});

describe('dom-2 … dom-6: contained resources and the narrative', () => {
  it('dom-2: a contained resource contains nothing', () => {
    const inner = { ...org('o1'), contained: [org('o2')], partOf: { reference: '#o2' } };
    expect(
      check(patient({ contained: [inner], managingOrganization: { reference: '#o1' } })),
    ).toEqual([
      'error dom-2 Patient',
      // %rootResource is the Patient, whose contained list does not hold the nested o2.
      'error ref-1 Patient.contained[0].partOf',
    ]);
  });
  it('dom-3: a contained resource is referred to, or refers to its container', () => {
    expect(check(patient({ contained: [org('o1')] }))).toEqual(['error dom-3 Patient']);
    expect(
      check(observation({ contained: [org('o1'), org('o2')], performer: [{ reference: '#o1' }] })),
    ).toEqual(['error dom-3 Observation']);
    expect(
      check(
        patient({ contained: [org('o1')], managingOrganization: { reference: 'Organization/o1' } }),
      ),
    ).toEqual(['error dom-3 Patient']);
    // Near-misses: referred to, or referring back to the container with '#'.
    expect(
      check(patient({ contained: [org('o1')], managingOrganization: { reference: '#o1' } })),
    ).toEqual([]);
    expect(
      check(
        patient({
          contained: [{ resourceType: 'RelatedPerson', id: 'rp', patient: { reference: '#' } }],
        }),
      ),
    ).toEqual([]);
  });
  it('dom-4 and dom-5: a contained resource has no version, update time or security label', () => {
    const ref = { managingOrganization: { reference: '#o1' } };
    expect(
      check(patient({ contained: [org('o1', { meta: { versionId: '2' } })], ...ref })),
    ).toEqual(['error dom-4 Patient']);
    expect(
      check(
        patient({
          contained: [org('o1', { meta: { lastUpdated: '2024-01-01T00:00:00Z' } })],
          ...ref,
        }),
      ),
    ).toEqual(['error dom-4 Patient']);
    expect(
      check(
        patient({
          contained: [
            org('o1', {
              meta: {
                security: [
                  { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' },
                ],
              },
            }),
          ],
          ...ref,
        }),
      ),
    ).toEqual(['error dom-5 Patient']);
    expect(
      check(
        patient({
          contained: [org('o1', { meta: { profile: ['http://example.org/p'] } })],
          ...ref,
        }),
      ),
    ).toEqual([]);
    // The container itself may have all three.
    expect(check(patient({ meta: { versionId: '3', security: [{ code: 'R' }] } }))).toEqual([]);
  });
  it('dom-6: a warning without a narrative', () => {
    const text = {
      status: 'generated',
      div: '<div xmlns="http://www.w3.org/1999/xhtml">Bà Lan</div>',
    };
    expect(check(patient({}), true)).toEqual(['warning dom-6 Patient']);
    expect(check(observation({}), true)).toEqual(['warning dom-6 Observation']);
    expect(
      check(
        {
          resourceType: 'Bundle',
          type: 'collection',
          entry: [{ resource: patient({ text }) }, { resource: org('o') }],
        },
        true,
      ),
    ).toEqual(['warning dom-6 Bundle.entry[1].resource']);
    expect(check(patient({ text }), true)).toEqual([]);
  });
});

describe('Patient, Organization', () => {
  it('pat-1: a contact has details or an organization', () => {
    const rel = { relationship: [{ text: 'mẹ' }] };
    expect(check(patient({ contact: [rel] }))).toEqual(['error pat-1 Patient.contact[0]']);
    expect(check(patient({ contact: [{ name: { text: 'Lan' } }, { gender: 'female' }] }))).toEqual([
      'error pat-1 Patient.contact[1]',
    ]);
    expect(check(patient({ contact: [{ ...rel, period: { start: '2020-01-01' } }] }))).toEqual([
      'error pat-1 Patient.contact[0]',
    ]);
    expect(
      check(patient({ contact: [{ ...rel, telecom: [{ system: 'phone', value: '1' }] }] })),
    ).toEqual([]);
    expect(check(patient({ contact: [{ organization: { display: 'Công ty' } }] }))).toEqual([]);
  });
  it('org-1, org-2, org-3', () => {
    expect(check({ resourceType: 'Organization', active: true })).toEqual([
      'error org-1 Organization',
    ]);
    expect(check(org('o', { address: [{ city: 'Huế' }, { use: 'home', city: 'Huế' }] }))).toEqual([
      'error org-2 Organization.address[1]',
    ]);
    expect(check(org('o', { telecom: [{ system: 'phone', value: '1', use: 'home' }] }))).toEqual([
      'error org-3 Organization.telecom[0]',
    ]);
    expect(check({ resourceType: 'Organization', identifier: [{ value: '79' }] })).toEqual([]);
    expect(
      check(
        org('o', {
          address: [{ use: 'work' }],
          telecom: [{ system: 'phone', value: '1', use: 'work' }],
        }),
      ),
    ).toEqual([]);
  });
});

describe('Observation: obs-3, obs-6, obs-7', () => {
  const code = { coding: [{ system: 'http://loinc.org', code: '85354-9' }] };
  it('reports each', () => {
    expect(check(observation({ referenceRange: [{ type: { text: 'normal' } }] }))).toEqual([
      'error obs-3 Observation.referenceRange[0]',
    ]);
    expect(
      check(observation({ valueString: 'âm tính', dataAbsentReason: { text: 'không đo được' } })),
    ).toEqual(['error obs-6 Observation']);
    expect(
      check(
        observation({
          code,
          valueQuantity: { value: 120 },
          component: [
            {
              code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
              valueQuantity: { value: 80 },
            },
          ],
        }),
      ),
    ).toEqual(['error obs-7 Observation']);
  });
  it('accepts the neighbours', () => {
    expect(check(observation({ referenceRange: [{ text: 'dưới 5.6' }] }))).toEqual([]);
    expect(check(observation({ dataAbsentReason: { text: 'không đo được' } }))).toEqual([]);
    expect(
      check(
        observation({
          code,
          valueQuantity: { value: 120 },
          component: [
            {
              code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
              valueQuantity: { value: 120 },
            },
          ],
        }),
      ),
    ).toEqual([]);
  });
});

describe('Immunization and ImmunizationRecommendation: imm-1, imr-1', () => {
  const imm = (education: unknown[]) => ({
    resourceType: 'Immunization',
    status: 'completed',
    vaccineCode: { text: 'BCG' },
    patient: { reference: 'Patient/1' },
    occurrenceDateTime: '2024-01-01',
    education,
  });
  const imr = (recommendation: Record<string, unknown>[]) => ({
    resourceType: 'ImmunizationRecommendation',
    patient: { reference: 'Patient/1' },
    date: '2024-01-01',
    recommendation: recommendation.map((r) => ({ forecastStatus: { text: 'due' }, ...r })),
  });
  it('reports each', () => {
    expect(check(imm([{ publicationDate: '2020-01-01' }]))).toEqual([
      'error imm-1 Immunization.education[0]',
    ]);
    expect(
      check(imm([{ reference: 'http://example.org/vis' }, { presentationDate: '2024-01-01' }])),
    ).toEqual(['error imm-1 Immunization.education[1]']);
    expect(check(imr([{ doseNumberPositiveInt: 1 }]))).toEqual([
      'error imr-1 ImmunizationRecommendation.recommendation[0]',
    ]);
  });
  it('accepts the neighbours', () => {
    expect(check(imm([{ documentType: '253088698300010311120702' }]))).toEqual([]);
    expect(
      check(imr([{ targetDisease: { text: 'Sởi' } }, { vaccineCode: [{ text: 'MMR' }] }])),
    ).toEqual([]);
  });
});

describe('Appointment and AppointmentResponse: app-1 … app-4', () => {
  const appt = (fields: Record<string, unknown>) => ({
    resourceType: 'Appointment',
    status: 'booked',
    start: '2024-05-01T08:00:00+07:00',
    end: '2024-05-01T08:15:00+07:00',
    participant: [{ actor: { reference: 'Patient/1' }, status: 'accepted' }],
    ...fields,
  });
  it('reports each', () => {
    expect(check(appt({ participant: [{ status: 'accepted' }] }))).toEqual([
      'error app-1 Appointment.participant[0]',
    ]);
    expect(check(appt({ end: undefined }))).toEqual([
      'error app-2 Appointment',
      'error app-3 Appointment',
    ]);
    expect(check(appt({ status: 'pending', start: undefined, end: undefined }))).toEqual([
      'error app-3 Appointment',
    ]);
    expect(check(appt({ cancelationReason: { text: 'bận' } }))).toEqual([
      'error app-4 Appointment',
    ]);
  });
  it('accepts the neighbours', () => {
    expect(check(appt({ status: 'proposed', start: undefined, end: undefined }))).toEqual([]);
    expect(check(appt({ status: 'cancelled', cancelationReason: { text: 'bận' } }))).toEqual([]);
    expect(
      check(appt({ participant: [{ type: [{ text: 'bác sĩ' }], status: 'needs-action' }] })),
    ).toEqual([]);
  });
});

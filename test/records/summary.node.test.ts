import { describe, expect, it } from 'vitest';
import {
  createHealthClient,
  type AllergyIntolerance,
  type Observation,
  type Patient,
} from '@vnhealth/core';
import {
  buildSummary,
  computeBmi,
  insuranceOf,
  insuranceStatus,
  vitalSeries,
} from '@vnhealth/core/records';

const LOINC = 'http://loinc.org';

function obs(
  code: string,
  date: string,
  value?: number,
  unit = 'kg',
  extra: Partial<Observation> = {},
): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: LOINC, code }] },
    effectiveDateTime: date,
    ...(value !== undefined
      ? { valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit } }
      : {}),
    ...extra,
  };
}

function bp(date: string, systolic: number, diastolic: number): Observation {
  return obs('85354-9', date, undefined, '', {
    // The MoH guide swapped the Vietnamese labels: the display text must not matter.
    component: [
      {
        code: { coding: [{ system: LOINC, code: '8462-4', display: 'Huyết áp tâm thu' }] },
        valueQuantity: { value: diastolic, code: 'mm[Hg]' },
      },
      {
        code: { coding: [{ system: LOINC, code: '8480-6', display: 'Huyết áp tâm trương' }] },
        valueQuantity: { value: systolic, code: 'mm[Hg]' },
      },
    ],
  });
}

describe('vitalSeries', () => {
  it('reads blood pressure by LOINC component code, not by label', () => {
    const v = vitalSeries([bp('2026-11-01T08:00:00+07:00', 128, 82)]);
    expect(v.bloodPressure?.latest).toMatchObject({ value: 128, diastolic: 82, unit: 'mm[Hg]' });
  });

  it('keeps the latest and at most 10 readings oldest first, skipping entered-in-error', () => {
    const readings = Array.from({ length: 14 }, (_, i) =>
      obs('8867-4', `2026-10-${String(i + 1).padStart(2, '0')}T08:00:00+07:00`, 60 + i, '/min'),
    );
    readings.push(
      obs('8867-4', '2026-11-20T08:00:00+07:00', 199, '/min', { status: 'entered-in-error' }),
    );
    const v = vitalSeries(readings.reverse());
    expect(v.heartRate?.latest.value).toBe(73);
    expect(v.heartRate?.history).toHaveLength(10);
    expect(v.heartRate?.history[0]?.value).toBe(64);
    expect(v.heartRate?.history.at(-1)?.value).toBe(73);
  });

  it('computes BMI from the latest weight and height when none is recorded', () => {
    const v = vitalSeries([
      obs('29463-7', '2026-11-01', 70, 'kg'),
      obs('29463-7', '2025-11-01', 90, 'kg'),
      obs('8302-2', '2026-01-01', 175, 'cm'),
    ]);
    expect(v.bmi?.latest).toEqual({
      value: 22.9,
      unit: 'kg/m2',
      date: '2026-11-01',
      computed: true,
    });
  });

  it('prefers a recorded BMI and reads both SpO2 codes', () => {
    const v = vitalSeries([
      obs('29463-7', '2026-11-01', 70),
      obs('8302-2', '2026-11-01', 175, 'cm'),
      obs('39156-5', '2026-11-01', 23.1, 'kg/m2'),
      obs('2708-6', '2026-11-02', 97, '%'),
    ]);
    expect(v.bmi?.latest.computed).toBeUndefined();
    expect(v.bmi?.latest.value).toBe(23.1);
    expect(v.oxygenSaturation?.latest.value).toBe(97);
  });

  it('refuses a BMI from unknown units', () => {
    expect(
      computeBmi(
        { value: 70, unit: 'stone', date: undefined },
        { value: 175, unit: 'cm', date: undefined },
      ),
    ).toBeUndefined();
  });
});

describe('insuranceStatus', () => {
  const asOf = new Date('2026-11-28T20:00:00Z'); // 29/11/2026 03:00 in Hà Nội
  it('judges dates in Asia/Ho_Chi_Minh, end date inclusive', () => {
    expect(insuranceStatus({ end: '2026-11-28' }, asOf)).toEqual({
      status: 'expired',
      daysLeft: -1,
    });
    expect(insuranceStatus({ end: '2026-11-29' }, asOf)).toEqual({
      status: 'expiring',
      daysLeft: 0,
    });
    expect(insuranceStatus({ start: '2026-01-01', end: '2026-12-29' }, asOf)).toEqual({
      status: 'expiring',
      daysLeft: 30,
    });
    expect(insuranceStatus({ start: '2026-01-01', end: '2026-12-30' }, asOf)).toEqual({
      status: 'valid',
      daysLeft: 31,
    });
    expect(insuranceStatus(undefined, asOf)).toEqual({ status: 'unknown' });
    expect(insuranceStatus({ start: '2027-01-01', end: '2027-12-31' }, asOf).status).toBe(
      'unknown',
    );
  });

  it('reads BHYT from Patient.identifier with the MA_DKBD extension', () => {
    const patient: Patient = {
      resourceType: 'Patient',
      identifier: [
        {
          system: 'http://fhir.ehealth.gov.vn/core/sid/insurance_number',
          value: 'HT4790123456789',
          period: { start: '2026-01-01', end: '2026-12-31' },
          extension: [
            {
              url: 'http://fhir.hl7.org.vn/core/StructureDefinition/vn-ext-primary-care-facility',
              valueReference: { display: 'Trạm Y tế xã An Phú', identifier: { value: '79001' } },
            },
          ],
        },
      ],
    };
    expect(insuranceOf(patient, [], asOf)).toMatchObject({
      number: 'HT4790123456789',
      status: 'valid',
      source: 'patient',
      registeredFacility: { code: '79001', name: 'Trạm Y tế xã An Phú' },
    });
  });
});

describe('buildSummary', () => {
  it('sorts allergies high first and drops inactive and entered-in-error ones', () => {
    const allergy = (
      id: string,
      criticality: AllergyIntolerance['criticality'],
      extra: Partial<AllergyIntolerance> = {},
    ): AllergyIntolerance => ({
      resourceType: 'AllergyIntolerance',
      id,
      patient: { reference: 'Patient/p' },
      clinicalStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
            code: 'active',
          },
        ],
      },
      ...(criticality ? { criticality } : {}),
      ...extra,
    });
    const summary = buildSummary({
      patient: { resourceType: 'Patient', id: 'p' },
      allergies: [
        allergy('a', 'low'),
        allergy('b', undefined),
        allergy('c', 'high'),
        allergy('d', 'high', {
          verificationStatus: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
                code: 'entered-in-error',
              },
            ],
          },
        }),
        allergy('e', 'high', {
          clinicalStatus: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
                code: 'resolved',
              },
            ],
          },
        }),
      ],
    });
    expect(summary.allergies.map((a) => a.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('getSummary strategy', () => {
  const patient: Patient = { resourceType: 'Patient', id: 'p1', name: [{ text: 'Lê Thị Mai' }] };
  const searchset = (resources: object[]) => ({
    resourceType: 'Bundle',
    type: 'searchset',
    entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
  });
  const capabilities = {
    resourceType: 'CapabilityStatement',
    status: 'active',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        interaction: [{ code: 'batch' }],
        resource: [
          {
            type: 'Patient',
            operation: [
              {
                name: 'summary',
                definition: 'http://hl7.org/fhir/uv/ips/OperationDefinition/summary',
              },
            ],
          },
        ],
      },
    ],
  };

  function fakeServer() {
    const requests: string[] = [];
    const fetchFn: typeof fetch = async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const url = new URL(request.url);
      requests.push(`${request.method} ${url.pathname}`);
      const json = (body: unknown) =>
        new Response(JSON.stringify(body), {
          headers: { 'content-type': 'application/fhir+json' },
        });
      if (request.method === 'POST') {
        const bundle = (await request.json()) as { entry: { request: { url: string } }[] };
        return json({
          resourceType: 'Bundle',
          type: 'batch-response',
          entry: bundle.entry.map(({ request: r }) => ({
            response: { status: '200 OK' },
            resource: r.url.startsWith('metadata')
              ? capabilities
              : searchset(r.url.startsWith('Patient?') ? [patient] : []),
          })),
        });
      }
      if (url.pathname.endsWith('/metadata')) return json(capabilities);
      if (url.pathname.endsWith('/Patient/p1/$summary')) {
        return json({ resourceType: 'Bundle', type: 'document', entry: [{ resource: patient }] });
      }
      return new Response('{}', { status: 404 });
    };
    return { fetch: fetchFn, requests };
  }

  it("asks the client's CapabilityStatement once, then uses Patient/$summary", async () => {
    const server = fakeServer();
    const health = createHealthClient({
      baseUrl: 'https://fhir.example.vn/R4',
      fetch: server.fetch,
    });
    const first = await health.records.getSummary('p1');
    expect(first.source).toBe('ips');
    expect(first.truncated).toEqual([]);
    const second = await health.records.getSummary('p1', { cache: 'reload' });
    expect(second.source).toBe('ips');
    expect(second.patient.name?.[0]?.text).toBe('Lê Thị Mai');
    // The statement rides in one batch with the patient search the summary starts early; once
    // $summary has answered, a summary sends nothing else.
    expect(server.requests).toEqual([
      'POST /R4/',
      'GET /R4/Patient/p1/$summary',
      'GET /R4/Patient/p1/$summary',
    ]);
    // `via: 'batch'` sends the searches whatever the server offers.
    const batch = await health.records.getSummary('p1', { via: 'batch' });
    expect(batch.source).toBe('batch');
    expect(server.requests.at(-1)).toBe('POST /R4/');
  });
});

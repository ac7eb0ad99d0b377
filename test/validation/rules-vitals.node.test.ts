import { describe, expect, it } from 'vitest';
import { errors } from './rules-helpers.ts';

const SD = 'http://hl7.org/fhir/StructureDefinition/';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const VS = {
  coding: [
    { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' },
  ],
};
const qty = (value: number, code: string) => ({ value, unit: code, system: UCUM, code });

/** A heart rate that meets its profile; each test breaks one thing. */
const heartRate = (change: Record<string, unknown> = {}) => ({
  resourceType: 'Observation',
  meta: { profile: [SD + 'heartrate'] },
  status: 'final',
  category: [VS],
  code: { coding: [{ system: LOINC, code: '8867-4', display: 'Heart rate' }] },
  subject: { reference: 'Patient/1' },
  effectiveDateTime: '2024-05-01T08:30:00+07:00',
  valueQuantity: qty(72, '/min'),
  ...change,
});
const component = (code: string, value?: number) => ({
  code: { coding: [{ system: LOINC, code }] },
  ...(value === undefined ? {} : { valueQuantity: qty(value, 'mm[Hg]') }),
});
const bloodPressure = (change: Record<string, unknown> = {}) => ({
  ...heartRate(),
  meta: { profile: [SD + 'bp'] },
  code: { coding: [{ system: LOINC, code: '85354-9' }] },
  valueQuantity: undefined,
  component: [component('8480-6', 120), component('8462-4', 80)],
  ...change,
});
const found = (r: Record<string, unknown>) => errors(r).map((i) => [i.key ?? i.code, i.path]);

describe('vital-signs profiles', () => {
  it.each([
    [
      'no vital-signs category',
      heartRate({ category: [{ text: 'Khám' }] }),
      ['profile', 'Observation.category'],
    ],
    ['no subject', heartRate({ subject: undefined }), ['profile', 'Observation.subject']],
    [
      'no effective time',
      heartRate({ effectiveDateTime: undefined }),
      ['profile', 'Observation.effective[x]'],
    ],
    [
      'an effective time to the month only (vs-1)',
      heartRate({ effectiveDateTime: '2024-05' }),
      ['vs-1', 'Observation.effectiveDateTime'],
    ],
    [
      'neither value nor dataAbsentReason (vs-2)',
      heartRate({ valueQuantity: undefined }),
      ['vs-2', 'Observation'],
    ],
    [
      'a component with neither value nor dataAbsentReason (vs-3)',
      bloodPressure({ component: [component('8480-6', 120), component('8462-4')] }),
      ['vs-3', 'Observation.component[1]'],
    ],
    [
      'the wrong LOINC code',
      heartRate({ code: { coding: [{ system: LOINC, code: '8310-5' }] } }),
      ['profile', 'Observation.code'],
    ],
    [
      'a heart rate in the wrong unit',
      heartRate({ valueQuantity: qty(1.2, 'Hz') }),
      ['profile', 'Observation.valueQuantity'],
    ],
    [
      'a quantity without the UCUM system',
      heartRate({ valueQuantity: { value: 72, unit: 'bpm', code: '/min' } }),
      ['profile', 'Observation.valueQuantity'],
    ],
    [
      'a blood pressure without its diastolic component',
      bloodPressure({ component: [component('8480-6', 120)] }),
      ['profile', 'Observation.component'],
    ],
    [
      'a blood pressure with a value of its own',
      bloodPressure({ valueQuantity: qty(120, 'mm[Hg]') }),
      ['profile', 'Observation.valueQuantity'],
    ],
    [
      'a systolic pressure in cmHg',
      bloodPressure({
        component: [
          { ...component('8480-6'), valueQuantity: qty(12, 'cm[Hg]') },
          component('8462-4', 80),
        ],
      }),
      ['profile', 'Observation.component[0].valueQuantity'],
    ],
    [
      'a BMI without a valueQuantity',
      heartRate({
        meta: { profile: [SD + 'bmi'] },
        code: { coding: [{ system: LOINC, code: '39156-5' }] },
        valueQuantity: undefined,
        dataAbsentReason: { text: 'x' },
      }),
      ['profile', 'Observation'],
    ],
  ])('rejects %s', (_name, observation, issue) => {
    expect(found(observation)).toContainEqual(issue);
  });

  it.each([
    ['a heart rate that meets its profile', heartRate()],
    ['a versioned profile canonical', heartRate({ meta: { profile: [SD + 'heartrate|4.0.1'] } })],
    ['a blood pressure with both components', bloodPressure()],
    [
      'a missing value with a dataAbsentReason',
      heartRate({ valueQuantity: undefined, dataAbsentReason: { text: 'Không đo được' } }),
    ],
    [
      'an effective period',
      heartRate({ effectiveDateTime: undefined, effectivePeriod: { start: '2024-05-01' } }),
    ],
    [
      'a body temperature in Fahrenheit',
      heartRate({
        meta: { profile: [SD + 'bodytemp'] },
        code: { coding: [{ system: LOINC, code: '8310-5' }] },
        valueQuantity: qty(98.6, '[degF]'),
      }),
    ],
    [
      'an Observation without a vital-signs profile and without a category',
      heartRate({ meta: undefined, category: undefined, valueQuantity: qty(1, 'Hz') }),
    ],
  ])('accepts %s', (_name, observation) => {
    expect(errors(JSON.parse(JSON.stringify(observation)) as Record<string, unknown>)).toEqual([]);
  });

  it('a vitals panel has members and no value of its own', () => {
    const panel = (change: Record<string, unknown>) =>
      heartRate({
        meta: { profile: [SD + 'vitalspanel'] },
        code: { coding: [{ system: LOINC, code: '85353-1' }] },
        valueQuantity: undefined,
        hasMember: [{ reference: 'Observation/hr' }],
        ...change,
      });
    expect(found(JSON.parse(JSON.stringify(panel({}))) as Record<string, unknown>)).toEqual([]);
    expect(
      found(
        JSON.parse(
          JSON.stringify(panel({ hasMember: undefined, dataAbsentReason: { text: 'x' } })),
        ) as Record<string, unknown>,
      ),
    ).toEqual([['profile', 'Observation.hasMember']]);
    expect(
      found(
        JSON.parse(JSON.stringify(panel({ valueString: 'bình thường' }))) as Record<
          string,
          unknown
        >,
      ),
    ).toEqual([['profile', 'Observation']]);
  });
});

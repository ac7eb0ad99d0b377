/**
 * The datatype invariants (ele-1, per-1, rng-2, qty-3, sqty-1, cpt-2, att-1, ref-1, rat-1, the
 * Quantity profiles, Timing.repeat): instances written from each rule's text, the exact issues
 * expected, and near-misses that must stay quiet.
 */
import { describe, expect, it } from 'vitest';
import { invariantIssues as check, observation, patient } from './invariants-helpers.ts';

const UCUM = 'http://unitsofmeasure.org';

describe('ele-1: every element has a value or children', () => {
  it('reports an element that holds only an id', () => {
    expect(check(patient({ maritalStatus: { id: 'm1' } }))).toEqual([
      'error ele-1 Patient.maritalStatus',
    ]);
    expect(check(patient({ name: [{ family: 'Nguyễn' }, { period: { id: 'p' } }] }))).toEqual([
      'error ele-1 Patient.name[1].period',
    ]);
  });
  it('reports a primitive with neither a value nor an extension', () => {
    expect(check(patient({ _birthDate: { id: 'b' } }))).toEqual(['error ele-1 Patient.birthDate']);
    expect(
      check(patient({ name: [{ given: ['An', null], _given: [null, { id: 'g' }] }] })),
    ).toEqual(['error ele-1 Patient.name[0].given[1]']);
  });
  it('accepts an id with content, and a primitive carried by an extension alone', () => {
    const ext = [
      { url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' },
    ];
    expect(check(patient({ maritalStatus: { id: 'm1', text: 'Độc thân' } }))).toEqual([]);
    expect(check(patient({ _birthDate: { id: 'b', extension: ext } }))).toEqual([]);
    expect(check(patient({ birthDate: '1990-01-01', _birthDate: { id: 'b' } }))).toEqual([]);
  });
});

describe('per-1: a Period starts no later than it ends', () => {
  it('reports an end before the start, wherever the Period is', () => {
    expect(
      check(
        patient({
          identifier: [{ value: 'x', period: { start: '2024-05-02', end: '2024-05-01' } }],
        }),
      ),
    ).toEqual(['error per-1 Patient.identifier[0].period']);
    expect(check(observation({ effectivePeriod: { start: '2025', end: '2024-12-31' } }))).toEqual([
      'error per-1 Observation.effectivePeriod',
    ]);
    // 15:00 at +07:00 is 08:00 UTC, two hours before the start.
    expect(
      check(
        patient({
          contact: [
            {
              name: { text: 'Bà Lan' },
              period: { start: '2024-05-01T10:00:00Z', end: '2024-05-01T15:00:00+07:00' },
            },
          ],
        }),
      ),
    ).toEqual(['error per-1 Patient.contact[0].period']);
  });
  it('accepts equal bounds, an open end, different precisions and a later instant in another zone', () => {
    const at = (period: Record<string, string>) => check(observation({ effectivePeriod: period }));
    expect(at({ start: '2024-05-01', end: '2024-05-01' })).toEqual([]);
    expect(at({ start: '2024-05-01' })).toEqual([]);
    expect(at({ start: '2024-05', end: '2024-05-01' })).toEqual([]);
    expect(at({ start: '2024-05-01T10:00:00+07:00', end: '2024-05-01T03:30:00Z' })).toEqual([]);
  });
});

describe('Quantity: qty-3, sqty-1, rng-2', () => {
  it('qty-3: a unit code needs its system', () => {
    expect(check(observation({ valueQuantity: { value: 5, code: 'mg' } }))).toEqual([
      'error qty-3 Observation.valueQuantity',
    ]);
    expect(
      check(observation({ valueRange: { low: { value: 1, unit: 'mg', code: 'mg' } } })),
    ).toEqual(['error qty-3 Observation.valueRange.low']);
    expect(
      check(
        patient({
          extension: [
            { url: 'http://example.org/weight', valueQuantity: { value: 3, code: 'kg' } },
          ],
        }),
      ),
    ).toEqual(['error qty-3 Patient.extension[0].valueQuantity']);
    expect(check(observation({ valueQuantity: { value: 5, code: 'mg', system: UCUM } }))).toEqual(
      [],
    );
    expect(check(observation({ valueQuantity: { value: 5, unit: 'viên' } }))).toEqual([]);
  });
  it('sqty-1: a SimpleQuantity has no comparator', () => {
    expect(
      check(observation({ referenceRange: [{ low: { value: 1, comparator: '<' } }] })),
    ).toEqual(['error sqty-1 Observation.referenceRange[0].low']);
    expect(check(observation({ valueRange: { high: { value: 9, comparator: '<=' } } }))).toEqual([
      'error sqty-1 Observation.valueRange.high',
    ]);
    expect(
      check(
        observation({
          valueSampledData: { origin: { value: 0, comparator: '>' }, period: 10, dimensions: 1 },
        }),
      ),
    ).toEqual(['error sqty-1 Observation.valueSampledData.origin']);
    // A plain Quantity may have one.
    expect(check(observation({ valueQuantity: { value: 5, comparator: '<' } }))).toEqual([]);
  });
  it('rng-2: low is not above high', () => {
    const q = (value: number) => ({ value, unit: 'mmol/L', system: UCUM, code: 'mmol/L' });
    const age = (value: number) => ({ value, unit: 'a', system: UCUM, code: 'a' });
    expect(check(observation({ valueRange: { low: q(10), high: q(5) } }))).toEqual([
      'error rng-2 Observation.valueRange',
    ]);
    expect(
      check(
        observation({
          component: [{ code: { text: 'x' }, valueRange: { low: q(2), high: q(1.5) } }],
        }),
      ),
    ).toEqual(['error rng-2 Observation.component[0].valueRange']);
    expect(
      check(
        observation({
          referenceRange: [{ text: 'người lớn', age: { low: age(60), high: age(18) } }],
        }),
      ),
    ).toEqual(['error rng-2 Observation.referenceRange[0].age']);
    expect(check(observation({ valueRange: { low: q(5), high: q(5) } }))).toEqual([]);
    // Different units are not comparable without conversion: no verdict.
    expect(
      check(
        observation({
          valueRange: { low: q(10), high: { ...q(5), code: 'mol/L', unit: 'mol/L' } },
        }),
      ),
    ).toEqual([]);
  });
});

describe('the Quantity profiles: age-1, cnt-3, dis-1, drt-1', () => {
  const condition = (onsetAge: Record<string, unknown>) => ({
    resourceType: 'Condition',
    subject: { reference: 'Patient/1' },
    onsetAge,
  });
  const ext = (value: Record<string, unknown>) =>
    patient({ extension: [{ url: 'http://example.org/x', ...value }] });
  it('age-1: a UCUM time code, positive', () => {
    expect(check(condition({ value: 30, unit: 'tuổi' }))).toEqual([
      'error age-1 Condition.onsetAge',
    ]);
    expect(check(condition({ value: -1, system: UCUM, code: 'a' }))).toEqual([
      'error age-1 Condition.onsetAge',
    ]);
    expect(check(condition({ value: 3, system: 'http://example.org/units', code: 'a' }))).toEqual([
      'error age-1 Condition.onsetAge',
    ]);
    expect(check(condition({ value: 3, system: UCUM, code: 'a' }))).toEqual([]);
  });
  it('cnt-3, dis-1, drt-1', () => {
    expect(check(ext({ valueCount: { value: 1.5, system: UCUM, code: '1' } }))).toEqual([
      'error cnt-3 Patient.extension[0].valueCount',
    ]);
    expect(check(ext({ valueCount: { value: 2, system: UCUM, code: 'mg' } }))).toEqual([
      'error cnt-3 Patient.extension[0].valueCount',
    ]);
    expect(check(ext({ valueCount: { value: 2, system: UCUM, code: '1' } }))).toEqual([]);
    expect(check(ext({ valueDistance: { value: 2, unit: 'km' } }))).toEqual([
      'error dis-1 Patient.extension[0].valueDistance',
    ]);
    expect(check(ext({ valueDistance: { value: 2, system: UCUM, code: 'km' } }))).toEqual([]);
    expect(check(ext({ valueDuration: { code: 'min', system: UCUM } }))).toEqual([
      'error drt-1 Patient.extension[0].valueDuration',
    ]);
    expect(check(ext({ valueDuration: { value: 5, code: 'min', system: UCUM } }))).toEqual([]);
  });
});

describe('cpt-2, att-1, rat-1', () => {
  it('cpt-2: a contact value needs its system', () => {
    expect(check(patient({ telecom: [{ value: '0901234567' }] }))).toEqual([
      'error cpt-2 Patient.telecom[0]',
    ]);
    expect(
      check(patient({ contact: [{ telecom: [{ system: 'phone', value: '1' }, { value: '2' }] }] })),
    ).toEqual(['error cpt-2 Patient.contact[0].telecom[1]']);
    expect(
      check({
        resourceType: 'Organization',
        name: 'Trạm y tế',
        telecom: [{ value: 'a@b.vn', use: 'work' }],
      }),
    ).toEqual(['error cpt-2 Organization.telecom[0]']);
    expect(check(patient({ telecom: [{ system: 'phone', value: '0901234567' }] }))).toEqual([]);
    expect(check(patient({ telecom: [{ system: 'phone' }] }))).toEqual([]);
  });
  it('att-1: attached data needs a content type', () => {
    expect(check(patient({ photo: [{ data: 'aGVsbG8=' }] }))).toEqual([
      'error att-1 Patient.photo[0]',
    ]);
    expect(
      check(
        patient({
          extension: [{ url: 'http://example.org/scan', valueAttachment: { data: 'aGk=' } }],
        }),
      ),
    ).toEqual(['error att-1 Patient.extension[0].valueAttachment']);
    expect(
      check({
        resourceType: 'Communication',
        status: 'completed',
        payload: [{ contentAttachment: { data: 'aGk=', title: 'Phiếu' } }],
      }),
    ).toEqual(['error att-1 Communication.payload[0].contentAttachment']);
    expect(check(patient({ photo: [{ data: 'aGVsbG8=', contentType: 'image/png' }] }))).toEqual([]);
    expect(check(patient({ photo: [{ url: 'http://example.org/p.png' }] }))).toEqual([]);
  });
  it('rat-1: numerator and denominator together', () => {
    const q = { value: 1, unit: 'mg', system: UCUM, code: 'mg' };
    expect(check(observation({ valueRatio: { numerator: q } }))).toEqual([
      'error rat-1 Observation.valueRatio',
    ]);
    expect(check(observation({ valueRatio: { denominator: q } }))).toEqual([
      'error rat-1 Observation.valueRatio',
    ]);
    expect(
      check(
        observation({
          component: [{ code: { text: 'x' }, valueRatio: { id: 'r', numerator: q } }],
        }),
      ),
    ).toEqual(['error rat-1 Observation.component[0].valueRatio']);
    expect(check(observation({ valueRatio: { numerator: q, denominator: q } }))).toEqual([]);
  });
});

describe('ref-1: a local reference names a contained resource', () => {
  const org = { resourceType: 'Organization', id: 'org1', name: 'Trạm y tế xã' };
  it('reports a #reference with nothing contained under that id', () => {
    expect(check(patient({ managingOrganization: { reference: '#org1' } }))).toEqual([
      'error ref-1 Patient.managingOrganization',
    ]);
    expect(
      check(
        patient({
          contained: [org],
          managingOrganization: { reference: '#org1' },
          generalPractitioner: [{ reference: '#org2' }],
        }),
      ),
    ).toEqual(['error ref-1 Patient.generalPractitioner[0]']);
    expect(
      check(
        observation({
          contained: [org],
          performer: [{ reference: '#org1' }],
          subject: { reference: '#p' },
        }),
      ),
    ).toEqual(['error ref-1 Observation.subject']);
  });
  it('accepts a contained target, a reference to the container and a non-local reference', () => {
    expect(
      check(patient({ contained: [org], managingOrganization: { reference: '#org1' } })),
    ).toEqual([]);
    expect(check(patient({ managingOrganization: { reference: 'Organization/org1' } }))).toEqual(
      [],
    );
    // A contained resource referring to a sibling: the root resource's contained list counts.
    expect(
      check(
        patient({
          contained: [
            org,
            {
              resourceType: 'Practitioner',
              id: 'pr',
              qualification: [{ code: { text: 'BS' }, issuer: { reference: '#org1' } }],
            },
          ],
          generalPractitioner: [{ reference: '#pr' }],
        }),
      ),
    ).toEqual([]);
  });
});

describe('Timing.repeat: tim-1 … tim-10', () => {
  const sr = (repeat: Record<string, unknown>) => ({
    resourceType: 'ServiceRequest',
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/1' },
    occurrenceTiming: { repeat },
  });
  const at = 'ServiceRequest.occurrenceTiming.repeat';
  it('reports each broken rule at the repeat element', () => {
    expect(check(sr({ duration: 2 }))).toEqual([`error tim-1 ${at}`]);
    expect(check(sr({ frequency: 1, period: 1 }))).toEqual([`error tim-2 ${at}`]);
    expect(check(sr({ duration: -1, durationUnit: 'h' }))).toEqual([`error tim-4 ${at}`]);
    expect(check(sr({ period: -2, periodUnit: 'd' }))).toEqual([`error tim-5 ${at}`]);
    expect(check(sr({ periodMax: 3, periodUnit: 'd' }))).toEqual([`error tim-6 ${at}`]);
    expect(check(sr({ durationMax: 3, durationUnit: 'h' }))).toEqual([`error tim-7 ${at}`]);
    expect(check(sr({ countMax: 3 }))).toEqual([`error tim-8 ${at}`]);
    expect(check(sr({ offset: 30, when: ['C'] }))).toEqual([`error tim-9 ${at}`]);
    expect(check(sr({ offset: 30 }))).toEqual([`error tim-9 ${at}`]);
    expect(check(sr({ timeOfDay: ['08:00:00'], when: ['MORN'] }))).toEqual([`error tim-10 ${at}`]);
  });
  it('accepts the well-formed neighbours', () => {
    expect(check(sr({ duration: 0, durationUnit: 'h', durationMax: 1 }))).toEqual([]);
    expect(check(sr({ frequency: 2, period: 1, periodMax: 2, periodUnit: 'd' }))).toEqual([]);
    expect(check(sr({ count: 1, countMax: 3 }))).toEqual([]);
    expect(check(sr({ offset: 30, when: ['ACM', 'PCV'] }))).toEqual([]);
    expect(check(sr({ timeOfDay: ['08:00:00', '20:00:00'] }))).toEqual([]);
  });
});

describe('a primitive carried by an extension alone exists, without a value', () => {
  const absent = {
    extension: [
      { url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' },
    ],
  };
  it('counts for exists() (app-2) but not for hasValue() (per-1)', () => {
    const appt = {
      resourceType: 'Appointment',
      status: 'booked',
      start: '2024-05-01T08:00:00Z',
      _end: absent,
      participant: [{ actor: { reference: 'Patient/1' }, status: 'accepted' }],
    };
    expect(check(appt)).toEqual([]);
    expect(check(observation({ effectivePeriod: { start: '2024-05-02', _end: absent } }))).toEqual(
      [],
    );
  });
});

describe('the metadata datatypes: exp-1, drq-1, drq-2, trd-1 … trd-3', () => {
  const ext = (value: Record<string, unknown>) =>
    patient({ extension: [{ url: 'http://example.org/x', ...value }] });
  const at = 'Patient.extension[0]';
  it('exp-1: an expression or a reference', () => {
    expect(check(ext({ valueExpression: { language: 'text/fhirpath' } }))).toEqual([
      `error exp-1 ${at}.valueExpression`,
    ]);
    expect(
      check(ext({ valueExpression: { language: 'text/fhirpath', name: 'x', description: 'y' } })),
    ).toEqual([`error exp-1 ${at}.valueExpression`]);
    expect(
      check(ext({ valueExpression: { language: 'text/fhirpath', expression: 'name.exists()' } })),
    ).toEqual([]);
  });
  it('drq-1, drq-2: a filter has a path or a search parameter, not both', () => {
    const dr = (filters: Record<string, unknown>) =>
      ext({ valueDataRequirement: { type: 'Patient', ...filters } });
    expect(check(dr({ codeFilter: [{ path: 'code', searchParam: 'code' }] }))).toEqual([
      `error drq-1 ${at}.valueDataRequirement.codeFilter[0]`,
    ]);
    expect(
      check(dr({ codeFilter: [{ path: 'code' }, { valueSet: 'http://example.org/vs' }] })),
    ).toEqual([`error drq-1 ${at}.valueDataRequirement.codeFilter[1]`]);
    expect(check(dr({ dateFilter: [{ valueDateTime: '2024-01-01' }] }))).toEqual([
      `error drq-2 ${at}.valueDataRequirement.dateFilter[0]`,
    ]);
    expect(
      check(dr({ codeFilter: [{ searchParam: 'code' }], dateFilter: [{ path: 'birthDate' }] })),
    ).toEqual([]);
  });
  it('trd-1 … trd-3: what each kind of trigger needs', () => {
    const data = [{ type: 'Observation' }];
    const trigger = (fields: Record<string, unknown>) => ext({ valueTriggerDefinition: fields });
    expect(
      check(trigger({ type: 'periodic', timingDateTime: '2024-01-01T00:00:00Z', data })),
    ).toEqual([`error trd-1 ${at}.valueTriggerDefinition`]);
    expect(
      check(
        trigger({
          type: 'named-event',
          name: 'x',
          condition: { language: 'text/fhirpath', expression: 'true' },
        }),
      ),
    ).toEqual([`error trd-2 ${at}.valueTriggerDefinition`]);
    expect(check(trigger({ type: 'named-event' }))).toEqual([
      `error trd-3 ${at}.valueTriggerDefinition`,
    ]);
    expect(check(trigger({ type: 'data-added' }))).toEqual([
      `error trd-3 ${at}.valueTriggerDefinition`,
    ]);
    expect(check(trigger({ type: 'data-added', data }))).toEqual([]);
    expect(check(trigger({ type: 'periodic', timingDateTime: '2024-01-01T00:00:00Z' }))).toEqual(
      [],
    );
  });
});

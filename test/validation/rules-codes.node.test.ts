import { describe, expect, it } from 'vitest';
import { errors } from './rules-helpers.ts';

const THO = 'http://terminology.hl7.org/CodeSystem/';
const patient = (coding: Record<string, unknown>) => ({
  resourceType: 'Patient',
  maritalStatus: { coding: [coding] },
});

describe('codes of known code systems', () => {
  it.each([
    [
      'a marital status that v3-MaritalStatus lacks',
      patient({ system: THO + 'v3-MaritalStatus', code: 'Q' }),
    ],
    [
      'a FHIR code system code in the wrong case',
      patient({ system: 'http://hl7.org/fhir/administrative-gender', code: 'Male' }),
    ],
    [
      'an identifier type that v2-0203 lacks',
      {
        resourceType: 'Patient',
        identifier: [{ type: { coding: [{ system: THO + 'v2-0203', code: 'CCCD' }] }, value: 'x' }],
      },
    ],
    ['half of a code that holds a space', patient({ system: THO + 'v2-0207', code: 'Not' })],
    [
      'an observation category that does not exist',
      {
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'x' },
        category: [{ coding: [{ system: THO + 'observation-category', code: 'vitals' }] }],
      },
    ],
    [
      'a code in a Coding inside an extension',
      {
        resourceType: 'Patient',
        extension: [
          {
            url: 'http://example.org/x',
            valueCoding: { system: THO + 'v3-ActCode', code: 'NOT-AN-ACT' },
          },
        ],
      },
    ],
  ])('rejects %s', (_name, resource) => {
    const found = errors(resource);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'code-invalid' });
    expect(found[0]!.path).toMatch(/\.coding\[0\]\.code$|valueCoding\.code$/);
  });

  it('rejects a code outside a required value set of more than 60 codes', () => {
    const capability = {
      resourceType: 'CapabilityStatement',
      status: 'active',
      date: '2024-01-01',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['json'],
      rest: [{ mode: 'server', resource: [{ type: 'Patient' }, { type: 'Benhnhan' }] }],
    };
    const found = errors(capability);
    expect(found.map((i) => [i.path, i.code])).toEqual([
      ['CapabilityStatement.rest[0].resource[1].type', 'code-invalid'],
    ]);
  });

  it.each([
    ['a code that exists', patient({ system: THO + 'v3-MaritalStatus', code: 'M' })],
    [
      'a nested code of a hierarchical system',
      patient({ system: THO + 'v3-ActCode', code: 'AMB' }),
    ],
    [
      'LOINC (not held by the SDK)',
      patient({ system: 'http://loinc.org', code: 'anything-at-all' }),
    ],
    ['SNOMED CT', patient({ system: 'http://snomed.info/sct', code: '000' })],
    [
      'a Vietnamese code system',
      patient({ system: 'http://fhir.ehealth.gov.vn/core/CodeSystem/dan-toc', code: '99' }),
    ],
    ['an HL7 system that R4 does not hold', patient({ system: THO + 'not-in-r4', code: 'x' })],
    ['a Coding without a code', patient({ system: THO + 'v3-MaritalStatus', display: 'Married' })],
    [
      'a code with a space, of a table whose codes hold spaces',
      patient({ system: THO + 'v2-0207', code: 'Not present' }),
    ],
    ['a plain code of that table', patient({ system: THO + 'v2-0207', code: 'A' })],
  ])('accepts %s', (_name, resource) => {
    expect(errors(resource)).toEqual([]);
  });

  it('accepts the codes HL7 Terminology 7.0.1 adds to a code system R4 holds, and no others', () => {
    const room = (code: string) => ({
      resourceType: 'Location',
      physicalType: { coding: [{ system: THO + 'location-physical-type', code }] },
    });
    // `vi` (virtual) came after R4's edition; `vr` and `Vi` exist in none.
    expect(errors(room('vi'))).toEqual([]);
    expect(errors(room('ro'))).toEqual([]);
    for (const code of ['vr', 'Vi'])
      expect(errors(room(code)).map((i) => [i.code, i.path])).toEqual([
        ['code-invalid', 'Location.physicalType.coding[0].code'],
      ]);
  });

  it('skips a Coding that names a version of its system (R4 holds one edition)', () => {
    expect(
      errors(patient({ system: THO + 'v3-MaritalStatus', version: '3.0.0', code: 'Q' })),
    ).toEqual([]);
  });

  describe('required bindings of CodeableConcept elements', () => {
    const allergy = (clinicalStatus: unknown) => ({
      resourceType: 'AllergyIntolerance',
      patient: { reference: 'Patient/1' },
      clinicalStatus,
    });
    const CLINICAL = THO + 'allergyintolerance-clinical';

    it.each([
      ['text only', { text: 'Đang dị ứng' }],
      [
        'a code of another system',
        { coding: [{ system: 'http://snomed.info/sct', code: '55561003' }] },
      ],
      [
        'the same code from a look-alike system (condition-clinical)',
        { coding: [{ system: THO + 'condition-clinical', code: 'active' }] },
      ],
    ])('rejects %s', (_name, concept) => {
      expect(errors(allergy(concept)).map((i) => [i.path, i.code])).toEqual([
        ['AllergyIntolerance.clinicalStatus', 'code-invalid'],
      ]);
    });

    it('rejects a Condition verification status outside its value set', () => {
      const condition = {
        resourceType: 'Condition',
        subject: { reference: 'Patient/1' },
        verificationStatus: {
          coding: [{ system: 'http://example.org/status', code: 'confirmed' }],
        },
      };
      expect(errors(condition).map((i) => i.path)).toEqual(['Condition.verificationStatus']);
    });

    it.each([
      ['a code of the value set', { coding: [{ system: CLINICAL, code: 'active' }] }],
      [
        'a code of the value set beside a local one',
        {
          coding: [
            { system: 'http://example.org/x', code: 'a' },
            { system: CLINICAL, code: 'resolved' },
          ],
          text: 'Đã khỏi',
        },
      ],
    ])('accepts %s', (_name, concept) => {
      expect(errors(allergy(concept))).toEqual([]);
    });
  });

  describe('code systems defined by a grammar (media types, currencies)', () => {
    const photo = (contentType: string) => ({
      resourceType: 'Patient',
      photo: [{ contentType, url: 'https://example.org/a' }],
    });
    const capability = (format: string[]) => ({
      resourceType: 'CapabilityStatement',
      status: 'active',
      date: '2024-01-01',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format,
    });
    const coverage = (currency: string) => ({
      resourceType: 'Coverage',
      status: 'active',
      beneficiary: { reference: 'Patient/1' },
      payor: [{ display: 'BHXH' }],
      costToBeneficiary: [{ valueMoney: { value: 0, currency } }],
    });

    it.each([
      ['a media type without a subtype', photo('jpeg')],
      ['a file extension for a media type', photo('.pdf')],
      ['a media type with a space inside', photo('image/ jpeg')],
      ['a short name outside CapabilityStatement.format', photo('json')],
      ['an unknown short format', capability(['json', 'yaml'])],
      ['a currency symbol', coverage('₫')],
      ['a lower-case currency', coverage('vnd')],
    ])('rejects %s', (_name, resource) => {
      const found = errors(resource);
      expect(found).toHaveLength(1);
      expect(found[0]!.code).toBe('code-invalid');
    });

    it.each([
      ['image/jpeg', photo('image/jpeg')],
      ['a media type with a parameter', photo('text/plain; charset=utf-8')],
      [
        'application/fhir+json and the short names',
        capability(['application/fhir+json', 'xml', 'json', 'ttl']),
      ],
      ['VND', coverage('VND')],
    ])('accepts %s', (_name, resource) => {
      expect(errors(resource)).toEqual([]);
    });
  });
});

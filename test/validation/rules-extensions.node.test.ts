import { describe, expect, it } from 'vitest';
import { errors } from './rules-helpers.ts';

const SD = 'http://hl7.org/fhir/StructureDefinition/';

describe('extensions', () => {
  it.each([
    [
      'a relative extension url',
      { extension: [{ url: 'ethnicity', valueString: 'Kinh' }] },
      'Patient.extension[0].url',
      'absolute URL',
    ],
    [
      'a relative url on a datatype',
      { name: [{ text: 'An', extension: [{ url: 'nick', valueString: 'Bé' }] }] },
      'Patient.name[0].extension[0].url',
      'absolute URL',
    ],
    [
      'a relative modifierExtension url',
      { modifierExtension: [{ url: 'x', valueBoolean: true }] },
      'Patient.modifierExtension[0].url',
      'absolute URL',
    ],
    [
      'an unknown modifier extension',
      {
        modifierExtension: [
          { url: 'http://example.org/fhir/StructureDefinition/not-real', valueBoolean: true },
        ],
      },
      'Patient.modifierExtension[0]',
      'not known to the SDK',
    ],
    [
      'a known extension with the wrong value type',
      { extension: [{ url: SD + 'patient-birthPlace', valueString: 'Hà Nội' }] },
      'Patient.extension[0]',
      'takes a value of type Address, not string',
    ],
    [
      'a versioned canonical with the wrong value type',
      { extension: [{ url: SD + 'patient-birthPlace|4.0.1', valueString: 'Huế' }] },
      'Patient.extension[0]',
      'not string',
    ],
    [
      'a known extension outside its context',
      {
        name: [
          {
            text: 'An',
            extension: [{ url: SD + 'patient-birthPlace', valueAddress: { city: 'Huế' } }],
          },
        ],
      },
      'Patient.name[0].extension[0]',
      'not allowed on Patient.name',
    ],
    [
      'a Patient extension on an Organization-like resource',
      {
        address: [
          {
            city: 'Huế',
            extension: [{ url: SD + 'patient-mothersMaidenName', valueString: 'Lê' }],
          },
        ],
      },
      'Patient.address[0].extension[0]',
      'not allowed on Patient.address',
    ],
    [
      'a primitive extension in the wrong context',
      {
        _gender: {
          extension: [
            { url: SD + 'patient-birthTime', valueDateTime: '2020-01-01T08:00:00+07:00' },
          ],
        },
      },
      'Patient._gender.extension[0]',
      'not allowed on Patient.gender',
    ],
    [
      'a known extension without a value',
      { extension: [{ url: SD + 'patient-birthPlace', id: 'x' }] },
      'Patient.extension[0]',
      'needs a value',
    ],
    [
      'a complex extension with a value',
      { extension: [{ url: SD + 'patient-nationality', valueCode: 'VN' }] },
      'Patient.extension[0]',
      'holds sub-extensions, not a value',
    ],
    [
      'a complex extension with an undeclared sub-extension',
      {
        extension: [
          { url: SD + 'patient-nationality', extension: [{ url: 'country', valueString: 'VN' }] },
        ],
      },
      'Patient.extension[0].extension[0].url',
      'no sub-extension "country"',
    ],
    [
      'a sub-extension with the wrong value type',
      {
        extension: [
          { url: SD + 'patient-nationality', extension: [{ url: 'code', valueString: 'VN' }] },
        ],
      },
      'Patient.extension[0].extension[0]',
      'CodeableConcept, not string',
    ],
    [
      'a non-modifier extension in modifierExtension',
      { modifierExtension: [{ url: SD + 'patient-birthPlace', valueAddress: { city: 'Huế' } }] },
      'Patient.modifierExtension[0]',
      'not a modifier extension',
    ],
  ])('rejects %s', (_name, content, path, words) => {
    const found = errors({ resourceType: 'Patient', ...content });
    expect(found.map((i) => i.path)).toContain(path);
    const issue = found.find((i) => i.path === path)!;
    expect(issue.code).toBe('extension');
    expect(issue.message).toContain(words);
  });

  it('rejects a modifier extension placed in extension', () => {
    // request-doNotPerform is a modifier extension (of NutritionOrder).
    const found = errors({
      resourceType: 'Patient',
      extension: [{ url: SD + 'request-doNotPerform', valueBoolean: true }],
    });
    expect(found.map((i) => i.message)).toEqual([
      `Extension ${SD}request-doNotPerform is a modifier extension; put it in modifierExtension.`,
      `Extension ${SD}request-doNotPerform is not allowed on Patient; it is defined for NutritionOrder.`,
    ]);
  });

  it.each([
    [
      'a known extension in its context',
      { extension: [{ url: SD + 'patient-birthPlace', valueAddress: { city: 'Huế' } }] },
    ],
    [
      'a versioned canonical of a known extension',
      { extension: [{ url: SD + 'patient-birthPlace|4.0.1', valueAddress: { city: 'Huế' } }] },
    ],
    [
      'birthTime on the birthDate primitive',
      {
        birthDate: '2020-01-01',
        _birthDate: {
          extension: [
            { url: SD + 'patient-birthTime', valueDateTime: '2020-01-01T08:00:00+07:00' },
          ],
        },
      },
    ],
    [
      'data-absent-reason on any element',
      { _gender: { extension: [{ url: SD + 'data-absent-reason', valueCode: 'unknown' }] } },
    ],
    [
      'a Vietnamese extension the SDK does not define',
      {
        extension: [
          {
            url: 'http://fhir.ehealth.gov.vn/core/StructureDefinition/ethnicity',
            valueCoding: { code: '01' },
          },
        ],
      },
    ],
    [
      'a complex extension with its declared sub-extensions',
      {
        extension: [
          {
            url: SD + 'patient-nationality',
            extension: [
              { url: 'code', valueCodeableConcept: { text: 'VN' } },
              { url: 'period', valuePeriod: { start: '2000' } },
            ],
          },
        ],
      },
    ],
    [
      'sub-extensions with relative names inside an unknown extension',
      {
        extension: [
          {
            url: 'http://example.org/fhir/StructureDefinition/vn-address-detail',
            extension: [{ url: 'ward', valueString: 'Phường 1' }],
          },
        ],
      },
    ],
    [
      'an extension on a path inside a datatype (HumanName.family)',
      {
        name: [
          {
            family: 'Nguyễn',
            _family: { extension: [{ url: SD + 'humanname-own-prefix', valueString: 'Bà' }] },
          },
        ],
      },
    ],
    [
      'an extension on a backbone element path (Patient.contact)',
      {
        contact: [
          {
            name: { text: 'Bình' },
            extension: [{ url: SD + 'patient-relatedPerson', valueReference: { display: 'Bình' } }],
          },
        ],
      },
    ],
  ])('accepts %s', (_name, content) => {
    expect(errors({ resourceType: 'Patient', ...content })).toEqual([]);
  });

  it('accepts a Quantity extension on a Quantity of another type, and a component extension', () => {
    const observation = {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'Cân nặng' },
      valueQuantity: {
        value: 3.1,
        extension: [{ url: SD + 'iso21090-uncertainty', valueDecimal: 0.1 }],
      },
      component: [
        {
          code: { text: 'x' },
          valueString: 'y',
          extension: [{ url: SD + 'observation-timeOffset', valueInteger: 5 }],
        },
      ],
    };
    expect(errors(observation)).toEqual([]);
    const immunization = {
      resourceType: 'Immunization',
      status: 'completed',
      vaccineCode: { text: 'BCG' },
      patient: { reference: 'Patient/1' },
      occurrenceDateTime: '2024-01-01',
      doseQuantity: {
        value: 0.1,
        extension: [{ url: SD + 'iso21090-uncertainty', valueDecimal: 0.01 }],
      },
    };
    expect(errors(immunization)).toEqual([]);
  });

  it('rejects a complex extension without a required sub-extension, accepts it with one', () => {
    const animal = (extension: unknown[]) => ({
      resourceType: 'Patient',
      extension: [{ url: SD + 'patient-animal', extension }],
    });
    expect(
      errors(animal([{ url: 'breed', valueCodeableConcept: { text: 'Poodle' } }])).map(
        (i) => i.message,
      ),
    ).toEqual([`Extension ${SD}patient-animal requires its sub-extension "species".`]);
    expect(errors(animal([{ url: 'species', valueCodeableConcept: { text: 'Chó' } }]))).toEqual([]);
    // Slicing is open: a sub-extension with an absolute URL of its own is allowed.
    expect(
      errors(
        animal([
          { url: 'species', valueCodeableConcept: { text: 'Chó' } },
          { url: 'http://example.org/fhir/StructureDefinition/chip', valueString: 'A1' },
        ]),
      ),
    ).toEqual([]);
  });
});

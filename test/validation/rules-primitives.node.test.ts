/**
 * Primitive extensions (R4 json.html): most of the rule is the structure check's; the full level
 * adds the all-null array. Both are run here, as the full level runs them.
 */
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../packages/core/src/errors.ts';
import { checkRules } from '../../packages/core/src/fhir/rules/index.ts';
import { validateResource } from '../../packages/core/src/validation.ts';

const EXT = [
  { url: 'http://example.org/fhir/StructureDefinition/pronunciation', valueString: 'An' },
];

function full(resource: Record<string, unknown>): ValidationIssue[] {
  const structure = validateResource(resource, { mode: 'strict' }).issues;
  if (structure.length) return structure;
  const issues: ValidationIssue[] = [];
  checkRules(resource, issues);
  return issues;
}
const codes = (r: Record<string, unknown>) => full(r).map((i) => [i.severity, i.code, i.path]);

describe('primitive extensions', () => {
  it.each([
    [
      '_given shorter than given',
      { name: [{ given: ['Văn', 'An'], _given: [{ extension: EXT }] }] },
      'Patient.name[0]._given',
    ],
    [
      '_given longer than given',
      { name: [{ given: ['An'], _given: [null, { extension: EXT }] }] },
      'Patient.name[0]._given',
    ],
    [
      'a null given without an extension beside it',
      { name: [{ given: ['Văn', null] }] },
      'Patient.name[0].given[1]',
    ],
    [
      'a null given beside a null _given',
      { name: [{ given: [null, 'An'], _given: [null, { extension: EXT }] }] },
      'Patient.name[0].given[0]',
    ],
    [
      'a null in _given with no given at all',
      { name: [{ _given: [null, { extension: EXT }] }] },
      'Patient.name[0]._given[0]',
    ],
  ])('rejects %s', (_name, content, path) => {
    expect(codes({ resourceType: 'Patient', ...content })).toContainEqual([
      'error',
      'primitive-extension',
      path,
    ]);
  });

  it.each([
    [
      'a value inside _birthDate',
      { birthDate: '2000-01-01', _birthDate: { value: '2000-01-01' } },
      ['error', 'unknown-property', 'Patient._birthDate.value'],
    ],
    [
      '_birthDate as an array',
      { _birthDate: [{ extension: EXT }] },
      ['error', 'invalid-type', 'Patient._birthDate'],
    ],
    [
      '_given as a single object',
      { name: [{ given: ['An'], _given: { extension: EXT } }] },
      ['error', 'cardinality', 'Patient.name[0]._given'],
    ],
    [
      '_id with an unknown property',
      { id: 'p1', _id: { foo: 1 } },
      ['error', 'unknown-property', 'Patient._id.foo'],
    ],
    [
      '_x beside a non-primitive',
      { _name: { extension: EXT } },
      ['error', 'unknown-property', 'Patient._name'],
    ],
    ['an empty _gender', { gender: 'male', _gender: {} }, ['error', 'empty', 'Patient._gender']],
    [
      'an _given array of nulls only',
      { name: [{ given: ['Văn', 'An'], _given: [null, null] }] },
      ['warning', 'primitive-extension', 'Patient.name[0]._given'],
    ],
  ])('rejects %s', (_name, content, issue) => {
    expect(codes({ resourceType: 'Patient', ...content })).toContainEqual(issue);
  });

  it.each([
    ['_id with an extension on the resource', { id: 'p1', _id: { extension: EXT } }],
    [
      '_given aligned, null where there is no extension',
      { name: [{ given: ['Văn', 'An'], _given: [null, { extension: EXT }] }] },
    ],
    [
      'a given carried by its extension alone',
      { name: [{ given: ['Văn', null], _given: [null, { extension: EXT }] }] },
    ],
    [
      '_birthDate without birthDate, with an extension',
      {
        _birthDate: {
          extension: [
            {
              url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason',
              valueCode: 'unknown',
            },
          ],
        },
      },
    ],
    ['_gender with an id only', { gender: 'female', _gender: { id: 'g1' } }],
    [
      '_id on a contained resource',
      { contained: [{ resourceType: 'Organization', id: 'o1', _id: { extension: EXT } }] },
    ],
  ])('accepts %s', (_name, content) => {
    expect(full({ resourceType: 'Patient', ...content })).toEqual([]);
  });
});

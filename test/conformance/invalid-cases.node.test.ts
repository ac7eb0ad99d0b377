/**
 * FHIR R4 structural rules, one invalid instance per rule, each written from the specification
 * (https://hl7.org/fhir/R4/json.html, datatypes.html, terminologies.html, formats.html) and each
 * expected to be rejected at a precise FHIR path.
 */
import { describe, expect, it } from 'vitest';
import { validateResource } from '../../packages/core/src/validation.ts';

const patient = { resourceType: 'Patient' };
const immunization = {
  resourceType: 'Immunization',
  status: 'completed',
  vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '03' }] },
  patient: { reference: 'Patient/1' },
  occurrenceDateTime: '2024-05-01',
};
const observation = { resourceType: 'Observation', status: 'final', code: { text: 'Heart rate' } };

interface Case {
  rule: string;
  input: unknown;
  path: string;
  code: string;
  severity?: 'error' | 'warning';
  mode?: 'strict' | 'warn';
}

const cases: Case[] = [
  // Primitive formats (datatypes.html#primitive)
  {
    rule: 'id: at most 64 of [A-Za-z0-9-.]',
    input: { ...patient, id: 'a_b' },
    path: 'Patient.id',
    code: 'invalid-format',
  },
  {
    rule: 'id: not longer than 64',
    input: { ...patient, id: 'x'.repeat(65) },
    path: 'Patient.id',
    code: 'invalid-format',
  },
  {
    rule: 'date: month 01-12',
    input: { ...patient, birthDate: '1990-13-01' },
    path: 'Patient.birthDate',
    code: 'invalid-format',
  },
  {
    rule: 'date: no time part',
    input: { ...patient, birthDate: '1990-01-01T10:00:00Z' },
    path: 'Patient.birthDate',
    code: 'invalid-format',
  },
  {
    rule: 'date: dd/mm/yyyy is not FHIR',
    input: { ...patient, birthDate: '01/02/1990' },
    path: 'Patient.birthDate',
    code: 'invalid-format',
  },
  {
    rule: 'dateTime: a time needs a zone',
    input: { ...immunization, occurrenceDateTime: '2024-05-01T10:00:00' },
    path: 'Immunization.occurrenceDateTime',
    code: 'invalid-format',
  },
  {
    rule: 'dateTime: hours 00-23',
    input: { ...immunization, occurrenceDateTime: '2024-05-01T24:00:00Z' },
    path: 'Immunization.occurrenceDateTime',
    code: 'invalid-format',
  },
  {
    rule: 'instant: full precision required',
    input: { ...patient, meta: { lastUpdated: '2024-05-01' } },
    path: 'Patient.meta.lastUpdated',
    code: 'invalid-format',
  },
  {
    rule: 'code: no leading whitespace',
    input: { ...patient, gender: ' male' },
    path: 'Patient.gender',
    code: 'invalid-format',
  },
  {
    rule: 'uri: no whitespace',
    input: { ...patient, identifier: [{ value: '1' }, { system: 'urn:a b', value: '2' }] },
    path: 'Patient.identifier[1].system',
    code: 'invalid-format',
  },
  {
    rule: 'decimal: a JSON number, not a string',
    input: { ...observation, valueQuantity: { value: '72' } },
    path: 'Observation.valueQuantity.value',
    code: 'invalid-format',
  },
  {
    rule: 'boolean: a JSON boolean',
    input: { ...patient, active: 'true' },
    path: 'Patient.active',
    code: 'invalid-format',
  },
  {
    rule: 'integer: no fraction',
    input: { ...observation, valueInteger: 1.5 },
    path: 'Observation.valueInteger',
    code: 'invalid-format',
  },
  {
    rule: 'positiveInt: at least 1',
    input: { ...patient, extension: [{ url: 'http://e.org/x', valuePositiveInt: 0 }] },
    path: 'Patient.extension[0].valuePositiveInt',
    code: 'invalid-format',
  },
  {
    rule: 'unsignedInt: not negative',
    input: { resourceType: 'Bundle', type: 'searchset', total: -1 },
    path: 'Bundle.total',
    code: 'invalid-format',
  },
  {
    rule: 'base64Binary: base64 alphabet',
    input: { ...patient, photo: [{ data: 'not base64!' }] },
    path: 'Patient.photo[0].data',
    code: 'invalid-format',
  },
  {
    rule: 'xhtml: a div element',
    input: { ...patient, text: { status: 'generated', div: '<p>x</p>' } },
    path: 'Patient.text.div',
    code: 'invalid-format',
  },
  // Required bindings (terminologies.html#required)
  {
    rule: 'required binding: Immunization.status is case-sensitive',
    input: { ...immunization, status: 'Completed' },
    path: 'Immunization.status',
    code: 'code-invalid',
  },
  {
    rule: 'required binding: Patient.gender',
    input: { ...patient, gender: 'nam' },
    path: 'Patient.gender',
    code: 'code-invalid',
  },
  {
    rule: 'required binding: Bundle.type',
    input: { resourceType: 'Bundle', type: 'list' },
    path: 'Bundle.type',
    code: 'code-invalid',
  },
  {
    rule: 'required binding in a datatype: ContactPoint.system',
    input: { ...patient, telecom: [{ system: 'zalo', value: 'x' }] },
    path: 'Patient.telecom[0].system',
    code: 'code-invalid',
  },
  {
    rule: 'required binding in a backbone: Appointment.participant.status',
    input: { resourceType: 'Appointment', status: 'booked', participant: [{ status: 'yes' }] },
    path: 'Appointment.participant[0].status',
    code: 'code-invalid',
  },
  // Cardinality (elementdefinition.html#cardinality)
  {
    rule: 'required element missing',
    input: {
      resourceType: 'Immunization',
      vaccineCode: immunization.vaccineCode,
      patient: immunization.patient,
      occurrenceDateTime: '2024',
    },
    path: 'Immunization.status',
    code: 'required',
  },
  {
    rule: 'required backbone list missing',
    input: { resourceType: 'Appointment', status: 'booked' },
    path: 'Appointment.participant',
    code: 'required',
  },
  {
    rule: 'repeating element must be an array',
    input: { ...patient, name: { family: 'Nguyễn' } },
    path: 'Patient.name',
    code: 'cardinality',
  },
  {
    rule: 'single element must not be an array',
    input: { ...patient, gender: ['male'] },
    path: 'Patient.gender',
    code: 'cardinality',
  },
  {
    rule: 'complex element must be an object',
    input: { ...patient, maritalStatus: 'M' },
    path: 'Patient.maritalStatus',
    code: 'invalid-type',
  },
  // Choice types (formats.html#choice)
  {
    rule: 'choice: at most one occurrence[x]',
    input: { ...immunization, occurrenceString: 'last spring' },
    path: 'Immunization.occurrence[x]',
    code: 'choice',
  },
  {
    rule: 'choice: exactly one where required',
    input: { ...immunization, occurrenceDateTime: undefined },
    path: 'Immunization.occurrence[x]',
    code: 'required',
  },
  {
    rule: 'choice: two deceased[x]',
    input: { ...patient, deceasedBoolean: true, deceasedDateTime: '2020' },
    path: 'Patient.deceased[x]',
    code: 'choice',
  },
  {
    rule: 'choice: type not allowed for this element',
    input: { ...patient, deceasedString: 'yes' },
    path: 'Patient.deceasedString',
    code: 'unknown-property',
    mode: 'strict',
  },
  // Empty values (json.html: "no empty objects, arrays or strings")
  { rule: 'empty array', input: { ...patient, name: [] }, path: 'Patient.name', code: 'empty' },
  {
    rule: 'empty object',
    input: { ...patient, identifier: [{}] },
    path: 'Patient.identifier[0]',
    code: 'empty',
  },
  {
    rule: 'empty string',
    input: { ...patient, name: [{ family: '' }] },
    path: 'Patient.name[0].family',
    code: 'empty',
  },
  // Primitive extensions (json.html#primitive)
  {
    rule: 'null value without a matching _given extension',
    input: { ...patient, name: [{ given: ['An', null] }] },
    path: 'Patient.name[0].given[1]',
    code: 'primitive-extension',
  },
  {
    rule: '_given not aligned with given',
    input: { ...patient, name: [{ given: ['An', 'Bình'], _given: [null] }] },
    path: 'Patient.name[0]._given',
    code: 'primitive-extension',
  },
  {
    rule: '_birthDate must be an object',
    input: { ...patient, birthDate: '1990', _birthDate: 'x' },
    path: 'Patient._birthDate',
    code: 'invalid-type',
  },
  {
    rule: '_element only beside a primitive',
    input: { ...patient, _name: [{ id: 'x' }] },
    path: 'Patient._name',
    code: 'unknown-property',
    mode: 'strict',
  },
  {
    rule: 'extension inside _birthDate needs a url',
    input: { ...patient, _birthDate: { extension: [{ valueString: 'x' }] } },
    path: 'Patient._birthDate.extension[0].url',
    code: 'required',
  },
  // Extensions (extensibility.html)
  {
    rule: 'Extension.url is required',
    input: { ...patient, extension: [{ valueString: 'Kinh' }] },
    path: 'Patient.extension[0].url',
    code: 'required',
  },
  {
    rule: 'modifierExtension.url is required',
    input: { ...patient, modifierExtension: [{ valueBoolean: true }] },
    path: 'Patient.modifierExtension[0].url',
    code: 'required',
  },
  {
    rule: 'ext-1: value and nested extensions',
    input: {
      ...patient,
      extension: [
        { url: 'http://e.org/x', valueString: 'a', extension: [{ url: 'b', valueString: 'c' }] },
      ],
    },
    path: 'Patient.extension[0]',
    code: 'invariant',
  },
  // resourceType discriminators (json.html#resources, references.html#contained)
  {
    rule: 'wrong resourceType for the caller',
    input: { ...patient },
    path: 'Immunization.resourceType',
    code: 'resource-type',
  },
  {
    rule: 'contained resource without resourceType',
    input: { ...patient, contained: [{ id: 'o1', name: 'x' }] },
    path: 'Patient.contained[0].resourceType',
    code: 'resource-type',
  },
  {
    rule: 'Bundle entry resource without resourceType',
    input: { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { id: 'p' } }] },
    path: 'Bundle.entry[0].resource.resourceType',
    code: 'resource-type',
  },
  {
    rule: 'Bundle entry resource validated by its type',
    input: {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { ...immunization, status: 'done' } }],
    },
    path: 'Bundle.entry[0].resource.status',
    code: 'code-invalid',
  },
  {
    rule: 'contained resource validated by its type',
    input: { ...immunization, contained: [{ resourceType: 'Patient', gender: 'M' }] },
    path: 'Immunization.contained[0].gender',
    code: 'code-invalid',
  },
  {
    rule: 'unsupported top-level type: accepted unchecked, with a warning',
    input: { resourceType: 'Basic', code: { text: 'x' } },
    path: 'Basic.resourceType',
    code: 'unsupported-type',
    severity: 'warning',
  },
  // Unknown properties (json.html: unknown properties are an error in strict parsing)
  {
    rule: 'typo: error in strict',
    input: { ...patient, birthdate: '1990-01-01' },
    path: 'Patient.birthdate',
    code: 'unknown-property',
    mode: 'strict',
  },
  {
    rule: 'R5 field: error in strict',
    input: { ...immunization, administeredProduct: { concept: { text: 'x' } } },
    path: 'Immunization.administeredProduct',
    code: 'unknown-property',
    mode: 'strict',
  },
  {
    rule: 'typo inside a datatype: error in strict',
    input: { ...patient, name: [{ famly: 'Nguyễn' }] },
    path: 'Patient.name[0].famly',
    code: 'unknown-property',
    mode: 'strict',
  },
  {
    rule: 'typo: warning otherwise',
    input: { ...patient, birthdate: '1990-01-01' },
    path: 'Patient.birthdate',
    code: 'unknown-property',
    severity: 'warning',
  },
];

describe('FHIR R4 structural rules: invalid cases', () => {
  it.each(cases.map((c) => [c.rule, c] as const))('%s', (_rule, c) => {
    const input = structuredClone(c.input);
    const before = JSON.stringify(input);
    const expectedType = c.path.split('.')[0];
    const result = validateResource(input, { expectedType, mode: c.mode ?? 'warn' });
    const issue = result.issues.find((i) => i.path === c.path && i.code === c.code);
    expect(issue, JSON.stringify(result.issues, null, 1)).toBeDefined();
    expect(issue!.severity).toBe(c.severity ?? 'error');
    expect(issue!.message).toMatch(/\w/);
    expect(issue!.messageVi).toMatch(/\w/);
    expect(result.ok).toBe((c.severity ?? 'error') !== 'error');
    if (result.ok) expect(result.resource).toBe(input);
    // Nothing is dropped or changed, valid or not.
    expect(JSON.stringify(input)).toBe(before);
  });

  it('keeps unknown properties on a warn-mode success', () => {
    const input = { ...patient, birthdate: '1990-01-01', _gendr: { id: 'x' } };
    const result = validateResource(input);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.resource).toEqual(input);
    expect(result.issues.map((i) => i.path)).toEqual(['Patient.birthdate', 'Patient._gendr']);
  });

  it('accepts null placeholders aligned with primitive extensions', () => {
    const input = {
      ...patient,
      name: [
        {
          given: ['An', null],
          _given: [null, { extension: [{ url: 'http://e.org/x', valueString: 'Bình' }] }],
        },
      ],
      _birthDate: {
        extension: [
          {
            url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason',
            valueCode: 'unknown',
          },
        ],
      },
    };
    expect(validateResource(input, { mode: 'strict' })).toEqual({
      ok: true,
      resource: input,
      issues: [],
    });
  });

  it('reports prototype-like keys as unknown properties, verbatim', () => {
    const input = JSON.parse(
      '{"resourceType":"Patient","constructor":1,"__proto__":{"x":1},"$&":"a"}',
    ) as object;
    const result = validateResource(input, { mode: 'strict' });
    expect(result.issues.map((i) => [i.path, i.code])).toEqual([
      ['Patient.constructor', 'unknown-property'],
      ['Patient.__proto__', 'unknown-property'],
      ['Patient.$&', 'unknown-property'],
    ]);
    expect(result.issues.every((i) => i.message.includes(` ${i.path.split('.')[1]!} `))).toBe(true);
    expect(result.issues.every((i) => i.messageVi?.includes(` ${i.path.split('.')[1]!} `))).toBe(
      true,
    );
  });

  it('rejects what is not a JSON object', () => {
    for (const input of [null, 'Patient', [patient], 42]) {
      const result = validateResource(input, { expectedType: 'Patient' });
      expect(result.ok).toBe(false);
      expect(result.issues[0]?.path).toBe('Patient');
    }
  });

  it('mode off checks nothing', () => {
    const input = { resourceType: 'Patient', gender: 'nam' };
    expect(validateResource(input, { mode: 'off' })).toEqual({
      ok: true,
      resource: input,
      issues: [],
    });
  });
});

describe('primitiveSchema', () => {
  it('exposes the zod/mini schema of each FHIR primitive', async () => {
    const { primitiveSchema } = await import('../../packages/core/src/validation.ts');
    expect(primitiveSchema('date').safeParse('2024-05-01').success).toBe(true);
    expect(primitiveSchema('date').safeParse('01/05/2024').success).toBe(false);
    expect(primitiveSchema('positiveInt').safeParse(0).success).toBe(false);
    expect(primitiveSchema('boolean').safeParse('true').success).toBe(false);
    expect(primitiveSchema('code').safeParse('in-progress').success).toBe(true);
  });
});

describe('hostile input', () => {
  it('reports absurd nesting instead of overflowing the stack', () => {
    let ext: Record<string, unknown> = { url: 'http://e.org/x', valueString: 'x' };
    for (let i = 0; i < 20_000; i++) ext = { url: 'http://e.org/x', extension: [ext] };
    const result = validateResource({ resourceType: 'Patient', extension: [ext] });
    expect(result.ok).toBe(false);
    expect(result.issues.some((i) => i.code === 'too-deep')).toBe(true);
  });
});

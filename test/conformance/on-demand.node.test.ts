/**
 * The client's validator loads one element table per resource type it meets
 * (packages/core/src/fhir/on-demand.ts) and checks primitives without zod: its results must be
 * exactly those of the synchronous `validateResource`, which has every table and is tested against
 * the official examples and the invalid cases.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as OnDemandModule from '../../packages/core/src/fhir/on-demand.ts';
import type * as StructureModule from '../../packages/core/src/fhir/structure.ts';
import type * as ValidationModule from '../../packages/core/src/validation.ts';
import { officialExamples } from './examples.ts';

type OnDemand = typeof OnDemandModule;
type Structure = typeof StructureModule;
type Validation = typeof ValidationModule;

// Two instances of the validator modules: the on-demand one must not see the tables the
// synchronous one registers.
let onDemand: OnDemand;
let structure: Structure;
let sync: Validation;

beforeAll(async () => {
  vi.resetModules();
  onDemand = await import('../../packages/core/src/fhir/on-demand.ts');
  structure = await import('../../packages/core/src/fhir/structure.ts');
  vi.resetModules();
  sync = await import('../../packages/core/src/validation.ts');
});

const examples = officialExamples().filter((e) => e.text.length < 1_000_000);

/** Valid examples broken in the ways the structural rules catch. */
function broken(json: Record<string, unknown>): Record<string, unknown>[] {
  const id = { ...json, id: 'not valid!' };
  const unknown = { ...json, colour: 'blue', _status: 42 };
  const empty = { ...json, meta: {}, identifier: [] };
  const contained = {
    ...json,
    contained: [
      { resourceType: 'Observation', status: 'nope', code: { text: 1 } },
      { resourceType: 'Basic', code: { text: 'not modelled' } },
      { resourceType: 'Patient', birthDate: '2024-13-01', contained: [{ resourceType: 'Task' }] },
    ],
  };
  return [id, unknown, empty, contained];
}

describe('on-demand validation (the client) equals validateResource', () => {
  it('starts with no resource table and loads only the types it meets', async () => {
    expect(structure.hasTable('Patient')).toBe(false);
    const patient = { resourceType: 'Patient', name: [{ text: 'Nguyễn Văn An' }] };
    const result = await onDemand.validateOnDemand(patient, { expectedType: 'Patient' });
    expect(result).toEqual(sync.validateResource(patient, { expectedType: 'Patient' }));
    expect(structure.hasTable('Patient')).toBe(true);
    expect(structure.hasTable('Task')).toBe(false);
    expect(structure.hasTable('CapabilityStatement')).toBe(false);
  });

  it.each(examples.map((e) => [e.name, e] as const))(
    '%s: same result, valid or broken, in every mode',
    async (_name, example) => {
      const json = JSON.parse(example.text) as Record<string, unknown>;
      for (const input of [json, ...broken(json)]) {
        for (const options of [
          { mode: 'strict' as const },
          { mode: 'warn' as const, profile: 'vn-core-moh' as const },
          { expectedType: 'Patient', profile: 'vn-core-community' as const },
        ]) {
          const expected = sync.validateResource(structuredClone(input), options);
          const actual = await onDemand.validateOnDemand(structuredClone(input), options);
          expect(actual).toEqual(expected);
        }
      }
    },
  );

  it('the tables it loaded are those of the types it met', () => {
    const met = new Set(examples.map((e) => e.resourceType));
    for (const type of sync.RESOURCE_TYPES) expect(structure.hasTable(type)).toBe(met.has(type));
  });
});

describe('primitive formats without zod', () => {
  const values: unknown[] = [
    '',
    ' ',
    'a',
    'a b',
    ' a',
    '2024',
    '2024-02',
    '2024-02-30',
    '2024-13-01',
    '2024-02-03T10:00:00+07:00',
    '2024-02-03T10:00:00',
    '10:00:00',
    '25:00:00',
    '0',
    '1',
    '-1',
    '1.50',
    '1e3',
    'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e',
    'urn:oid:1.2.3',
    'http://example.org/x',
    'aGVsbG8=',
    '<div xmlns="http://www.w3.org/1999/xhtml">x</div>',
    'x'.repeat(65),
    0,
    1,
    -1,
    1.5,
    1e21,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    false,
    null,
    undefined,
    {},
    [],
  ];
  it('accepts what primitiveSchema accepts, for every primitive type', () => {
    for (const type of PRIMITIVE_TYPES) {
      for (const value of values) {
        expect(structure.isPrimitiveValue(type, value), `${type} ${String(value)}`).toBe(
          sync.primitiveSchema(type).safeParse(value).success,
        );
      }
    }
  });
});

/** Every primitive type of R4 (with and without a regex), and the narrative's xhtml. */
const PRIMITIVE_TYPES = [
  'base64Binary',
  'boolean',
  'canonical',
  'code',
  'date',
  'dateTime',
  'decimal',
  'id',
  'instant',
  'integer',
  'markdown',
  'oid',
  'positiveInt',
  'string',
  'time',
  'unsignedInt',
  'uri',
  'url',
  'uuid',
  'xhtml',
];

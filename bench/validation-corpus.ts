/**
 * The validation benchmark's inputs: the official R4 examples of each supported resource type
 * (files and the entries of example Bundles), grown into a corpus of distinct valid variants, and
 * the structurally invalid inputs of the catch table.
 */
import { readdirSync, readFileSync } from 'node:fs';

export type Json = Record<string, unknown>;

/** Every official example by resourceType: whole files, and the entries of example Bundles. */
export function officialByType(examplesDir: string): Map<string, Json[]> {
  const byType = new Map<string, Json[]>();
  const add = (r: Json) => {
    const type = String(r.resourceType);
    let list = byType.get(type);
    if (!list) byType.set(type, (list = []));
    list.push(r);
  };
  for (const file of readdirSync(examplesDir).sort()) {
    if (!file.endsWith('.json') || file === 'package.json') continue;
    let json: Json;
    try {
      json = JSON.parse(readFileSync(examplesDir + file, 'utf8')) as Json;
    } catch {
      continue;
    }
    if (typeof json.resourceType !== 'string') continue;
    add(json);
    if (json.resourceType === 'Bundle') {
      for (const entry of (json.entry as { resource?: Json }[] | undefined) ?? []) {
        if (entry.resource && typeof entry.resource.resourceType === 'string') add(entry.resource);
      }
    }
  }
  return byType;
}

/** Free-text string elements: a suffix keeps them valid and makes each variant's values new. */
const FREE_TEXT = new Set([
  'display',
  'text',
  'family',
  'given',
  'value',
  'valueString',
  'lotNumber',
  'description',
  'comment',
  'name',
  'title',
  'city',
  'line',
]);
const DATE = /^([0-9]{4})(-[0-9]{2}(-[0-9]{2}(T.*)?)?)?$/;

/**
 * A valid variant of `base`: the resource id, free-text strings and the years of dates and
 * dateTimes change with `i` (years by multiples of 4, so 29 February stays a date), codes, systems
 * and URLs stay as they are, as in real traffic. Validators that remember values they have seen
 * meet new ones, as they would in production.
 */
export function vary(base: Json, i: number): Json {
  const years = 4 * (i % 10);
  const walk = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') {
      if (key === 'div' || key === 'resourceType') return value;
      const date = DATE.exec(value);
      if (date && +date[1]! - years > 1900) {
        return String(+date[1]! - years) + value.slice(4);
      }
      return FREE_TEXT.has(key) ? `${value} ${i}` : value;
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (typeof value === 'object' && value !== null) {
      const out: Json = {};
      for (const [k, v] of Object.entries(value)) out[k] = walk(v, k);
      return out;
    }
    return value;
  };
  const r = walk(base, '') as Json;
  if (typeof r.id === 'string') r.id = `${i}-${r.id}`.slice(0, 64);
  return r;
}

/**
 * `bases` grown to at least `minItems` items or `minChars` characters of JSON (whichever comes
 * first), every item a distinct variant; never fewer than the bases themselves.
 */
export function corpusOf(bases: Json[], minItems: number, minChars: number): Json[] {
  const out: Json[] = [];
  let chars = 0;
  for (let i = 0; out.length < bases.length || (out.length < minItems && chars < minChars); i++) {
    const base = bases[i % bases.length]!;
    // The first pass is the official examples themselves, unchanged.
    const item = i < bases.length ? base : vary(base, Math.floor(i / bases.length));
    out.push(item);
    chars += JSON.stringify(item).length;
  }
  return out;
}

/** Structurally invalid inputs, each breaking one FHIR rule (see test/conformance/invalid-cases). */
const immunization: Json = {
  resourceType: 'Immunization',
  status: 'completed',
  vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '03' }] },
  patient: { reference: 'Patient/1' },
  occurrenceDateTime: '2024-05-01',
};
const patient: Json = { resourceType: 'Patient', name: [{ family: 'Nguyễn', given: ['An'] }] };
export const INVALID: [string, Json][] = [
  ['status "Completed" (required binding, case)', { ...immunization, status: 'Completed' }],
  ['two occurrence[x]', { ...immunization, occurrenceString: 'May' }],
  ['no occurrence[x] (1..1 choice)', { ...immunization, occurrenceDateTime: undefined }],
  ['empty array', { ...patient, identifier: [] }],
  ['empty object', { ...patient, identifier: [{}] }],
  ['empty string', { ...patient, name: [{ family: '' }] }],
  ['extension without url', { ...patient, extension: [{ valueString: 'Kinh' }] }],
  ['date 1990-13-01', { ...patient, birthDate: '1990-13-01' }],
  ['dateTime without zone', { ...immunization, occurrenceDateTime: '2024-05-01T10:00:00' }],
  ['gender "nam"', { ...patient, gender: 'nam' }],
  ['typo property (birthdate)', { ...patient, birthdate: '1990-01-01' }],
  ['given null without _given', { ...patient, name: [{ given: ['An', null] }] }],
  ['_given misaligned', { ...patient, name: [{ given: ['An', 'Bình'], _given: [null] }] }],
  ['contained without resourceType', { ...patient, contained: [{ id: 'x' }] }],
  ['decimal as string', { ...immunization, doseQuantity: { value: '0.5' } }],
  ['single value given as array', { ...patient, gender: ['male'] }],
  [
    'ext-1: value and extensions',
    {
      ...patient,
      extension: [
        { url: 'http://e.org/x', valueString: 'a', extension: [{ url: 'b', valueString: 'c' }] },
      ],
    },
  ],
].map(([name, json]) => [name as string, JSON.parse(JSON.stringify(json)) as Json]);

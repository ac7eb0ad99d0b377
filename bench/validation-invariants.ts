/**
 * Invariant-check benchmark (`npm run bench -- invariants`): per supported resource type, the
 * time of `checkInvariants` against the structure check (`validateResource`) on the official R4
 * examples of that type, measured in one process with interleaved rounds; the ratio that matters
 * is (structure + invariants) / structure, the cost of the `full` level's invariants over
 * `structure` (issue #15's goal: within 3×). A measurement, never a pass/fail test. Writes
 * bench/results/validation-invariants.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ValidationIssue } from '../packages/core/src/errors.ts';
import { RESOURCE_TYPES } from '../packages/core/src/fhir/generated/model.ts';
import { checkInvariants } from '../packages/core/src/fhir/invariants/index.ts';
import { validateResource } from '../packages/core/src/validation.ts';
import { officialByType, type Json } from './validation-corpus.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = 15;
const ROUND_MS = 80;

/** Milliseconds per pass of `fn` over `items`, for one round. */
function round(items: Json[], fn: (r: Json) => void): number {
  let passes = 0;
  const start = performance.now();
  let now: number;
  do {
    for (const r of items) fn(r);
    passes++;
    now = performance.now();
  } while (now - start < ROUND_MS);
  return (now - start) / passes;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const structure = (r: Json) => {
  validateResource(r, { mode: 'strict' });
};
const invariants = (r: Json) => {
  const issues: ValidationIssue[] = [];
  checkInvariants(r, issues);
};

/** Run the benchmark; returns the Markdown table (also written to bench/results/). */
export function runInvariantsBench(): string {
  const byType = officialByType(`${root}node_modules/hl7.fhir.r4.examples/`);
  const rows: string[] = [];
  let totalS = 0;
  let totalI = 0;
  for (const type of RESOURCE_TYPES) {
    const items = byType.get(type) ?? [];
    if (!items.length) continue;
    // Warm both up, then interleave.
    round(items, structure);
    round(items, invariants);
    const s: number[] = [];
    const i: number[] = [];
    for (let k = 0; k < ROUNDS; k++) {
      s.push(round(items, structure));
      i.push(round(items, invariants));
    }
    const ms = median(s);
    const mi = median(i);
    totalS += ms;
    totalI += mi;
    rows.push(
      `| ${type} | ${items.length} | ${((ms * 1000) / items.length).toFixed(1)} | ${((mi * 1000) / items.length).toFixed(1)} | ${(mi / ms).toFixed(2)} | ${((ms + mi) / ms).toFixed(2)} |`,
    );
  }
  const table = [
    '# checkInvariants vs the structure check (official R4 examples)',
    '',
    `Median of ${ROUNDS} interleaved rounds of ≥ ${ROUND_MS} ms per type, one process (node ${process.version}).`,
    '',
    '| type | examples | structure µs/resource | invariants µs/resource | invariants / structure | (structure + invariants) / structure |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    `| all (sum of the per-type medians) | | | | ${(totalI / totalS).toFixed(2)} | ${((totalS + totalI) / totalS).toFixed(2)} |`,
    '',
  ].join('\n');
  mkdirSync(`${root}bench/results`, { recursive: true });
  writeFileSync(`${root}bench/results/validation-invariants.md`, table);
  return table;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(runInvariantsBench());

/**
 * The validation levels against each other (`npm run bench -- level`): per supported resource
 * type, on the official R4 examples of that type (files and Bundle entries), the ops/s of
 * `validateResource(r, { mode: 'strict' })` (structure) and of the same with `level: 'full'`, in
 * one process, interleaved rounds; the ratio full / structure per type and overall (issue #15's
 * goal: within 3× on every type), and how the full level's added time splits between the
 * FHIRPath invariants (`checkInvariants`) and the rules (`checkRules`), each timed alone in the
 * same rounds. A measurement, never a pass/fail test. Writes bench/results/validation-level.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ValidationIssue } from '../packages/core/src/errors.ts';
import { RESOURCE_TYPES } from '../packages/core/src/fhir/generated/model.ts';
import { checkInvariants } from '../packages/core/src/fhir/invariants/index.ts';
import { checkRules } from '../packages/core/src/fhir/rules/index.ts';
import { checkNarrative } from '../packages/core/src/fhir/rules/narrative.ts';
import { validateResource } from '../packages/core/src/validation-full.ts';
import { officialByType, type Json } from './validation-corpus.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = 15;
const ROUND_MS = 40;

/**
 * Milliseconds of this process's CPU time per pass of `fn` over `items`, for one round of at
 * least ROUND_MS of CPU time: on a shared machine, the time the process waits for a core is left
 * out (wall-clock rounds varied tenfold under load).
 */
function round(items: Json[], fn: (r: Json) => void): number {
  let passes = 0;
  const start = process.cpuUsage();
  let used: number;
  do {
    for (const r of items) fn(r);
    passes++;
    const d = process.cpuUsage(start);
    used = (d.user + d.system) / 1000;
  } while (used < ROUND_MS);
  return used / passes;
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[xs.length >> 1]!;

const structure = (r: Json) => {
  validateResource(r, { mode: 'strict' });
};
const full = (r: Json) => {
  validateResource(r, { mode: 'strict', level: 'full' });
};
const invariants = (r: Json) => {
  checkInvariants(r, [] as ValidationIssue[]);
};
const rules = (r: Json) => {
  checkRules(r, [] as ValidationIssue[]);
};
/** The narratives the rules read in each resource (its own and its supported resources'). */
const divs = new WeakMap<Json, string[]>();
const SUPPORTED = new Set<string>(RESOURCE_TYPES);
function divsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) divsOf(v, out);
  else if (typeof value === 'object' && value !== null) {
    const o = value as Json;
    if (typeof o.resourceType === 'string' && !SUPPORTED.has(o.resourceType)) return out;
    for (const key in o) {
      const text = o[key] as Json | undefined;
      if (key === 'text' && typeof text?.div === 'string') out.push(text.div);
      else divsOf(o[key], out);
    }
  }
  return out;
}
const narrative = (r: Json) => {
  for (const div of divs.get(r)!) checkNarrative(div, 'text.div', [] as ValidationIssue[]);
};
const FNS = [structure, full, invariants, rules, narrative] as const;

/** ops/s of a pass over `n` items taking `ms`, median and min–max over the rounds. */
function ops(times: number[], n: number): string {
  const o = sorted(times.map((ms) => (n * 1000) / ms));
  const f = (x: number) => (x >= 1000 ? Math.round(x).toLocaleString('en') : x.toPrecision(3));
  return `${f(o[o.length >> 1]!)} (${f(o[0]!)}–${f(o[o.length - 1]!)})`;
}

/** Run the benchmark; returns the Markdown report (also written to bench/results/). */
export function runLevelBench(): string {
  const byType = officialByType(`${root}node_modules/hl7.fhir.r4.examples/`);
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  const rows: string[] = [];
  const totals = [0, 0, 0, 0, 0];
  let worst = 0;
  let count = 0;
  for (const type of RESOURCE_TYPES) {
    const items = byType.get(type) ?? [];
    if (!items.length) continue;
    for (const r of items) divs.set(r, divsOf(r));
    // Every example passes the structure check (the full level's checks run on them).
    for (const fn of FNS) round(items, fn);
    const times: number[][] = FNS.map(() => []);
    for (let k = 0; k < ROUNDS; k++) FNS.forEach((fn, f) => times[f]!.push(round(items, fn)));
    const [s, u, i, r, n] = times.map(median) as [number, number, number, number, number];
    totals[0]! += s;
    totals[1]! += u;
    totals[2]! += i;
    totals[3]! += r;
    totals[4]! += n;
    count += items.length;
    worst = Math.max(worst, u / s);
    const added = Math.max(u - s, 1e-9);
    rows.push(
      `| ${type} | ${items.length} | ${ops(times[0]!, items.length)} | ${ops(times[1]!, items.length)} | **${(u / s).toFixed(2)}** | ${(i / s).toFixed(2)} | ${(r / s).toFixed(2)} | ${(n / s).toFixed(2)} | ${Math.round((100 * i) / (i + r))}% / ${Math.round((100 * r) / (i + r))}% (${((i + r) / added).toFixed(2)}) |`,
    );
  }
  const [s, u, i, r, n] = totals as [number, number, number, number, number];
  const report = [
    '# Validation levels: full vs structure (official R4 examples)',
    '',
    `What: per supported type, every official R4 example of it (the package's files and the entries of its example Bundles), \`validateResource(r, { mode: 'strict' })\` (structure) against \`validateResource(r, { mode: 'strict', level: 'full' })\` (full), and the full level's two checks alone (\`checkInvariants\`, \`checkRules\`) on the same resources, and the narrative check (\`checkNarrative\`, part of the rules) alone on their \`text.div\`s. Median of ${ROUNDS} interleaved rounds of ≥ ${ROUND_MS} ms of CPU time (\`process.cpuUsage\`, user + system) per function and type, one process; ops/s are resources per CPU-second, median (min–max over the rounds). Issue #15's goal: full / structure ≤ 3 on every type.`,
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}, load average at the start ${load} (shared machine: compare the ratios, not absolute numbers).`,
    '',
    '| type | examples | structure ops/s | full ops/s | full / structure | invariants / structure | rules / structure | of which narrative / structure | split of the added time: invariants / rules (their sum / (full − structure)) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    `| **all** (sum of the per-type medians) | ${count} | | | **${(u / s).toFixed(2)}** | ${(i / s).toFixed(2)} | ${(r / s).toFixed(2)} | ${(n / s).toFixed(2)} | ${Math.round((100 * i) / (i + r))}% / ${Math.round((100 * r) / (i + r))}% |`,
    '',
    `Worst type: full / structure = ${worst.toFixed(2)}. Load average at the end: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}.`,
    '',
  ].join('\n');
  mkdirSync(`${root}bench/results`, { recursive: true });
  writeFileSync(`${root}bench/results/validation-level.md`, report);
  return report;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(runLevelBench());

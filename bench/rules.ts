/**
 * The full level's rules against the structure check (`npm run bench -- rules`): on the official
 * R4 examples of every supported type (files and Bundle entries), the time of `checkRules` next to
 * the time of `validateResource` (structure, strict), in one process, interleaved rounds, median.
 * A measurement, never a pass/fail test. Writes bench/results/rules.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ValidationIssue } from '../packages/core/src/errors.ts';
import { checkRules } from '../packages/core/src/fhir/rules/index.ts';
import { validateResource } from '../packages/core/src/validation.ts';
import { officialExamples } from '../test/conformance/examples.ts';

const ROUNDS = 9;
const root = fileURLToPath(new URL('..', import.meta.url));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Runs the benchmark and returns its Markdown summary. */
export function runRulesBench(): string {
  const byType = new Map<string, Record<string, unknown>[]>();
  for (const e of officialExamples()) {
    const list = byType.get(e.resourceType) ?? [];
    list.push(JSON.parse(e.text) as Record<string, unknown>);
    byType.set(e.resourceType, list);
  }
  const rows: [string, number, number, number][] = [];
  let structureAll = 0;
  let rulesAll = 0;
  for (const [type, list] of [...byType].sort((a, b) => a[0].localeCompare(b[0]))) {
    const s: number[] = [];
    const r: number[] = [];
    // Enough passes per round for a few milliseconds of work.
    const t0 = performance.now();
    for (const json of list) validateResource(json, { mode: 'strict' });
    const passes = Math.max(1, Math.ceil(20 / Math.max(performance.now() - t0, 0.01)));
    for (let round = 0; round < ROUNDS; round++) {
      let start = performance.now();
      for (let p = 0; p < passes; p++)
        for (const json of list) validateResource(json, { mode: 'strict' });
      s.push((performance.now() - start) / passes);
      start = performance.now();
      for (let p = 0; p < passes; p++)
        for (const json of list) checkRules(json, [] as ValidationIssue[]);
      r.push((performance.now() - start) / passes);
    }
    rows.push([type, list.length, median(s), median(r)]);
    structureAll += median(s);
    rulesAll += median(r);
  }
  const lines = [
    '# Full-level rules vs the structure check',
    '',
    `Official R4 examples (files and Bundle entries), ms per pass over a type's examples, median of ${ROUNDS} interleaved rounds, one process (${process.version}). \`rules / structure\` is the added cost of \`checkRules\` (the FHIRPath invariants are not included).`,
    '',
    '| type | examples | structure ms | rules ms | rules / structure |',
    '|---|---:|---:|---:|---:|',
    ...rows.map(
      ([t, n, s, r]) =>
        `| ${t} | ${n} | ${s.toFixed(3)} | ${r.toFixed(3)} | ${(r / s).toFixed(2)} |`,
    ),
    `| **all** | ${rows.reduce((a, x) => a + x[1], 0)} | ${structureAll.toFixed(2)} | ${rulesAll.toFixed(2)} | ${(rulesAll / structureAll).toFixed(2)} |`,
    '',
  ];
  mkdirSync(root + 'bench/results', { recursive: true });
  writeFileSync(root + 'bench/results/rules.md', lines.join('\n'));
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(runRulesBench());

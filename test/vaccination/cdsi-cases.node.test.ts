/**
 * The engine against the CDC: the CDSi supporting data 4.64 (the real XML, converted by
 * `fromCdsiSupportingData`) and every case of the development set of the CDC's healthy test
 * cases (v4.45). Each dose's evaluation status and the vaccine group's forecast (series status,
 * dose number, earliest, recommended and past-due dates) must be the CDC's.
 *
 * Cases that disagree because the cases (4.45) are older than the data (4.64) are listed in
 * VERSION_DIFFERENCES with the reason: the data wins, the engine is not bent. Any other
 * mismatch fails, and so does a listed case that now agrees (the list must stay true).
 * The pass rate per vaccine group is printed at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImmunizationSchedule } from '@vnhealth/core/schedule';
import { cdsiCases, cdsiSchedule, mismatches, runCase, VACCINE_GROUPS } from './cdsi.ts';

/** Case id → why the 4.64 data gives another answer than the 4.45 case. None today. */
const VERSION_DIFFERENCES: Record<string, string> = {};

const cases = cdsiCases();
const groups = [...new Set(cases.map((c) => VACCINE_GROUPS[c.vaccineGroup] ?? c.vaccineGroup))];
const tally = new Map<string, { passed: number; total: number }>();
let schedule: ImmunizationSchedule;

beforeAll(() => {
  schedule = cdsiSchedule();
});

afterAll(() => {
  const rows = [...tally].map(([group, t]) => ({
    'vaccine group': group,
    passed: `${t.passed}/${t.total}`,
    rate: `${((100 * t.passed) / t.total).toFixed(1)} %`,
  }));
  const passed = [...tally.values()].reduce((n, t) => n + t.passed, 0);
  console.log(`CDSi dev cases v4.45 on supporting data 4.64: ${passed}/${cases.length} agree`);
  console.table(rows);
});

it('the development set is the one the README describes', () => {
  expect(cases.length).toBeGreaterThan(150);
  expect(groups).toEqual(expect.arrayContaining(['HepB', 'MMR', 'DTaP/Tdap/Td', 'Polio']));
  for (const id of Object.keys(VERSION_DIFFERENCES)) expect(cases.map((c) => c.id)).toContain(id);
});

for (const group of groups) {
  describe(group, () => {
    const list = cases.filter((c) => (VACCINE_GROUPS[c.vaccineGroup] ?? c.vaccineGroup) === group);
    it.each(list.map((c) => [`${c.id} ${c.name.trim()}`, c] as const))('%s', (_, c) => {
      const diff = mismatches(c, runCase(c, schedule));
      const t = tally.get(group) ?? { passed: 0, total: 0 };
      t.total += 1;
      if (!diff.length) t.passed += 1;
      tally.set(group, t);
      const known = VERSION_DIFFERENCES[c.id];
      if (known) {
        expect(diff, `listed as a version difference (${known}) but now agrees`).not.toEqual([]);
        return;
      }
      expect(diff).toEqual([]);
    });
  });
}

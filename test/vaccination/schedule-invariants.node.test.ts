/**
 * The engine on seeded random histories (any vaccine of the schedule, any age, sub-potent and
 * not-done records, a random observation), on the CDC's data and on TCMR: it never throws, every
 * completed dose is evaluated or reported unmatched, and a forecast's dates are in order
 * (earliest ≤ recommended, earliest ≤ past due).
 */
import { beforeAll, expect, it } from 'vitest';
import type { Immunization, Observation } from '@vnhealth/core';
import {
  CDSI_OBSERVATION_SYSTEM,
  evaluateSchedule,
  toImmunizationRecommendation,
  vnTcmrSchedule,
  type ImmunizationSchedule,
} from '@vnhealth/core/schedule';
import { cdsiSchedule } from './cdsi.ts';

let cdc: ImmunizationSchedule;
beforeAll(() => {
  cdc = cdsiSchedule();
});

/** A small deterministic PRNG (LCG), so a failure names a reproducible seed. */
function prng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const pad = (n: number) => String(n).padStart(2, '0');

it.each([1, 2, 3, 4, 5])('seed %i: 200 random patients', (seed) => {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  for (let i = 0; i < 200; i++) {
    const schedule = rnd() < 0.3 ? vnTcmrSchedule : cdc;
    const codes = schedule.vaccines.filter((v) => !v.diseaseLevel).map((v) => v.code);
    const born = 1940 + Math.floor(rnd() * 85);
    const birthDate = `${born}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
    const immunizations = Array.from({ length: Math.floor(rnd() * 25) }, (_, j): Immunization => ({
      resourceType: 'Immunization',
      id: `i${j}`,
      status: rnd() < 0.05 ? 'not-done' : 'completed',
      vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: pick(codes) }] },
      patient: { reference: 'Patient/x' },
      occurrenceDateTime: `${born + Math.floor(rnd() * 30)}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`,
      ...(rnd() < 0.05 ? { isSubpotent: true } : {}),
    }));
    const observations: Observation[] =
      rnd() < 0.3 && schedule.observations
        ? [
            {
              resourceType: 'Observation',
              status: 'final',
              code: {
                coding: [
                  { system: CDSI_OBSERVATION_SYSTEM, code: pick(schedule.observations).code },
                ],
              },
              effectiveDateTime: `${born + 20}-01-01`,
            },
          ]
        : [];
    const asOf = `${Math.min(2030, born + Math.floor(rnd() * 90))}-06-15`;
    const context = `seed ${seed}, patient ${i}`;
    const r = evaluateSchedule({
      patient: { birthDate, gender: pick(['female', 'male', undefined] as const) },
      immunizations,
      observations,
      schedule,
      asOf,
    });
    const completed = immunizations.filter((x) => x.status === 'completed');
    const seen = new Set([...r.doses.map((d) => d.immunization), ...r.unmatched]);
    expect(
      completed.every((x) => seen.has(x)),
      context,
    ).toBe(true);
    for (const f of r.forecasts) {
      if (f.status !== 'not-complete') continue;
      expect(f.earliestDate! <= f.recommendedDate!, context).toBe(true);
      if (f.pastDueDate) expect(f.earliestDate! <= f.pastDueDate, context).toBe(true);
    }
    expect(toImmunizationRecommendation(r, { patient: { reference: 'Patient/x' } })).toBeDefined();
  }
});

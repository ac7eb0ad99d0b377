/**
 * `evaluateScheduleSteps`: the evaluation in steps a UI can spread over tasks gives exactly what
 * `evaluateSchedule` gives, in many steps for a long record, and throws on its first step.
 */
import { expect, it } from 'vitest';
import type { Immunization } from '@vnhealth/core';
import { evaluateSchedule, evaluateScheduleSteps, vnTcmrSchedule } from '@vnhealth/core/schedule';

const CVX = 'http://hl7.org/fhir/sid/cvx';
const codes = ['08', '146', '178', '10', '03', '39', '83', '21', '116', '133'];

/** `n` doses cycling through the codes, one every 2 days from birth (a stress record). */
const record = (n: number): Immunization[] =>
  Array.from({ length: n }, (_, i) => ({
    resourceType: 'Immunization',
    id: `d${i}`,
    status: i % 15 === 7 ? 'not-done' : 'completed',
    vaccineCode: { coding: [{ system: CVX, code: codes[i % codes.length]! }] },
    patient: { reference: 'Patient/p' },
    occurrenceDateTime: new Date(Date.UTC(2019, 0, 1) + i * 2 * 86_400_000)
      .toISOString()
      .slice(0, 10),
  }));

const patient = { birthDate: '2019-01-01', gender: 'female' as const };

it.each([0, 12, 2_400])('%i doses: the steps end in the very evaluation', (n) => {
  const input = { patient, immunizations: record(n), schedule: vnTcmrSchedule, asOf: '2026-11-28' };
  const steps = evaluateScheduleSteps(input);
  let count = 0;
  let step = steps.next();
  while (!step.done) {
    count++;
    step = steps.next();
  }
  expect(step.value).toEqual(evaluateSchedule(input));
  // One step per antigen at least; a long record adds one per 500 records read.
  expect(count).toBeGreaterThanOrEqual(vnTcmrSchedule.antigens.length);
  if (n > 1000) expect(count).toBeGreaterThanOrEqual(vnTcmrSchedule.antigens.length + 8);
  if (n) expect(step.value.doses.length).toBeGreaterThan(0);
});

it('throws on the first step without a birth date, as evaluateSchedule does', () => {
  const steps = evaluateScheduleSteps({
    patient: {},
    immunizations: [],
    schedule: vnTcmrSchedule,
    asOf: '2026-11-28',
  });
  expect(() => steps.next()).toThrow(RangeError);
});

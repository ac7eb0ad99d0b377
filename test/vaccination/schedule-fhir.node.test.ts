/**
 * The evaluation as FHIR R4 (ImmDS style): ImmunizationEvaluation per dose and antigen,
 * ImmunizationRecommendation per patient, validated by the SDK's own validator in strict mode,
 * for the CDC's cases (all statuses) and the TCMR schedule.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Immunization } from '@vnhealth/core';
import {
  CDSI_CODE_SYSTEMS,
  evaluateSchedule,
  toImmunizationEvaluations,
  toImmunizationRecommendation,
  vnTcmrSchedule,
  type ImmunizationSchedule,
} from '@vnhealth/core/schedule';
import { validateResource } from '@vnhealth/core/validation';
import { cdsiCases, cdsiSchedule, runCase } from './cdsi.ts';

const patient = { reference: 'Patient/p1' };

function expectValid(resource: unknown, type: string) {
  const result = validateResource(resource, { expectedType: type, mode: 'strict' });
  expect(result.issues).toEqual([]);
  expect(result.ok).toBe(true);
}

describe('FHIR output of the CDC cases', () => {
  let schedule: ImmunizationSchedule;
  beforeAll(() => {
    schedule = cdsiSchedule();
  });

  it('every case gives valid ImmunizationEvaluations and an ImmunizationRecommendation', () => {
    const statuses = new Set<string>();
    const doseStatuses = new Set<string>();
    for (const c of cdsiCases()) {
      const evaluation = runCase(c, schedule);
      const evaluations = toImmunizationEvaluations(evaluation, { patient });
      expect(evaluations).toHaveLength(evaluation.doses.length);
      for (const e of evaluations) {
        expectValid(e, 'ImmunizationEvaluation');
        doseStatuses.add(e.doseStatus.coding![1]!.code!);
      }
      const rec = toImmunizationRecommendation(evaluation, {
        patient,
        authority: { display: 'CDC CDSi' },
      });
      expectValid(rec, 'ImmunizationRecommendation');
      expect(rec.recommendation).toHaveLength(evaluation.forecasts.length);
      for (const r of rec.recommendation) statuses.add(r.forecastStatus.coding!.at(-1)!.code!);
    }
    expect([...statuses]).toEqual(
      expect.arrayContaining(['aged-out', 'complete', 'immune', 'not-complete']),
    );
    expect([...doseStatuses].sort()).toEqual(['extraneous', 'not-valid', 'valid']);
  });

  it('codes a not-valid dose and a due forecast the ImmDS way', () => {
    const c = cdsiCases().find((x) => x.id === '2013-0011')!; // DTaP dose 3 too young
    const evaluation = runCase(c, schedule);
    const [evaluations, rec] = [
      toImmunizationEvaluations(evaluation, { patient }),
      toImmunizationRecommendation(evaluation, { patient }),
    ];
    const third = evaluations.find(
      (e) =>
        e.immunizationEvent.reference === 'Immunization/dose-3' &&
        e.targetDisease.text === 'Diphtheria',
    )!;
    expect(third.doseStatus.coding).toEqual([
      {
        system: 'http://terminology.hl7.org/CodeSystem/immunization-evaluation-dose-status',
        code: 'notvalid',
      },
      { system: CDSI_CODE_SYSTEMS.evaluationStatus, code: 'not-valid' },
    ]);
    expect(third.doseStatusReason?.[0]?.coding?.map((x) => x.code)).toEqual([
      'outsidesched',
      'too-young',
    ]);
    const dtap = rec.recommendation.find((r) => r.description === 'DTaP/Tdap/Td')!;
    expect(dtap.doseNumberPositiveInt).toBe(3);
    expect(dtap.dateCriterion?.map((d) => [d.code.coding?.[0]?.code, d.value])).toEqual([
      ['30981-5', '2025-12-08'],
      ['30980-7', '2026-02-09'],
      ['59778-1', '2026-04-05'],
    ]);
    expect(dtap.forecastStatus.coding?.[0]).toEqual({
      system: 'http://terminology.hl7.org/CodeSystem/immunization-recommendation-status',
      code: 'due',
    });
    expect(dtap.supportingImmunization?.map((r) => r.reference)).toEqual([
      'Immunization/dose-1',
      'Immunization/dose-2',
      'Immunization/dose-3',
    ]);
  });
});

describe('FHIR output of the TCMR schedule', () => {
  it('is valid for a child with an overdue dose, a not-done dose and a dose without an id', () => {
    const imm = (code: string, date: string, extra: Partial<Immunization> = {}): Immunization => ({
      resourceType: 'Immunization',
      status: 'completed',
      vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code }] },
      patient,
      occurrenceDateTime: date,
      ...extra,
    });
    const evaluation = evaluateSchedule({
      patient: { birthDate: '2026-01-10' },
      immunizations: [
        imm('08', '2026-01-10', { id: 'hb0' }),
        imm('198', '2026-03-05', { identifier: [{ system: 'urn:x', value: '1' }] }),
        imm('19', '2026-01-12', {
          id: 'bcg',
          status: 'not-done',
          statusReason: { text: 'Hết vaccine' },
        }),
      ],
      schedule: vnTcmrSchedule,
      asOf: '2026-06-01',
    });
    const evaluations = toImmunizationEvaluations(evaluation, { patient });
    for (const e of evaluations) expectValid(e, 'ImmunizationEvaluation');
    expect(evaluations.map((e) => e.immunizationEvent)).toContainEqual({
      identifier: { system: 'urn:x', value: '1' },
    });
    const rec = toImmunizationRecommendation(evaluation, { patient });
    expectValid(rec, 'ImmunizationRecommendation');
    const bcg = rec.recommendation.find((r) => r.description === 'tuberculosis')!;
    expect(bcg.forecastStatus.coding?.[0]?.code).toBe('overdue');
  });
});

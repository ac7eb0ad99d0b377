/**
 * Evidence of immunity, contraindications and risk indications from FHIR Observations,
 * Conditions and AllergyIntolerances (CDSi §5.1, §7.2, §7.3), on the CDC's supporting data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Condition, Observation } from '@vnhealth/core';
import {
  CDSI_OBSERVATION_SYSTEM,
  evaluateSchedule,
  type ImmunizationSchedule,
  type PatientObservation,
} from '@vnhealth/core/schedule';
import { cdsiSchedule } from './cdsi.ts';

let schedule: ImmunizationSchedule;
beforeAll(() => {
  schedule = cdsiSchedule();
});

const observation = (code: string, extra: Partial<Observation> = {}): Observation => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: CDSI_OBSERVATION_SYSTEM, code }] },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2025-01-01',
  ...extra,
});

function forecast(
  group: string,
  birthDate: string,
  observations: PatientObservation[] = [],
  gender: 'female' | 'male' = 'female',
) {
  const result = evaluateSchedule({
    patient: { birthDate, gender },
    immunizations: [],
    observations,
    schedule,
    asOf: '2025-11-10',
  });
  return result.forecasts.find((f) => f.vaccineGroup === group);
}

describe('evidence of immunity', () => {
  it('born before 1957 is immune to measles, mumps and rubella (MMR immune)', () => {
    expect(forecast('MMR', '1950-05-01')).toMatchObject({ status: 'immune' });
    expect(forecast('MMR', '1990-05-01')).toMatchObject({ status: 'not-complete' });
  });

  it('unless the patient is health care personnel (the exclusion, observation 055)', () => {
    expect(forecast('MMR', '1950-05-01', [observation('055')])!.status).toBe('not-complete');
  });

  it('laboratory evidence of immunity to hepatitis B (guideline 019)', () => {
    expect(forecast('HepB', '2000-05-01', [observation('019')])!.status).toBe('immune');
  });

  it('an Observation cancelled or entered in error is no evidence', () => {
    const cancelled = observation('019', { status: 'cancelled' });
    expect(forecast('HepB', '2000-05-01', [cancelled])!.status).toBe('not-complete');
  });
});

describe('contraindications', () => {
  const condition = (code: string, clinical = 'active'): Condition => ({
    resourceType: 'Condition',
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: clinical },
      ],
    },
    code: { coding: [{ system: CDSI_OBSERVATION_SYSTEM, code }] },
    subject: { reference: 'Patient/p1' },
  });

  it('a severe allergic reaction after a hepatitis B dose (097) contraindicates HepB', () => {
    expect(forecast('HepB', '2000-05-01', [condition('097')])!.status).toBe('contraindicated');
  });

  it('a resolved condition does not', () => {
    expect(forecast('HepB', '2000-05-01', [condition('097', 'resolved')])!.status).toBe(
      'not-complete',
    );
  });

  it('codings the schedule lists for an observation match too (SNOMED CT)', () => {
    const snomed = schedule.observations!.find((o) => o.code === '097')!.codings![0]!;
    expect(snomed).toMatchObject({ system: 'http://snomed.info/sct', code: '293110008' });
    const coded: Condition = { ...condition('097'), code: { coding: [snomed] } };
    expect(forecast('HepB', '2000-05-01', [coded])!.status).toBe('contraindicated');
  });
});

describe('risk series', () => {
  it('a risk series applies only with its indication (hepatitis B at 60+, diabetes 014)', () => {
    const without = evaluateSchedule({
      patient: { birthDate: '1960-01-01', gender: 'male' },
      immunizations: [],
      schedule,
      asOf: '2025-11-10',
    }).antigens.find((a) => a.antigen === 'HepB')!;
    expect(without.series!.type).toBe('standard');
    const withDiabetes = evaluateSchedule({
      patient: { birthDate: '1960-01-01', gender: 'male' },
      immunizations: [],
      observations: [observation('014')],
      schedule,
      asOf: '2025-11-10',
    }).antigens.find((a) => a.antigen === 'HepB')!;
    expect(withDiabetes.series!.type).toBe('risk');
    expect(withDiabetes.status).toBe('not-complete');
  });
});

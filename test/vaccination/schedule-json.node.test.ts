/**
 * Schedules as JSON on the same engine: a schedule written inline (vaccine conflicts per pair,
 * as in the CDC's data: no grace period on live-virus spacing), and the parents' appointment
 * card from the TCMR forecasts.
 */
import { describe, expect, it } from 'vitest';
import type { Immunization } from '@vnhealth/core';
import {
  evaluateSchedule,
  upcomingVisits,
  vnTcmrSchedule,
  type ImmunizationSchedule,
} from '@vnhealth/core/schedule';

const CVX = 'http://hl7.org/fhir/sid/cvx';
const BIRTH = '2026-01-10';
const patient = { birthDate: BIRTH };
let seq = 0;

function dose(code: string, date: string, extra: Partial<Immunization> = {}): Immunization {
  seq += 1;
  return {
    resourceType: 'Immunization',
    id: `imm-${seq}`,
    status: 'completed',
    vaccineCode: { coding: [{ system: CVX, code }] },
    patient: { reference: 'Patient/p1' },
    occurrenceDateTime: date,
    ...extra,
  };
}

describe('another schedule loads without code changes (vaccine conflicts per pair)', () => {
  const live = (previous: string, current: string, minimumEnd: `P${string}`) => ({
    previous: `${CVX}|${previous}` as const,
    current: `${CVX}|${current}` as const,
    beginInterval: 'P1D' as const,
    minimumEndInterval: minimumEnd,
    endInterval: 'P28D' as const,
  });
  const oneDose = (id: string, code: string): ImmunizationSchedule['antigens'][number] => ({
    id,
    name: { vi: id, en: id },
    series: [
      {
        id: `${id}-1`,
        name: { vi: '1 mũi', en: '1 dose' },
        type: 'standard' as const,
        vaccineGroup: id,
        group: '1',
        default: true,
        doses: [
          {
            doseNumber: 1,
            ages: [
              { absoluteMinimumAge: 'P12M-4D', minimumAge: 'P12M', earliestRecommendedAge: 'P12M' },
            ],
            preferableVaccines: [{ vaccine: `${CVX}|${code}` as const }],
            verified: false,
            source: [],
          },
        ],
      },
    ],
  });
  const schedule: ImmunizationSchedule = {
    id: 'test-live',
    title: { vi: 'Thử', en: 'Test' },
    vaccines: [
      { system: CVX, code: '03', display: 'MMR', antigens: [{ antigen: 'measles' }] },
      { system: CVX, code: '21', display: 'Varicella', antigens: [{ antigen: 'varicella' }] },
    ],
    antigens: [oneDose('measles', '03'), oneDose('varicella', '21')],
    vaccineGroups: [
      { id: 'measles', name: { vi: 'Sởi', en: 'Measles' }, antigens: ['measles'] },
      { id: 'varicella', name: { vi: 'Thủy đậu', en: 'Varicella' }, antigens: ['varicella'] },
    ],
    // As in the CDC's data: MMR → varicella conflicts for the full 28 days (no grace period).
    conflicts: [live('03', '21', 'P28D'), live('03', '03', 'P24D'), live('21', '21', 'P24D')],
  };
  const evaluate = (immunizations: Immunization[], asOf: string) =>
    Object.fromEntries(
      evaluateSchedule({ patient, immunizations, schedule, asOf }).forecasts.map((f) => [
        f.vaccineGroup,
        f,
      ]),
    );
  it.each([
    ['2027-02-01', 'not-valid'], // 21 days after MMR
    ['2027-02-04', 'not-valid'], // 24 days: no grace period on this pair
    ['2027-02-07', 'not-valid'], // 27 days
    ['2027-02-08', 'valid'], // 28 days
    ['2027-01-11', 'valid'], // same day as MMR: no conflict
  ] as const)('varicella on %s after MMR on 11/01/2027 → %s', (date, status) => {
    const r = evaluate([dose('03', '2027-01-11'), dose('21', date)], '2027-03-01');
    expect(r.varicella!.doses[0]!.status).toBe(status);
  });

  it('a second MMR 24 days after a valid one is past the minimum conflict end', () => {
    const r = evaluate([dose('03', '2027-01-11'), dose('03', '2027-02-04')], '2027-03-01');
    expect(r.measles!.doses.map((d) => d.status)).toEqual(['valid', 'extraneous']);
  });

  it('forecast of a live vaccine waits the full conflict end after the last conflicting dose', () => {
    const r = evaluate([dose('03', '2027-01-11')], '2027-01-12');
    expect(r.varicella).toMatchObject({
      earliestDate: '2027-02-08',
      recommendedDate: '2027-02-08',
    });
  });
});

describe('upcomingVisits (the parents’ appointment card)', () => {
  it('groups the doses due at 2 months into one visit', () => {
    const result = evaluateSchedule({
      patient,
      immunizations: [dose('08', BIRTH), dose('19', '2026-01-15')],
      schedule: vnTcmrSchedule,
      asOf: '2026-02-01',
    });
    const visits = upcomingVisits(result);
    expect(visits[0]).toMatchObject({
      date: '2026-03-10',
      recommendedAge: 'P2M',
      status: 'upcoming',
    });
    expect(visits[0]!.doses.map((d) => d.vaccineGroup).sort()).toEqual([
      'dtp',
      'hepatitis-b',
      'hib',
      'polio-opv',
    ]);
  });
});

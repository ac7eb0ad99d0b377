/**
 * Which of Vietnam's schedules applies to a patient on a day: a pure function of the birth
 * date, the day and whether she is pregnant.
 *
 * Age boundary: 16 years. The TCMR rows' subject is "Trẻ em" (children) and a child is a person
 * under 16 (Law on Children 102/2016/QH13, Art. 1). Under 16 on `asOf`: the TCMR; from the 16th
 * birthday: the adult schedule (the TCMR antigens aged out or complete, so childhood doses still
 * evaluate). Either way the service vaccines a schedule has no rows for are history-only, and
 * tetanus for pregnant women is there as a risk series (a pregnancy observation makes it
 * relevant) or, with `{ pregnant: true }`, as a standard series.
 *
 * @module
 */
import { vaccineCodes } from '../codes.ts';
import { addDuration, ictDate, recordedDate } from './dates.ts';
import type { ImmunizationSchedule } from './types.ts';
import { adultRows, LIVE, vnAdultSchedule } from './vn-adult.ts';
import { childHistory } from './vn-history.ts';
import { maternalTetanus, vnPregnancyObservation } from './vn-pregnancy.ts';
import { vnSchedule } from './vn-rows.ts';
import { CHILD_UNTIL, tcmrRows, vnTcmrSchedule } from './vn-tcmr.ts';

/** The age Vietnam's adult schedule starts at (`P16Y`): "children" are under 16. */
export const VN_ADULT_AGE = CHILD_UNTIL;

/** Options of {@link vnScheduleFor}. */
export interface VnScheduleOptions {
  /**
   * The patient is pregnant: tetanus for pregnant women is forecast without a pregnancy
   * observation. Without it, a pregnancy observation in `evaluateSchedule`'s `observations`
   * (see {@link vnPregnancyObservation}) makes the same rows relevant.
   */
  pregnant?: boolean;
}

/**
 * True when a patient born on `birthDate` is an adult for Vietnam's schedules on `asOf`: 16 or
 * older ({@link VN_ADULT_AGE}). False when `birthDate` is not a FHIR date. The one rule
 * {@link vnScheduleFor} chooses by, for wording that must agree with the schedule chosen.
 *
 * @param asOf - The day (`YYYY-MM-DD` or a dateTime), read in Vietnam time.
 *
 * @example isVnAdult('1968-05-14', '2026-12-01') // true
 */
export function isVnAdult(birthDate: string | undefined, asOf: string): boolean {
  const birth = recordedDate(birthDate);
  return !!birth && addDuration(birth, CHILD_UNTIL) <= ictDate(asOf);
}

const built = /* @__PURE__ */ new Map<string, ImmunizationSchedule>();

function child(pregnant: boolean): ImmunizationSchedule {
  return {
    ...vnTcmrSchedule,
    id: pregnant ? 'vn-child-pregnant' : 'vn-child',
    ...vnSchedule(
      [...tcmrRows, ...childHistory(), maternalTetanus(pregnant ? 'standard' : 'risk')],
      vaccineCodes,
    ),
    observations: [vnPregnancyObservation],
  };
}

function adultPregnant(): ImmunizationSchedule {
  return {
    ...vnAdultSchedule,
    id: 'vn-adult-pregnant',
    ...vnSchedule([...adultRows(), maternalTetanus('standard')], vaccineCodes),
    conflicts: LIVE,
  };
}

/**
 * The Vietnamese schedule for a patient on a day, by age: under 16 years on `asOf`, the TCMR
 * childhood schedule ({@link vnTcmrSchedule}'s rows); from the 16th birthday,
 * {@link vnAdultSchedule}. Both add history-only antigens for the vaccines they have no rows for
 * (influenza, COVID-19, HPV…: doses evaluate, nothing is forecast) and tetanus for pregnant
 * women: a risk series a pregnancy observation makes relevant, or a standard one with
 * `{ pregnant: true }`. `gender` is accepted so a FHIR Patient can be passed; the choice does
 * not depend on it (sex-specific series are the engine's, from `evaluateSchedule`'s patient).
 *
 * The same object is returned for the same choice, so the engine compiles each schedule once.
 *
 * @param patient - `birthDate` is a FHIR date.
 * @param asOf - The day (`YYYY-MM-DD` or a dateTime), read in Vietnam time.
 * @throws RangeError when `birthDate` is not a FHIR date.
 *
 * @example
 * import { evaluateSchedule, vnScheduleFor } from '@vnhealth/core/schedule';
 * const asOf = '2026-12-01';
 * const schedule = vnScheduleFor({ birthDate: '1968-05-14', gender: 'male' }, asOf);
 * evaluateSchedule({ patient: { birthDate: '1968-05-14' }, immunizations: [], schedule, asOf });
 */
export function vnScheduleFor(
  patient: { birthDate: string; gender?: string },
  asOf: string,
  options: VnScheduleOptions = {},
): ImmunizationSchedule {
  const birth = recordedDate(patient.birthDate);
  if (!birth) throw new RangeError('vnScheduleFor: patient.birthDate is not a FHIR date.');
  const adult = isVnAdult(birth, asOf);
  const pregnant = options.pregnant === true;
  if (adult && !pregnant) return vnAdultSchedule;
  const key = `${adult}${pregnant}`;
  let schedule = built.get(key);
  if (!schedule) {
    schedule = adult ? adultPregnant() : child(pregnant);
    built.set(key, schedule);
  }
  return schedule;
}

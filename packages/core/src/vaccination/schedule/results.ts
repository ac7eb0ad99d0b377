/**
 * What the schedule engine says about each dose and antigen: dose evaluations, forecasts and
 * series status.
 *
 * @module
 */
import type { Coding, Immunization } from '../../fhir/index.ts';
import type { LocalizedText, ScheduleDuration, VaccineRef } from './types.ts';

/** Why a dose does not count. */
export type DoseInvalidReason =
  /** Given before the minimum age minus the grace period. */
  | 'too-early'
  /** Given before the minimum interval (minus grace) after the previous dose in the series. */
  | 'too-soon'
  /** Given at or after the dose's maximum age. */
  | 'too-late'
  /** The product was past its expiration date on the day it was given. */
  | 'expired'
  /** Recorded as sub-potent (`isSubpotent`). */
  | 'subpotent'
  /** A live injected vaccine less than the spacing (minus grace) after another one. */
  | 'live-vaccine-spacing'
  /** The vaccine is not preferable or allowable for this target dose. */
  | 'not-allowable';

/** The evaluation of one recorded Immunization against one antigen series. */
export interface EvaluatedDose {
  immunization: Immunization;
  /** Date given, `YYYY-MM-DD` in Vietnam. */
  date: string;
  /** Age in days on that date. */
  ageDays: number;
  /** The coding that matched the schedule. */
  vaccine: Coding | undefined;
  /**
   * `valid` counts for `doseNumber`; `invalid` does not (see `reasons`); `not-done` is a
   * recorded refusal or omission and is ignored; `extra` is a valid dose beyond the series.
   */
  status: 'valid' | 'invalid' | 'not-done' | 'extra';
  /** The target dose it was evaluated against (1-based), when any. */
  doseNumber: number | undefined;
  /** Empty unless `invalid`. */
  reasons: DoseInvalidReason[];
  /** True when the vaccine is one the schedule prefers for the dose. */
  preferable: boolean;
  /** For `not-done`: `Immunization.statusReason` as text or code. */
  notDoneReason?: string;
}

/** Where a forecast dose stands on `asOf`. Boundary days are inclusive: see the fields. */
export type DoseDueStatus = 'upcoming' | 'due' | 'overdue';

/** A dose still to give, with its dates. */
export interface DoseForecast {
  doseNumber: number;
  label: LocalizedText | undefined;
  /** Earliest date it would count (minimum age/interval, no grace). */
  earliestDate: string;
  /** The date to give it: `due` from this day, inclusive. */
  recommendedDate: string;
  /** `overdue` from this day, inclusive. */
  pastDueDate: string;
  /** Not given on or after this day (maximum age), when the schedule sets one. */
  latestDate: string | undefined;
  /** Relative to `asOf`: before `recommendedDate` → upcoming; from it → due; from `pastDueDate` → overdue. */
  status: DoseDueStatus;
  /** Only for the next dose of a series; projected doses after it assume on-time vaccination. */
  projected: boolean;
  /** The recommended age in the schedule (e.g. `P2M`), for "at 2 months" labels. */
  recommendedAge: ScheduleDuration | undefined;
  preferableVaccines: VaccineRef[];
  /** Copied from the schedule: do not drive reminders from unverified rows. */
  verified: boolean;
  source: string[];
}

/** Series status for one antigen. */
export type SeriesStatus =
  'complete' | 'in-progress' | 'not-started' | 'contraindicated' | 'immune';

/** The result for one antigen. */
export interface AntigenEvaluation {
  antigenId: string;
  name: LocalizedText;
  diseases: string[];
  /** The series the engine followed. */
  seriesId: string;
  status: SeriesStatus;
  /** Every recorded dose for this antigen, oldest first, including not-done. */
  doses: EvaluatedDose[];
  /** Target doses skipped because the patient passed their maximum age (1-based). */
  skippedDoses: number[];
  /** The next dose, unless the series is complete or contraindicated. */
  next: DoseForecast | undefined;
  /** The next dose and the ones after it, projected assuming each is given when recommended. */
  remaining: DoseForecast[];
  /** False when any dose row of the series is unverified. */
  verified: boolean;
  /** Why the series is contraindicated or considered immune, when it is. */
  statusReason?: string;
}

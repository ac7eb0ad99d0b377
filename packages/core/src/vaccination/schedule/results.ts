/**
 * What the schedule engine returns: each dose's evaluation per antigen, each vaccine group's
 * forecast, and the per-antigen detail behind them (the series chosen, the target doses
 * skipped, the doses still to give). Reasons are typed codes with an English text.
 *
 * @module
 */
import type { Immunization } from '../../fhir/index.ts';
import type { LocalizedText, ScheduleDuration, VaccineRef } from './types.ts';

/** CDSi evaluation status of a dose for one antigen (Logic Specification, table 3-1). */
export type DoseStatus = 'valid' | 'not-valid' | 'extraneous' | 'sub-standard';

/** Why a dose has its status (CDSi evaluation reasons). */
export type EvaluationReasonCode =
  /** Given after the lot's expiration date: sub-standard. */
  | 'expired'
  /** Recorded as sub-potent (`isSubpotent`): sub-standard. */
  | 'sub-potent'
  /** The vaccine is an inadvertent administration for the target dose: not valid. */
  | 'inadvertent'
  /** Before the absolute minimum age: not valid. */
  | 'too-young'
  /** On or after the maximum age: extraneous. */
  | 'too-old'
  /** Before the absolute minimum interval: not valid. */
  | 'too-soon'
  /** Between the absolute minimum and the minimum age or interval: valid (grace period). */
  | 'grace-period'
  /** Only an allowable interval was met: valid. */
  | 'allowable-interval'
  /** Within a conflict window after another vaccine (live virus conflict): not valid. */
  | 'vaccine-conflict'
  /** Neither a preferable nor an allowable vaccine for the target dose at that age: not valid. */
  | 'not-allowable'
  /** Less than the recommended volume (never invalidates). */
  | 'low-volume'
  /** Given after the series was complete: extraneous. */
  | 'series-complete';

/** A reason with a code to branch on and an English text to show. */
export interface Reason<C extends string> {
  code: C;
  text: string;
}

/** An evaluation reason. */
export type EvaluationReason = Reason<EvaluationReasonCode>;

/** One recorded Immunization evaluated for one antigen, in the series chosen for it. */
export interface DoseEvaluation {
  /** `Immunization.id`. */
  immunizationId: string | undefined;
  immunization: Immunization;
  antigen: string;
  vaccineGroup: string;
  /** The series it was evaluated in. */
  seriesId: string;
  /** The target dose it was evaluated against (1-based), when any. */
  targetDose: number | undefined;
  status: DoseStatus;
  reasons: EvaluationReason[];
  /** The day given, `YYYY-MM-DD`, as recorded. */
  date: string;
  /** Age in days on that day. */
  ageDays: number;
  /** The schedule vaccine the record names. */
  vaccine: VaccineRef | undefined;
  /** True when the vaccine is a preferable one for the target dose. */
  preferable: boolean;
}

/** CDSi patient series status, per antigen and per vaccine group (table 3-3). */
export type ForecastStatus =
  'not-complete' | 'complete' | 'immune' | 'aged-out' | 'contraindicated' | 'not-recommended';

/** Why a forecast has its status (CDSi forecast reasons). */
export type ForecastReasonCode =
  | 'complete'
  | 'immune'
  | 'contraindicated'
  /** Every target dose was skipped: nothing to give now. */
  | 'not-recommended'
  | 'past-seasonal-end'
  | 'aged-out'
  /** The series cannot be finished before its maximum age. */
  | 'cannot-finish';

/** A forecast reason. */
export type ForecastReason = Reason<ForecastReasonCode>;

/**
 * Where a dose still to give stands on `asOf`: `upcoming` before the recommended date, `due`
 * from it (inclusive) to the past-due date (inclusive), `overdue` after it.
 */
export type DoseDueStatus = 'upcoming' | 'due' | 'overdue';

/** A dose still to give, with its CDSi dates (`YYYY-MM-DD`). */
export interface DoseForecast {
  /** CDSi forecast dose number: doses counted so far + 1. */
  doseNumber: number;
  /** The series dose it is (1-based). */
  targetDose: number;
  /** The earliest day it counts. */
  earliestDate: string;
  recommendedDate: string;
  /** The last day before it is overdue; absent when the schedule gives no latest age or interval. */
  pastDueDate?: string;
  /** The first overdue day (the day after `pastDueDate`). */
  overdueDate?: string;
  /** The last day it may be given (the day before the maximum age). */
  latestDate?: string;
  due: DoseDueStatus;
  /** False for the next dose; true for the ones after it, dated as if each were given on time. */
  projected: boolean;
  label?: LocalizedText;
  /** The series dose's recommended age (e.g. `P2M`), for "at 2 months" labels. */
  recommendedAge?: ScheduleDuration;
  /** Preferable vaccines to give (CDSi recommended vaccines). */
  recommendedVaccines: VaccineRef[];
  /** Copied from the schedule row: do not drive reminders from unverified rows. */
  verified: boolean;
  source: string[];
}

/** The series chosen for an antigen. */
export interface ChosenSeries {
  id: string;
  name: LocalizedText;
  type: 'standard' | 'risk' | 'evaluation-only';
  group: string;
  /** How many series doses it has. */
  doses: number;
}

/** The result for one antigen: its best series evaluated and forecast. */
export interface AntigenEvaluation {
  antigen: string;
  name: LocalizedText;
  vaccineGroup: string;
  series: ChosenSeries | undefined;
  status: ForecastStatus;
  reasons: ForecastReason[];
  /** This antigen's doses, oldest first, as evaluated in the chosen series. */
  doses: DoseEvaluation[];
  /** Target doses skipped (1-based). */
  skipped: number[];
  next: DoseForecast | undefined;
  /** The next dose and the ones after it. */
  remaining: DoseForecast[];
  /** False when any dose row of the chosen series is unverified. */
  verified: boolean;
}

/** A recorded dose as its vaccine group sees it: one row per Immunization. */
export interface GroupDose {
  immunizationId: string | undefined;
  immunization: Immunization;
  date: string;
  ageDays: number;
  vaccine: VaccineRef | undefined;
  /** Valid when valid for every antigen of the group the vaccine contains; else the worst status. */
  status: DoseStatus;
  /** The target dose of the group's first antigen that evaluated it. */
  targetDose: number | undefined;
  reasons: EvaluationReason[];
  preferable: boolean;
}

/** A `not-done` Immunization: listed, never evaluated. */
export interface NotDoneRecord {
  immunizationId: string | undefined;
  immunization: Immunization;
  date: string;
  /** `Immunization.statusReason` as text, display or code. */
  reason?: string;
  vaccineGroups: string[];
}

/**
 * The forecast of one vaccine group (CDSi §9): `doseNumber`, `earliestDate` and
 * `recommendedDate` are set when `status` is `not-complete`; `pastDueDate` and `latestDate`
 * only when the schedule gives a latest recommended age or interval and a maximum age.
 */
export interface VaccineGroupForecast {
  /** The vaccine group id, as in the CDC's data (`HepB`, `MMR`, `DTaP/Tdap/Td`). */
  vaccineGroup: string;
  name: LocalizedText;
  /** The antigens with a forecast in the group. */
  antigens: string[];
  status: ForecastStatus;
  reasons: ForecastReason[];
  doseNumber?: number;
  earliestDate?: string;
  recommendedDate?: string;
  pastDueDate?: string;
  latestDate?: string;
  /** The first overdue day, when there is a past-due date. */
  overdueDate?: string;
  /** On `asOf`, when `not-complete`. */
  due?: DoseDueStatus;
  recommendedVaccines: VaccineRef[];
  /** The group's recorded doses, oldest first. */
  doses: GroupDose[];
  notDone: NotDoneRecord[];
  /** The group's next dose (of its first antigen still needing one) and the ones after it. */
  next: DoseForecast | undefined;
  remaining: DoseForecast[];
  /** Target doses skipped by every antigen of the group (1-based). */
  skipped: number[];
  /** The longest chosen series of the group, in doses (a record book's columns). */
  seriesLength: number;
  /** False when any dose row of a chosen series is unverified. */
  verified: boolean;
}

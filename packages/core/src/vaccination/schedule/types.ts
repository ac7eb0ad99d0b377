/**
 * The schedule data model: the CDC's CDSi supporting data as plain JSON (Logic Specification
 * for ACIP Recommendations 4.6). Antigen → series → series doses with ages (absolute minimum,
 * minimum, earliest and latest recommended, maximum), intervals from the previous dose, a named
 * target dose, the most recent dose of given vaccines or an observation, allowable intervals,
 * preferable and allowable vaccines with begin and end ages, inadvertent vaccines, conditional
 * skips, recurring and seasonal doses; vaccine groups; vaccine conflicts; evidence of immunity
 * and contraindications by observation code. The CDC's XML converts to it
 * (`fromCdsiSupportingData` in `@vnhealth/core/schedule/cdsi`) and Vietnam's schedules are
 * written in it (`vnTcmrSchedule`); the engine reads nothing else.
 *
 * @module
 */

/**
 * An ISO 8601 duration of years, months, weeks and days, whose parts may be negative: CDSi's
 * "4 weeks - 4 days" is `P4W-4D`, "16 years - 4 months" is `P16Y-4M`. Added the CDSi way:
 * years, then months (a day that does not exist in the target month moves to the first of the
 * next month: 31 Jan + 1 month = 1 Mar), then weeks and days.
 */
export type ScheduleDuration = `P${string}`;

/** A vaccine reference: `system|code`, e.g. `http://hl7.org/fhir/sid/cvx|08`. */
export type VaccineRef = `${string}|${string}`;

/** Text in both languages the SDK ships. */
export interface LocalizedText {
  vi: string;
  en: string;
}

/**
 * When a piece of supporting data applies (CDSi §3.3): to a dose administered on a day between
 * the two dates, or to a forecast made on such a day. Inclusive; open when absent.
 */
export interface EffectivePeriod {
  /** `YYYY-MM-DD`. */
  effectiveDate?: string;
  /** `YYYY-MM-DD`, the last day it applies. */
  cessationDate?: string;
}

/** The ages at which a vaccine counts for an antigen (CDSi CVX-to-antigen map association). */
export interface VaccineAntigen {
  /** An antigen id of the schedule. */
  antigen: string;
  /** From this age on (inclusive). */
  beginAge?: ScheduleDuration;
  /** Before this age. */
  endAge?: ScheduleDuration;
}

/** A vaccine by code (CDSi vaccine type), with the antigens it contains. */
export interface ScheduleVaccine {
  system: string;
  code: string;
  display: string;
  /** The name to show, in both languages (Vietnam's schedules have one for every vaccine). */
  name?: LocalizedText;
  antigens: VaccineAntigen[];
  /**
   * A disease-level code (e.g. the community `vn-vaccine-type-cs`) rather than a product code.
   * When a record also carries a product code the schedule knows, the disease-level code is
   * ignored, so an IPV dose coded `CVX 10` + `polio` never counts as oral polio.
   */
  diseaseLevel?: boolean;
  /**
   * The vaccines this code is another code for (an ATC code's CVX equivalents). A record naming
   * it and other vaccines reads it last, so a dose coded both ways counts once (per antigen), as
   * the other vaccine.
   */
  sameAs?: VaccineRef[];
  /** `false` when the code itself is not confirmed by a published code list. */
  verified?: boolean;
  note?: string;
}

/** The age rules of a series dose (CDSi "age"); absent ages do not constrain. */
export interface DoseAge extends EffectivePeriod {
  /** Before this age a dose is not valid ("too young"); the 4-day grace period is in the data. */
  absoluteMinimumAge?: ScheduleDuration;
  /** The earliest age to forecast; a dose between the absolute minimum and it is valid (grace). */
  minimumAge?: ScheduleDuration;
  /** The age the dose is recommended at. */
  earliestRecommendedAge?: ScheduleDuration;
  /** The dose is past due from this age (the past-due date is the day before). */
  latestRecommendedAge?: ScheduleDuration;
  /** From this age the dose is no longer given: a later dose is extraneous, the series aged out. */
  maximumAge?: ScheduleDuration;
}

/** What an interval is measured from. */
export type IntervalFrom =
  /** The immediate previous dose evaluated in the series (valid or not valid). */
  | 'previous'
  /** The dose that satisfied this target dose number (1-based). */
  | { targetDose: number }
  /** The most recent earlier dose of any of these vaccines, whatever the antigen. */
  | { mostRecent: VaccineRef[] }
  /** The date of the patient's most recent observation with this schedule observation code. */
  | { observation: string };

/** An interval rule of a series dose (CDSi preferable or allowable interval). */
export interface DoseInterval extends EffectivePeriod {
  from: IntervalFrom;
  /** Sooner than this is not valid ("too soon"); the grace period is in the data. */
  absoluteMinimumInterval?: ScheduleDuration;
  /** The earliest interval to forecast; sooner (but after the absolute minimum) is grace. */
  minimumInterval?: ScheduleDuration;
  earliestRecommendedInterval?: ScheduleDuration;
  /** Past due from this interval on (the past-due date is the day before). */
  latestRecommendedInterval?: ScheduleDuration;
  /** CDSi interval priority "override": the group forecast may start before the other antigens'. */
  priority?: boolean;
}

/** A vaccine that counts for a series dose, with the ages it counts at. */
export interface DoseVaccine {
  vaccine: VaccineRef;
  beginAge?: ScheduleDuration;
  endAge?: ScheduleDuration;
  /** Preferable vaccines only: the MVX manufacturer code a trade name requires. */
  mvx?: string;
  tradeName?: string;
  /** Millilitres; less is reported (CDSi never invalidates on volume). */
  volume?: number;
  /** Preferable vaccines only: recommend this vaccine in the forecast. */
  forecast?: boolean;
}

/** One condition of a conditional skip set (CDSi §6.2). */
export interface SkipCondition {
  type:
    | 'age'
    | 'completed-series'
    | 'interval'
    | 'vaccine-count-by-age'
    | 'vaccine-count-by-date'
    | 'vaccine-count-by-age-and-date';
  beginAge?: ScheduleDuration;
  endAge?: ScheduleDuration;
  /** `YYYY-MM-DD`, inclusive. */
  startDate?: string;
  /** `YYYY-MM-DD`, exclusive. */
  endDate?: string;
  /** Interval from the immediate previous dose. */
  interval?: ScheduleDuration;
  doseCount?: number;
  /** Count only valid doses, or every dose. */
  doseType?: 'valid' | 'total';
  doseCountLogic?: 'greater-than' | 'equal' | 'less-than';
  vaccines?: VaccineRef[];
  /** Series group ids of the same antigen ("completed series"). */
  seriesGroups?: string[];
}

/** A set of conditions; `logic` says whether all or one must hold. */
export interface SkipSet extends EffectivePeriod {
  id: string;
  description?: string;
  logic: 'and' | 'or';
  conditions: SkipCondition[];
}

/** When a target dose can be skipped (CDSi conditional skip), in evaluation, forecast or both. */
export interface ConditionalSkip {
  context: 'evaluation' | 'forecast' | 'both';
  /** Whether all sets or one set must be met. */
  logic: 'and' | 'or';
  sets: SkipSet[];
}

/** One target dose of a series (CDSi series dose). */
export interface ScheduleDose {
  /** 1-based position in the series. */
  doseNumber: number;
  /** A name for the dose where "dose n" is not enough, e.g. "Sơ sinh" / "Birth dose". */
  label?: LocalizedText;
  /** Age rules; the one whose effective period covers the day applies. Empty: no age rule. */
  ages: DoseAge[];
  /** Preferable intervals: all that apply must be met. */
  intervals?: DoseInterval[];
  /** Allowable intervals: a dose meeting all of them is valid though the preferable ones fail. */
  allowableIntervals?: DoseInterval[];
  preferableVaccines: DoseVaccine[];
  allowableVaccines?: DoseVaccine[];
  /** A dose of these vaccines is an inadvertent administration: not valid. */
  inadvertentVaccines?: VaccineRef[];
  conditionalSkips?: ConditionalSkip[];
  /** Once satisfied, the same target dose comes again (boosters, yearly doses). */
  recurring?: boolean;
  /** `YYYY-MM-DD` dates: not forecast before the start; not recommended after the end. */
  seasonal?: { startDate?: string; endDate?: string };
  /** `false` when the row was not checked against the legal text named in `source`. */
  verified?: boolean;
  /** Where the row comes from (URLs or citations). */
  source?: string[];
  /** Anything a reviewer must know, including SDK policy choices that are not in the source. */
  note?: string;
}

/** A patient sex as FHIR `Patient.gender` says it. */
export type ScheduleGender = 'female' | 'male' | 'other' | 'unknown';

/** A risk indication that makes a risk series relevant (CDSi indication). */
export interface SeriesIndication {
  /** A schedule observation code. */
  observation: string;
  beginAge?: ScheduleDuration;
  endAge?: ScheduleDuration;
  description?: string;
}

/** One path to immunity against an antigen (CDSi antigen series). */
export interface ScheduleSeries {
  id: string;
  name: LocalizedText;
  /** `risk` series are relevant only with an indication; `evaluation-only` ones are never forecast. */
  type: 'standard' | 'risk' | 'evaluation-only';
  /** The vaccine group id the series is forecast in. */
  vaccineGroup: string;
  /** Series of the same group compete; the best of each group is kept (CDSi §8). */
  group: string;
  groupName?: string;
  /** Other groups a complete series here makes unnecessary. */
  equivalentGroups?: string[];
  /** Only the highest priority ('A' before 'B') risk series of a group are scored. */
  priority?: string;
  /** Breaks score ties: lower first. */
  preference?: number;
  /** The series to follow when nothing else decides. */
  default?: boolean;
  /** A series for one product (scored by whether every dose was that product). */
  productPath?: boolean;
  minAgeToStart?: ScheduleDuration;
  /** A first valid dose on or after this age does not start the series. */
  maxAgeToStart?: ScheduleDuration;
  /** Sexes the series applies to; absent: all. */
  genders?: ScheduleGender[];
  indications?: SeriesIndication[];
  /** Administrative guidance shown with the forecast. */
  guidance?: string;
  doses: ScheduleDose[];
}

/** Evidence of immunity for an antigen (CDSi immunity). */
export interface AntigenImmunity {
  /** Schedule observation codes that are evidence of immunity. */
  observations?: string[];
  /** Born before this `YYYY-MM-DD` date counts as immune… */
  bornBefore?: string;
  /** …when born in this country (when given)… */
  birthCountry?: string;
  /** …unless one of these observations applies (e.g. health care personnel). */
  exclusions?: string[];
}

/** A contraindication by observation code, for an antigen or for some of its vaccines. */
export interface ScheduleContraindication {
  /** A schedule observation code. */
  observation: string;
  beginAge?: ScheduleDuration;
  endAge?: ScheduleDuration;
  text?: string;
  /** Only these vaccines are contraindicated; absent: the whole antigen. */
  vaccines?: DoseVaccine[];
}

/** What a schedule protects against (CDSi antigen). */
export interface ScheduleAntigen {
  id: string;
  name: LocalizedText;
  series: ScheduleSeries[];
  immunity?: AntigenImmunity;
  contraindications?: ScheduleContraindication[];
}

/** Antigens forecast together (CDSi vaccine group, e.g. MMR, `DTaP/Tdap/Td`). */
export interface ScheduleVaccineGroup {
  id: string;
  name: LocalizedText;
  /** Antigen ids. */
  antigens: string[];
  /**
   * The forecast dose number is the lowest of the antigens' when the whole group is given
   * together, the highest otherwise.
   */
  administerFullGroup?: boolean;
}

/**
 * A vaccine conflict (CDSi live virus conflict): a dose of `current` given from `beginInterval`
 * after a dose of `previous` and before its end is not valid. The end is `minimumEndInterval`
 * after a valid (or not yet evaluated) previous dose and `endInterval` after any other; a
 * forecast waits `endInterval`. No grace period is applied beyond what the data says.
 */
export interface VaccineConflict {
  previous: VaccineRef;
  current: VaccineRef;
  beginInterval: ScheduleDuration;
  minimumEndInterval: ScheduleDuration;
  endInterval: ScheduleDuration;
}

/** A coded patient observation (CDSi observation): a condition, a status, a finding. */
export interface ScheduleObservation {
  /** The schedule's code, e.g. CDSi `007` (pregnant). */
  code: string;
  title: string;
  /** Codings (SNOMED CT, CDC PHIN VS, CVX) that name the observation in a patient record. */
  codings?: { system: string; code: string; display?: string }[];
}

/** A row the source mentions but that cannot be scheduled yet (ages or doses unknown). */
export interface UnscheduledRow {
  id: string;
  name: LocalizedText;
  /** Target disease ids. */
  diseases?: string[];
  reason: string;
  verified: false;
  source: string[];
}

/** A complete immunisation schedule, as JSON. */
export interface ImmunizationSchedule {
  id: string;
  title: LocalizedText;
  /** Legal basis and version of the schedule. */
  legalBasis?: string;
  /** Read before use. */
  warning?: string;
  vaccines: ScheduleVaccine[];
  antigens: ScheduleAntigen[];
  vaccineGroups: ScheduleVaccineGroup[];
  conflicts?: VaccineConflict[];
  observations?: ScheduleObservation[];
  unscheduled?: UnscheduledRow[];
}

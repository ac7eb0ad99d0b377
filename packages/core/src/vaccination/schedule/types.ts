/**
 * The schedule data model. It follows the structure of the CDC's Clinical Decision Support for
 * Immunization (CDSi) logic specification — antigen → series → target doses with ages,
 * intervals, grace period and allowable/preferable vaccines — reduced to what a national
 * childhood schedule needs. Every type is plain JSON, so a schedule can be loaded from a file or
 * a server without code changes.
 *
 * @module
 */

/**
 * An ISO 8601 duration limited to years, months, weeks and days, e.g. `P2M`, `P1Y6M`, `P28D`.
 * Dates are added the CDSi way: years and months first (a day that does not exist in the target
 * month moves to the first of the next month: 31 Jan + 1 month = 1 Mar), then weeks and days.
 */
export type ScheduleDuration = `P${string}`;

/** Text in both languages the SDK ships. */
export interface LocalizedText {
  vi: string;
  en: string;
}

/** A vaccine by code, with the target diseases it covers. */
export interface ScheduleVaccine {
  system: string;
  code: string;
  display: string;
  /** Target disease ids, e.g. `hepatitis-b`. */
  diseases: string[];
  /** Live attenuated and injected: two such vaccines not given the same day must be spaced. */
  liveParenteral?: boolean;
  /**
   * A disease-level code (e.g. the community `vn-vaccine-type-cs`) rather than a product code.
   * When a record also carries a product code the schedule knows (CVX), the disease-level code
   * is ignored, so an IPV dose coded `CVX 10` + `polio` never counts as oral polio.
   */
  diseaseLevel?: boolean;
  /** `false` when the code itself is not confirmed by a published code list. */
  verified?: boolean;
  note?: string;
}

/** A vaccine reference inside a dose: `system|code`, e.g. `http://hl7.org/fhir/sid/cvx|198`. */
export type VaccineRef = `${string}|${string}`;

/** One target dose of a series (CDSi "series dose"). */
export interface ScheduleDose {
  /** 1-based position in the series. */
  doseNumber: number;
  /** A name for the dose where "dose n" is not enough, e.g. "Sơ sinh" / "Birth dose". */
  label?: LocalizedText;
  /** Minimum age; a dose earlier than this minus the grace period is invalid. */
  minimumAge?: ScheduleDuration;
  /** The age the schedule recommends (the date on the appointment card). */
  recommendedAge?: ScheduleDuration;
  /**
   * The last age at which the dose is still on time; the dose is past due from the next day.
   * Without it, the schedule's `pastDueAfter` window after the recommended date applies.
   */
  latestRecommendedAge?: ScheduleDuration;
  /**
   * From this age the dose is no longer given (CDSi "maximum age"): a later dose does not count
   * for this target dose, and the target dose is skipped.
   */
  maximumAge?: ScheduleDuration;
  /** Minimum interval from the previous dose administered in the series (valid or not). */
  minimumInterval?: ScheduleDuration;
  /** Recommended interval from the previous dose administered in the series. */
  recommendedInterval?: ScheduleDuration;
  /** Vaccines the schedule prefers for this dose. */
  preferableVaccines: VaccineRef[];
  /** Other vaccines that still count for this dose. */
  allowableVaccines?: VaccineRef[];
  /** `true` only when this row was checked against the legal text named in `source`. */
  verified: boolean;
  /** Where the row comes from (URLs or citations). */
  source: string[];
  /** Anything a reviewer must know, including SDK policy choices that are not in the source. */
  note?: string;
}

/** One way to complete protection against an antigen (CDSi "series"). */
export interface ScheduleSeries {
  id: string;
  name: LocalizedText;
  doses: ScheduleDose[];
}

/** What the schedule protects against, with its series (CDSi "antigen"). */
export interface ScheduleAntigen {
  id: string;
  name: LocalizedText;
  /** Target disease ids a vaccine must cover (any of them) to count for this antigen. */
  diseases: string[];
  /** Alternatives; the engine picks the series with the most valid doses (first on a tie). */
  series: ScheduleSeries[];
}

/** A row the source mentions but that cannot be scheduled yet (ages or doses unknown). */
export interface UnscheduledRow {
  id: string;
  name: LocalizedText;
  diseases: string[];
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
  /**
   * Days before a minimum age or interval that a dose still counts (CDSi: 4 days). A dose 4 days
   * early is valid; 5 days early is not.
   * @default 4
   */
  gracePeriodDays?: number;
  /**
   * When a dose has no `latestRecommendedAge`, it is past due this long after its recommended
   * date (inclusive).
   * @default 'P1M'
   */
  pastDueAfter?: ScheduleDuration;
  /**
   * Two live parenteral vaccines not given on the same day must be this far apart; the later one
   * is invalid otherwise (the grace period applies).
   * @default 'P28D'
   */
  liveVaccineSpacing?: ScheduleDuration;
  vaccines: ScheduleVaccine[];
  antigens: ScheduleAntigen[];
  unscheduled?: UnscheduledRow[];
}

import type {
  Address,
  AllergyIntolerance,
  Condition,
  Coverage,
  Encounter,
  Immunization,
  MedicationStatement,
  Observation,
  Organization,
  Patient,
  Resource,
} from '../fhir/index.ts';

/**
 * How to find one patient. BHYT is looked up on Patient.identifier (vn-core-moh) and on
 * Coverage.identifier (vn-core-community) alike; names are matched with the server's `name`
 * search together with the exact birth date.
 */
export type PatientLookup =
  | { cccd: string }
  | { bhyt: string }
  | {
      mrn: string;
      /** The hospital's MRN system; defaults to the known VN Core systems. */ system?: string;
    }
  | { name: string; birthDate: string };

/** A vital sign kind the summary reports. */
export type VitalKind =
  | 'bloodPressure'
  | 'heartRate'
  | 'temperature'
  | 'oxygenSaturation'
  | 'weight'
  | 'height'
  | 'bmi'
  | 'respiratoryRate';

/** One reading of a vital sign. */
export interface VitalReading {
  /** Numeric value (systolic for blood pressure). */
  value: number;
  /** Diastolic, for blood pressure only. */
  diastolic?: number;
  /** UCUM unit, e.g. `mm[Hg]`, `/min`, `Cel`, `%`, `kg`, `cm`, `kg/m2`. */
  unit: string;
  /** When it was taken (ISO dateTime). */
  date: string | undefined;
  /** The Observation it came from (absent for a computed BMI). */
  observation?: Observation;
  /** True for a BMI the SDK computed from the latest weight and height. */
  computed?: boolean;
}

/** The latest value and the series (oldest first) of one vital sign. */
export interface VitalSeries {
  kind: VitalKind;
  latest: VitalReading;
  /** Up to the last 10 readings, oldest first, for a trend line. */
  history: VitalReading[];
}

/** BHYT card facts from Patient.identifier or Coverage. */
export interface InsuranceInfo {
  /** The BHYT number as stored (mask before showing). */
  number: string;
  /** Validity period (ISO dates). */
  period: { start?: string; end?: string } | undefined;
  /**
   * `valid`, `expiring` (ends within 30 days of `asOf`), `expired` (ended before `asOf`, or the
   * Coverage was cancelled) or `unknown` (no period, or not valid yet).
   */
  status: 'valid' | 'expiring' | 'expired' | 'unknown';
  /** Whole days from `asOf` to the end of validity (negative once expired). */
  daysLeft?: number;
  /** Registered primary-care facility (MA_DKBD), when known. */
  registeredFacility?: { code?: string; name?: string; reference?: string };
  /** Where the card was found. */
  source: 'patient' | 'coverage';
  /** The Coverage resource, when BHYT lives on Coverage. */
  coverage?: Coverage;
}

/** A section of the summary that could not be loaded (the rest is still usable). */
export type SummarySection =
  'allergies' | 'conditions' | 'medications' | 'vitals' | 'encounters' | 'insurance' | 'facility';

/** Everything a clinician must see first about a patient (`records.getSummary`). */
export interface PatientSummary {
  patient: Patient;
  /** Active allergies, highest criticality first (`high`, `unable-to-assess`, `low`, none). */
  allergies: AllergyIntolerance[];
  /** Active conditions (clinical status active, recurrence or relapse), newest first. */
  conditions: Condition[];
  /** Current medications (status active or intended). */
  medications: MedicationStatement[];
  /** Latest vital signs by kind. */
  vitals: Partial<Record<VitalKind, VitalSeries>>;
  /** Recent encounters (at most 5), newest first. */
  encounters: Encounter[];
  insurance: InsuranceInfo | undefined;
  /** The managing organization (responsible facility). */
  facility: Organization | undefined;
  /** Sections the server failed to return; render the rest as partial data. */
  missing: SummarySection[];
  /**
   * Sections that hold more records on the server than the summary read (`maxPerSection`): the
   * section shows the first ones only. Empty when nothing was left out.
   */
  truncated: SummarySection[];
  /** How it was fetched: the server's `Patient/$summary` or one FHIR batch. */
  source: 'ips' | 'batch';
  /** The instant the insurance status was judged against (ISO). */
  asOf: string;
}

/** Contact changes for `records.updateContact`; `null` removes, `undefined` keeps. */
export interface ContactChanges {
  /** The phone number (replaces the value of the first `phone` ContactPoint, or adds one). */
  phone?: string | null;
  /** The email address (replaces the value of the first `email` ContactPoint, or adds one). */
  email?: string | null;
  /** The home address (replaces the `home` address, else the first one, or adds one). */
  address?: Address | null;
}

/** Query for `records.searchPatients`. All given fields must match. */
export interface PatientQuery {
  /** Name or part of it, diacritics as typed. */
  name?: string;
  /** Birth date `yyyy-mm-dd`. */
  birthDate?: string;
  gender?: 'male' | 'female' | 'other' | 'unknown';
  /** Any identifier value (CCCD, BHYT, MRN), any system. */
  identifier?: string;
  /**
   * Page size.
   * @default 20
   */
  pageSize?: number;
  /** Sort order, a FHIR `_sort` value. @default 'family' */
  sort?: string;
}

/** One page of results with a way to the next. */
export interface Page<T> {
  items: T[];
  /** Total matches when the server reports it. */
  total: number | undefined;
  /** 1-based page number. */
  page: number;
  hasNext: boolean;
  /** The next page, or `undefined` after the last one. Calling it twice gives the same page. */
  next(): Promise<Page<T> | undefined>;
}

/** What the timeline shows. */
export type TimelineKind = 'encounter' | 'condition' | 'vital' | 'immunization';

/** One dated entry of a patient's record. */
export interface TimelineEntry {
  /** `ResourceType/id`, unique within a timeline. */
  key: string;
  kind: TimelineKind;
  /** When it happened (ISO date or dateTime); undefined when the record has no date. */
  date: string | undefined;
  /** Text from the record: the diagnosis, encounter type, vaccine or measurement name. */
  title: string;
  /** A code for the title (ICD-10 for conditions, LOINC for vitals, CVX or VN code for vaccines). */
  code?: string;
  /** Further text from the record: facility, lot number, reason. */
  detail?: string;
  /** The FHIR status as stored (`finished`, `completed`, `active`, `not-done` …). */
  status?: string;
  /** For vital signs the SDK recognises. */
  vital?: Omit<VitalReading, 'observation' | 'date'> & { kind: VitalKind };
  /** True when the record is marked entered-in-error (the SDK drops these by default). */
  enteredInError?: boolean;
  resource?: Encounter | Condition | Observation | Immunization | Resource;
}

/** One page of a timeline (`records.getTimeline`). */
export interface TimelinePage {
  /** Entries, newest first. */
  entries: TimelineEntry[];
  /** Pass to the next `getTimeline` call as `cursor`; undefined after the last page. */
  cursor: string | undefined;
  hasMore: boolean;
}

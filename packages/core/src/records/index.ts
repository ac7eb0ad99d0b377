import { HealthError } from '../errors.ts';
import type {
  AllergyIntolerance,
  Condition,
  Coverage,
  Encounter,
  MedicationStatement,
  Observation,
  Organization,
  Patient,
} from '../fhir/index.ts';
import type { FhirClient, RequestOptions } from '../http/types.ts';
import { systemsFor, type VnCoreProfile } from '../profiles/index.ts';

/** How to find a patient. */
export type PatientLookup = { cccd: string } | { bhyt: string };

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
  /** `valid`, `expiring` (within 30 days of `asOf`), `expired` or `unknown`. */
  status: 'valid' | 'expiring' | 'expired' | 'unknown';
  /** Registered primary-care facility (MA_DKBD), when known. */
  registeredFacility?: { code?: string; name?: string };
  /** The Coverage resource, when BHYT lives on Coverage. */
  coverage?: Coverage;
}

/** Everything a clinician must see first about a patient (`records.getSummary`). */
export interface PatientSummary {
  patient: Patient;
  /** Active allergies, highest criticality first. */
  allergies: AllergyIntolerance[];
  /** Active conditions. */
  conditions: Condition[];
  /** Current medications (status active/intended). */
  medications: MedicationStatement[];
  /** Latest vital signs by kind. */
  vitals: Partial<Record<VitalKind, VitalSeries>>;
  /** Recent encounters, newest first. */
  encounters: Encounter[];
  insurance: InsuranceInfo | undefined;
  /** The managing organization (responsible facility). */
  facility: Organization | undefined;
}

/** The health record client (`health.records`). */
export interface RecordsClient {
  /** Read one Patient by id. Throws `HttpError` (404) when it does not exist. */
  getPatient(id: string, options?: RequestOptions): Promise<Patient>;
  /** Find the Patient with this CCCD or BHYT number in either VN Core flavour; undefined if none. */
  findPatient(lookup: PatientLookup, options?: RequestOptions): Promise<Patient | undefined>;
}

/** @internal */
export function createRecordsClient(fhir: FhirClient, _profile: VnCoreProfile): RecordsClient {
  return {
    async getPatient(id, options) {
      return fhir.read('Patient', id, options);
    },
    async findPatient(lookup, options) {
      const [kind, value] = 'cccd' in lookup ? (['cccd', lookup.cccd] as const) : (['bhyt', lookup.bhyt] as const);
      const identifier = systemsFor(kind).map((system) => `${system}|${value}`);
      const result = await fhir.search('Patient', { identifier, _count: 2 }, options);
      if (result.resources.length > 1) {
        throw new HealthError(`More than one patient has this ${kind.toUpperCase()} number; ask the data owner to merge them.`);
      }
      return result.resources[0];
    },
  };
}

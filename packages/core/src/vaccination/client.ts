/**
 * The vaccination client: typed methods whose code loads with `import()` on first use
 * (`history`, `record`).
 *
 * @module
 */
import type { Immunization, ImmunizationRecommendation } from '../fhir/index.ts';
import type { FhirClient, RequestOptions } from '../http/types.ts';
import { resolveProfile, type VnCoreFlavour, type VnCoreProfile } from '../kernel.ts';
import type { VaccineDiseaseId } from './codes.ts';

/** One dose in a history, after de-duplication. */
export interface VaccinationHistoryEntry {
  /** The record kept (primary source first, then the most complete one). */
  immunization: Immunization;
  /** Date given, `YYYY-MM-DD` in Vietnam (UTC+7). */
  date: string;
  /** `completed` or `not-done` (shown as such, never counted as a dose). */
  status: 'completed' | 'not-done';
  /** Target diseases from the vaccine code (CVX or `vn-vaccine-type-cs`). */
  diseases: VaccineDiseaseId[];
  /** The same dose as recorded by other facilities (same vaccine, same day ± 1, same patient). */
  duplicates: Immunization[];
}

/** Doses for one target disease (a combination vaccine appears under each of its diseases). */
export interface VaccinationHistoryGroup {
  /** A {@link VaccineDisease} id, or `other` for vaccines the SDK does not know. */
  disease: VaccineDiseaseId | 'other';
  entries: VaccinationHistoryEntry[];
}

/** What {@link VaccinationClient.getHistory} returns. */
export interface VaccinationHistory {
  patientId: string;
  /** Every dose, oldest first, `entered-in-error` excluded, duplicates merged. */
  entries: VaccinationHistoryEntry[];
  /** `entries` grouped by target disease, in the order of {@link VaccineDisease}. */
  groups: VaccinationHistoryGroup[];
  /** The kept Immunization resources, ready for `evaluateSchedule` from `@vnhealth/core/schedule`. */
  immunizations: Immunization[];
}

/** An Immunization to record; `resourceType` and `status` default to `Immunization`/`completed`. */
export type ImmunizationInput = {
  [K in keyof Immunization as K extends 'resourceType' | 'status' ? never : K]: Immunization[K];
} & {
  resourceType?: 'Immunization';
  status?: Immunization['status'];
};

/** The vaccination client (`health.vaccination`). */
export interface VaccinationClient {
  /**
   * A patient's immunisation history: `entered-in-error` records excluded, `not-done` kept and
   * flagged, the same dose reported by several facilities merged (same vaccine code, same date ±
   * 1 day), sorted oldest first and grouped by target disease.
   *
   * @example
   * const history = await health.vaccination.getHistory('vnh-pt-003', { signal });
   * for (const g of history.groups) console.log(g.disease, g.entries.length);
   */
  getHistory(patientId: string, options?: RequestOptions): Promise<VaccinationHistory>;
  /**
   * The server's ImmunizationRecommendation resources for a patient, newest first (empty when the
   * server keeps none; then forecast locally with `evaluateSchedule`).
   *
   * @example
   * const [latest] = await health.vaccination.getRecommendations('vnh-pt-003', { signal });
   */
  getRecommendations(
    patientId: string,
    options?: RequestOptions,
  ): Promise<ImmunizationRecommendation[]>;
  /**
   * Record a dose given at a clinic (VN Core Immunization: vaccineCode, occurrence, lotNumber,
   * expirationDate, site, route, performer, location, protocolApplied). The write is a
   * conditional create on the record's identifier, so a retried request — by the transport or
   * by the caller — stores the dose once. Without an identifier, one is derived from the patient,
   * vaccine codes, day and lot (`urn:uuid:` under `urn:ietf:rfc:3986`), so recording the same
   * dose twice returns the first record.
   *
   * @throws {ValidationError} when patient, vaccineCode or occurrence is missing.
   * @example
   * const saved = await health.vaccination.record({
   *   patient: { reference: 'Patient/vnh-pt-003' },
   *   vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '198' }] },
   *   occurrenceDateTime: '2026-11-28T09:00:00+07:00',
   *   lotNumber: 'QV2511', expirationDate: '2027-06-30',
   *   site: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActSite', code: 'LT' }] },
   *   route: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration', code: 'IM' }] },
   *   performer: [{ actor: { reference: 'Practitioner/vnh-pr-001' } }],
   *   location: { reference: 'Location/vnh-loc-001' },
   *   protocolApplied: [{ doseNumberPositiveInt: 2 }],
   * }, { signal });
   */
  record(immunization: ImmunizationInput, options?: RequestOptions): Promise<Immunization>;
  /**
   * Mark a record `entered-in-error` with the reason as a note. The update carries `If-Match`;
   * if someone changed the record meanwhile, it is read again and the change re-applied once.
   *
   * @example
   * await health.vaccination.markEnteredInError('imm-123', 'Nhập nhầm bệnh nhân', { signal });
   */
  markEnteredInError(id: string, reason: string, options?: RequestOptions): Promise<Immunization>;
}

/**
 * Options of {@link createVaccinationClient}; `createHealthClient` passes its own `profile` and
 * `now`.
 *
 * @example
 * const vaccination = createVaccinationClient(fhir, { profile: 'vn-core-community' });
 */
export interface VaccinationClientOptions {
  /**
   * The VN Core flavour recorded doses claim (`meta.profile`).
   * @default 'vn-core-moh'
   * @example createVaccinationClient(fhir, { profile: 'vn-core-community' })
   */
  profile?: VnCoreFlavour | VnCoreProfile;
  /**
   * The clock: the time of the note `markEnteredInError` adds.
   * @default () => new Date()
   * @example createVaccinationClient(fhir, { now: () => new Date('2026-11-28T09:00:00+07:00') })
   */
  now?: () => Date;
}

/** The vaccination client's options, resolved. @internal */
export interface VaccinationContext {
  readonly fhir: FhirClient;
  readonly now: () => Date;
  /** The Immunization profile recorded doses claim. */
  readonly profileUrl: string;
}

/** The search of a patient's immunisations (`getHistory`). @internal */
export const historyQuery = (patientId: string) => ({
  patient: patientId.includes('/') ? patientId : `Patient/${patientId}`,
  _count: 200,
});

/** Start `pages` now (its first request goes out), to be iterated later. */
function started<T>(pages: AsyncGenerator<T, void, undefined>): AsyncIterable<T> {
  const first = pages.next();
  first.catch(() => undefined); // the iteration below gets the failure
  return {
    async *[Symbol.asyncIterator]() {
      for (let step = await first; !step.done; step = await pages.next()) yield step.value;
    },
  };
}

/**
 * Create the vaccination client over a FHIR client (`createHealthClient` does this for you:
 * `health.vaccination`). Every method is a real property; its module loads with `import()` on the
 * first call.
 *
 * @example
 * const vaccination = createVaccinationClient(createFhirClient({ baseUrl }), { profile: 'vn-core-moh' });
 * const history = await vaccination.getHistory('vnh-pt-003');
 */
export function createVaccinationClient(
  fhir: FhirClient,
  options: VaccinationClientOptions = {},
): VaccinationClient {
  const profile = resolveProfile(options.profile);
  const ctx: VaccinationContext = {
    fhir,
    now: options.now ?? (() => new Date()),
    profileUrl: `${profile.canonical}/StructureDefinition/vn-core-immunization`,
  };
  const history = () => import('./history.ts');
  const records = () => import('./record.ts');
  return {
    getHistory: async (id, o) => {
      // The first page goes out while the module loads (with the other reads of the moment).
      const pages = started(fhir.pages('Immunization', historyQuery(id), o));
      return (await history()).getHistory(ctx, id, o, pages);
    },
    getRecommendations: async (id, o) => (await history()).getRecommendations(ctx, id, o),
    record: async (input, o) => (await records()).record(ctx, input, o),
    markEnteredInError: async (id, reason, o) =>
      (await records()).markEnteredInError(ctx, id, reason, o),
  };
}

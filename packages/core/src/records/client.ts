/**
 * The health record client: typed methods whose code loads with `import()` on first use, one
 * module per concern (`patients`, `load-summary`, `load-timeline`, `contact`), so a page that only
 * reads a patient never downloads the summary or timeline code.
 *
 * @module
 */
import type { Patient } from '../fhir/index.ts';
import type { FhirClient, RequestOptions } from '../http/types.ts';
import { checkRecordId as checkId, patientSearch } from '../kernel.ts';
import type * as LoadSummary from './load-summary.ts';
import type {
  ContactChanges,
  Page,
  PatientLookup,
  PatientQuery,
  PatientSummary,
  TimelineKind,
  TimelinePage,
} from './types.ts';

/**
 * Options of {@link createRecordsClient}; under `records` in `createHealthClient`'s options
 * (whose `now` is passed in as this `now`).
 *
 * @example
 * const health = createHealthClient({ baseUrl, records: { maxPerSection: 1000 } });
 */
export interface RecordsClientOptions {
  /**
   * The most records of one section a summary reads (allergies, active conditions, current
   * medications, coverages; the readings of one vital sign; encounters until five are shown).
   * Past it the summary keeps the first ones in the server's order and lists the section in
   * `summary.truncated`. Each batch reads up to 100 of every section, so a summary costs one
   * request, plus one per further 100 records of its largest section.
   * @default 300
   * @example createRecordsClient(fhir, { maxPerSection: 1000 })
   */
  maxPerSection?: number;
  /**
   * The clock: the instant a summary judges BHYT status against when the call gives no `asOf`.
   * @default () => new Date()
   * @example createRecordsClient(fhir, { now: () => new Date('2026-11-28T10:00:00+07:00') })
   */
  now?: () => Date;
}

/** Options of `records.getSummary`. */
export interface SummaryOptions extends RequestOptions {
  /**
   * The instant the BHYT status is judged against.
   * @default the client's clock (`now`)
   * @example await health.records.getSummary(id, { asOf: '2026-12-31' })
   */
  asOf?: Date | string;
  /**
   * `auto` uses the server's `Patient/$summary` when its CapabilityStatement (`fhir.capabilities()`,
   * fetched once per client) offers it, else FHIR batches of searches; `batch` always sends the
   * searches, `ips` always calls `$summary`.
   * @default 'auto'
   * @example await health.records.getSummary(id, { via: 'batch' })
   */
  via?: 'auto' | 'batch' | 'ips';
  /**
   * The most records of one section this summary reads (see `RecordsClientOptions.maxPerSection`).
   * @default the client's `maxPerSection` (300)
   * @example await health.records.getSummary(id, { maxPerSection: 50 })
   */
  maxPerSection?: number;
}

/** Options of `records.getTimeline`. */
export interface TimelineOptions extends RequestOptions {
  /**
   * Which kinds of entries to include.
   * @default every kind
   * @example await health.records.getTimeline(id, { kinds: ['encounter', 'immunization'] })
   */
  kinds?: readonly TimelineKind[];
  /**
   * Entries per page (1–100).
   * @default 20
   * @example await health.records.getTimeline(id, { pageSize: 50 })
   */
  pageSize?: number;
  /**
   * The `cursor` of the previous page (for the same patient); omit for the first page.
   * @default undefined (the first page)
   * @example await health.records.getTimeline(id, { cursor: previous.cursor })
   */
  cursor?: string;
  /**
   * Keep entries marked entered-in-error (flagged `enteredInError`).
   * @default false
   * @example await health.records.getTimeline(id, { includeEnteredInError: true })
   */
  includeEnteredInError?: boolean;
}

/** Options of `records.updateContact`. */
export interface UpdateContactOptions extends RequestOptions {
  /**
   * The `meta.versionId` the user edited. When given, the update fails with `ConflictError` if
   * the patient changed since, even before the write.
   * @default undefined (the version just read)
   * @example await health.records.updateContact(id, { phone }, { expectedVersion: patient.meta?.versionId })
   */
  expectedVersion?: string;
}

/** The health record client (`health.records`). */
export interface RecordsClient {
  /**
   * Read one Patient by id. Throws `HttpError` (404) when it does not exist.
   *
   * @example
   * const patient = await health.records.getPatient('vnh-pt-001', { signal });
   */
  getPatient(id: string, options?: RequestOptions): Promise<Patient>;
  /**
   * Find the one Patient with this CCCD, BHYT number (on Patient.identifier or on Coverage, in
   * either VN Core flavour), MRN, or name and birth date. Returns undefined when none matches
   * and throws `HealthError` when several do (use `searchPatients` to choose), or when more than
   * 500 candidates would have to be read (narrow the lookup). Every candidate page is read: a
   * match on a later page is never missed.
   *
   * @example
   * await health.records.findPatient({ cccd: '001085012345' });
   * await health.records.findPatient({ bhyt: 'HT4790123456789' });
   * await health.records.findPatient({ mrn: 'BV-000123' });
   * await health.records.findPatient({ name: 'Nguyễn Văn An', birthDate: '1985-03-12' });
   */
  findPatient(lookup: PatientLookup, options?: RequestOptions): Promise<Patient | undefined>;
  /**
   * Search patients, one page at a time; `page.next()` fetches the following page.
   *
   * @example
   * let page = await health.records.searchPatients({ name: 'Nguyễn', pageSize: 20 });
   * while (page) { show(page.items); page = await page.next(); }
   */
  searchPatients(query: PatientQuery, options?: RequestOptions): Promise<Page<Patient>>;
  /**
   * Every page of a patient search as an async generator (one page in memory at a time).
   *
   * @example
   * for await (const patients of health.records.patientPages({ birthDate: '2025-09-01' })) index(patients);
   */
  patientPages(
    query: PatientQuery,
    options?: RequestOptions,
  ): AsyncGenerator<Patient[], void, undefined>;
  /**
   * What a clinician must see first: active allergies (high criticality first), active
   * conditions, current medications, latest vital signs with history and a computed BMI, recent
   * encounters, BHYT card status and the responsible facility. The server's `Patient/$summary`
   * when offered, else one FHIR batch of searches, read to completion: one more batch per further
   * 100 records of the largest section, up to `maxPerSection` (sections cut there are listed in
   * `truncated`; sections that failed in `missing`).
   *
   * @example
   * const summary = await health.records.getSummary('vnh-pt-001', { signal });
   * summary.allergies[0]?.criticality; // 'high'
   * summary.insurance?.status; // 'valid' | 'expiring' | 'expired' | 'unknown'
   * if (summary.truncated.length) showMoreLink(summary.truncated);
   */
  getSummary(patientId: string, options?: SummaryOptions): Promise<PatientSummary>;
  /**
   * One page of the patient's timeline (encounters, conditions, vital signs, immunisations),
   * newest first, in one HTTP request. Pages follow the server's own `next` links, so nothing is
   * skipped or repeated whichever way the server pages. Entered-in-error records are left out.
   *
   * @example
   * const first = await health.records.getTimeline('vnh-pt-001', { kinds: ['encounter', 'vital'], pageSize: 20 });
   * const second = first.cursor && (await health.records.getTimeline('vnh-pt-001', { cursor: first.cursor }));
   */
  getTimeline(patientId: string, options?: TimelineOptions): Promise<TimelinePage>;
  /**
   * Change the phone, email and/or home address, keeping every other field and extension as it
   * was. Sends `If-Match`; throws `ConflictError` when someone else changed the patient since.
   *
   * @example
   * await health.records.updateContact('vnh-pt-001', { phone: '0912345678' }, { signal });
   */
  updateContact(
    patientId: string,
    changes: ContactChanges,
    options?: UpdateContactOptions,
  ): Promise<Patient>;
}

/** The records client's options, resolved; passed to every module function. @internal */
export interface RecordsContext {
  readonly fhir: FhirClient;
  readonly now: () => Date;
  readonly maxPerSection: number;
  /** Whether the server's `Patient/$summary` answered `auto` summaries (learned by the first). */
  ips?: boolean;
}

/** The summary's module, once loaded. */
let summaryModule: typeof LoadSummary | undefined;

/** `promise`, with its rejection marked as handled: whoever awaits it later still gets it. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Create the health record client over a FHIR client (`createHealthClient` does this for you:
 * `health.records`). Every method is a real property (`'getSummary' in records` is true); all but
 * `getPatient` load their module with `import()` on the first call.
 *
 * @example
 * import { createFhirClient } from '@vnhealth/core';
 * import { createRecordsClient } from '@vnhealth/core/records';
 *
 * const records = createRecordsClient(createFhirClient({ baseUrl }), { maxPerSection: 500 });
 * const summary = await records.getSummary('vnh-pt-001');
 */
export function createRecordsClient(
  fhir: FhirClient,
  options: RecordsClientOptions = {},
): RecordsClient {
  const ctx: RecordsContext = {
    fhir,
    now: options.now ?? (() => new Date()),
    maxPerSection: options.maxPerSection ?? 300,
  };
  const patients = () => import('./patients.ts');
  return {
    getPatient: async (id, o) => fhir.read('Patient', checkId(id), o),
    findPatient: async (lookup, o) => (await patients()).findPatient(ctx, lookup, o),
    searchPatients: async (query, o) => (await patients()).searchPatients(ctx, query, o),
    async *patientPages(query, o) {
      yield* (await patients()).patientPages(ctx, query, o);
    },
    getSummary: async (id, o = {}) => {
      // For `auto`, the first requests go out while the summary's code loads: the patient
      // (shared with any other read of it on this client) and the CapabilityStatement. For
      // `batch`, the patient search waits for the code and goes out in the sections' batch: one
      // request, however long the code takes to load.
      const started =
        (o.via ?? (ctx.ips ? 'ips' : 'auto')) === 'auto'
          ? {
              patient: quiet(fhir.search('Patient', patientSearch(checkId(id)), o)),
              capabilities: quiet(fhir.capabilities({ signal: o.signal })),
            }
          : {};
      // Once loaded, the module is used without awaiting a task: the sections' batch is then
      // built in the same turn, and the patient search still queued rides along with it.
      summaryModule ??= await import('./load-summary.ts');
      return summaryModule.getSummary(ctx, id, o, started);
    },
    getTimeline: async (id, o) => (await import('./load-timeline.ts')).getTimeline(ctx, id, o),
    updateContact: async (id, changes, o) =>
      (await import('./contact.ts')).updateContact(ctx, id, changes, o),
  };
}

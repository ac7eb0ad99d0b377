import { createFhirClient, type FhirClientOptions } from './http/fhir-client.ts';
import type { FhirClient } from './http/types.ts';
import { resolveProfile, type VnCoreFlavour, type VnCoreProfile } from './kernel.ts';
import {
  createRecordsClient,
  type RecordsClient,
  type RecordsClientOptions,
} from './records/client.ts';
import {
  createTelemedicineClient,
  type TelemedicineClient,
  type TelemedicineClientOptions,
} from './telemedicine/client.ts';
import { createVaccinationClient, type VaccinationClient } from './vaccination/client.ts';

/**
 * Options for {@link createHealthClient}: the transport's options (base URL, token, timeouts,
 * retry, cache, auto-batching, validation, hooks; each documents its default), the VN Core
 * flavour, one clock for every domain client, and each domain client's own options.
 *
 * @example
 * const health = createHealthClient({
 *   baseUrl: 'http://localhost:8787/fhir/R4',
 *   now: () => new Date('2026-12-01T09:00:00+07:00'),
 *   records: { maxPerSection: 500 },
 *   telemedicine: { videoUrl: (a) => `https://meet.example.vn/${a.identifier?.[0]?.value}` },
 * });
 */
export interface HealthClientOptions extends Omit<FhirClientOptions, 'validationProfile'> {
  /**
   * The VN Core flavour used for writing (reading accepts both) and for profile validation.
   * @default 'vn-core-moh'
   * @example createHealthClient({ baseUrl, profile: 'vn-core-community' })
   */
  profile?: VnCoreFlavour | VnCoreProfile;
  /**
   * The clock every domain client reads: free slots and join windows, BHYT status, timestamps
   * written. Pass one in tests and wherever "today" must be a given day.
   * @default () => new Date()
   * @example createHealthClient({ baseUrl, now: () => new Date('2026-12-01T09:00:00+07:00') })
   */
  now?: () => Date;
  /**
   * Options of `health.records` (see `RecordsClientOptions`).
   * @default {} (each option's own default)
   * @example createHealthClient({ baseUrl, records: { maxPerSection: 500 } })
   */
  records?: Omit<RecordsClientOptions, 'now'>;
  /**
   * Options of `health.telemedicine` (see `TelemedicineClientOptions`).
   * @default {} (each option's own default)
   * @example createHealthClient({ baseUrl, telemedicine: { alternatives: 5, useServerBook: false } })
   */
  telemedicine?: Omit<TelemedicineClientOptions, 'now'>;
}

/** A configured client for the national FHIR APIs. Several may coexist. */
export interface HealthClient {
  /** The low-level FHIR REST client. */
  readonly fhir: FhirClient;
  /** Health records: patients, summaries, timelines, contacts. */
  readonly records: RecordsClient;
  /** Vaccination: history, server recommendations, recording, entered-in-error. */
  readonly vaccination: VaccinationClient;
  /** Telemedicine: doctors, free slots, race-safe booking, visits, teleconsultations. */
  readonly telemedicine: TelemedicineClient;
  /** The VN Core flavour in use. */
  readonly profile: VnCoreProfile;
}

/**
 * Create a client for the national FHIR R4 APIs. The domain clients are plain objects of typed
 * methods (`'getSummary' in health.records` is true); each method's code loads with `import()`
 * on its first call, so a page that only reads a patient never downloads the booking code.
 *
 * @example
 * const health = createHealthClient({ baseUrl: 'http://localhost:8787/fhir/R4' });
 * const patient = await health.records.findPatient({ cccd: '001085012345' });
 *
 * @example Strict validation, a refreshing token and request metrics
 * const health = createHealthClient({
 *   baseUrl,
 *   token: async ({ refresh }) => (refresh ? session.refresh() : session.accessToken),
 *   validation: 'strict',
 *   onResponse: ({ method, path, status, durationMs }) => metrics.push({ method, path, status, durationMs }),
 * });
 */
export function createHealthClient(options: HealthClientOptions): HealthClient {
  const { profile: flavour, now = () => new Date(), records, telemedicine, ...transport } = options;
  const profile = resolveProfile(flavour);
  const fhir = createFhirClient({ ...transport, validationProfile: profile.flavour });
  return {
    fhir,
    profile,
    records: createRecordsClient(fhir, { ...records, now }),
    vaccination: createVaccinationClient(fhir, { profile, now }),
    telemedicine: createTelemedicineClient(fhir, { ...telemedicine, now }),
  };
}

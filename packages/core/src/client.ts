import { createFhirClient, type TokenProvider } from './http/fhir-client.ts';
import type { FhirClient } from './http/types.ts';
import { resolveProfile, type VnCoreFlavour, type VnCoreProfile } from './profiles/index.ts';
import { createRecordsClient, type RecordsClient } from './records/index.ts';
import { createVaccinationClient, type VaccinationClient } from './vaccination/index.ts';

/** Options for {@link createHealthClient}. */
export interface HealthClientOptions {
  /** FHIR R4 base URL, e.g. `http://localhost:8787/fhir/R4`. */
  baseUrl: string;
  /**
   * The VN Core flavour used for writing (reading accepts both).
   * @default 'vn-core-moh'
   */
  profile?: VnCoreFlavour | VnCoreProfile;
  /** A `fetch` implementation; defaults to the global one. */
  fetch?: typeof fetch;
  /** A bearer token, or a function returning one. Tokens are never logged. */
  token?: TokenProvider;
  /**
   * Per-attempt timeout in milliseconds.
   * @default 30000
   */
  timeoutMs?: number;
}

/** A configured client for the national FHIR APIs. Several may coexist. */
export interface HealthClient {
  /** The low-level FHIR REST client. */
  readonly fhir: FhirClient;
  /** Health records: patients, summaries, contacts. */
  readonly records: RecordsClient;
  /** Vaccination: history, server recommendations, recording, entered-in-error. */
  readonly vaccination: VaccinationClient;
  /** The VN Core flavour in use. */
  readonly profile: VnCoreProfile;
}

/**
 * Create a client for the national FHIR R4 APIs.
 *
 * @example
 * const health = createHealthClient({ baseUrl: 'http://localhost:8787/fhir/R4' });
 * const patient = await health.records.findPatient({ cccd: '001085012345' });
 */
export function createHealthClient(options: HealthClientOptions): HealthClient {
  const profile = resolveProfile(options.profile);
  const fhir = createFhirClient(options);
  return {
    fhir,
    profile,
    records: createRecordsClient(fhir, profile),
    vaccination: createVaccinationClient(fhir, profile),
  };
}

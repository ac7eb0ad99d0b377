import { HealthError } from '../errors.ts';
import type { Patient } from '../fhir/index.ts';
import type { FhirClient, RequestOptions } from '../http/types.ts';
import { systemsFor, type VnCoreProfile } from '../profiles/index.ts';

/** How to find a patient. */
export type PatientLookup = { cccd: string } | { bhyt: string };

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

import { isConflictError, ValidationError, type ValidationIssue } from '../errors.ts';
import type {
  CodeableConcept,
  Identifier,
  Immunization,
  ImmunizationRecommendation,
} from '../fhir/index.ts';
import type { FhirClient, RequestOptions } from '../http/types.ts';
import type { VnCoreProfile } from '../profiles/index.ts';
import { diseasesOf, lookupVaccineCode, VaccineDisease, type VaccineDiseaseId } from './codes.ts';

/** The identifier system of identifiers the SDK generates (`urn:uuid:…` values). */
export const GENERATED_IDENTIFIER_SYSTEM = 'urn:ietf:rfc:3986';

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

const VN_OFFSET_MS = 7 * 3600_000;

/** The Vietnam calendar date of a FHIR date/dateTime. */
function vnDay(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value))
    return value.padEnd(10, '-01').slice(0, 10).replace(/-$/, '-01');
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}

function dayDiff(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
}

function codeKeys(concept: CodeableConcept | undefined, productOnly = false): string[] {
  return (concept?.coding ?? [])
    .filter((c) => c.code && !(productOnly && lookupVaccineCode(c)?.diseaseLevel))
    .map((c) => `${c.system ?? ''}|${c.code}`);
}

/** Same product code; else (no product code on one side) a shared code or the same diseases. */
function sameVaccine(a: Immunization, b: Immunization): boolean {
  const pa = codeKeys(a.vaccineCode, true);
  const pb = codeKeys(b.vaccineCode, true);
  if (pa.length && pb.length) return pa.some((k) => pb.includes(k));
  const ka = codeKeys(a.vaccineCode);
  const kb = codeKeys(b.vaccineCode);
  if (ka.some((k) => kb.includes(k))) return true;
  const da = diseasesOf(a.vaccineCode).sort().join();
  return da !== '' && da === diseasesOf(b.vaccineCode).sort().join();
}

/** Higher is a better record to keep. */
function richness(imm: Immunization): number {
  return (
    (imm.primarySource ? 100 : 0) +
    (imm.lotNumber ? 10 : 0) +
    (imm.performer?.length ? 5 : 0) +
    (imm.location ? 3 : 0) +
    Object.keys(imm).length / 100
  );
}

/** A 128-bit content hash formatted as a UUID (not cryptographic; for idempotency keys). */
function hashUuid(text: string): string {
  const parts = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b].map((seed) => {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
      h ^= h >>> 13;
    }
    return h.toString(16).padStart(8, '0');
  });
  const hex = parts.join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The identifier a record is made idempotent on: its own first one, or a derived one. */
export function immunizationIdentifier(imm: ImmunizationInput): Identifier {
  const own = imm.identifier?.find((i) => i.system && i.value);
  if (own) return own;
  const key = [
    imm.patient?.reference ?? '',
    codeKeys(imm.vaccineCode).sort().join(','),
    vnDay(imm.occurrenceDateTime) ?? imm.occurrenceString ?? '',
    imm.lotNumber ?? '',
  ].join('\n');
  return { system: GENERATED_IDENTIFIER_SYSTEM, value: `urn:uuid:${hashUuid(key)}` };
}

function dedupe(list: Immunization[]): VaccinationHistoryEntry[] {
  const entries: VaccinationHistoryEntry[] = [];
  const sorted = list
    .map((imm) => ({ imm, date: vnDay(imm.occurrenceDateTime ?? imm.occurrenceString) }))
    .filter((x): x is { imm: Immunization; date: string } => x.date !== undefined)
    .sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : richness(b.imm) - richness(a.imm),
    );
  for (const { imm, date } of sorted) {
    const status = imm.status === 'not-done' ? 'not-done' : 'completed';
    const same = entries.find(
      (e) =>
        e.status === status &&
        dayDiff(e.date, date) <= 1 &&
        e.immunization.patient?.reference === imm.patient?.reference &&
        sameVaccine(e.immunization, imm),
    );
    if (same) {
      if (richness(imm) > richness(same.immunization)) {
        same.duplicates.push(same.immunization);
        same.immunization = imm;
        same.date = date;
      } else same.duplicates.push(imm);
      continue;
    }
    entries.push({
      immunization: imm,
      date,
      status,
      diseases: diseasesOf(imm.vaccineCode),
      duplicates: [],
    });
  }
  return entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function groupByDisease(entries: VaccinationHistoryEntry[]): VaccinationHistoryGroup[] {
  const order: string[] = Object.values(VaccineDisease);
  const groups = new Map<string, VaccinationHistoryEntry[]>();
  for (const e of entries) {
    for (const d of e.diseases.length ? e.diseases : ['other']) {
      groups.set(d, [...(groups.get(d) ?? []), e]);
    }
  }
  const rank = (d: string) =>
    d === 'other' ? Infinity : order.indexOf(d) < 0 ? order.length : order.indexOf(d);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([disease, list]) => ({ disease, entries: list }));
}

function validateInput(imm: ImmunizationInput): void {
  const issues: ValidationIssue[] = [];
  const req = (ok: unknown, path: string, en: string, vi: string) => {
    if (!ok)
      issues.push({
        path: `Immunization.${path}`,
        code: 'required',
        severity: 'error',
        message: en,
        messageVi: vi,
      });
  };
  req(
    imm.patient?.reference,
    'patient',
    'Which patient received the dose is missing.',
    'Thiếu người được tiêm.',
  );
  req(
    codeKeys(imm.vaccineCode).length,
    'vaccineCode',
    'The vaccine code is missing.',
    'Thiếu mã vắc xin.',
  );
  req(
    imm.occurrenceDateTime ?? imm.occurrenceString,
    'occurrence[x]',
    'When the dose was given is missing.',
    'Thiếu thời điểm tiêm.',
  );
  if (issues.length) {
    throw new ValidationError(
      `The immunization cannot be recorded: ${issues.map((i) => i.path).join(', ')} missing. Fill them in and try again.`,
      issues,
    );
  }
}

/**
 * Create the vaccination client (`health.vaccination`) over a FHIR client.
 *
 * @example
 * const vaccination = createVaccinationClient(fhir, vnCoreMoh);
 * const history = await vaccination.getHistory('vnh-pt-003');
 */
export function createVaccinationClient(
  fhir: FhirClient,
  profile: VnCoreProfile,
): VaccinationClient {
  const profileUrl = `${profile.canonical}/StructureDefinition/vn-core-immunization`;
  const patientRef = (id: string) => (id.includes('/') ? id : `Patient/${id}`);

  return {
    async getHistory(patientId, options = {}) {
      const all: Immunization[] = [];
      for await (const page of fhir.pages(
        'Immunization',
        { patient: patientRef(patientId), _count: 200 },
        options,
      )) {
        all.push(...page.resources);
      }
      const entries = dedupe(all.filter((i) => i.status !== 'entered-in-error'));
      return {
        patientId,
        entries,
        groups: groupByDisease(entries),
        immunizations: entries.map((e) => e.immunization),
      };
    },

    async getRecommendations(patientId, options = {}) {
      const out: ImmunizationRecommendation[] = [];
      for await (const page of fhir.pages(
        'ImmunizationRecommendation',
        { patient: patientRef(patientId), _count: 50 },
        options,
      )) {
        out.push(...page.resources);
      }
      return out.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
    },

    async record(input, options = {}) {
      validateInput(input);
      const identifier = immunizationIdentifier(input);
      const identifiers = input.identifier?.some(
        (i) => i.system === identifier.system && i.value === identifier.value,
      )
        ? input.identifier
        : [...(input.identifier ?? []), identifier];
      const profiles = input.meta?.profile ?? [];
      const resource: Immunization = {
        ...input,
        resourceType: 'Immunization',
        status: input.status ?? 'completed',
        meta: {
          ...input.meta,
          profile: profiles.includes(profileUrl) ? profiles : [...profiles, profileUrl],
        },
        identifier: identifiers,
        primarySource: input.primarySource ?? true,
      } as Immunization;
      return fhir.create(resource, {
        ...options,
        ifNoneExist: { identifier: `${identifier.system}|${identifier.value}` },
      });
    },

    async markEnteredInError(id, reason, options = {}) {
      const apply = (imm: Immunization): Immunization => ({
        ...imm,
        status: 'entered-in-error',
        note: [...(imm.note ?? []), { text: reason, time: new Date().toISOString() }],
      });
      const current = await fhir.read('Immunization', id, { ...options, cache: 'reload' });
      if (current.status === 'entered-in-error') return current;
      try {
        return await fhir.update(apply(current), { ...options, ifMatch: true });
      } catch (error) {
        if (!isConflictError(error)) throw error;
        const fresh = await fhir.read('Immunization', id, { ...options, cache: 'reload' });
        if (fresh.status === 'entered-in-error') return fresh;
        return fhir.update(apply(fresh), { ...options, ifMatch: true });
      }
    },
  };
}

import { ConflictError, HealthError, HttpError, ValidationError } from '../errors.ts';
import type {
  Address,
  Bundle,
  CapabilityStatement,
  ContactPoint,
  Coverage,
  Patient,
  Resource,
} from '../fhir/index.ts';
import { errorForStatus } from '../http/fhir-client.ts';
import type { BundleEntryResult, FhirClient, RequestOptions, SearchParams } from '../http/types.ts';
import { systemsFor, type VnCoreProfile } from '../profiles/index.ts';
import { formatName } from '../vn/names.ts';
import { buildSummary, partsFromResources, type SummaryParts } from './summary.ts';
import { compareEntries, TIMELINE_KINDS, TIMELINE_SEARCH, toTimelineEntry } from './timeline.ts';
import type {
  ContactChanges,
  Page,
  PatientLookup,
  PatientQuery,
  PatientSummary,
  SummarySection,
  TimelineEntry,
  TimelineKind,
  TimelinePage,
} from './types.ts';

/** Options of `records.getSummary`. */
export interface SummaryOptions extends RequestOptions {
  /**
   * The instant the BHYT status is judged against.
   * @default now
   */
  asOf?: Date | string;
  /**
   * `auto` uses the server's `Patient/$summary` when its CapabilityStatement offers it, else one
   * FHIR batch of searches. The first call learns the CapabilityStatement by adding `GET metadata`
   * to its batch (still one request); a server that cannot answer that inside a batch is asked
   * once on the next call (`GET /metadata`, cached per client). `batch` always sends the batch,
   * `ips` always calls `$summary`.
   * @default 'auto'
   */
  via?: 'auto' | 'batch' | 'ips';
}

/** Options of `records.getTimeline`. */
export interface TimelineOptions extends RequestOptions {
  /**
   * Which kinds of entries to include.
   * @default every kind
   */
  kinds?: readonly TimelineKind[];
  /**
   * Entries per page.
   * @default 20
   */
  pageSize?: number;
  /** The `cursor` of the previous page; omit for the first page. */
  cursor?: string;
  /**
   * Keep entries marked entered-in-error (flagged `enteredInError`).
   * @default false
   */
  includeEnteredInError?: boolean;
}

/** Options of `records.updateContact`. */
export interface UpdateContactOptions extends RequestOptions {
  /**
   * The `meta.versionId` the user edited. When given, the update fails with `ConflictError` if
   * the patient changed since, even before the write; otherwise the version just read is used.
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
   * and throws `HealthError` when several do (use `searchPatients` to choose).
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
   * encounters, BHYT card status and the responsible facility. One HTTP request: the server's
   * `Patient/$summary` when offered, else one FHIR batch of searches.
   *
   * @example
   * const summary = await health.records.getSummary('vnh-pt-001', { signal });
   * summary.allergies[0]?.criticality; // 'high'
   * summary.insurance?.status; // 'valid' | 'expiring' | 'expired' | 'unknown'
   */
  getSummary(patientId: string, options?: SummaryOptions): Promise<PatientSummary>;
  /**
   * One page of the patient's timeline (encounters, conditions, vital signs, immunisations),
   * newest first, in one HTTP request. Entered-in-error records are left out.
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

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

function checkId(id: string, what = 'Patient'): string {
  if (!FHIR_ID.test(id)) {
    throw new TypeError(
      `"${id.slice(0, 80)}" is not a valid ${what} id (1–64 letters, digits, '-' or '.').`,
    );
  }
  return id;
}

function query(params: SearchParams): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined) out.append(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  return out.toString();
}

function get(url: string): { request: { method: 'GET'; url: string } } {
  return { request: { method: 'GET', url } };
}

function bundleResources(result: BundleEntryResult | undefined): Resource[] {
  const bundle = result?.resource as Bundle | undefined;
  return (bundle?.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
}

/**
 * True when the CapabilityStatement offers `Patient/$summary` (IPS).
 *
 * @example if (offersPatientSummary(await health.fhir.capabilities())) useIps();
 */
export function offersPatientSummary(cs: CapabilityStatement | undefined): boolean {
  const isSummary = (op: { name?: string; definition?: string }) =>
    op.name === 'summary' ||
    op.name === '$summary' ||
    /\/OperationDefinition\/(Patient-)?summary$/.test(op.definition ?? '');
  return (cs?.rest ?? []).some(
    (rest) =>
      (rest.operation ?? []).some(isSummary) ||
      (rest.resource ?? []).some(
        (r) => r.type === 'Patient' && (r.operation ?? []).some(isSummary),
      ),
  );
}

const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();

function nameMatches(patient: Patient, name: string): boolean {
  const wanted = norm(name);
  return (patient.name ?? []).some(
    (n) => norm(formatName(n)) === wanted || norm(n.text ?? '') === wanted,
  );
}

const MRN_SYSTEMS = new Set(systemsFor('mrn'));

function hasMrn(patient: Patient, value: string): boolean {
  return (patient.identifier ?? []).some(
    (i) =>
      i.value === value &&
      ((i.system !== undefined && MRN_SYSTEMS.has(i.system)) ||
        (i.type?.coding ?? []).some((c) => c.code === 'MR') ||
        /\/sid\/mrn|patient-internal-id/i.test(i.system ?? '')),
  );
}

const PHONE = /^\+?[0-9 ().-]{8,20}$/;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

function checkContact(changes: ContactChanges): void {
  const issues: ValidationError['issues'] = [];
  if (typeof changes.phone === 'string') {
    const digits = changes.phone.replace(/\D/g, '').length;
    if (!PHONE.test(changes.phone) || digits < 8 || digits > 15) {
      issues.push({
        path: 'Patient.telecom',
        code: 'invalid-format',
        severity: 'error',
        message: `"${changes.phone.slice(0, 40)}" is not a phone number (8–15 digits, e.g. 0912345678 or +84912345678).`,
        messageVi: 'Số điện thoại không hợp lệ (8–15 chữ số, ví dụ 0912345678).',
      });
    }
  }
  if (typeof changes.email === 'string' && !EMAIL.test(changes.email)) {
    issues.push({
      path: 'Patient.telecom',
      code: 'invalid-format',
      severity: 'error',
      message: `"${changes.email.slice(0, 80)}" is not an email address.`,
      messageVi: 'Địa chỉ email không hợp lệ.',
    });
  }
  if (changes.address && typeof changes.address !== 'object') {
    issues.push({
      path: 'Patient.address',
      code: 'invalid-type',
      severity: 'error',
      message: 'The address must be a FHIR Address object.',
      messageVi: 'Địa chỉ phải là một đối tượng Address.',
    });
  }
  if (issues.length)
    throw new ValidationError('The contact changes are not valid; nothing was saved.', issues);
}

function setTelecom(
  list: ContactPoint[] | undefined,
  system: 'phone' | 'email',
  value: string | null,
): ContactPoint[] {
  const out = [...(list ?? [])];
  if (value === null) return out.filter((c) => c.system !== system);
  const i = out.findIndex((c) => c.system === system && !c.period?.end);
  if (i >= 0) out[i] = { ...out[i], value };
  else out.push(system === 'phone' ? { system, value, use: 'mobile' } : { system, value });
  return out;
}

function setAddress(list: Address[] | undefined, value: Address | null): Address[] {
  const out = [...(list ?? [])];
  let i = out.findIndex((a) => a.use === 'home' && !a.period?.end);
  if (i < 0 && out.length) i = 0;
  if (value === null) return i >= 0 ? out.filter((_, j) => j !== i) : out;
  if (i >= 0) out[i] = value;
  else out.push(value);
  return out;
}

interface TimelineCursor {
  /** Offsets consumed per kind. */
  o: Partial<Record<TimelineKind, number>>;
  /** Kinds with nothing left. */
  d: TimelineKind[];
}

function decodeCursor(cursor: string | undefined): TimelineCursor {
  if (!cursor) return { o: {}, d: [] };
  try {
    const parsed = JSON.parse(cursor) as TimelineCursor;
    if (
      typeof parsed === 'object' &&
      parsed &&
      typeof parsed.o === 'object' &&
      Array.isArray(parsed.d)
    )
      return parsed;
  } catch {
    // fall through
  }
  throw new TypeError(
    'The timeline cursor is not one this client returned; start again without a cursor.',
  );
}

/** @internal */
export function createRecordsClient(fhir: FhirClient, _profile: VnCoreProfile): RecordsClient {
  async function searchOne(params: SearchParams, what: string, options?: RequestOptions) {
    const result = await fhir.search('Patient', { ...params, _count: 2 }, options);
    return single(result.resources, what);
  }

  function single(patients: Patient[], what: string): Patient | undefined {
    const unique = [...new Map(patients.map((p) => [p.id, p])).values()];
    if (unique.length > 1) {
      throw new HealthError(
        `More than one patient has this ${what}; choose with records.searchPatients, or ask the data owner to merge them.`,
      );
    }
    return unique[0];
  }

  async function findByBhyt(value: string, options?: RequestOptions): Promise<Patient | undefined> {
    const identifier = systemsFor('bhyt')
      .map((s) => `${s}|${value}`)
      .join(',');
    const [onPatient, onCoverage] = await fhir.batch(
      [
        get(`Patient?${query({ identifier, _count: 2 })}`),
        get(`Coverage?${query({ identifier, _include: 'Coverage:beneficiary', _count: 5 })}`),
      ],
      options,
    );
    for (const r of [onPatient, onCoverage]) {
      if (r && !r.ok) throw errorForStatus(r.status, r.outcome, { method: 'GET', path: 'Patient' });
    }
    const patients = bundleResources(onPatient).filter(
      (r): r is Patient => r.resourceType === 'Patient',
    );
    const covered = bundleResources(onCoverage);
    const coverages = covered.filter(
      (r): r is Coverage => r.resourceType === 'Coverage' && r.status !== 'entered-in-error',
    );
    const beneficiaries = new Set(coverages.map((c) => c.beneficiary?.reference).filter(Boolean));
    for (const ref of beneficiaries) {
      const included = covered.find(
        (r): r is Patient => r.resourceType === 'Patient' && `Patient/${r.id}` === ref,
      );
      if (included) patients.push(included);
      else if (ref?.startsWith('Patient/')) {
        // The server ignored _include: read the beneficiary (a second request).
        patients.push(await fhir.read('Patient', checkId(ref.slice('Patient/'.length)), options));
      }
    }
    return single(patients, 'BHYT number');
  }

  /**
   * Whether the server offers `Patient/$summary`: `undefined` until known, `'ask'` when the
   * CapabilityStatement could not ride along in a batch and must be fetched on its own.
   */
  let summaryOffered: boolean | 'ask' | undefined;

  async function summaryByBatch(
    id: string,
    options: SummaryOptions,
    withCapabilities = false,
  ): Promise<PatientSummary> {
    const p = encodeURIComponent(id);
    // `subject=Patient/…` rather than `patient=…` where both exist: an exact reference match that
    // servers (and the sandbox) answer without resolving the reference.
    const sections: { section: SummarySection | 'patient'; url: string }[] = [
      { section: 'patient', url: `Patient?_id=${p}&_include=Patient:organization` },
      { section: 'allergies', url: `AllergyIntolerance?patient=${p}&_count=100` },
      { section: 'conditions', url: `Condition?subject=Patient/${p}&_count=100` },
      { section: 'medications', url: `MedicationStatement?subject=Patient/${p}&_count=100` },
      {
        section: 'vitals',
        url: `Observation?subject=Patient/${p}&category=vital-signs&_sort=-date&_count=100`,
      },
      { section: 'encounters', url: `Encounter?subject=Patient/${p}&_sort=-date&_count=5` },
      { section: 'insurance', url: `Coverage?beneficiary=${p}&_count=20` },
    ];
    // The capabilities interaction (`GET metadata`) may ride along: no extra round trip.
    const entries = sections.map((s) => get(s.url));
    if (withCapabilities) entries.push(get('metadata'));
    const results = await fhir.batch(entries, options);
    if (withCapabilities) {
      const cs = results.splice(sections.length)[0]?.resource;
      summaryOffered =
        cs?.resourceType === 'CapabilityStatement' ? offersPatientSummary(cs) : 'ask';
    }
    const [patientResult] = results;
    if (!patientResult?.ok) {
      throw errorForStatus(patientResult?.status ?? 502, patientResult?.outcome, {
        method: 'GET',
        path: `Patient/${id}`,
      });
    }
    const missing: SummarySection[] = [];
    const resources: Resource[] = [];
    results.forEach((r, i) => {
      const section = sections[i]?.section;
      if (!r.ok && section && section !== 'patient') missing.push(section);
      else resources.push(...bundleResources(r));
    });
    const parts = partsFromResources(id, resources);
    if (!parts || parts.patient.id !== id) {
      throw errorForStatus(404, undefined, { method: 'GET', path: `Patient/${id}` });
    }
    if (parts.patient.managingOrganization?.reference && !parts.organizations?.length)
      missing.push('facility');
    return buildSummary(parts, { asOf: options.asOf ?? new Date(), missing, source: 'batch' });
  }

  async function summaryByIps(id: string, options: SummaryOptions): Promise<PatientSummary> {
    const bundle = await fhir.operation<Bundle>(
      `Patient/${encodeURIComponent(id)}/$summary`,
      options,
    );
    const parts: SummaryParts | undefined = partsFromResources(
      id,
      (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : [])),
    );
    if (!parts)
      throw errorForStatus(404, undefined, { method: 'GET', path: `Patient/${id}/$summary` });
    return buildSummary(parts, { asOf: options.asOf ?? new Date(), source: 'ips' });
  }

  const client: RecordsClient = {
    async getPatient(id, options) {
      return fhir.read('Patient', checkId(id), options);
    },

    async findPatient(lookup, options) {
      if ('cccd' in lookup) {
        const identifier = systemsFor('cccd').map((s) => `${s}|${lookup.cccd}`);
        return searchOne({ identifier }, 'CCCD number', options);
      }
      if ('bhyt' in lookup) return findByBhyt(lookup.bhyt, options);
      if ('mrn' in lookup) {
        if (lookup.system) {
          return searchOne(
            { identifier: `${lookup.system}|${lookup.mrn}` },
            'medical record number',
            options,
          );
        }
        // Hospitals use their own MRN systems: match the value in any system, then keep the
        // patients whose identifier with that value is an MRN (type MR or a known MRN system).
        const result = await fhir.search(
          'Patient',
          { identifier: lookup.mrn, _count: 10 },
          options,
        );
        return single(
          result.resources.filter((p) => hasMrn(p, lookup.mrn)),
          'medical record number',
        );
      }
      if ('name' in lookup && 'birthDate' in lookup) {
        if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(lookup.birthDate)) {
          throw new TypeError(`Birth date "${lookup.birthDate}" must be yyyy-mm-dd.`);
        }
        // Servers differ in whether `name` matches HumanName.text or only its parts, so search by
        // the family name (the first word) and the birth date, then keep exact full-name matches.
        const family = lookup.name.normalize('NFC').trim().split(/\s+/)[0] ?? '';
        const result = await fhir.search(
          'Patient',
          { name: family, birthdate: lookup.birthDate, _count: 50 },
          options,
        );
        const exact = result.resources.filter((p) => nameMatches(p, lookup.name));
        return single(exact, 'name and birth date');
      }
      throw new TypeError('findPatient needs { cccd }, { bhyt }, { mrn } or { name, birthDate }.');
    },

    async searchPatients(q, options) {
      const pages = fhir.pages('Patient', patientParams(q), options);
      async function pageAt(n: number): Promise<Page<Patient> | undefined> {
        const step = await pages.next();
        if (step.done) return undefined;
        let following: Promise<Page<Patient> | undefined> | undefined;
        const hasNext = Boolean(step.value.links.next);
        return {
          items: step.value.resources,
          total: step.value.total,
          page: n,
          hasNext,
          next() {
            if (!hasNext) return Promise.resolve(undefined);
            following ??= pageAt(n + 1);
            return following;
          },
        };
      }
      return (
        (await pageAt(1)) ?? {
          items: [],
          total: 0,
          page: 1,
          hasNext: false,
          next: () => Promise.resolve(undefined),
        }
      );
    },

    async *patientPages(q, options) {
      for await (const page of fhir.pages('Patient', patientParams(q), options))
        yield page.resources;
    },

    async getSummary(patientId, options = {}) {
      checkId(patientId);
      const via = options.via ?? 'auto';
      if (via === 'batch') return summaryByBatch(patientId, options);
      if (via === 'ips') return summaryByIps(patientId, options);
      if (summaryOffered === undefined) return summaryByBatch(patientId, options, true);
      if (summaryOffered === 'ask') {
        try {
          summaryOffered = offersPatientSummary(await fhir.capabilities(options));
        } catch (error) {
          if (options.signal?.aborted) throw error;
          // No CapabilityStatement: the batch works with every R4 server.
          summaryOffered = false;
        }
      }
      const offered = summaryOffered;
      if (!offered) return summaryByBatch(patientId, options);
      try {
        return await summaryByIps(patientId, options);
      } catch (error) {
        if (error instanceof HttpError && [400, 404, 405, 501].includes(error.status)) {
          return summaryByBatch(patientId, options);
        }
        throw error;
      }
    },

    async getTimeline(patientId, options = {}) {
      const p = encodeURIComponent(checkId(patientId));
      const pageSize = Math.max(1, Math.min(options.pageSize ?? 20, 100));
      const state = decodeCursor(options.cursor);
      const kinds = (options.kinds ?? TIMELINE_KINDS).filter(
        (k, i, all) => TIMELINE_KINDS.includes(k) && all.indexOf(k) === i && !state.d.includes(k),
      );
      if (!kinds.length) return { entries: [], cursor: undefined, hasMore: false };
      const results = await fhir.batch(
        kinds.map((kind) => {
          const s = TIMELINE_SEARCH[kind];
          const extra = s.params ? `&${s.params}` : '';
          const offset = state.o[kind] ?? 0;
          return get(
            `${s.type}?${s.patient}${p}${extra}&_sort=${s.sort}&_count=${pageSize}${offset ? `&_offset=${offset}` : ''}`,
          );
        }),
        options,
      );
      const queues = new Map<TimelineKind, TimelineEntry[]>();
      const exhausted = new Set<TimelineKind>();
      results.forEach((r, i) => {
        const kind = kinds[i] as TimelineKind;
        if (!r.ok)
          throw errorForStatus(r.status, r.outcome, {
            method: 'GET',
            path: TIMELINE_SEARCH[kind].type,
          });
        const bundle = r.resource as Bundle | undefined;
        const entries = bundleResources(r)
          .filter((res) => res.resourceType === TIMELINE_SEARCH[kind].type)
          .flatMap((res) => toTimelineEntry(res) ?? []);
        queues.set(kind, entries);
        const hasNextLink = (bundle?.link ?? []).some((l) => l.relation === 'next');
        if (entries.length < pageSize && !hasNextLink) exhausted.add(kind);
      });
      // k-way merge: each kind's list keeps the server's order, so what is consumed is a prefix
      // of it and the next page continues at an exact offset.
      const taken: TimelineEntry[] = [];
      const consumed = new Map<TimelineKind, number>();
      while (taken.length < pageSize) {
        let best: TimelineKind | undefined;
        for (const kind of kinds) {
          const head = queues.get(kind)?.[consumed.get(kind) ?? 0];
          if (!head) continue;
          const current = best && queues.get(best)?.[consumed.get(best) ?? 0];
          if (!current || compareEntries(head, current) < 0) best = kind;
        }
        if (!best) break;
        taken.push(queues.get(best)?.[consumed.get(best) ?? 0] as TimelineEntry);
        consumed.set(best, (consumed.get(best) ?? 0) + 1);
      }
      const next: TimelineCursor = { o: { ...state.o }, d: [...state.d] };
      for (const kind of kinds) {
        const used = consumed.get(kind) ?? 0;
        next.o[kind] = (state.o[kind] ?? 0) + used;
        if (exhausted.has(kind) && used >= (queues.get(kind)?.length ?? 0)) next.d.push(kind);
      }
      const hasMore = kinds.some((k) => !next.d.includes(k));
      return {
        entries: options.includeEnteredInError ? taken : taken.filter((e) => !e.enteredInError),
        cursor: hasMore ? JSON.stringify(next) : undefined,
        hasMore,
      };
    },

    async updateContact(patientId, changes, options = {}) {
      checkContact(changes);
      const current = await fhir.read('Patient', checkId(patientId), {
        ...options,
        cache: 'reload',
      });
      const version = current.meta?.versionId;
      if (options.expectedVersion !== undefined && version !== options.expectedVersion) {
        throw new ConflictError(
          `Patient/${patientId} changed since version ${options.expectedVersion} (now ${version ?? 'unknown'}). Read it again, review the other change and retry.`,
          { status: 412, request: { method: 'PUT', path: `Patient/${patientId}` } },
        );
      }
      const updated: Patient = structuredClone(current);
      if (changes.phone !== undefined)
        updated.telecom = setTelecom(updated.telecom, 'phone', changes.phone);
      if (changes.email !== undefined)
        updated.telecom = setTelecom(updated.telecom, 'email', changes.email);
      if (updated.telecom && !updated.telecom.length) delete updated.telecom;
      if (changes.address !== undefined) {
        updated.address = setAddress(updated.address, changes.address);
        if (!updated.address.length) delete updated.address;
      }
      if (JSON.stringify(updated) === JSON.stringify(current)) return current;
      if (!version) {
        throw new HealthError(
          `Patient/${patientId} has no meta.versionId, so it cannot be updated safely with If-Match. Ask the server operator to enable versioning.`,
        );
      }
      return fhir.update(updated, { ...options, ifMatch: version });
    },
  };
  return client;
}

function patientParams(q: PatientQuery): SearchParams {
  return {
    name: q.name?.normalize('NFC'),
    birthdate: q.birthDate,
    gender: q.gender,
    identifier: q.identifier,
    _count: Math.max(1, Math.min(q.pageSize ?? 20, 100)),
    _sort: q.sort ?? 'family',
  };
}

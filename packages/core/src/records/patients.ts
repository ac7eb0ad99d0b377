/**
 * Finding patients: `records.findPatient`, `searchPatients`, `patientPages`. A lookup reads every
 * candidate (bounded, and an error past the bound), so "one patient" is never a guess made on the
 * first page.
 *
 * @internal
 * @module
 */
import { HealthError, formatName, checkRecordId as checkId, systemsFor } from '../kernel.ts';
import type { Coverage, Patient, Resource } from '../fhir/index.ts';
import type { RequestOptions, SearchParams } from '../http/types.ts';
import { searchAll } from './batch.ts';
import type { RecordsContext } from './client.ts';
import type { Page, PatientLookup, PatientQuery } from './types.ts';

/** The most candidates a lookup reads before it asks for a narrower one. */
export const MAX_CANDIDATES = 500;

function single(patients: Patient[], what: string): Patient | undefined {
  const unique = [...new Map(patients.map((p) => [p.id, p])).values()];
  if (unique.length > 1) {
    throw new HealthError(
      `More than one patient has this ${what}; choose with records.searchPatients, or ask the data owner to merge them.`,
    );
  }
  return unique[0];
}

const tooMany = (what: string) =>
  new HealthError(
    `More than ${MAX_CANDIDATES} patients share this ${what}; narrow the lookup (add the birth date or use the CCCD).`,
  );

/** Every match of a Patient search that `keep` accepts, all pages, at most MAX_CANDIDATES read. */
async function candidates(
  ctx: RecordsContext,
  params: SearchParams,
  keep: (patient: Patient) => boolean,
  what: string,
  options?: RequestOptions,
): Promise<Patient[]> {
  const kept: Patient[] = [];
  let read = 0;
  for await (const page of ctx.fhir.pages('Patient', params, options)) {
    read += page.resources.length;
    if (read > MAX_CANDIDATES) throw tooMany(what);
    kept.push(...page.resources.filter(keep));
    // Two distinct matches already answer "more than one".
    if (new Set(kept.map((p) => p.id)).size > 1) break;
  }
  return kept;
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

/**
 * BHYT on Patient.identifier (vn-core-moh) and on Coverage.identifier (vn-core-community), sent
 * together (one batch); the Coverage search is paged until a second beneficiary shows up or none is left, since
 * a card renewed every year has one Coverage per year.
 */
async function findByBhyt(
  ctx: RecordsContext,
  value: string,
  options?: RequestOptions,
): Promise<Patient | undefined> {
  const identifier = systemsFor('bhyt').map((s) => `${s}|${value}`);
  const beneficiaries = (found: readonly Resource[]) =>
    new Set(
      (found as Coverage[])
        .filter((c) => c.status !== 'entered-in-error')
        .map((c) => c.beneficiary?.reference)
        .filter((ref): ref is string => Boolean(ref)),
    );
  const [onPatient, onCoverage] = await searchAll(
    ctx.fhir,
    [
      { type: 'Patient', params: { identifier, _count: 2 }, max: 2 },
      {
        type: 'Coverage',
        params: { identifier, _include: 'Coverage:beneficiary', _count: 20 },
        max: MAX_CANDIDATES,
        enough: (found) => beneficiaries(found).size > 1,
      },
    ],
    options,
  );
  for (const result of [onPatient!, onCoverage!]) if (result.error) throw result.error;
  if (onCoverage!.truncated) throw tooMany('BHYT number');
  const patients = onPatient!.matches.filter((r): r is Patient => r.resourceType === 'Patient');
  const included = onCoverage!.included.filter((r): r is Patient => r.resourceType === 'Patient');
  for (const ref of beneficiaries(onCoverage!.matches)) {
    const found = included.find((r) => `Patient/${r.id}` === ref);
    if (found) patients.push(found);
    else if (ref.startsWith('Patient/')) {
      // The server ignored _include: read the beneficiary (one more request).
      patients.push(await ctx.fhir.read('Patient', checkId(ref.slice('Patient/'.length)), options));
    }
  }
  return single(patients, 'BHYT number');
}

/** `RecordsClient.findPatient`. */
export async function findPatient(
  ctx: RecordsContext,
  lookup: PatientLookup,
  options?: RequestOptions,
): Promise<Patient | undefined> {
  if ('cccd' in lookup) {
    const identifier = systemsFor('cccd').map((s) => `${s}|${lookup.cccd}`);
    const result = await ctx.fhir.search('Patient', { identifier, _count: 2 }, options);
    return single(result.resources, 'CCCD number');
  }
  if ('bhyt' in lookup) return findByBhyt(ctx, lookup.bhyt, options);
  if ('mrn' in lookup) {
    if (lookup.system) {
      const identifier = `${lookup.system}|${lookup.mrn}`;
      const result = await ctx.fhir.search('Patient', { identifier, _count: 2 }, options);
      return single(result.resources, 'medical record number');
    }
    // Hospitals use their own MRN systems: match the value in any system, then keep the
    // patients whose identifier with that value is an MRN (type MR or a known MRN system).
    const what = 'medical record number';
    const params = { identifier: lookup.mrn, _count: 100 };
    return single(await candidates(ctx, params, (p) => hasMrn(p, lookup.mrn), what, options), what);
  }
  if ('name' in lookup && 'birthDate' in lookup) {
    if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(lookup.birthDate)) {
      throw new TypeError(`Birth date "${lookup.birthDate}" must be yyyy-mm-dd.`);
    }
    // Servers differ in whether `name` matches HumanName.text or only its parts, so search by
    // the family name (the first word) and the birth date, then keep exact full-name matches.
    const family = lookup.name.normalize('NFC').trim().split(/\s+/)[0] ?? '';
    const what = 'name and birth date';
    const params = { name: family, birthdate: lookup.birthDate, _count: 100 };
    return single(
      await candidates(ctx, params, (p) => nameMatches(p, lookup.name), what, options),
      what,
    );
  }
  throw new TypeError('findPatient needs { cccd }, { bhyt }, { mrn } or { name, birthDate }.');
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

/** `RecordsClient.searchPatients`. */
export async function searchPatients(
  ctx: RecordsContext,
  q: PatientQuery,
  options?: RequestOptions,
): Promise<Page<Patient>> {
  const pages = ctx.fhir.pages('Patient', patientParams(q), options);
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
}

/** `RecordsClient.patientPages`. */
export async function* patientPages(
  ctx: RecordsContext,
  q: PatientQuery,
  options?: RequestOptions,
): AsyncGenerator<Patient[], void, undefined> {
  for await (const page of ctx.fhir.pages('Patient', patientParams(q), options)) {
    yield page.resources;
  }
}

/**
 * `records.getSummary`: the server's `Patient/$summary` when offered, else its searches in one
 * FHIR batch, read to completion with one more batch per round of next pages
 * (docs/decisions/0019-summaries-read-to-completion.md).
 *
 * @internal
 * @module
 */
import { HttpError, checkRecordId as checkId, notFound, patientSearch } from '../kernel.ts';
import type {
  Bundle,
  CapabilityStatement,
  Encounter,
  Observation,
  Patient,
  Resource,
} from '../fhir/index.ts';
import type { SearchResult } from '../http/types.ts';
import { searchAll, type PagedSearch } from './batch.ts';
import type { RecordsContext, SummaryOptions } from './client.ts';
import {
  RECENT_ENCOUNTERS,
  buildSummary,
  offersPatientSummary,
  partsFromResources,
} from './summary.ts';
import type { PatientSummary, SummarySection } from './types.ts';
import { VITAL_HISTORY_LENGTH, VITAL_KINDS, VITAL_LOINC, toVitalReading } from './vitals.ts';

/** Records per page of a summary search (the server may send fewer). */
const PAGE = 100;

const shownEncounters = (found: readonly Resource[]) =>
  (found as Encounter[]).filter((e) => e.status !== 'entered-in-error' && e.status !== 'cancelled')
    .length >= RECENT_ENCOUNTERS;

const fullHistory = (found: readonly Resource[]) =>
  (found as Observation[]).filter((o) => toVitalReading(o)).length >= VITAL_HISTORY_LENGTH;

/** The searches of a summary's sections, each with the section it fills. */
function searches(id: string, max: number): { section: SummarySection; search: PagedSearch }[] {
  const subject = `Patient/${id}`;
  const _count = Math.min(PAGE, max);
  // `subject=Patient/…` rather than `patient=…` where both exist: an exact reference match that
  // servers (and the sandbox) answer without resolving the reference. Active conditions and
  // current medications are filtered by the server too (the client filters again); allergies are
  // not, since one without a clinical status counts as active.
  return [
    {
      section: 'allergies',
      search: { type: 'AllergyIntolerance', params: { patient: id, _count }, max },
    },
    {
      section: 'conditions',
      search: {
        type: 'Condition',
        params: { subject, 'clinical-status': ['active', 'recurrence', 'relapse'], _count },
        max,
      },
    },
    {
      section: 'medications',
      search: {
        type: 'MedicationStatement',
        params: { subject, status: ['active', 'intended'], _count },
        max,
      },
    },
    // One search per vital sign, newest first: each kind gets its full history, however many
    // readings of another kind there are.
    ...VITAL_KINDS.map((kind) => ({
      section: 'vitals' as const,
      search: {
        type: 'Observation' as const,
        params: {
          subject,
          code: VITAL_LOINC[kind],
          _sort: '-date',
          _count: VITAL_HISTORY_LENGTH,
        },
        max,
        enough: fullHistory,
      },
    })),
    {
      section: 'encounters',
      search: {
        type: 'Encounter',
        params: { subject, _sort: '-date', _count: RECENT_ENCOUNTERS * 2 },
        max,
        enough: shownEncounters,
      },
    },
    {
      section: 'insurance',
      search: { type: 'Coverage', params: { beneficiary: id, _count }, max },
    },
  ];
}

async function byBatch(
  ctx: RecordsContext,
  id: string,
  options: SummaryOptions,
  patient: Promise<SearchResult<Patient>>,
): Promise<PatientSummary> {
  const max = Math.max(1, Math.floor(options.maxPerSection ?? ctx.maxPerSection));
  const plan = searches(id, max);
  const [found, results] = await Promise.all([
    patient,
    searchAll(
      ctx.fhir,
      plan.map((s) => s.search),
      options,
    ),
  ]);
  const missing = new Set<SummarySection>();
  const truncated = new Set<SummarySection>();
  const resources: Resource[] = [...found.resources, ...found.included];
  results.forEach((result, i) => {
    const section = plan[i]!.section;
    if (result.error) missing.add(section);
    else if (result.truncated) truncated.add(section);
    if (!result.error) resources.push(...result.matches, ...result.included);
  });
  const parts = partsFromResources(id, resources);
  if (!parts || parts.patient.id !== id) throw notFound('Patient/{id}');
  if (parts.patient.managingOrganization?.reference && !parts.organizations?.length) {
    missing.add('facility');
  }
  return buildSummary(parts, {
    asOf: options.asOf ?? ctx.now(),
    missing: [...missing],
    truncated: [...truncated],
    source: 'batch',
  });
}

async function byIps(
  ctx: RecordsContext,
  id: string,
  options: SummaryOptions,
): Promise<PatientSummary> {
  const bundle = await ctx.fhir.operation<Bundle>(
    `Patient/${encodeURIComponent(id)}/$summary`,
    options,
  );
  const parts = partsFromResources(
    id,
    (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : [])),
  );
  if (!parts) throw notFound('Patient/{id}/$summary');
  return buildSummary(parts, { asOf: options.asOf ?? ctx.now(), source: 'ips' });
}

/** Whether the server offers `Patient/$summary`; false when its CapabilityStatement is unknown. */
async function ipsOffered(
  statement: Promise<CapabilityStatement>,
  options: SummaryOptions,
): Promise<boolean> {
  try {
    return offersPatientSummary(await statement);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return false; // no CapabilityStatement: the batch of standard searches works with any R4 server
  }
}

/** The requests a summary starts before its code has loaded (see `createRecordsClient`). */
export interface SummaryStart {
  /** `fhir.search('Patient', patientSearch(id))`. */
  patient?: Promise<SearchResult<Patient>>;
  /** `fhir.capabilities()`, for `via: 'auto'`. */
  capabilities?: Promise<CapabilityStatement>;
}

/** `RecordsClient.getSummary`. */
export async function getSummary(
  ctx: RecordsContext,
  patientId: string,
  options: SummaryOptions = {},
  started: SummaryStart = {},
): Promise<PatientSummary> {
  checkId(patientId);
  const via = options.via ?? 'auto';
  const patient = () =>
    (started.patient ??= ctx.fhir.search('Patient', patientSearch(patientId), options));
  if (via === 'batch') return byBatch(ctx, patientId, options, patient());
  if (via === 'ips') return byIps(ctx, patientId, options);
  // The patient is asked for with the CapabilityStatement (one batch with the other elements'
  // reads of the moment), so the sections, sent once the statement says how, are one batch more.
  const statement = started.capabilities ?? ctx.fhir.capabilities({ signal: options.signal });
  // Awaited by byBatch; unused when $summary answers, so not asked for once it did.
  if (!ctx.ips) patient().catch(() => undefined);
  if (!(await ipsOffered(statement, options))) return byBatch(ctx, patientId, options, patient());
  try {
    const summary = await byIps(ctx, patientId, options);
    ctx.ips = true; // the next summaries start no patient search of their own
    return summary;
  } catch (error) {
    // Offered but not for this patient or request: the searches still answer.
    if (error instanceof HttpError && [400, 404, 405, 501].includes(error.status)) {
      return byBatch(ctx, patientId, options, patient());
    }
    throw error;
  }
}

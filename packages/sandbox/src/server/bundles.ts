/**
 * Batch and transaction Bundles at the HTTP layer: the caps on their size and searches, the
 * checks each entry gets before the router runs it, and what the answer gets afterwards.
 *
 * @module
 */
import { OperationOutcomeError, badRequest, getStatus } from '@medplum/core';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { SandboxLimits } from './limits.ts';
import { BUSY_OUTCOME_ID, hasDotSegment } from './limits.ts';
import { decorateSearch, queryObject, single } from './searchset.ts';
import {
  checkId,
  checkResourceType,
  takeUnknownParameters,
  unknownParametersOutcome,
} from './validate.ts';

/**
 * The searchsets inside a batch response get the paging links a search of their own gets (a
 * server pages a search the same way inside a batch as outside it; clients follow `next`).
 */
export function linkBatchSearches(
  response: Bundle,
  request: Bundle,
  basePath: string,
  origin: string,
  fullUrl: (type: string, id: string | undefined) => string | undefined,
): Bundle {
  const entry = (response.entry ?? []).map((answer, index) => {
    const asked = request.entry?.[index]?.request;
    const bundle = answer.resource;
    if (asked?.method !== 'GET' || bundle?.resourceType !== 'Bundle' || bundle.type !== 'searchset')
      return answer;
    const [path = '', search = ''] = asked.url.replace(/^\/+/, '').split('?');
    if (!/^[A-Z][A-Za-z]+$/.test(path)) return answer;
    const query = queryObject(new URLSearchParams(search));
    const count = Number.parseInt(single(query._count) ?? '', 10);
    const offset = Math.max(0, Number.parseInt(single(query._offset) ?? '0', 10) || 0);
    const matches = (bundle.entry ?? []).filter((e) => e.search?.mode !== 'include').length;
    // Without `_count` the router answered every match in one page.
    const page = { count: Number.isFinite(count) && count > 0 ? count : matches, offset };
    if (page.count === 0) return answer;
    const linked = decorateSearch(
      bundle,
      page,
      query,
      undefined,
      `${basePath}/${path}`,
      origin,
      fullUrl,
    );
    return { ...answer, resource: { ...bundle, link: linked.link } };
  });
  return { ...response, entry };
}

export function isBundleRequest(body: unknown): body is Bundle {
  const bundle = body as Partial<Bundle> | undefined;
  return (
    bundle?.resourceType === 'Bundle' && (bundle.type === 'batch' || bundle.type === 'transaction')
  );
}

const tooCostly = (text: string): OperationOutcomeError =>
  new OperationOutcomeError({
    resourceType: 'OperationOutcome',
    id: 'content-too-large',
    issue: [{ severity: 'error', code: 'too-costly', details: { text } }],
  });

/**
 * Refuses a batch or transaction with more entries than the cap (413), gives every search entry
 * a `_count` of at most the server's maximum (one without `_count` would answer every match in
 * one page), and refuses the Bundle (413) when its searches together could answer more than
 * `maxBundleMatches` resources.
 */
export function checkBundle(bundle: Bundle, limits: SandboxLimits): void {
  const entries = bundle.entry ?? [];
  if (entries.length > limits.maxBundleEntries) {
    throw tooCostly(
      `A ${bundle.type} holds at most ${limits.maxBundleEntries} entries; this one has ${entries.length}`,
    );
  }
  let matches = 0;
  for (const entry of entries) {
    const request = entry.request;
    if (request?.method !== 'GET' || typeof request.url !== 'string') continue;
    const at = request.url.indexOf('?');
    const path = at < 0 ? request.url : request.url.slice(0, at);
    const search = at < 0 ? '' : request.url.slice(at + 1);
    if (!/^\/?[A-Z][A-Za-z]+$/.test(path)) continue;
    const params = new URLSearchParams(search);
    if (params.get('_summary') === 'count') continue;
    const asked = Number.parseInt(params.get('_count') ?? '', 10);
    const count = Number.isFinite(asked)
      ? Math.min(Math.max(asked, 0), limits.maxCount)
      : limits.maxCount;
    matches += count;
    if (asked !== count) {
      params.set('_count', String(count));
      request.url = `${path}?${params.toString()}`;
    }
  }
  if (matches > limits.maxBundleMatches) {
    throw tooCostly(
      `The searches of this ${bundle.type} could answer ${matches} resources; at most ${limits.maxBundleMatches} per Bundle (lower their _count, or split it)`,
    );
  }
}

/** Batch entries stopped at `maxRunMs` answer 503, not the router's 400. */
export function markBusyEntries(bundle: Bundle): Bundle {
  const entry = (bundle.entry ?? []).map((e) =>
    e.response?.outcome?.id === BUSY_OUTCOME_ID
      ? { ...e, response: { ...e.response, status: '503' } }
      : e,
  );
  return { ...bundle, entry };
}

export function isTransaction(body: unknown): boolean {
  return (body as Partial<Bundle> | undefined)?.type === 'transaction';
}

export function isBatchBundle(body: unknown): body is Bundle {
  const bundle = body as Partial<Bundle> | undefined;
  return bundle?.resourceType === 'Bundle' && bundle.type === 'batch';
}

export function isMetadataRequest(entry: BundleEntry): boolean {
  const request = entry.request;
  return (
    request?.method === 'GET' &&
    /^\/?metadata(\?|$)/.test(request.url.replace(/^.*\/fhir\/R4\//, ''))
  );
}

/** What {@link planEntries} found in a batch or transaction before the router runs it. */
export interface EntryPlan {
  /** The Bundle for the router: without the entries answered here. */
  bundle: Bundle;
  /** Entries answered here, by their index in the request: refusals, `GET metadata`. */
  answered: Map<number, BundleEntry>;
  /** Unknown search parameters left out of a search entry, by its index in the request. */
  ignored: Map<number, string[]>;
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Checks each entry as the same request on its own would be checked: a known resource type
 * (404), ids by the FHIR id rule and no dot segments (400), search parameters the type has (400
 * under `Prefer: handling=strict`, otherwise left out and reported in the entry's searchset).
 * A batch answers a refused entry on its own and runs the others; one refused entry refuses a
 * whole transaction (thrown). `GET metadata` entries are answered here with `metadata(query)`
 * (the router would answer them with a Bundle).
 */
export function planEntries(
  bundle: Bundle,
  strict: boolean,
  metadata: (query: URLSearchParams) => Resource,
): EntryPlan {
  const answered = new Map<number, BundleEntry>();
  const ignored = new Map<number, string[]>();
  const kept: BundleEntry[] = [];
  (bundle.entry ?? []).forEach((entry, index) => {
    if (bundle.type === 'batch' && isMetadataRequest(entry)) {
      const query = new URLSearchParams(entry.request?.url.split('?')[1] ?? '');
      answered.set(index, { resource: metadata(query), response: { status: '200 OK' } });
      return;
    }
    try {
      const left = checkEntry(entry, strict);
      if (left.length) ignored.set(index, left);
      kept.push(entry);
    } catch (error) {
      if (bundle.type === 'transaction' || !(error instanceof OperationOutcomeError)) throw error;
      const outcome = error.outcome;
      answered.set(index, { response: { status: String(getStatus(outcome)), outcome } });
    }
  });
  return { bundle: answered.size ? { ...bundle, entry: kept } : bundle, answered, ignored };
}

/** Throws the OperationOutcomeError the entry's request gets; the unknown parameters it drops. */
function checkEntry(entry: BundleEntry, strict: boolean): string[] {
  const request = entry.request;
  if (!request || typeof request.url !== 'string' || ABSOLUTE.test(request.url)) return [];
  const url = request.url.replace(/^\/+/, '');
  if (hasDotSegment(`/${url}`)) {
    throw new OperationOutcomeError(
      badRequest('Dot segments (. or ..) are not allowed in the path'),
    );
  }
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  const [type = '', id, ...rest] = path.split('/');
  if (type === '' || type.startsWith('$') || type === 'metadata') return [];
  checkResourceType(type);
  if (id !== undefined && !id.startsWith('_') && !id.startsWith('$')) checkId(id);
  const bodyId = (entry.resource as { id?: unknown } | undefined)?.id;
  if (request.method === 'PUT' && typeof bodyId === 'string') checkId(bodyId);
  const isSearch = (request.method === 'GET' && id === undefined) || id === '_search';
  if (!isSearch || rest.length) return [];
  const query = queryObject(new URLSearchParams(at < 0 ? '' : url.slice(at + 1)));
  const unknown = takeUnknownParameters(type, query, strict);
  if (unknown.length) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query))
      for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
    request.url = `${path}${params.size ? `?${params.toString()}` : ''}`;
  }
  return unknown;
}

/** The router's answer with the entries answered here put back, and ignored parameters reported. */
export function completeAnswer(response: Bundle, plan: EntryPlan): Bundle {
  if (!plan.answered.size && !plan.ignored.size) return response;
  const entry = [...(response.entry ?? [])];
  for (const index of [...plan.answered.keys()].sort((a, b) => a - b)) {
    entry.splice(index, 0, plan.answered.get(index)!);
  }
  for (const [index, names] of plan.ignored) {
    const answer = entry[index];
    const searchset = answer?.resource;
    if (searchset?.resourceType !== 'Bundle') continue;
    const outcome = {
      resource: unknownParametersOutcome(names),
      search: { mode: 'outcome' as const },
    };
    entry[index] = {
      ...answer,
      resource: { ...searchset, entry: [...(searchset.entry ?? []), outcome] },
    };
  }
  return { ...response, entry };
}

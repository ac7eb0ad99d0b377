/**
 * Several searches read to completion in few requests: the first page of each in one FHIR batch,
 * then one batch per round of the server's `next` links, until every search is complete, has
 * enough, or hit its bound (and says so). @internal
 *
 * @module
 */
import { HealthError, HttpError } from '../kernel.ts';
import type { Bundle, Resource, ResourceType } from '../fhir/index.ts';
import type {
  BundleRequestEntry,
  FhirClient,
  RequestOptions,
  SearchParams,
} from '../http/types.ts';

/** One search to read to completion. */
export interface PagedSearch {
  type: ResourceType;
  params: SearchParams;
  /** The most matches kept; when the server has more, the result is `truncated`. */
  max: number;
  /** True once the matches so far are all the caller needs (no more pages, not truncated). */
  enough?: (matches: readonly Resource[]) => boolean;
}

/** What one search gave. */
export interface PagedResult {
  /** Matches in the server's order, at most `max`. */
  matches: Resource[];
  /** `_include`d resources of every page read. */
  included: Resource[];
  /** The server had more than `max` matches. */
  truncated: boolean;
  /** Why the search could not be completed (it failed, or its paging did). */
  error: HealthError | undefined;
}

/** `Type?key=value…` for a batch entry; a list is one comma-joined value (FHIR's OR). */
export function searchUrl(search: Pick<PagedSearch, 'type' | 'params'>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(search.params)) {
    if (value !== undefined) query.append(key, Array.isArray(value) ? value.join(',') : `${value}`);
  }
  return `${search.type}?${query}`;
}

/** A GET entry of a batch. */
export function get(url: string): BundleRequestEntry {
  return { request: { method: 'GET', url } };
}

/** `url` (absolute or relative) as a path below `base`, or undefined when it is elsewhere. */
export function belowBase(url: string, base: string): string | undefined {
  const root = new URL(`${base}/`);
  const target = new URL(url, root);
  if (target.origin !== root.origin || !target.pathname.startsWith(root.pathname)) return undefined;
  return target.pathname.slice(root.pathname.length) + target.search;
}

/** Split a searchset into matches and includes (OperationOutcome entries are left out). */
export function entriesOf(bundle: Bundle | undefined): {
  matches: Resource[];
  included: Resource[];
} {
  const matches: Resource[] = [];
  const included: Resource[] = [];
  for (const entry of bundle?.entry ?? []) {
    if (!entry.resource) continue;
    if (entry.search?.mode === 'include') included.push(entry.resource);
    else if (entry.search?.mode !== 'outcome') matches.push(entry.resource);
  }
  return { matches, included };
}

/** The `next` link of a searchset. */
export function nextOf(bundle: Bundle | undefined): string | undefined {
  return bundle?.link?.find((l) => l.relation === 'next')?.url;
}

/**
 * Read `searches` to completion: their first pages in one batch, then one batch per round of
 * `next` links. A failed batch request rejects; a failed entry marks only its own search.
 *
 * @example
 * const [conditions] = await searchAll(fhir, [
 *   { type: 'Condition', params: { subject: 'Patient/p1', _count: 100 }, max: 300 },
 * ]);
 * if (conditions.truncated) console.warn('more than 300 conditions');
 */
export async function searchAll(
  fhir: FhirClient,
  searches: readonly PagedSearch[],
  options?: RequestOptions,
): Promise<PagedResult[]> {
  const results: PagedResult[] = searches.map(() => ({
    matches: [],
    included: [],
    truncated: false,
    error: undefined,
  }));
  // Round one: the first page of every search, in one batch.
  let pending = searches.map((search, index) => ({ index, url: searchUrl(search) }));

  /** Take one page of search `index`; queue its next page when one is still wanted. */
  const take = (index: number, page: Bundle) => {
    const search = searches[index]!;
    const result = results[index]!;
    const found = entriesOf(page);
    const next = nextOf(page);
    result.matches.push(...found.matches);
    result.included.push(...found.included);
    if (result.matches.length >= search.max) {
      result.truncated = Boolean(next) || result.matches.length > search.max;
      result.matches.length = search.max;
      return;
    }
    if (!next || search.enough?.(result.matches)) return;
    const below = belowBase(next, fhir.baseUrl);
    if (!below) {
      result.error = new HealthError(
        `The server's next-page link of a ${search.type} search leaves the FHIR base URL; it was not followed.`,
      );
    } else if (!found.matches.length) {
      result.error = new HealthError(
        `The server sent an empty page of a ${search.type} search that links to another; paging stopped.`,
      );
    } else pending.push({ index, url: below });
  };

  while (pending.length) {
    const round = pending;
    pending = [];
    const answers = await fhir.batch(
      round.map((p) => get(p.url)),
      options,
    );
    round.forEach(({ index, url }, i) => {
      const answer = answers[i];
      const bundle = answer?.resource as Bundle | undefined;
      if (answer?.ok && bundle?.resourceType === 'Bundle') {
        take(index, bundle);
        return;
      }
      const path = url.split('?')[0] || searches[index]!.type;
      results[index]!.error =
        answer?.error ??
        new HttpError(`GET ${path} in a batch came back without a searchset.`, {
          status: answer?.status || 502,
          request: { method: 'GET', path },
        });
    });
  }
  return results;
}

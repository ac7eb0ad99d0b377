/**
 * The paging stage: a search Bundle as a {@link SearchResult}, and every page of a search as an
 * async generator that follows `Bundle.link[next]`, one page in memory at a time. Each page is
 * fetched like any GET (cached, shared with identical requests, validated); a `next` link that
 * repeats a page or leaves the server's origin is an error, not an endless or silent loop.
 *
 * @module
 */
import { HealthError, relative } from '../kernel.ts';
import type { Bundle, Resource } from '../fhir/index.ts';
import type { SearchResult } from './types.ts';

/** Split a searchset into matches and included resources, and index its links. */
export function toResult<T extends Resource>(bundle: Bundle): SearchResult<T> {
  const resources: T[] = [];
  const included: Resource[] = [];
  for (const entry of bundle.entry ?? []) {
    if (!entry.resource) continue;
    if (entry.search?.mode === 'include' || entry.search?.mode === 'outcome') {
      included.push(entry.resource);
    } else {
      resources.push(entry.resource as T);
    }
  }
  const links: SearchResult<T>['links'] = {};
  for (const link of bundle.link ?? []) {
    const relation = link.relation === 'prev' ? 'previous' : link.relation;
    if (relation && link.url) (links as Record<string, string>)[relation] = link.url;
  }
  return { resources, included, total: bundle.total, links, bundle };
}

/** Every page from `first` on; `fetchPage` gets paths below `baseUrl`. */
export async function* pages<T extends Resource>(
  first: string,
  baseUrl: string,
  fetchPage: (path: string) => Promise<Bundle>,
): AsyncGenerator<SearchResult<T>, void, undefined> {
  const seen = new Set<string>();
  let path: string | undefined = first;
  while (path) {
    seen.add(path);
    const page: SearchResult<T> = toResult<T>(await fetchPage(path));
    const next = page.links.next ? relative(page.links.next, baseUrl) : undefined;
    yield page;
    if (next && seen.has(next)) {
      throw new HealthError(
        "The server's next link repeats a page it sent already; paging stopped instead of looping.",
      );
    }
    path = next;
  }
}

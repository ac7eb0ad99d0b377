/**
 * Search parameters and searchsets: reading a query, paging every search, `_elements`, and the
 * links and outcome entries the sandbox adds to a searchset.
 *
 * @module
 */
import { DEFAULT_SEARCH_COUNT } from '@medplum/core';
import type { Bundle, BundleLink, Resource } from '@medplum/fhirtypes';
import { unknownParametersOutcome } from './validate.ts';

export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<
    string,
    string | string[]
  >;
  for (const [name, value] of params) {
    const existing = out[name];
    if (existing === undefined) out[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[name] = [existing, value];
  }
  return out;
}

export function toParams(query: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  }
  return params;
}

export function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.at(-1) : value;
}

/** Normalises `_count`/`_offset` so every search is paged; returns the effective values. */
export function pageQuery(
  query: Record<string, string | string[] | undefined>,
  maxCount: number,
): {
  count: number;
  offset: number;
  /** The `_count` asked for, when it was above the server's max and lowered. */
  lowered?: number;
} {
  const summary = single(query._summary);
  const offset = Math.max(0, Number.parseInt(single(query._offset) ?? '0', 10) || 0);
  if (summary === 'count') {
    delete query._count;
    return { count: 0, offset: 0 };
  }
  const requested = Number.parseInt(single(query._count) ?? '', 10);
  const count = Number.isFinite(requested)
    ? Math.min(Math.max(requested, 0), maxCount)
    : Math.min(DEFAULT_SEARCH_COUNT, maxCount);
  query._count = String(count);
  if (offset > 0) query._offset = String(offset);
  else delete query._offset;
  return requested > maxCount ? { count, offset, lowered: requested } : { count, offset };
}

export function elementsOf(
  query: Record<string, string | string[] | undefined>,
): string[] | undefined {
  const raw = query._elements;
  if (raw === undefined) return undefined;
  const list = (Array.isArray(raw) ? raw : [raw])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length ? list : undefined;
}

export function subset(resource: Resource, elements: string[]): Resource {
  const keep = new Set(['resourceType', 'id', 'meta', ...elements]);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(resource)) if (keep.has(k)) out[k] = v;
  const meta = { ...(resource.meta ?? {}) };
  meta.tag = [
    ...(meta.tag ?? []),
    { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' },
  ];
  out.meta = meta;
  return out as unknown as Resource;
}

/** How a search was paged, and what the server changed in it. */
export interface SearchPage {
  count: number;
  offset: number;
  /** The `_count` asked for, when it was above the server's max and lowered. */
  lowered?: number;
  /** Unknown parameters that were ignored. */
  ignored?: string[];
}

export function decorateSearch(
  bundle: Bundle,
  page: SearchPage,
  query: Record<string, string | string[] | undefined>,
  elements: string[] | undefined,
  pathname: string,
  origin: string,
  fullUrl: (type: string, id: string | undefined) => string | undefined,
): Bundle {
  const entries = (bundle.entry ?? []).map((entry) => {
    const resource = entry.resource;
    if (!resource) return entry;
    const isMatch = entry.search?.mode !== 'include';
    return {
      fullUrl: fullUrl(resource.resourceType, resource.id),
      ...entry,
      resource: elements && isMatch ? subset(resource, elements) : resource,
    };
  });
  const total = bundle.total ?? 0;
  const base = `${origin}${pathname.replace(/\/_search$/, '')}`;
  const link = (relation: string, offset: number): BundleLink => {
    const q = { ...query };
    if (page.count > 0 || single(q._summary) !== 'count') q._count = String(page.count);
    if (single(q._summary) === 'count') delete q._count;
    if (offset > 0) q._offset = String(offset);
    else delete q._offset;
    const params = toParams(q).toString();
    return { relation, url: params ? `${base}?${params}` : base };
  };
  const links: BundleLink[] = [link('self', page.offset)];
  if (page.count > 0) {
    links.push(link('first', 0));
    if (page.offset > 0) {
      // R4 names it `previous`; `prev` (IANA, R5) is sent too for clients that look for that.
      links.push(link('previous', Math.max(0, page.offset - page.count)));
      links.push(link('prev', Math.max(0, page.offset - page.count)));
    }
    if (page.offset + page.count < total) links.push(link('next', page.offset + page.count));
    const lastOffset = total > 0 ? Math.floor((total - 1) / page.count) * page.count : 0;
    links.push(link('last', lastOffset));
  }
  const out: Bundle = { resourceType: 'Bundle', type: 'searchset', total, link: links };
  if (page.lowered !== undefined) {
    // FHIR R4 3.1.1.5.6: the server says what it did to the request in an `outcome` entry.
    entries.push({
      resource: {
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'warning',
            code: 'too-costly',
            details: {
              text: `_count=${page.lowered} is above the server's maximum; pages hold at most ${page.count} matches`,
            },
          },
        ],
      },
      search: { mode: 'outcome' },
    } as (typeof entries)[number]);
  }
  if (page.ignored?.length) {
    entries.push({
      resource: unknownParametersOutcome(page.ignored),
      search: { mode: 'outcome' },
    } as (typeof entries)[number]);
  }
  if (entries.length) out.entry = entries;
  return out;
}

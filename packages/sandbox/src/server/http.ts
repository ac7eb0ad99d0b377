import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import {
  DEFAULT_SEARCH_COUNT,
  OperationOutcomeError,
  badRequest,
  conflict,
  getStatus,
  normalizeOperationOutcome,
  notFound,
  unsupportedMediaType,
} from '@medplum/core';
import type { FhirRequest, FhirResponse, FhirRouter, HttpMethod } from '@medplum/fhir-router';
import type {
  Bundle,
  BundleEntry,
  BundleLink,
  OperationOutcome,
  Resource,
} from '@medplum/fhirtypes';
import { AuditTrail } from '../auth/audit.ts';
import { Guard } from '../auth/guard.ts';
import type { TokenAccess } from '../auth/guard.ts';
import { ScopedRepository } from '../auth/scoped-repository.ts';
import type { SandboxRepository } from './repository.ts';
import { Mutex } from './mutex.ts';
import {
  BUSY_OUTCOME_ID,
  BodyTooLargeError,
  DEFAULT_LIMITS,
  isJsonMediaType,
  readBody,
} from './limits.ts';
import type { SandboxLimits } from './limits.ts';
import {
  checkId,
  checkResourceType,
  preferStrict,
  takeUnknownParameters,
  unknownParametersOutcome,
} from './validate.ts';

const gzip = promisify(gzipCallback);

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const GZIP_MIN_BYTES = 1024;
const LOCAL_ORIGIN =
  /^https?:\/\/(localhost|127(?:\.\d{1,3}){3}|\[::1\]|[a-z0-9-]+\.localhost)(:\d{1,5})?$/i;
const METHODS: readonly HttpMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const ALLOW_HEADERS = [
  'Accept',
  'Accept-Encoding',
  'Authorization',
  'Content-Type',
  'If-Match',
  'If-None-Exist',
  'If-None-Match',
  'If-Modified-Since',
  'Prefer',
  'X-Request-Id',
  'X-Correlation-Id',
].join(', ');
const EXPOSE_HEADERS = [
  'ETag',
  'Location',
  'Last-Modified',
  'Content-Location',
  'X-Request-Id',
].join(', ');

/** What the HTTP layer needs to serve FHIR. */
export interface FhirHandlerOptions {
  router: FhirRouter;
  repo: SandboxRepository;
  /** Scheme + host + port, e.g. `http://127.0.0.1:8787`. */
  origin: string;
  /** FHIR base path. @default '/fhir/R4' */
  basePath?: string;
  /** Lazily built CapabilityStatement. */
  capabilityStatement: () => Resource;
  /** Its summary (`metadata?_summary=true`), lazily built. */
  capabilitySummary?: () => Resource;
  /** Body, Bundle and `_count` caps. @default DEFAULT_LIMITS */
  limits?: SandboxLimits;
  /** Record an AuditEvent for every access to a patient's record by a token. @default false */
  audit?: boolean;
}

/** CORS headers for a request from a local page (any localhost origin); none otherwise. */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !LOCAL_ORIGIN.test(origin)) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': EXPOSE_HEADERS,
  };
}

/** Answers a CORS preflight. */
export function sendPreflight(req: IncomingMessage, res: ServerResponse): void {
  const headers: Record<string, string> = { ...corsHeaders(req), Vary: 'Origin' };
  if (headers['Access-Control-Allow-Origin']) {
    headers['Access-Control-Allow-Methods'] = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';
    headers['Access-Control-Allow-Headers'] = ALLOW_HEADERS;
    headers['Access-Control-Max-Age'] = '600';
  }
  res.writeHead(204, headers);
  res.end();
}

/** Sends a JSON body, gzipped when the client accepts it. */
export async function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<void> {
  const all: Record<string, string> = {
    ...corsHeaders(req),
    Vary: 'Origin, Accept-Encoding',
    ...headers,
  };
  if (body === undefined) {
    res.writeHead(status, all);
    res.end();
    return;
  }
  let payload: Buffer = Buffer.from(JSON.stringify(body), 'utf8');
  all['Content-Type'] ??= FHIR_JSON;
  const accept = String(req.headers['accept-encoding'] ?? '');
  if (payload.length >= GZIP_MIN_BYTES && /\bgzip\b/i.test(accept)) {
    payload = await gzip(payload);
    all['Content-Encoding'] = 'gzip';
  }
  all['Content-Length'] = String(payload.length);
  res.writeHead(status, all);
  res.end(req.method === 'HEAD' ? undefined : payload);
}

/** An OperationOutcome error response. */
export function sendOutcome(
  req: IncomingMessage,
  res: ServerResponse,
  outcome: OperationOutcome,
  status = statusOf(outcome),
): Promise<void> {
  return sendJson(req, res, status, outcome, status === 503 ? { 'Retry-After': '1' } : {});
}

/**
 * Parses a FHIR request body. Only JSON media types are accepted (see {@link isJsonMediaType}),
 * plus `application/x-www-form-urlencoded` for `POST …/_search` (FHIR's search form). Anything
 * else (`text/plain`, `multipart/form-data`, a form to another route, no type at all) is 415:
 * those are the types a page on another origin can send without a CORS preflight, so accepting
 * them would let any website write to the sandbox.
 */
function parseBody(raw: Buffer, contentType: string, method: string, rel: string): unknown {
  if (raw.length === 0) return undefined;
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const text = raw.toString('utf8');
  if (type === 'application/x-www-form-urlencoded' && /(?:^|\/)_search$/.test(rel)) {
    return queryObject(new URLSearchParams(text));
  }
  if (!isJsonMediaType(contentType)) {
    throw new OperationOutcomeError({
      ...unsupportedMediaType,
      issue: [
        {
          severity: 'error',
          code: 'not-supported',
          details: {
            text: `Unsupported Content-Type "${type || '(none)'}"; send application/fhir+json`,
          },
        },
      ],
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new OperationOutcomeError(
      badRequest(
        `Malformed JSON in ${method} body: ${err instanceof Error ? err.message : String(err)}`,
      ),
    );
  }
}

function queryObject(params: URLSearchParams): Record<string, string | string[]> {
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

function toParams(query: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  }
  return params;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.at(-1) : value;
}

/** Normalises `_count`/`_offset` so every search is paged; returns the effective values. */
function pageQuery(
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

function elementsOf(query: Record<string, string | string[] | undefined>): string[] | undefined {
  const raw = query._elements;
  if (raw === undefined) return undefined;
  const list = (Array.isArray(raw) ? raw : [raw])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length ? list : undefined;
}

function subset(resource: Resource, elements: string[]): Resource {
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

function httpDate(instant: string | undefined): string | undefined {
  if (!instant) return undefined;
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? undefined : d.toUTCString();
}

function versionHeaders(resource: Resource): Record<string, string> {
  const headers: Record<string, string> = {};
  if (resource.meta?.versionId) headers.ETag = `W/"${resource.meta.versionId}"`;
  const lm = httpDate(resource.meta?.lastUpdated);
  if (lm) headers['Last-Modified'] = lm;
  return headers;
}

function parseETag(value: string | string[] | undefined): string | undefined {
  const v = single(value);
  if (!v) return undefined;
  const m = /^(?:W\/)?"([^"]+)"$/.exec(v.trim());
  return m ? m[1] : v.trim();
}

type PreferReturn = 'minimal' | 'representation' | 'OperationOutcome';

function preferReturn(req: IncomingMessage): PreferReturn {
  const prefer = String(req.headers.prefer ?? '');
  const m = /return=(minimal|representation|OperationOutcome)/i.exec(prefer);
  if (!m) return 'representation';
  const v = (m[1] ?? '').toLowerCase();
  return v === 'minimal'
    ? 'minimal'
    : v === 'operationoutcome'
      ? 'OperationOutcome'
      : 'representation';
}

/**
 * Builds the request handler for the FHIR base. Every router call runs inside one mutex, so a
 * check-then-write (If-Match, If-None-Exist, a transaction) can never interleave with another.
 */
export function createFhirHandler(
  options: FhirHandlerOptions,
): (req: IncomingMessage, res: ServerResponse, access?: TokenAccess) => Promise<void> {
  const { router, repo, origin } = options;
  const basePath = options.basePath ?? '/fhir/R4';
  const baseUrl = origin + basePath;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const mutex = new Mutex();

  /** The statement, or its summary for `_summary=true` (other `_summary` values: the statement). */
  const capabilityFor = (query: URLSearchParams): Resource =>
    query.get('_summary') === 'true' && options.capabilitySummary
      ? options.capabilitySummary()
      : options.capabilityStatement();

  const fullUrl = (type: string, id: string | undefined): string | undefined =>
    id ? `${baseUrl}/${type}/${id}` : undefined;

  return async function handle(req, res, access) {
    const url = new URL(req.url ?? '/', origin);
    const method = (req.method ?? 'GET').toUpperCase();
    // With a token, every repository call of the request goes through its scopes.
    const trail =
      access && options.audit
        ? new AuditTrail({ access, address: req.socket.remoteAddress, origin })
        : undefined;
    const scoped = access ? new ScopedRepository(repo, new Guard(access), trail) : undefined;
    let lastStatus = 0;
    try {
      if (method === 'OPTIONS') {
        sendPreflight(req, res);
        return;
      }
      if (url.pathname !== basePath && !url.pathname.startsWith(basePath + '/')) {
        await sendOutcome(req, res, {
          ...notFound,
          issue: [
            {
              severity: 'error',
              code: 'not-found',
              details: {
                text: `No route for ${method} ${url.pathname}; the FHIR base is ${baseUrl}`,
              },
            },
          ],
        });
        return;
      }
      if (!METHODS.includes(method as HttpMethod)) {
        await sendOutcome(
          req,
          res,
          {
            resourceType: 'OperationOutcome',
            issue: [
              {
                severity: 'error',
                code: 'not-supported',
                details: { text: `Method ${method} not allowed` },
              },
            ],
          },
          405,
        );
        return;
      }
      const rel = url.pathname.slice(basePath.length).replace(/^\/+/, '').replace(/\/+$/, '');
      const routeMethod = (method === 'HEAD' ? 'GET' : method) as HttpMethod;

      if (routeMethod === 'GET' && rel === 'metadata') {
        await sendJson(req, res, 200, capabilityFor(url.searchParams));
        return;
      }

      const raw = ['POST', 'PUT', 'PATCH'].includes(routeMethod)
        ? await readBody(req, limits.maxBodyBytes)
        : Buffer.alloc(0);
      let body = parseBody(raw, String(req.headers['content-type'] ?? ''), routeMethod, rel);
      if (['POST', 'PUT'].includes(routeMethod) && body === undefined && !rel.endsWith('_search')) {
        throw new OperationOutcomeError(badRequest(`${routeMethod} requires a JSON body`));
      }

      if (isBundleRequest(body)) checkBundle(body, limits);

      // `GET metadata` inside a batch: the router answers it with a Bundle, so answer it here
      // (clients batch their first capabilities read with other reads).
      const metadataAt: number[] = [];
      const metadataQuery = new Map<number, URLSearchParams>();
      if (routeMethod === 'POST' && rel === '' && isBatchBundle(body)) {
        const entries = body.entry ?? [];
        entries.forEach((entry, index) => {
          if (!isMetadataRequest(entry)) return;
          metadataAt.push(index);
          metadataQuery.set(index, new URLSearchParams(entry.request?.url.split('?')[1] ?? ''));
        });
        if (metadataAt.length) {
          body = { ...body, entry: entries.filter((_, index) => !metadataAt.includes(index)) };
        }
      }

      const route = router.find(routeMethod, rel + url.search);
      if (!route) {
        await sendOutcome(req, res, {
          ...notFound,
          issue: [
            {
              severity: 'error',
              code: 'not-found',
              details: { text: `No FHIR route for ${method} ${url.pathname}` },
            },
          ],
        });
        return;
      }
      const interaction = route.data?.interaction;
      checkResourceType(route.params.resourceType);
      checkId(route.params.id);
      const isSearch = interaction === 'search-type' || interaction === 'search-system';
      let query: Record<string, string | string[] | undefined> = queryObject(url.searchParams);
      let page: SearchPage | undefined;
      let elements: string[] | undefined;
      if (isSearch) {
        if (routeMethod === 'POST') {
          query = { ...query, ...((body ?? {}) as Record<string, string | string[]>) };
          page = pageQuery(query, limits.maxCount);
          body = query;
        } else {
          page = pageQuery(query, limits.maxCount);
        }
        if (interaction === 'search-type') {
          const strict = preferStrict(req.headers.prefer);
          const ignored = takeUnknownParameters(route.params.resourceType, query, strict);
          if (ignored.length) page = { ...page, ignored };
        }
        elements = elementsOf(query);
      }
      const search =
        isSearch && routeMethod === 'GET' ? `?${toParams(query).toString()}` : url.search;

      if (interaction === 'create' && body && typeof body === 'object') {
        // The server assigns ids on create (FHIR R4 3.1.0.7.1); a client id is ignored.
        delete (body as { id?: string }).id;
      }

      const ifNoneMatch = parseETag(req.headers['if-none-match']);
      const fhirRequest: FhirRequest = {
        method: routeMethod,
        url: rel + search,
        pathname: '',
        body,
        params: {},
        query,
        headers: req.headers,
        config: { transactions: true },
      };

      const params = route.params;
      const [outcome, resource] = await mutex.run(async () => {
        repo.deadline = { at: performance.now() + limits.maxRunMs, maxRunMs: limits.maxRunMs };
        try {
          return await handleLocked();
        } finally {
          repo.deadline = undefined;
          // Stored once the request is done, with its outcome: a failed transaction's writes did not happen.
          if (trail) await storeAudit(repo, trail, isTransaction(body) && lastStatus >= 400);
        }
      });
      async function handleLocked(): Promise<FhirResponse> {
        if (
          interaction === 'update' &&
          params.id &&
          !req.headers['if-match'] &&
          body &&
          typeof body === 'object'
        ) {
          // Version-aware update without If-Match: a body carrying a stale meta.versionId is a lost update.
          const sent = (body as Resource).meta?.versionId;
          const type = params.resourceType ?? '';
          const current = scoped ? scoped.current(type, params.id) : repo.peek(type, params.id);
          if (sent && current?.meta?.versionId && sent !== current.meta.versionId) {
            return [
              conflict(
                `Version conflict: the body is version ${sent} but the server has version ${current.meta.versionId}; ` +
                  'read the resource again, or send If-Match to make the update conditional',
              ),
            ] as const;
          }
        }
        const response = await router.handleRequest(fhirRequest, scoped ?? repo);
        lastStatus = statusOf(response[0]);
        return response;
      }

      let status = statusOf(outcome);
      if (status >= 400 || !resource) {
        if (status < 400 && interaction === 'delete') {
          await sendJson(req, res, 204, undefined);
          return;
        }
        await sendOutcome(req, res, outcome, status);
        return;
      }

      const headers: Record<string, string> = {};
      let out: Resource = resource;
      if (isSearch && out.resourceType === 'Bundle' && page) {
        out = decorateSearch(out, page, query, elements, url.pathname, origin, fullUrl);
      } else if (interaction === 'read' || interaction === 'vread') {
        Object.assign(headers, versionHeaders(out));
        if (ifNoneMatch && out.meta?.versionId === ifNoneMatch && interaction === 'read') {
          await sendJson(req, res, 304, undefined, headers);
          return;
        }
        if (interaction === 'read' && elements === undefined) {
          const el = elementsOf(query);
          if (el) out = subset(out, el);
        }
      } else if (interaction === 'create' || interaction === 'update' || interaction === 'patch') {
        Object.assign(headers, versionHeaders(out));
        const location = `${baseUrl}/${out.resourceType}/${out.id}/_history/${out.meta?.versionId ?? '1'}`;
        if (interaction === 'update' && status === 200 && out.meta?.versionId === '1') status = 201;
        if (status === 201) headers.Location = location;
        else headers['Content-Location'] = location;
        const prefer = preferReturn(req);
        if (prefer === 'minimal') {
          await sendJson(req, res, status, undefined, headers);
          return;
        }
        if (prefer === 'OperationOutcome') {
          await sendJson(req, res, status, outcome, headers);
          return;
        }
      }
      if (out.resourceType === 'Bundle' && out.type === 'batch-response' && isBatchBundle(body)) {
        out = linkBatchSearches(markBusyEntries(out), body, basePath, origin, fullUrl);
      }
      if (metadataAt.length && out.resourceType === 'Bundle') {
        const entry = [...(out.entry ?? [])];
        for (const index of metadataAt) {
          entry.splice(index, 0, {
            resource: capabilityFor(metadataQuery.get(index) ?? new URLSearchParams()),
            response: { status: '200 OK' },
          });
        }
        out = { ...out, entry };
      }
      await sendJson(req, res, status, out, headers);
    } catch (err) {
      const outcome = normalizeOperationOutcome(err);
      if (res.headersSent) res.destroy();
      else if (err instanceof BodyTooLargeError) {
        // The rest of the body is not read: close the connection once the 413 is out.
        await sendJson(req, res, 413, outcome, { Connection: 'close' });
      } else await sendOutcome(req, res, outcome);
    }
  };
}

/** How a search was paged, and what the server changed in it. */
interface SearchPage {
  count: number;
  offset: number;
  /** The `_count` asked for, when it was above the server's max and lowered. */
  lowered?: number;
  /** Unknown parameters that were ignored. */
  ignored?: string[];
}

function decorateSearch(
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

/**
 * The searchsets inside a batch response get the paging links a search of their own gets (a
 * server pages a search the same way inside a batch as outside it; clients follow `next`).
 */
function linkBatchSearches(
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

function isBundleRequest(body: unknown): body is Bundle {
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
function checkBundle(bundle: Bundle, limits: SandboxLimits): void {
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

/** The HTTP status of an outcome; a request stopped at `maxRunMs` is 503. */
function statusOf(outcome: OperationOutcome): number {
  return outcome.id === BUSY_OUTCOME_ID ? 503 : getStatus(outcome);
}

/** Batch entries stopped at `maxRunMs` answer 503, not the router's 400. */
function markBusyEntries(bundle: Bundle): Bundle {
  const entry = (bundle.entry ?? []).map((e) =>
    e.response?.outcome?.id === BUSY_OUTCOME_ID
      ? { ...e, response: { ...e.response, status: '503' } }
      : e,
  );
  return { ...bundle, entry };
}

function isTransaction(body: unknown): boolean {
  return (body as Partial<Bundle> | undefined)?.type === 'transaction';
}

/** Stores the request's AuditEvents (straight into the repository: no token writes them). */
async function storeAudit(repo: SandboxRepository, trail: AuditTrail, failed: boolean) {
  for (const event of trail.events(new Date(), failed)) await repo.createResource(event);
}

function isBatchBundle(body: unknown): body is Bundle {
  const bundle = body as Partial<Bundle> | undefined;
  return bundle?.resourceType === 'Bundle' && bundle.type === 'batch';
}

function isMetadataRequest(entry: BundleEntry): boolean {
  const request = entry.request;
  return (
    request?.method === 'GET' &&
    /^\/?metadata(\?|$)/.test(request.url.replace(/^.*\/fhir\/R4\//, ''))
  );
}

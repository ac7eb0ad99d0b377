import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import {
  OperationOutcomeError,
  badRequest,
  conflict,
  getStatus,
  normalizeOperationOutcome,
  notFound,
  unsupportedMediaType,
} from '@medplum/core';
import type { FhirRequest, FhirResponse, FhirRouter, HttpMethod } from '@medplum/fhir-router';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
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
  checkBundle,
  isBatchBundle,
  completeAnswer,
  isBundleRequest,
  isTransaction,
  planEntries,
  linkBatchSearches,
  markBusyEntries,
} from './bundles.ts';
import {
  decorateSearch,
  elementsOf,
  pageQuery,
  queryObject,
  single,
  subset,
  toParams,
  type SearchPage,
} from './searchset.ts';
import { checkId, checkResourceType, preferStrict, takeUnknownParameters } from './validate.ts';

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

      // Each entry of a batch or transaction is checked as the request on its own would be.
      const plan =
        routeMethod === 'POST' && rel === '' && isBundleRequest(body)
          ? planEntries(body, preferStrict(req.headers.prefer), capabilityFor)
          : undefined;
      if (plan) body = plan.bundle;
      if (plan && plan.answered.size && !plan.bundle.entry?.length) {
        // Every entry was answered here (the router refuses a batch with no entries).
        const empty: Bundle = { resourceType: 'Bundle', type: 'batch-response', entry: [] };
        await sendJson(req, res, 200, completeAnswer(empty, plan));
        return;
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
      if (plan && out.resourceType === 'Bundle') out = completeAnswer(out, plan);
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

/** The HTTP status of an outcome; a request stopped at `maxRunMs` is 503. */
function statusOf(outcome: OperationOutcome): number {
  return outcome.id === BUSY_OUTCOME_ID ? 503 : getStatus(outcome);
}

/** Stores the request's AuditEvents (straight into the repository: no token writes them). */
async function storeAudit(repo: SandboxRepository, trail: AuditTrail, failed: boolean) {
  for (const event of trail.events(new Date(), failed)) await repo.createResource(event);
}

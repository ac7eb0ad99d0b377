import ky, { HTTPError, TimeoutError as KyTimeoutError, type KyInstance } from 'ky';
import {
  AuthError,
  ConflictError,
  HealthError,
  HttpError,
  NetworkError,
  TimeoutError,
  type OperationOutcomeLike,
} from '../errors.ts';
import type { Bundle, CapabilityStatement, Resource, ResourceType } from '../fhir/index.ts';
import type {
  BundleEntryResult,
  BundleRequestEntry,
  FhirClient,
  RequestOptions,
  SearchParams,
  SearchResult,
} from './types.ts';

/** A bearer token, or a function that returns one (called per request; may refresh). */
export type TokenProvider = string | ((options: { signal?: AbortSignal }) => Promise<string | undefined> | string | undefined);

export interface FhirClientOptions {
  /** FHIR base URL, e.g. `http://localhost:8787/fhir/R4`. */
  baseUrl: string;
  /** A `fetch` implementation; defaults to the global one. */
  fetch?: typeof fetch;
  /** Bearer token or token provider. */
  token?: TokenProvider;
  /**
   * Per-attempt timeout in milliseconds.
   * @default 30000
   */
  timeoutMs?: number;
}

const FHIR_JSON = 'application/fhir+json';

/** Serialise search params; arrays are OR-joined with commas. */
export function toSearchParams(params: SearchParams = {}): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    out.append(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return out;
}

function isOutcome(value: unknown): value is OperationOutcomeLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { resourceType?: unknown }).resourceType === 'OperationOutcome'
  );
}

function outcomeText(outcome: OperationOutcomeLike | undefined): string {
  const issue = outcome?.issue?.[0];
  return issue?.details?.text ?? issue?.diagnostics ?? '';
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
}

/** Turn an HTTP status and body into the right error class with a message that says what to do. */
export function errorForStatus(
  status: number,
  body: unknown,
  request: { method: string; path: string },
  cause?: unknown,
): HttpError {
  const outcome = isOutcome(body) ? body : undefined;
  const detail = outcomeText(outcome);
  const where = `${request.method} ${request.path}`;
  const suffix = detail ? `: ${detail}` : '';
  const init = { status, outcome, request, cause };
  if (status === 401 || status === 403) {
    return new AuthError(
      `${where} was refused (${status})${suffix}. Sign in again or check the token's scopes.`,
      init,
    );
  }
  if (status === 409 || status === 412) {
    return new ConflictError(
      `${where} conflicted with a newer version (${status})${suffix}. Read the resource again and retry.`,
      init,
    );
  }
  if (status === 404 || status === 410) {
    return new HttpError(`${where} found nothing (${status})${suffix}.`, init);
  }
  if (status >= 500) {
    return new HttpError(`The server failed on ${where} (${status})${suffix}. Try again later.`, init);
  }
  return new HttpError(`${where} was rejected (${status})${suffix}.`, init);
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A plain FHIR REST client over one ky instance.
 *
 * @example
 * const fhir = createFhirClient({ baseUrl: 'http://localhost:8787/fhir/R4' });
 * const patient = await fhir.read('Patient', '123');
 */
export function createFhirClient(options: FhirClientOptions): FhirClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const defaultTimeout = options.timeoutMs ?? 30_000;
  let capabilities: Promise<CapabilityStatement> | undefined;

  const http: KyInstance = ky.create({
    prefix: baseUrl + '/',
    retry: 0,
    timeout: false,
    throwHttpErrors: true,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: { accept: FHIR_JSON },
    hooks: {
      beforeRequest: [
        async ({ request }) => {
          const token =
            typeof options.token === 'function' ? await options.token({}) : options.token;
          if (token) request.headers.set('authorization', `Bearer ${token}`);
        },
      ],
    },
  });

  async function send<T>(
    method: string,
    path: string,
    init: RequestOptions & {
      json?: unknown;
      searchParams?: URLSearchParams;
      headers?: Record<string, string>;
      contentType?: string;
    } = {},
  ): Promise<{ body: T; response: Response }> {
    const timeoutMs = init.timeoutMs ?? defaultTimeout;
    const timeoutSignal = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeoutSignal]) : timeoutSignal;
    const request = { method, path: pathOf(`${baseUrl}/${path}`) };
    let response: Response;
    try {
      response = await http(path.replace(/^\//, ''), {
        method,
        signal,
        ...(init.searchParams ? { searchParams: init.searchParams } : {}),
        headers: {
          ...(init.json !== undefined ? { 'content-type': init.contentType ?? FHIR_JSON } : {}),
          ...init.headers,
        },
        ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
      });
    } catch (error) {
      if (error instanceof HTTPError) {
        const body = await readBody(error.response).catch(() => undefined);
        throw errorForStatus(error.response.status, body, request, error);
      }
      if (init.signal?.aborted) throw init.signal.reason ?? error;
      if (timeoutSignal.aborted || error instanceof KyTimeoutError) {
        throw new TimeoutError(
          `${method} ${request.path} took longer than ${timeoutMs} ms. Check the connection or raise timeoutMs.`,
          timeoutMs,
          { cause: error },
        );
      }
      if (error instanceof HealthError) throw error;
      throw new NetworkError(
        `Could not reach the FHIR server for ${method} ${request.path}. Check the network and the server address.`,
        { cause: error },
      );
    }
    const text = await response.text();
    if (!text) return { body: undefined as T, response };
    try {
      return { body: JSON.parse(text) as T, response };
    } catch (error) {
      throw new HttpError(
        `${method} ${request.path} answered ${response.status} with a body that is not JSON. The server or a proxy in between is misbehaving.`,
        { status: response.status, request, cause: error },
      );
    }
  }

  function toResult<T extends Resource>(bundle: Bundle): SearchResult<T> {
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

  function relative(url: string): { path: string; searchParams?: URLSearchParams } {
    const absolute = new URL(url, baseUrl + '/');
    const base = new URL(baseUrl + '/');
    const path = absolute.pathname.startsWith(base.pathname)
      ? absolute.pathname.slice(base.pathname.length)
      : absolute.pathname;
    return { path, searchParams: absolute.searchParams };
  }

  function entryResults(bundle: Bundle): BundleEntryResult[] {
    return (bundle.entry ?? []).map((entry) => {
      const status = Number.parseInt(entry.response?.status ?? '0', 10);
      return {
        status,
        ok: status >= 200 && status < 300,
        resource: entry.resource,
        location: entry.response?.location,
        etag: entry.response?.etag,
        outcome: entry.response?.outcome,
      };
    });
  }

  const client: FhirClient = {
    baseUrl,
    async read(type, id, opts) {
      return (await send<never>('GET', `${type}/${encodeURIComponent(id)}`, opts)).body;
    },
    async vread(type, id, versionId, opts) {
      return (
        await send<never>(
          'GET',
          `${type}/${encodeURIComponent(id)}/_history/${encodeURIComponent(versionId)}`,
          opts,
        )
      ).body;
    },
    async search(type, params, opts) {
      const { body } = await send<Bundle>('GET', type, {
        ...opts,
        searchParams: toSearchParams(params),
      });
      return toResult(body);
    },
    async *pages(type, params, opts) {
      let page = await client.search(type, params, opts);
      yield page;
      while (page.links.next) {
        const next = relative(page.links.next);
        const { body } = await send<Bundle>('GET', next.path, { ...opts, searchParams: next.searchParams });
        page = toResult(body);
        yield page;
      }
    },
    async create(resource, opts = {}) {
      const headers: Record<string, string> = {};
      if (opts.ifNoneExist) {
        headers['if-none-exist'] =
          typeof opts.ifNoneExist === 'string'
            ? opts.ifNoneExist
            : toSearchParams(opts.ifNoneExist).toString();
      }
      headers.prefer = 'return=representation';
      return (await send<never>('POST', resource.resourceType, { ...opts, json: resource, headers }))
        .body;
    },
    async update(resource, opts = {}) {
      if (!resource.id) {
        throw new HealthError(`update() needs ${resource.resourceType}.id; use create() for new resources.`);
      }
      const headers: Record<string, string> = { prefer: 'return=representation' };
      const version =
        opts.ifMatch === true ? resource.meta?.versionId : opts.ifMatch || undefined;
      if (opts.ifMatch === true && !version) {
        throw new HealthError(
          `update(…, { ifMatch: true }) needs ${resource.resourceType}.meta.versionId; read the resource first.`,
        );
      }
      if (version) headers['if-match'] = version.startsWith('W/') ? version : `W/"${version}"`;
      return (
        await send<never>('PUT', `${resource.resourceType}/${encodeURIComponent(resource.id)}`, {
          ...opts,
          json: resource,
          headers,
        })
      ).body;
    },
    async patch(type, id, operations, opts = {}) {
      const headers: Record<string, string> = { prefer: 'return=representation' };
      if (opts.ifMatch)
        headers['if-match'] = opts.ifMatch.startsWith('W/') ? opts.ifMatch : `W/"${opts.ifMatch}"`;
      return (
        await send<never>('PATCH', `${type}/${encodeURIComponent(id)}`, {
          ...opts,
          json: operations,
          contentType: 'application/json-patch+json',
          headers,
        })
      ).body;
    },
    async delete(type: ResourceType, id, opts) {
      await send('DELETE', `${type}/${encodeURIComponent(id)}`, opts);
    },
    async batch(entries, opts) {
      const { body } = await send<Bundle>('POST', '', {
        ...opts,
        json: { resourceType: 'Bundle', type: 'batch', entry: entries },
      });
      return entryResults(body);
    },
    async transaction(entries, opts) {
      const { body } = await send<Bundle>('POST', '', {
        ...opts,
        json: { resourceType: 'Bundle', type: 'transaction', entry: entries },
      });
      return entryResults(body);
    },
    capabilities(opts) {
      capabilities ??= send<CapabilityStatement>('GET', 'metadata', opts).then(
        (r) => r.body,
        (error: unknown) => {
          capabilities = undefined;
          throw error;
        },
      );
      return capabilities;
    },
    async operation(path, opts = {}) {
      const method = opts.method ?? (opts.body ? 'POST' : 'GET');
      return (
        await send<never>(method, path, {
          ...opts,
          ...(opts.body ? { json: opts.body } : {}),
          ...(opts.params ? { searchParams: toSearchParams(opts.params) } : {}),
        })
      ).body;
    },
  };
  return client;
}

import { tokenSource, type TokenProvider } from '../auth/token.ts';
import {
  AuthError,
  ConflictError,
  HealthError,
  HttpError,
  NetworkError,
  TimeoutError,
  ValidationError,
  type OperationOutcomeLike,
  type ValidationIssue,
} from '../errors.ts';
import type { Bundle, CapabilityStatement, Resource } from '../fhir/index.ts';
import type * as OnDemand from '../fhir/on-demand.ts';
import type { ValidationMode } from '../fhir/validator.ts';
import {
  backoffMs,
  redactPath,
  retryAfterMs,
  RETRY_DEFAULTS,
  sleep,
  type RetryOptions,
  type TransportHooks,
} from './policy.ts';
import type {
  BundleEntryResult,
  BundleRequestEntry,
  FhirClient,
  RequestOptions,
  SearchParams,
  SearchResult,
} from './types.ts';

export type { TokenProvider } from '../auth/token.ts';

/** Options of the FHIR transport; every one is also an option of `createHealthClient`. */
export interface FhirClientOptions extends TransportHooks {
  /** FHIR base URL, e.g. `http://localhost:8787/fhir/R4`. */
  baseUrl: string;
  /** A `fetch` implementation; defaults to the global one. */
  fetch?: typeof fetch;
  /** Bearer token or token provider; after a 401 it is asked once for a fresh token. */
  token?: TokenProvider;
  /**
   * Per-attempt timeout in milliseconds (headers and body).
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * Retry policy for safe requests (GET/HEAD, `create` with `ifNoneExist`, `update`/`patch` with
   * `ifMatch`, batches of those); `false` never retries.
   * @default { limit: 3, baseDelayMs: 300, maxDelayMs: 10000, maxRetryAfterMs: 30000, budgetMs: 60000 }
   */
  retry?: RetryOptions | false;
  /**
   * In-memory cache of reads and searches; writes through this client invalidate what they touch.
   * `false` turns it off (concurrent identical reads are still shared).
   * @default { ttlMs: 30000, maxEntries: 500 }
   */
  cache?: { ttlMs?: number; maxEntries?: number } | false;
  /**
   * Reads and searches issued within `windowMs` of each other go out as one FHIR `batch` Bundle
   * when the CapabilityStatement lists `batch` (individually otherwise). `false` turns it off.
   * @default { windowMs: 5, maxSize: 20 }
   */
  autoBatch?: { windowMs?: number; maxSize?: number } | false;
  /**
   * Validation of what the server sends: `strict` throws `ValidationError`, `warn` reports
   * through `onValidationIssues` and keeps the data, `off` skips it. Fields are never dropped.
   * @default 'warn'
   */
  validation?: ValidationMode;
  /** Receives validation findings in `warn` mode; defaults to one `console.warn` per resource type. */
  onValidationIssues?: (issues: ValidationIssue[], context: { resourceType: string }) => void;
  /** The VN Core flavour whose profile rules validation also checks (`createHealthClient` sets it). */
  validationProfile?: 'vn-core-moh' | 'vn-core-community';
  /**
   * Let hooks see resource ids in paths. Tokens and query strings are never exposed.
   * @default false
   */
  exposeSensitive?: boolean;
  /**
   * Header that carries a random per-attempt request id (e.g. `x-request-id`). Off by default
   * because a custom header needs the server's CORS configuration to allow it.
   * @default false
   */
  correlationHeader?: string | false;
}

const FHIR_JSON = 'application/fhir+json';
const UNSAFE_KEY = /_include|_revinclude|_has/;

/** Serialise search params; arrays are OR-joined with commas. */
export function toSearchParams(params: SearchParams = {}): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (!Array.isArray(value)) out.append(key, String(value));
    else if (value.some((item) => Array.isArray(item))) {
      // An array of arrays repeats the key: FHIR's AND (`date=ge…&date=lt…`).
      for (const item of value as readonly unknown[]) {
        out.append(key, Array.isArray(item) ? item.join(',') : String(item));
      }
    } else out.append(key, value.join(','));
  }
  return out;
}

const withQuery = (path: string, query?: URLSearchParams | string): string => {
  const q = query?.toString();
  return q ? `${path}?${q}` : path;
};

const isOutcome = (value: unknown): value is OperationOutcomeLike =>
  (value as { resourceType?: unknown } | undefined)?.resourceType === 'OperationOutcome';

const parseLoose = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

const ifMatchHeader = (version: string) => (version.startsWith('W/') ? version : `W/"${version}"`);

/**
 * Turn an HTTP status and body into the right error class with a message that says what to do.
 * Messages hold the method, the redacted path and OperationOutcome issue codes, never server
 * diagnostics (which may echo identifiers); those stay on `error.outcome`.
 */
export function errorForStatus(
  status: number,
  body: unknown,
  sent: { method: string; path: string },
  cause?: unknown,
): HttpError {
  // Ids and queries never reach messages or `error.request`, whoever calls this.
  const request = { method: sent.method, path: redactPath(sent.path) };
  const outcome = isOutcome(body) ? body : undefined;
  const codes = [...new Set(outcome?.issue?.map((issue) => issue.code).filter(Boolean))];
  const where = `${request.method} ${request.path}`;
  const suffix = codes.length ? ` [${codes.join(', ')}]` : '';
  const init = { status, outcome, request, cause };
  const say = (what: string) => `${where} ${what} (${status})${suffix}`;
  if (status === 401) {
    return new AuthError(
      say('needs a valid sign-in') +
        '. Sign in again or give the client a token provider that can refresh.',
      init,
    );
  }
  if (status === 403) {
    return new AuthError(
      say('is not allowed for this user') +
        ". Check the token's scopes and the user's permissions.",
      init,
    );
  }
  if (status === 409 || status === 412) {
    return new ConflictError(
      say('conflicted with a newer version') +
        '. Read the resource again, reapply the change and retry.',
      init,
    );
  }
  if (status === 404 || status === 410) {
    return new HttpError(say('found nothing') + '. Check the resource type and id.', init);
  }
  if (status === 429) {
    return new HttpError(say('was rate-limited') + '. Wait a moment and try again.', init);
  }
  if (status === 408 || status === 504) {
    return new HttpError(say('timed out at the server or a gateway') + '. Try again later.', init);
  }
  if (status >= 500) {
    const html =
      typeof body === 'undefined'
        ? ' The answer was not FHIR JSON (an error page of a proxy or gateway?).'
        : '';
    return new HttpError(say('failed at the server') + '. Try again later.' + html, init);
  }
  return new HttpError(
    say('was rejected') + '. Fix the request as the OperationOutcome explains.',
    init,
  );
}

interface SendInit extends RequestOptions {
  json?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  /** May this request be retried? Defaults to true for GET/HEAD. */
  safe?: boolean | undefined;
}

interface Sent<T> {
  status: number;
  body: T;
  headers: Headers;
}

interface Flight {
  promise: Promise<unknown>;
  controller: AbortController;
  users: number;
}

interface Queued {
  url: string;
  signal: AbortSignal;
  timeoutMs: number | undefined;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const copy = <T>(value: T): T => (value === undefined ? value : structuredClone(value));

const newId = (): string =>
  globalThis.crypto?.randomUUID?.() ??
  Math.random().toString(36).slice(2) + Date.now().toString(36);

/** `Type/id…` or `Type?…` below the base → [type, id]. */
function target(url: string, base: string): [string, string | undefined] {
  const local = url.startsWith(base) ? url.slice(base.length + 1) : url;
  const [path = ''] = local.split('?');
  const [type = '', id] = path.split('/');
  return [type, id && !id.startsWith('$') && !id.startsWith('_') ? id : undefined];
}

/**
 * The FHIR REST client over `fetch`: auth with single-flight refresh, retries of safe
 * requests, de-duplication, a TTL cache that writes invalidate, auto-batching of reads,
 * validation at the boundary and observability hooks.
 *
 * @example
 * const fhir = createFhirClient({ baseUrl: 'http://localhost:8787/fhir/R4' });
 * const patient = await fhir.read('Patient', '123');
 */
export function createFhirClient(options: FhirClientOptions): FhirClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const defaultTimeout = options.timeoutMs ?? 30_000;
  const retry = { ...RETRY_DEFAULTS, ...(options.retry === false ? { limit: 0 } : options.retry) };
  const cacheOn = options.cache !== false;
  const { ttlMs: ttl = 30_000, maxEntries = 500 } = options.cache || {};
  const batchOn = options.autoBatch !== false;
  const { windowMs = 5, maxSize: maxBatch = 20 } = options.autoBatch || {};
  const validation = options.validation ?? 'warn';
  const tokens = tokenSource(options.token);
  const header = options.correlationHeader;

  const cache = new Map<string, { at: number; value: unknown }>();
  const inflight = new Map<string, Flight>();
  const generation = new Map<string, number>();
  const warned = new Set<string>();
  let capabilities: Promise<CapabilityStatement> | undefined;
  let batchAllowed: Promise<boolean> | undefined;
  let queue: Queued[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  // One `Request` per attempt, handed to `fetch` (the injected one, else the global one as it is
  // at call time). Retries, timeouts and errors are `send()`'s; nothing else sits in between.
  const fetchFn = options.fetch ?? ((input: Request) => globalThis.fetch(input));

  const emit = <K extends keyof TransportHooks>(
    name: K,
    event: Parameters<NonNullable<TransportHooks[K]>>[0],
  ): void => {
    try {
      (options[name] as ((e: typeof event) => void) | undefined)?.(event);
    } catch {
      // Observability must never break a request.
    }
  };

  async function send<T>(method: string, path: string, init: SendInit = {}): Promise<Sent<T>> {
    const safe = init.safe ?? (method === 'GET' || method === 'HEAD');
    const shown = redactPath(path);
    const hookPath = options.exposeSensitive ? path.split('?')[0]! : shown;
    const request = { method, path: shown };
    const { signal } = init;
    const timeoutMs = init.timeoutMs ?? defaultTimeout;
    const started = Date.now();
    let token: string | undefined;
    try {
      token = await tokens.get(signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new AuthError(`No token could be obtained for ${method} ${shown}. Sign in again.`, {
        status: 401,
        request,
        cause: error,
      });
    }
    let refreshed = false;
    let retries = 0;
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const event = { method, path: hookPath, attempt, requestId: newId() };
      emit('onRequest', event);
      const t0 = Date.now();
      const timeout = AbortSignal.timeout(timeoutMs);
      let status: number | undefined;
      let failure: HealthError;
      let wait: number | undefined;
      let retryable = safe;
      try {
        const headers = new Headers({
          accept: FHIR_JSON,
          ...(init.json !== undefined ? { 'content-type': init.contentType ?? FHIR_JSON } : {}),
          ...init.headers,
        });
        if (token) headers.set('authorization', `Bearer ${token}`);
        if (header) headers.set(header, event.requestId);
        const response = await fetchFn(
          new Request(`${baseUrl}/${path.replace(/^\/+/, '')}`, {
            method,
            headers,
            signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
            ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
          }),
        );
        status = response.status;
        const text = await response.text();
        const durationMs = Date.now() - t0;
        if (response.ok) {
          let body: unknown;
          if (text) {
            body = parseLoose(text);
            if (body === undefined || typeof body !== 'object') {
              retryable = false;
              throw new HttpError(
                `${method} ${shown} answered ${status} with a body that is not FHIR JSON. A proxy or the server is misbehaving; check the server address.`,
                { status, request },
              );
            }
          }
          emit('onResponse', { ...event, status, durationMs });
          return { status, body: body as T, headers: response.headers };
        }
        if (status === 401 && !refreshed) {
          refreshed = true;
          const fresh = await tokens.refresh(token).catch(() => undefined);
          if (fresh) {
            token = fresh;
            emit('onError', {
              ...event,
              status,
              durationMs,
              error: errorForStatus(status, undefined, request),
              willRetry: true,
            });
            continue;
          }
        }
        const body = parseLoose(text);
        failure = errorForStatus(status, body, request);
        wait = retryAfterMs(response.headers.get('retry-after'));
        retryable &&= retry.statusCodes.includes(status);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (error instanceof HealthError) failure = error;
        else if (timeout.aborted) {
          failure = new TimeoutError(
            `${method} ${shown} took longer than ${timeoutMs} ms. Check the connection or raise timeoutMs.`,
            timeoutMs,
            { cause: error },
          );
        } else if (status !== undefined) {
          failure = new HttpError(
            `${method} ${shown} answered ${status} but the body was cut off. Check the connection and try again.`,
            { status, request, cause: error },
          );
        } else {
          failure = new NetworkError(
            `Could not reach the FHIR server for ${method} ${shown}. Check the network and the server address.`,
            { cause: error },
          );
        }
      }
      let delay: number | undefined;
      if (retryable && retries < retry.limit) {
        delay =
          wait === undefined
            ? backoffMs(retries + 1, retry.baseDelayMs, retry.maxDelayMs)
            : wait <= retry.maxRetryAfterMs
              ? wait
              : undefined;
        if (delay !== undefined && Date.now() + delay - started > retry.budgetMs) delay = undefined;
      }
      emit('onError', {
        ...event,
        status,
        durationMs: Date.now() - t0,
        error: failure,
        willRetry: delay !== undefined,
      });
      if (delay === undefined) throw failure;
      retries++;
      await sleep(delay, signal);
    }
  }

  // Validation at the boundary: never drops fields, strict throws, warn reports.
  // The validator and the element table of each resource type it meets load on first use, so they
  // never weigh on the entry chunk (docs/decisions/0010-bundle-budget.md).
  let validator: Promise<typeof OnDemand> | undefined;
  const loadValidator = () =>
    (validator ??= import('../fhir/on-demand.ts').catch((error: unknown) => {
      validator = undefined;
      throw error;
    }));
  /** Start loading what validating a `type` needs while its request is on the wire. */
  const prepare = (type: string): void => {
    if (validation !== 'off' && type)
      loadValidator().then(
        (v) => v.loadTable(type).catch(() => {}),
        () => {}, // check() loads again and reports a failure
      );
  };
  async function check(body: unknown, type: string | undefined): Promise<void> {
    if (validation === 'off' || !type || body === undefined) return;
    const { validateOnDemand } = await loadValidator();
    const result = await validateOnDemand(body, {
      expectedType: type,
      mode: validation,
      ...(options.validationProfile ? { profile: options.validationProfile } : {}),
    });
    const errors = result.issues.filter((issue) => issue.severity === 'error');
    if (validation === 'strict' && (!result.ok || errors.length)) {
      throw new ValidationError(
        `The server sent a ${type} that fails validation at ${result.issues[0]?.path ?? type} (${result.issues.length} issue(s)). Fix the data at the source or use validation: 'warn'.`,
        result.issues,
      );
    }
    if (!result.issues.length) return;
    if (options.onValidationIssues)
      options.onValidationIssues(result.issues, { resourceType: type });
    else if (!warned.has(type)) {
      // Once per type and client, paths only (values may be identifiers).
      warned.add(type);
      console.warn(
        `[vnhealth] ${type} from the server has validation issues at ${result.issues.map((i) => i.path).join(', ')}; pass onValidationIssues to see them all.`,
      );
    }
  }

  async function checkBundle(bundle: Bundle, type: string): Promise<void> {
    if (validation === 'off') return;
    for (const entry of bundle.entry ?? []) {
      if (entry.resource && entry.search?.mode !== 'include' && entry.search?.mode !== 'outcome') {
        await check(entry.resource, type);
      }
    }
  }

  function invalidate(type: string, id?: string): void {
    generation.set(type, (generation.get(type) ?? 0) + 1);
    for (const key of [...cache.keys(), ...inflight.keys()]) {
      const [t, i] = target(key, baseUrl);
      if ((t === type && (!id || !i || i === id)) || UNSAFE_KEY.test(key)) {
        cache.delete(key);
        inflight.delete(key);
      }
    }
  }

  function invalidateEntries(
    entries: readonly BundleRequestEntry[],
    results?: BundleEntryResult[],
  ) {
    entries.forEach((entry, index) => {
      if (entry.request.method === 'GET' || entry.request.method === 'HEAD') return;
      const [type, id] = target(entry.request.url, baseUrl);
      const located = results?.[index]?.location;
      invalidate(type, id ?? (located ? target(located, baseUrl)[1] : undefined));
    });
  }

  function leave(flight: Flight, reason: unknown) {
    if (--flight.users === 0) flight.controller.abort(reason);
  }

  function follow<T>(flight: Flight, signal: AbortSignal | undefined, first: boolean): Promise<T> {
    flight.users++;
    const out = (first ? flight.promise : flight.promise.then(copy)) as Promise<T>;
    if (!signal) return out;
    if (signal.aborted) {
      leave(flight, signal.reason);
      return Promise.reject(signal.reason as Error);
    }
    return new Promise<T>((resolve, reject) => {
      const stop = () => {
        leave(flight, signal.reason);
        reject(signal.reason as Error);
      };
      signal.addEventListener('abort', stop, { once: true });
      out.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
    });
  }

  /** A GET that is cached, shared between concurrent callers and possibly batched. */
  function get<T>(
    url: string,
    opts: RequestOptions,
    check: (body: unknown) => Promise<void>,
  ): Promise<T> {
    const mode = opts.cache ?? 'default';
    if (cacheOn && mode === 'default') {
      const hit = cache.get(url);
      if (hit && Date.now() - hit.at < ttl) return Promise.resolve(copy(hit.value as T));
      if (hit) cache.delete(url);
    }
    const existing = inflight.get(url);
    if (existing) return follow<T>(existing, opts.signal, false);
    const [type] = target(url, baseUrl);
    prepare(type);
    const gen = generation.get(type) ?? 0;
    const controller = new AbortController();
    const fetched = batchOn
      ? new Promise<unknown>((resolve, reject) => {
          queue.push({
            url,
            signal: controller.signal,
            timeoutMs: opts.timeoutMs,
            resolve,
            reject,
          });
          if (queue.length >= maxBatch) void flush();
          else timer ??= setTimeout(() => void flush(), windowMs);
        })
      : send<unknown>('GET', url, { signal: controller.signal, timeoutMs: opts.timeoutMs }).then(
          (r) => r.body,
        );
    const flight: Flight = {
      controller,
      users: 0,
      promise: fetched
        .then(async (body) => {
          await check(body);
          if (cacheOn && mode !== 'no-store' && (generation.get(type) ?? 0) === gen) {
            cache.delete(url);
            cache.set(url, { at: Date.now(), value: copy(body) });
            if (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
          }
          return body;
        })
        .finally(() => {
          if (inflight.get(url) === flight) inflight.delete(url);
        }),
    };
    inflight.set(url, flight);
    return follow<T>(flight, opts.signal, true);
  }

  function canBatch(): Promise<boolean> {
    batchAllowed ??= client.capabilities({ timeoutMs: Math.min(defaultTimeout, 10_000) }).then(
      (statement) =>
        !!statement.rest?.some((rest) => rest.interaction?.some((i) => i.code === 'batch')),
      () => false,
    );
    return batchAllowed;
  }

  function direct(item: Queued): void {
    send<unknown>('GET', item.url, { signal: item.signal, timeoutMs: item.timeoutMs }).then(
      (r) => item.resolve(r.body),
      item.reject,
    );
  }

  async function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    const items = queue.filter((item) => !item.signal.aborted);
    for (const item of queue) if (item.signal.aborted) item.reject(item.signal.reason);
    queue = [];
    if (items.length < 2 || !(await canBatch())) return items.forEach(direct);
    let bundle: Bundle;
    try {
      ({ body: bundle } = await send<Bundle>('POST', '', {
        json: {
          resourceType: 'Bundle',
          type: 'batch',
          entry: items.map((item) => ({ request: { method: 'GET', url: item.url } })),
        },
        safe: true,
        timeoutMs: Math.max(...items.map((item) => item.timeoutMs ?? defaultTimeout)),
      }));
    } catch (error) {
      if (
        error instanceof HttpError &&
        error.status >= 400 &&
        error.status < 500 &&
        error.status !== 429
      ) {
        // The server advertised batch but refused it: stop batching and send one by one.
        batchAllowed = Promise.resolve(false);
        return items.forEach(direct);
      }
      return items.forEach((item) => item.reject(error));
    }
    const results = entryResults(bundle);
    items.forEach((item, index) => {
      const result = results[index];
      if (result?.ok) item.resolve(result.resource);
      else if (result) item.reject(result.error);
      else direct(item);
    });
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

  /** A server link (absolute or relative) as a path below the base. */
  function relative(url: string): string {
    const absolute = new URL(url, baseUrl + '/');
    const base = new URL(baseUrl + '/');
    const path = absolute.pathname.startsWith(base.pathname)
      ? absolute.pathname.slice(base.pathname.length)
      : absolute.pathname.replace(/^\//, '');
    return path + absolute.search;
  }

  function entryResults(bundle: Bundle): (BundleEntryResult & { error?: HttpError })[] {
    return (bundle.entry ?? []).map((entry, index) => {
      const status = Number.parseInt(entry.response?.status ?? '0', 10);
      const ok = status >= 200 && status < 300;
      const outcome =
        entry.response?.outcome ?? (isOutcome(entry.resource) ? entry.resource : undefined);
      return {
        status,
        ok,
        resource: ok ? entry.resource : undefined,
        location: entry.response?.location,
        etag: entry.response?.etag,
        outcome,
        ...(ok
          ? {}
          : {
              error: errorForStatus(status, outcome, { method: 'BUNDLE', path: `entry[${index}]` }),
            }),
      };
    });
  }

  /** Writes answer with the resource (or, from servers ignoring `Prefer`, only a Location). */
  async function written<T extends Resource>(resource: T, sent: Sent<unknown>): Promise<T> {
    if (sent.body) {
      await check(sent.body, resource.resourceType);
      return sent.body as T;
    }
    const location = sent.headers.get('location') ?? sent.headers.get('content-location');
    const match =
      location &&
      /\/([^/]+)\/([^/]+)\/_history\/([^/?]+)/.exec(new URL(location, baseUrl + '/').pathname);
    if (!match) return resource;
    return { ...resource, id: match[2], meta: { ...resource.meta, versionId: match[3] } };
  }

  const readCheck = (type: string) => (body: unknown) => check(body, type);

  const client: FhirClient = {
    baseUrl,
    read(type, id, opts = {}) {
      return get(`${type}/${encodeURIComponent(id)}`, opts, readCheck(type));
    },
    vread(type, id, versionId, opts = {}) {
      return get(
        `${type}/${encodeURIComponent(id)}/_history/${encodeURIComponent(versionId)}`,
        opts,
        readCheck(type),
      );
    },
    async search(type, params, opts = {}) {
      const bundle = await get<Bundle>(withQuery(type, toSearchParams(params)), opts, (body) =>
        checkBundle(body as Bundle, type),
      );
      return toResult(bundle);
    },
    async *pages(type, params, opts = {}) {
      prepare(type);
      let url: string | undefined = withQuery(type, toSearchParams(params));
      while (url) {
        const { body }: Sent<Bundle> = await send<Bundle>('GET', url, opts);
        await checkBundle(body, type);
        const page: SearchResult<never> = toResult<never>(body);
        url = page.links.next ? relative(page.links.next) : undefined;
        yield page;
      }
    },
    async create(resource, opts = {}) {
      const headers: Record<string, string> = { prefer: 'return=representation' };
      if (opts.ifNoneExist) {
        headers['if-none-exist'] =
          typeof opts.ifNoneExist === 'string'
            ? opts.ifNoneExist
            : toSearchParams(opts.ifNoneExist).toString();
      }
      let sent: Sent<unknown> | undefined;
      try {
        sent = await send('POST', resource.resourceType, {
          ...opts,
          json: resource,
          headers,
          safe: opts.retry ?? !!opts.ifNoneExist,
        });
        return written(resource, sent);
      } finally {
        const body = sent?.body as Resource | undefined;
        invalidate(resource.resourceType, body?.id);
      }
    },
    async update(resource, opts = {}) {
      if (!resource.id) {
        throw new HealthError(
          `update() needs ${resource.resourceType}.id; use create() for new resources.`,
        );
      }
      const version = opts.ifMatch === true ? resource.meta?.versionId : opts.ifMatch || undefined;
      if (opts.ifMatch === true && !version) {
        throw new HealthError(
          `update(…, { ifMatch: true }) needs ${resource.resourceType}.meta.versionId; read the resource first.`,
        );
      }
      const headers: Record<string, string> = { prefer: 'return=representation' };
      if (version) headers['if-match'] = ifMatchHeader(version);
      try {
        const sent = await send(
          'PUT',
          `${resource.resourceType}/${encodeURIComponent(resource.id)}`,
          {
            ...opts,
            json: resource,
            headers,
            safe: opts.retry ?? !!version,
          },
        );
        return written(resource, sent);
      } finally {
        invalidate(resource.resourceType, resource.id);
      }
    },
    async patch(type, id, operations, opts = {}) {
      const headers: Record<string, string> = { prefer: 'return=representation' };
      if (opts.ifMatch) headers['if-match'] = ifMatchHeader(opts.ifMatch);
      try {
        const sent = await send('PATCH', `${type}/${encodeURIComponent(id)}`, {
          ...opts,
          json: operations,
          contentType: 'application/json-patch+json',
          headers,
          safe: opts.retry ?? !!opts.ifMatch,
        });
        return written({ resourceType: type, id } as never, sent);
      } finally {
        invalidate(type, id);
      }
    },
    async delete(type, id, opts = {}) {
      try {
        await send('DELETE', `${type}/${encodeURIComponent(id)}`, {
          ...opts,
          safe: opts.retry ?? false,
        });
      } finally {
        invalidate(type, id);
      }
    },
    async batch(entries, opts = {}) {
      const safe = entries.every((e) => e.request.method === 'GET' || e.request.method === 'HEAD');
      let results: BundleEntryResult[] | undefined;
      try {
        const { body } = await send<Bundle>('POST', '', {
          ...opts,
          json: { resourceType: 'Bundle', type: 'batch', entry: entries },
          safe: opts.retry ?? safe,
        });
        results = entryResults(body);
        return results;
      } finally {
        invalidateEntries(entries, results);
      }
    },
    async transaction(entries, opts = {}) {
      let results: (BundleEntryResult & { error?: HttpError })[] | undefined;
      try {
        const { body } = await send<Bundle>('POST', '', {
          ...opts,
          json: { resourceType: 'Bundle', type: 'transaction', entry: entries },
          safe: opts.retry ?? false,
        });
        results = entryResults(body);
      } finally {
        invalidateEntries(entries, results);
      }
      const failed = results.find((result) => !result.ok);
      if (failed?.error) throw failed.error;
      return results;
    },
    capabilities(opts = {}) {
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
      const url = withQuery(path.replace(/^\//, ''), opts.params && toSearchParams(opts.params));
      try {
        return (
          await send<never>(method, url, {
            ...opts,
            ...(opts.body ? { json: opts.body } : {}),
          })
        ).body;
      } finally {
        if (method !== 'GET') invalidate(...target(url, baseUrl));
      }
    },
  };
  return client;
}

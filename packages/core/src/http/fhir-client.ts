/**
 * `createFhirClient`: the FHIR REST client composed from its stages, each a module with one job —
 * `transport.ts` (ky: attempts, retries, timeouts, hooks) over `wire.ts` (redirects, byte limit),
 * `auth.ts` (bearer token, 401 refresh and replay), `errors.ts` (one mapping, sanitised causes),
 * `validate.ts` (type check always, structural per mode), `cache.ts` (TTL, in-flight sharing,
 * invalidation), `batcher.ts` (auto-batching, capabilities) and `paging.ts`. This file only
 * routes each FHIR interaction through them; the writes (`writes.ts`) load on first use.
 *
 * @module
 */
import type { Bundle, CapabilityStatement } from '../fhir/index.ts';
import { createBatcher, createCapabilities } from './batcher.ts';
import { createCache, type Cache, type Fetched } from './cache.ts';
import { pages, toResult } from './paging.ts';
import { RETRY_DEFAULTS } from './policy.ts';
import {
  entryResults,
  checkEntries,
  checkType,
  readAnswered,
  resourcePath,
  target,
  toSearchParams,
  withQuery,
  createValidator,
  expectationOf,
  type Expectation,
} from '../kernel.ts';
import { createTransport, type Received, type SendInit } from './transport.ts';
import type { BundleRequestEntry, FhirClient, FhirClientOptions, RequestOptions } from './types.ts';

export type { TokenProvider } from '../auth/token.ts';
export type { FhirClientOptions } from './types.ts';
export { errorForStatus, redactPath } from '../kernel.ts';
export { isRetryable } from './policy.ts';
export { toSearchParams } from '../kernel.ts';

const INCLUDES = /(^|&)_(include|revinclude)/;
const isRead = (e: BundleRequestEntry) => e.request.method === 'GET' || e.request.method === 'HEAD';
const bundleOf = (type: 'batch' | 'transaction', entry: readonly BundleRequestEntry[]) => ({
  resourceType: 'Bundle',
  type,
  entry,
});

/** The resources of a searchset as reads (`[Type/id, text]`), unless the server cut them down. */
function readsOf(bundle: Bundle | undefined): [string, string][] {
  return (bundle?.entry ?? []).flatMap(({ resource: r }) =>
    r?.id && !r.meta?.tag?.some((t) => t.code === 'SUBSETTED')
      ? [[`${r.resourceType}/${r.id}`, JSON.stringify(r)] as [string, string]]
      : [],
  );
}

/** What the lazily loaded writes send with. @internal */
export interface Stages {
  baseUrl: string;
  cache: Cache;
  /** Send, then check what came back. */
  send(method: string, path: string, init: SendInit, expected: Expectation): Promise<Received>;
}

/**
 * The FHIR REST client: auth with single-flight refresh, retries of safe requests, a TTL cache
 * that writes invalidate, de-duplication, auto-batching of reads, validation of every resource
 * that enters and observability hooks.
 *
 * @example
 * const fhir = createFhirClient({ baseUrl: 'http://localhost:8787/fhir/R4' });
 * const patient = await fhir.read('Patient', '123');
 */
export function createFhirClient(options: FhirClientOptions): FhirClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const network = createTransport({
    ...options,
    baseUrl,
    fetch: options.fetch,
    token: options.token,
    timeoutMs: options.timeoutMs ?? 30_000,
    retry: { ...RETRY_DEFAULTS, ...(options.retry === false ? { limit: 0 } : options.retry) },
    maxResponseBytes: options.limits?.maxResponseBytes ?? 32_000_000,
    maxDepth: options.limits?.maxDepth ?? 100,
    exposeSensitive: options.exposeSensitive ?? false,
    correlationHeader: options.correlationHeader,
  });
  // Requests in flight, so `warn`-mode validation waits for a quiet network.
  let inFlight = 0;
  const validator = createValidator({
    mode: options.validation ?? 'warn',
    profile: options.validationProfile,
    level: options.validationLevel,
    onValidationIssues: options.onValidationIssues,
    busy: () => inFlight > 0,
  });
  const transport: typeof network = {
    ...network,
    async send(...args) {
      inFlight++;
      try {
        return await network.send(...args);
      } finally {
        if (--inFlight === 0) validator.quiet();
      }
    },
  };
  const cache = createCache(options.cache ?? {});

  /** Send, then check what came back (writes and operations may answer with no body). */
  async function send(
    method: string,
    path: string,
    init: SendInit,
    expected: Expectation,
    type?: string,
  ): Promise<Received> {
    validator.prepare(type);
    const received = await transport.send(method, path, init);
    if (received.body !== undefined || (expected.kind === 'resource' && method === 'GET')) {
      await validator.accept(received.body, expected, received.text);
    }
    return received;
  }

  // Fetched like any read, so it joins the other reads of the moment in one batch.
  const capabilities = createCapabilities(async (full) => {
    const path = full ? 'metadata' : 'metadata?_summary=true';
    const expected = { kind: 'resource', type: 'CapabilityStatement' } as const;
    return (await get(path, {}, expected, 'CapabilityStatement')) as CapabilityStatement;
  });

  const batcher = createBatcher(options.autoBatch ?? {}, {
    async batch(urls, timeoutMs) {
      const entries = urls.map((url) => ({ request: { method: 'GET' as const, url } }));
      const init = { json: bundleOf('batch', entries), entries, timeoutMs };
      const { body } = await transport.send('POST', '', init);
      // Only the shape here: each entry is validated as its own read when it is handed out.
      validator.check(body, { kind: 'response', entries: [] });
      return body as Bundle;
    },
    direct: (url, signal, timeoutMs) => transport.send('GET', url, { signal, timeoutMs }),
    known: capabilities.known,
  });

  /**
   * A GET that is cached, shared between concurrent callers, batched and validated. A search of
   * one `_id` also answers the reads of the resources it returns.
   */
  function get(
    url: string,
    opts: RequestOptions,
    expected: Expectation,
    type: string,
  ): Promise<unknown> {
    const answers = readAnswered(url);
    return cache.get(
      url,
      [url],
      opts,
      async (signal): Promise<Fetched> => {
        validator.prepare(type);
        // Per-call options win: a read with its own `retry` goes out alone, under its own policy.
        const fetched =
          opts.retry === undefined
            ? await batcher.get(url, signal, opts.timeoutMs)
            : await transport.send('GET', url, {
                signal,
                timeoutMs: opts.timeoutMs,
                retry: opts.retry,
              });
        await validator.accept(fetched.body, expected, fetched.text);
        return answers ? { ...fetched, also: readsOf(fetched.body as Bundle) } : fetched;
      },
      answers,
    );
  }

  const stages: Stages = { baseUrl, cache, send };
  const writes = () => import('./writes.ts');
  const call = (opts: RequestOptions): SendInit => ({
    signal: opts.signal,
    timeoutMs: opts.timeoutMs,
    retry: opts.retry,
  });

  const client: FhirClient = {
    baseUrl,
    async read(type, id, opts = {}) {
      const url = resourcePath(type, id, `read('${type}', id)`);
      return (await get(url, opts, { kind: 'resource', type }, type)) as never;
    },
    async vread(type, id, versionId, opts = {}) {
      const url = resourcePath(type, id, `vread('${type}', id, versionId)`, versionId);
      return (await get(url, opts, { kind: 'resource', type }, type)) as never;
    },
    async search(type, params, opts = {}) {
      checkType(type, 'search()');
      const query = toSearchParams(params).toString();
      const expected = { kind: 'search', type, includes: INCLUDES.test(query) } as const;
      return toResult((await get(withQuery(type, query), opts, expected, type)) as Bundle);
    },
    async *pages(type, params, opts = {}) {
      checkType(type, 'pages()');
      const query = toSearchParams(params).toString();
      const expected = { kind: 'search', type, includes: INCLUDES.test(query) } as const;
      yield* pages(withQuery(type, query), baseUrl, async (path) => {
        return (await get(path, opts, expected, type)) as Bundle;
      });
    },
    create: async (resource, opts) => (await writes()).create(stages, resource, opts),
    update: async (resource, opts) => (await writes()).update(stages, resource, opts),
    patch: async (type, id, operations, opts) =>
      (await writes()).patch(stages, type, id, operations, opts) as never,
    delete: async (type, id, opts) => (await writes()).remove(stages, type, id, opts),
    async batch(entries, opts = {}) {
      if (!entries.every(isRead)) return (await writes()).bundle(stages, 'batch', entries, opts);
      checkEntries(entries, 'batch()');
      const expected = { kind: 'response', entries: entries.map(expectationOf) } as const;
      const init = { ...call(opts), json: bundleOf('batch', entries), entries };
      // A batch of reads is cached and shared like a read; its reads of `Type/id` serve later
      // reads of the same resource. The reads waiting to be auto-batched ride along.
      const key = `batch:${JSON.stringify(entries.map((e) => e.request))}`;
      const urls = entries.map((e) => e.request.url);
      const body = await cache.get(key, urls, opts, async (signal) => {
        const riders = batcher.ride();
        const all = [
          ...entries,
          ...riders.urls.map((url) => ({ request: { method: 'GET', url } })),
        ];
        let received: Received;
        try {
          validator.prepare(undefined);
          received = await transport.send('POST', '', {
            ...init,
            json: bundleOf('batch', all as BundleRequestEntry[]),
            entries: all as BundleRequestEntry[],
            signal,
          });
          validator.check(received.body, { kind: 'response', entries: [] });
          riders.settle(received.body as Bundle, entries.length);
        } catch (error) {
          riders.fail();
          throw error;
        }
        const whole = received.body as Bundle;
        const own = riders.urls.length
          ? { ...whole, entry: whole.entry?.slice(0, urls.length) }
          : whole;
        const text = riders.urls.length ? JSON.stringify(own) : received.text;
        await validator.accept(own, expected, text);
        const also = (own.entry ?? []).flatMap((entry, i) => {
          const url = urls[i]!;
          const ok = entry.response?.status?.startsWith('2') && entry.resource;
          return ok && target(url)[1] && !url.includes('?') && !url.includes('/_history')
            ? [[url, JSON.stringify(entry.resource)] as const]
            : [];
        });
        return { ...received, body: own, text, also };
      });
      return entryResults(body as Bundle, entries);
    },
    transaction: async (entries, opts) =>
      (await writes()).bundle(stages, 'transaction', entries, opts),
    async capabilities(opts = {}) {
      const statement = capabilities.get(opts.full === true);
      const { signal } = opts;
      if (!signal) return statement;
      signal.throwIfAborted();
      return Promise.race([
        statement,
        new Promise<never>((_, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
        ),
      ]);
    },
    operation: async (path, opts) => (await writes()).operation(stages, path, opts) as never,
  };
  return client;
}

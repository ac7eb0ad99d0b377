import type { TokenProvider } from '../auth/token.ts';
import type { HttpError, ValidationIssue } from '../errors.ts';
import type { ValidationLevel, ValidationMode } from '../fhir/validator.ts';
import type { BatchOptions } from './batcher.ts';
import type { CacheOptions } from './cache.ts';
import type { RetryOptions, TransportHooks } from './policy.ts';
import type {
  Bundle,
  CapabilityStatement,
  Resource,
  ResourceOf,
  ResourceType,
} from '../fhir/index.ts';

/** Limits on what the client accepts from a server. */
export interface ResponseLimits {
  /**
   * Largest response body in bytes (after decompression); a larger one fails with `LimitError`
   * before it is parsed.
   * @default 32000000
   */
  maxResponseBytes?: number;
  /**
   * Deepest nesting of JSON objects and arrays; deeper fails with `LimitError` before it is
   * parsed. FHIR resources nest 10–30 levels; recursive Questionnaire items more.
   * @default 100
   */
  maxDepth?: number;
}

/** Options of the FHIR transport; every one is also an option of `createHealthClient`. */
export interface FhirClientOptions extends TransportHooks {
  /** FHIR base URL, e.g. `http://localhost:8787/fhir/R4`. */
  baseUrl: string;
  /** A `fetch` implementation; defaults to the global one (looked up at call time). */
  fetch?: typeof fetch;
  /** Bearer token or token provider; after a 401 it is asked once for a fresh token. */
  token?: TokenProvider;
  /**
   * Per-attempt timeout in milliseconds, headers and body.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * Retry policy for requests that `isRetryable` allows (GET/HEAD, `create` with `ifNoneExist`,
   * `update`/`patch` with `ifMatch`, batches and transactions made only of those); `false` never
   * retries. This is the only retry of network, timeout and 5xx/429 failures in the SDK.
   * @default { limit: 3, baseDelayMs: 300, maxDelayMs: 10000, maxRetryAfterMs: 30000, budgetMs: 60000 }
   */
  retry?: RetryOptions | false;
  /**
   * In-memory cache of GET answers (reads, searches, search pages, batches of reads); writes
   * through this client invalidate what they touch. `false` turns it off (identical requests in
   * flight are still shared).
   * @default { ttlMs: 30000, maxEntries: 500, maxBytes: 4000000 }
   */
  cache?: CacheOptions | false;
  /**
   * Reads and searches issued within `windowMs` of each other go out as one FHIR `batch` Bundle
   * (see `batcher.ts` for when the server's CapabilityStatement turns it off). `false` turns it
   * off.
   * @default { windowMs: 5, maxSize: 20 }
   */
  autoBatch?: BatchOptions | false;
  /**
   * Validation of what the server sends. The resource type is checked in every mode (a wrong
   * type, `null` or an array is a `ValidationError`); `strict` also rejects structural errors
   * (the response waits for the validator), `warn` reports them through `onValidationIssues`
   * after the data was delivered, `off` checks only the type. Fields are never dropped.
   * @default 'warn'
   */
  validation?: ValidationMode;
  /**
   * What validation checks: `structure`, or `full` (also the FHIR invariants, the narrative's
   * XHTML, extensions, bindings and code systems, Bundle rules and the base profiles the SDK
   * knows; a chunk of its own, loaded only by a client that asks for it). In `strict`, errors of
   * either level reject.
   * @default 'structure'
   */
  validationLevel?: ValidationLevel;
  /** Receives validation findings in `warn` mode; defaults to one `console.warn` per resource type. */
  onValidationIssues?: (issues: ValidationIssue[], context: { resourceType: string }) => void;
  /** The VN Core flavour whose profile rules validation also checks (`createHealthClient` sets it). */
  validationProfile?: 'vn-core-moh' | 'vn-core-community';
  /**
   * Size and nesting limits of responses.
   * @default { maxResponseBytes: 32000000, maxDepth: 100 }
   */
  limits?: ResponseLimits;
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

/** Options every SDK call accepts. */
export interface RequestOptions {
  /** Aborts the request (and any retries) when signalled. */
  signal?: AbortSignal;
  /**
   * Per-attempt timeout in milliseconds.
   * @default the client's `timeoutMs` (30 000)
   */
  timeoutMs?: number;
  /**
   * Cache use for reads: `default` uses a fresh cached answer, `reload` skips the cache and
   * refreshes it, `no-store` neither reads nor writes it.
   * @default 'default'
   */
  cache?: 'default' | 'reload' | 'no-store';
  /**
   * Allow or forbid retries for this call; it always wins over the default, which is
   * `isRetryable`: GET/HEAD, `create` with `ifNoneExist`, `update`/`patch` with `ifMatch`,
   * batches and transactions made only of those. `false` sends the request exactly once (a read
   * with `retry: false` is not auto-batched); the one exception is the replay with a fresh token
   * after a 401, when the client has a token provider. Pass `true` only for writes you know to
   * be idempotent; they are retried at most `retry.limit` times.
   * @default isRetryable(request)
   */
  retry?: boolean;
}

/**
 * Search parameters. A value is sent as is; an array is OR-joined with commas
 * (`status: ['booked', 'arrived']` → `status=booked,arrived`); an array of arrays repeats the
 * key, which FHIR reads as AND (`date: [['ge2026-01-01'], ['lt2026-02-01']]` →
 * `date=ge2026-01-01&date=lt2026-02-01`; `_include: [['Patient:organization'], ['Patient:general-practitioner']]`).
 */
export type SearchParams = Record<
  string,
  | string
  | number
  | boolean
  | undefined
  | readonly (string | number | boolean)[]
  | readonly (readonly (string | number | boolean)[])[]
>;

/** One page of a search. */
export interface SearchResult<T extends Resource = Resource> {
  /** Matches (`entry.search.mode` = `match` or absent). */
  resources: T[];
  /** Resources added by `_include`/`_revinclude` (`entry.search.mode` = `include`). */
  included: Resource[];
  /** `Bundle.total` when the server reports it. */
  total: number | undefined;
  /** Paging links by relation (`self`, `next`, `previous`, `first`, `last`). */
  links: Partial<Record<'self' | 'next' | 'previous' | 'first' | 'last', string>>;
  /** The Bundle as received. */
  bundle: Bundle;
}

/** A JSON Patch (RFC 6902) operation. */
export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; path: string; from: string };

/** One request inside a batch or transaction. */
export interface BundleRequestEntry {
  /** `urn:uuid:…` so later entries can reference this one (transactions). */
  fullUrl?: string;
  resource?: Resource;
  request: {
    method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    ifMatch?: string;
    ifNoneExist?: string;
    ifNoneMatch?: string;
    ifModifiedSince?: string;
  };
}

/** The outcome of one batch/transaction entry. */
export interface BundleEntryResult<T extends Resource = Resource> {
  /** HTTP status of this entry (e.g. 200, 201, 412). */
  status: number;
  ok: boolean;
  resource: T | undefined;
  location: string | undefined;
  etag: string | undefined;
  /** The entry's OperationOutcome when it failed. */
  outcome: Resource | undefined;
  /** The entry's failure as an SDK error (`ConflictError` for 409/412…), when it failed. */
  error?: HttpError;
}

/** The low-level FHIR REST client (`health.fhir`). */
export interface FhirClient {
  /** The FHIR base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** Read one resource: `GET <type>/<id>` (reads close together may go out as one batch). */
  read<K extends ResourceType>(
    type: K,
    id: string,
    options?: RequestOptions,
  ): Promise<ResourceOf<K>>;
  /** Read one version of a resource: `GET <type>/<id>/_history/<versionId>`. */
  vread<K extends ResourceType>(
    type: K,
    id: string,
    versionId: string,
    options?: RequestOptions,
  ): Promise<ResourceOf<K>>;
  /** The first page of a search: `GET <type>?<params>` (`pages` follows the next links). */
  search<K extends ResourceType>(
    type: K,
    params?: SearchParams,
    options?: RequestOptions,
  ): Promise<SearchResult<ResourceOf<K>>>;
  /** Every page of a search, following `Bundle.link[next]`, one page in memory at a time. */
  pages<K extends ResourceType>(
    type: K,
    params?: SearchParams,
    options?: RequestOptions,
  ): AsyncGenerator<SearchResult<ResourceOf<K>>, void, undefined>;
  /** Create: `POST <type>`; `ifNoneExist` makes it a conditional create. */
  create<T extends Resource>(
    resource: T,
    options?: RequestOptions & { ifNoneExist?: string | SearchParams },
  ): Promise<T>;
  /** Update; `ifMatch: true` sends `If-Match` from `meta.versionId`. */
  update<T extends Resource>(
    resource: T,
    options?: RequestOptions & { ifMatch?: boolean | string },
  ): Promise<T>;
  /** JSON Patch: `PATCH <type>/<id>` with the operations; `ifMatch` sends `If-Match`. */
  patch<K extends ResourceType>(
    type: K,
    id: string,
    operations: JsonPatchOperation[],
    options?: RequestOptions & { ifMatch?: string },
  ): Promise<ResourceOf<K>>;
  /** Delete: `DELETE <type>/<id>`. */
  delete(type: ResourceType, id: string, options?: RequestOptions): Promise<void>;
  /** A FHIR `batch` Bundle: each entry succeeds or fails on its own (see `BundleEntryResult`). */
  batch(entries: BundleRequestEntry[], options?: RequestOptions): Promise<BundleEntryResult[]>;
  /** All-or-nothing; throws on failure (a 409/412 entry becomes `ConflictError`). */
  transaction(
    entries: BundleRequestEntry[],
    options?: RequestOptions,
  ): Promise<BundleEntryResult[]>;
  /**
   * The server's CapabilityStatement, fetched at most once per client. By default its summary
   * (`GET metadata?_summary=true`: operations, resource types, formats — not search parameters
   * or interactions, which R4 does not mark as summary); `full: true` fetches all of it, once.
   */
  capabilities(options?: RequestOptions & { full?: boolean }): Promise<CapabilityStatement>;
  /** Invoke an operation such as `Patient/123/$summary`. */
  operation<T = Resource>(
    path: string,
    options?: RequestOptions & { method?: 'GET' | 'POST'; body?: Resource; params?: SearchParams },
  ): Promise<T>;
}

export type {
  ErrorEvent,
  RequestEvent,
  ResponseEvent,
  RetryableRequest,
  RetryOptions,
  TransportHooks,
} from './policy.ts';
export type { BatchOptions } from './batcher.ts';
export type { CacheOptions } from './cache.ts';
export type { TokenRequest } from '../auth/token.ts';

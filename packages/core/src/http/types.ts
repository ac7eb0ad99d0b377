import type { HttpError } from '../errors.ts';
import type {
  Bundle,
  CapabilityStatement,
  Resource,
  ResourceOf,
  ResourceType,
} from '../fhir/index.ts';

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
   * Allow or forbid retries for this call. Only safe requests are retried by default: GET/HEAD,
   * `create` with `ifNoneExist`, `update`/`patch` with `ifMatch`, batches of reads. Pass `true`
   * only for writes you know to be idempotent.
   * @default true for safe requests, false otherwise
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
  read<K extends ResourceType>(
    type: K,
    id: string,
    options?: RequestOptions,
  ): Promise<ResourceOf<K>>;
  vread<K extends ResourceType>(
    type: K,
    id: string,
    versionId: string,
    options?: RequestOptions,
  ): Promise<ResourceOf<K>>;
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
  create<T extends Resource>(
    resource: T,
    options?: RequestOptions & { ifNoneExist?: string | SearchParams },
  ): Promise<T>;
  /** Update; `ifMatch: true` sends `If-Match` from `meta.versionId`. */
  update<T extends Resource>(
    resource: T,
    options?: RequestOptions & { ifMatch?: boolean | string },
  ): Promise<T>;
  patch<K extends ResourceType>(
    type: K,
    id: string,
    operations: JsonPatchOperation[],
    options?: RequestOptions & { ifMatch?: string },
  ): Promise<ResourceOf<K>>;
  delete(type: ResourceType, id: string, options?: RequestOptions): Promise<void>;
  batch(entries: BundleRequestEntry[], options?: RequestOptions): Promise<BundleEntryResult[]>;
  /** All-or-nothing; throws on failure (a 409/412 entry becomes `ConflictError`). */
  transaction(
    entries: BundleRequestEntry[],
    options?: RequestOptions,
  ): Promise<BundleEntryResult[]>;
  /** The server's CapabilityStatement (`GET /metadata`), cached per client. */
  capabilities(options?: RequestOptions): Promise<CapabilityStatement>;
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
  RetryOptions,
  TransportHooks,
} from './policy.ts';
export type { TokenRequest } from '../auth/token.ts';

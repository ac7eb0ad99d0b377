/**
 * The retry policy (what may be retried, how long to wait) and the observability events. The
 * transport hands the policy to ky (`retry.shouldRetry`, `retry.delay`), which runs the loop.
 *
 * @module
 */
import type { HealthError } from '../errors.ts';
import type { BundleRequestEntry } from './types.ts';

/** When and how the transport retries a failed request. */
export interface RetryOptions {
  /**
   * Retries after the first attempt.
   * @default 3
   */
  limit?: number;
  /**
   * Ceiling of the first backoff; it doubles per retry and the actual wait is random below it
   * (full jitter).
   * @default 300
   */
  baseDelayMs?: number;
  /**
   * Ceiling of one backoff.
   * @default 10000
   */
  maxDelayMs?: number;
  /**
   * The longest `Retry-After` (seconds or HTTP-date) the client waits; when the server asks for
   * more, the call fails at once with the server's error instead of hanging. A shorter one is
   * waited at least `baseDelayMs`, plus a random 0–`baseDelayMs`, so `Retry-After: 0` never
   * becomes a tight loop and clients told the same instant do not come back together.
   * @default 30000
   */
  maxRetryAfterMs?: number;
  /**
   * Time budget for all attempts and waits of one call; no retry starts that would end its wait
   * past it.
   * @default 60000
   */
  budgetMs?: number;
  /**
   * Statuses that are retried (network errors, timeouts and cut-off bodies always are, for
   * requests that {@link isRetryable} allows).
   * @default [408, 425, 429, 500, 502, 503, 504]
   */
  statusCodes?: readonly number[];
}

/** What `onRequest` sees. Never tokens; ids in the path only with `exposeSensitive`. */
export interface RequestEvent {
  method: string;
  /** Path below the FHIR base without the query, ids replaced by `{id}` unless `exposeSensitive`. */
  path: string;
  /** 1 for the first attempt, 2 for the first retry… */
  attempt: number;
  /** A random id per attempt (sent as a header only when `correlationHeader` is set). */
  requestId: string;
}

/** What `onResponse` sees. */
export interface ResponseEvent extends RequestEvent {
  status: number;
  durationMs: number;
}

/** What `onError` sees: every failed attempt, including those that will be retried. */
export interface ErrorEvent extends RequestEvent {
  status: number | undefined;
  durationMs: number;
  error: HealthError;
  /** True when the transport will retry after this failure. */
  willRetry: boolean;
}

/** Observability hooks; exceptions they throw are swallowed. */
export interface TransportHooks {
  /** Called before every attempt of a request (retries included). */
  onRequest?: (event: RequestEvent) => void;
  /** Called when an attempt gets a successful (2xx) answer. */
  onResponse?: (event: ResponseEvent) => void;
  /** Called after every failed attempt (`willRetry` tells whether another follows). */
  onError?: (event: ErrorEvent) => void;
}

export const RETRY_DEFAULTS = {
  limit: 3,
  baseDelayMs: 300,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 30_000,
  budgetMs: 60_000,
  statusCodes: [408, 425, 429, 500, 502, 503, 504] as readonly number[],
} as const;

/** The retry policy with every default filled in. */
export type RetryPolicy = Required<RetryOptions>;

/** What {@link isRetryable} looks at. */
export interface RetryableRequest {
  method: string;
  /** `If-None-Exist` of a create. */
  ifNoneExist?: unknown;
  /** `If-Match` of an update or patch. */
  ifMatch?: unknown;
  /** The entries of a batch or transaction (a POST to the base). */
  entries?: readonly BundleRequestEntry[] | undefined;
}

const entrySafe = ({ request: r }: BundleRequestEntry): boolean =>
  isRetryable({ method: r.method, ifNoneExist: r.ifNoneExist, ifMatch: r.ifMatch });

/**
 * May the transport send `request` again after a network failure, a timeout or a retryable
 * status? Only when a repeat cannot write twice: GET and HEAD, a create with `If-None-Exist`, an
 * update or patch with `If-Match`, and a batch or transaction made only of such entries (e.g.
 * a batch of reads). A per-call `retry: true | false` overrides this.
 */
export function isRetryable(request: RetryableRequest): boolean {
  const method = request.method.toUpperCase();
  if (request.entries) return request.entries.every(entrySafe);
  if (method === 'GET' || method === 'HEAD') return true;
  if (method === 'POST') return !!request.ifNoneExist;
  if (method === 'PUT' || method === 'PATCH') return !!request.ifMatch;
  return false;
}

/** `Retry-After` in milliseconds (delta-seconds or HTTP-date), or undefined. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Full-jitter exponential backoff for retry number `retry` (1-based). */
export function backoffMs(retry: number, base: number, max: number): number {
  return Math.random() * Math.min(max, base * 2 ** (retry - 1));
}

/**
 * The wait before retry number `retry` (1-based): the server's `Retry-After` raised to at least
 * `baseDelayMs` plus a random 0–`baseDelayMs`, else full-jitter backoff; `undefined` when the
 * server asks for more than `maxRetryAfterMs`.
 */
export function retryDelayMs(
  retry: number,
  retryAfter: number | undefined,
  policy: RetryPolicy,
): number | undefined {
  if (retryAfter === undefined) return backoffMs(retry, policy.baseDelayMs, policy.maxDelayMs);
  if (retryAfter > policy.maxRetryAfterMs) return undefined;
  return Math.max(retryAfter, policy.baseDelayMs) + Math.random() * policy.baseDelayMs;
}

/**
 * Retry policy, observability events and the path redaction the transport uses.
 *
 * @module
 */
import type { HealthError } from '../errors.ts';

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
   * more, the call fails at once with the server's error instead of hanging.
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
   * Statuses that are retried (network errors and timeouts always are, for safe requests).
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
  onRequest?: (event: RequestEvent) => void;
  onResponse?: (event: ResponseEvent) => void;
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

/** Wait `ms`, rejecting with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const done = () => {
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/**
 * A path safe for messages and hooks: no query, and ids after a resource type (or
 * `_history`) replaced by `{id}`/`{vid}`: `Patient/123/_history/2` → `Patient/{id}/_history/{vid}`.
 */
export function redactPath(path: string): string {
  const parts = path.split('?')[0]!.split('/');
  return parts
    .map((part, i) => {
      const before = parts[i - 1] ?? '';
      if (before === '_history' && part) return '{vid}';
      if (/^[A-Z][A-Za-z]+$/.test(before) && part && !/^[$_]/.test(part)) return '{id}';
      return part;
    })
    .join('/');
}

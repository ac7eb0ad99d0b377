/**
 * The one retry domain code may do: a write that lost a version race (409/412) is run again, from
 * a fresh read, by code that knows how to re-apply its change. Network failures, timeouts and 5xx
 * answers are the transport's to retry (it alone knows which requests are safe to send twice), so
 * they are never retried here.
 *
 * @module
 */
import { isConflictError, isSlotUnavailableError } from './errors.ts';

/** Options of {@link withConflictRetry}. */
export interface ConflictRetryOptions {
  /**
   * Attempts in all, the first one included; `1` runs `fn` once and never retries.
   * @default 3
   * @example await withConflictRetry(write, { attempts: 2 })
   */
  attempts?: number;
  /**
   * Stops before the next attempt when signalled: the call rejects with the signal's reason
   * instead of running `fn` again (an attempt in flight is the request's own to abort).
   * @default undefined (never stops early)
   * @example await withConflictRetry(write, { signal: controller.signal })
   */
  signal?: AbortSignal | undefined;
}

/**
 * Run `fn` (which must read what it changes afresh each time) and run it again when it fails with
 * a `ConflictError` (409/412), at most `attempts` times in all. Any other failure, and a
 * `SlotUnavailableError` (a conflict the caller has already resolved into an answer), is thrown at
 * once; after the last attempt the last conflict is thrown.
 *
 * @example
 * const marked = await withConflictRetry(
 *   async () => {
 *     const current = await health.fhir.read('Immunization', id, { cache: 'reload' });
 *     return health.fhir.update({ ...current, status: 'entered-in-error' }, { ifMatch: true });
 *   },
 *   { attempts: 2, signal },
 * );
 */
export async function withConflictRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: ConflictRetryOptions = {},
): Promise<T> {
  const attempts = Math.max(1, Math.floor(options.attempts ?? 3));
  const { signal } = options;
  for (let attempt = 1; ; attempt += 1) {
    signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= attempts || !isConflictError(error) || isSlotUnavailableError(error)) {
        throw error;
      }
    }
  }
}

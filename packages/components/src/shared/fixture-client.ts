/**
 * In-memory clients for fixtures, stories and tests (development only). They implement the parts
 * of `HealthClient` elements use, honour the `AbortSignal`, and never touch the network.
 */
import { createHealthClient, HttpError, NetworkError, type HealthClient } from '@vnhealth/core';

/** How a fixture client answers. */
export interface FixtureClientOptions {
  /**
   * `pending`: never answers (until aborted); `network`: fails as if offline; `not-found`:
   * answers 404; `ok`: answers from `data`.
   * @default 'ok'
   */
  mode?: 'ok' | 'pending' | 'network' | 'not-found';
  /** Fail this many calls with a network error before answering from `data` (retry tests). */
  failTimes?: number;
  /** Answers by method name then id: `{ getPatient: { 'vnh-pt-001': patient } }`. */
  data?: Record<string, Record<string, unknown>>;
  /** Delay before answering, in ms. */
  delayMs?: number;
}

function abortable<T>(
  signal: AbortSignal | undefined,
  run: () => T,
  delayMs: number,
  forever: boolean,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort, { once: true });
    if (forever) return;
    setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      try {
        resolve(run());
      } catch (error) {
        reject(error);
      }
    }, delayMs);
  });
}

/**
 * A client whose `records`, `telemedicine`, `vaccination` … methods answer from `data`.
 * Any method named in `data` works; calls are counted in `calls`.
 */
export function createFixtureClient(options: FixtureClientOptions = {}): HealthClient & {
  calls: { method: string; id: string }[];
} {
  const base = createHealthClient({
    baseUrl: 'https://fixtures.invalid/fhir/R4',
    fetch: () => Promise.reject(new TypeError('Fixture clients never use the network.')),
  });
  const calls: { method: string; id: string }[] = [];
  let failuresLeft = options.failTimes ?? 0;
  const method = (name: string) => (id: string, opts?: { signal?: AbortSignal }) => {
    calls.push({ method: name, id });
    const mode = options.mode ?? 'ok';
    return abortable(
      opts?.signal,
      () => {
        if (mode === 'network' || failuresLeft > 0) {
          failuresLeft -= 1;
          throw new NetworkError('Could not reach the server (fixture).');
        }
        const value = options.data?.[name]?.[id];
        if (mode === 'not-found' || value === undefined) {
          throw new HttpError(`Not found: ${id} (fixture)`, {
            status: 404,
            request: { method: 'GET', path: `/${name}/${id}` },
          });
        }
        return structuredClone(value);
      },
      options.delayMs ?? 0,
      mode === 'pending',
    );
  };
  const handler: ProxyHandler<object> = {
    get: (_target, name) => (typeof name === 'string' ? method(name) : undefined),
  };
  const modules = new Map<string, object>();
  return new Proxy(base, {
    get(target, name, receiver) {
      if (name === 'calls') return calls;
      if (name === 'fhir' || name === 'profile' || typeof name !== 'string') {
        return Reflect.get(target, name, receiver);
      }
      let module = modules.get(name);
      if (!module) {
        module = new Proxy({}, handler);
        modules.set(name, module);
      }
      return module;
    },
  }) as HealthClient & { calls: { method: string; id: string }[] };
}

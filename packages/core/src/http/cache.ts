/**
 * The cache stage: an in-memory TTL cache of GET answers (reads, searches, search pages, GET
 * batches) with LRU eviction by count and by bytes, and de-duplication of identical requests in
 * flight (reference-counted abort: the request is cancelled only when every caller has aborted).
 * Entries are kept as the JSON text received, so every caller gets its own parsed copy and the
 * byte budget is exact. Writes invalidate what they touch; a write while a GET is in flight keeps
 * that answer out of the cache. An answer may hold others (the reads inside a batch, the
 * resources of a search by `_id`): they are cached with it, and a request for one of them while
 * it is in flight waits for it instead of going out.
 *
 * @module
 */
import { target } from '../kernel.ts';

/** Cache settings of `FhirClientOptions.cache`. */
export interface CacheOptions {
  /**
   * How long an answer is served from memory.
   * @default 30000
   */
  ttlMs?: number;
  /**
   * Most answers kept (least recently used go first).
   * @default 500
   */
  maxEntries?: number;
  /**
   * Most characters of JSON kept in all; an answer larger than this is never cached, so paging
   * through a large search keeps memory flat.
   * @default 4000000
   */
  maxBytes?: number;
}

/** A GET answer: the parsed body and the text it was parsed from. */
export interface Fetched {
  body: unknown;
  text: string;
  /** Further answers it holds, as `[key, text]` (the reads inside a batch), cached with it. */
  also?: readonly (readonly [string, string])[];
}

interface Entry {
  at: number;
  text: string;
  urls: readonly string[];
}

interface Flight {
  promise: Promise<Fetched>;
  controller: AbortController;
  users: number;
  urls: readonly string[];
  /** Forget this flight: no caller joins it any more. */
  forget(): void;
}

/** A search that may return resources of other types: any write invalidates it. */
const UNSAFE = /[?&](_include|_revinclude|_has|[^=&]*\.[^=&]*=)/;

const parse = (text: string): unknown => (text ? JSON.parse(text) : undefined);

/** The cache of one client (`false`: nothing is kept, identical requests in flight are shared). */
export function createCache(options: CacheOptions | false) {
  const on = options !== false;
  const { ttlMs = 30_000, maxEntries = 500, maxBytes = 4_000_000 } = options || {};
  const entries = new Map<string, Entry>();
  const flights = new Map<string, Flight>();
  /** In-flight answers that will also hold the answer of a key (`Fetched.also`). */
  const providers = new Map<string, Flight>();
  let bytes = 0;
  let writes = 0;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.text.length;
    entries.delete(key);
  };

  function store(key: string, text: string, urls: readonly string[]): void {
    drop(key);
    if (!on || text.length > maxBytes) return;
    entries.set(key, { at: Date.now(), text, urls });
    bytes += text.length;
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      drop(oldest);
    }
  }

  function follow(flight: Flight, signal: AbortSignal | undefined, first: boolean) {
    flight.users++;
    const leave = (reason: unknown) => {
      if (--flight.users > 0) return;
      // Every caller left: the request is cancelled, and a caller arriving now starts afresh
      // rather than joining a flight that is being aborted.
      flight.forget();
      flight.controller.abort(reason);
    };
    const answer = () => flight.promise.then((f) => (first ? f.body : parse(f.text)));
    if (!signal) return answer();
    if (signal.aborted) {
      // Nobody awaits this flight's answer: leaving may abort it, and its rejection is nobody's.
      leave(signal.reason);
      return Promise.reject(signal.reason as Error);
    }
    const out = answer();
    return new Promise<unknown>((resolve, reject) => {
      const stop = () => {
        leave(signal.reason);
        reject(signal.reason as Error);
      };
      signal.addEventListener('abort', stop, { once: true });
      out.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
    });
  }

  return {
    /**
     * The answer for `key`: from the cache when fresh (`mode` `default`), else shared with an
     * identical request in flight, else from `start` (whose signal aborts when every caller
     * did). `urls` are what the answer depends on, for invalidation; `provides` a key whose
     * answer this one will hold in its `also`, so a request for that key meanwhile waits for it.
     */
    get(
      key: string,
      urls: readonly string[],
      opts: {
        signal?: AbortSignal | undefined;
        cache?: 'default' | 'reload' | 'no-store' | undefined;
      },
      start: (signal: AbortSignal) => Promise<Fetched>,
      provides?: string,
    ): Promise<unknown> {
      const mode = opts.cache ?? 'default';
      const hit = entries.get(key);
      if (hit && mode === 'default' && Date.now() - hit.at < ttlMs) {
        entries.delete(key); // most recently used last
        entries.set(key, hit);
        return Promise.resolve(parse(hit.text));
      }
      const existing = flights.get(key);
      if (existing) return follow(existing, opts.signal, false);
      const parent = providers.get(key);
      if (parent) {
        // Another answer in flight will hold this one: take it from there (or ask on its own
        // when it does not, or failed).
        const own = start;
        start = (signal) =>
          parent.promise.then(
            (fetched) => {
              const text = fetched.also?.find(([k]) => k === key)?.[1];
              return text === undefined ? own(signal) : { body: parse(text), text };
            },
            () => own(signal),
          );
      }
      const controller = new AbortController();
      const at = writes;
      const flight: Flight = {
        controller,
        users: 0,
        urls,
        promise: start(controller.signal)
          .then((fetched) => {
            if (mode !== 'no-store' && writes === at) {
              store(key, fetched.text, urls);
              for (const [k, text] of fetched.also ?? []) store(k, text, [k]);
            }
            return fetched;
          })
          .finally(() => flight.forget()),
        forget() {
          if (flights.get(key) === flight) flights.delete(key);
          if (provides && providers.get(provides) === flight) providers.delete(provides);
        },
      };
      // Its callers each get the rejection through `follow`; when every one of them has left, it
      // is nobody's to handle.
      flight.promise.catch(() => undefined);
      flights.set(key, flight);
      if (provides && mode !== 'no-store') providers.set(provides, flight);
      return follow(flight, opts.signal, true);
    },
    /** A write to `type` (and `id`, if known) happened: forget every answer it may change. */
    invalidate(type: string, id?: string): void {
      writes++;
      const touched = (urls: readonly string[]) =>
        urls.some((url) => {
          const [t, i] = target(url);
          return UNSAFE.test(url) || (t === type && (!id || !i || i === id));
        });
      for (const [key, entry] of entries) if (touched(entry.urls)) drop(key);
      for (const [key, flight] of flights) if (touched(flight.urls)) flights.delete(key);
      for (const [key, flight] of providers) if (touched(flight.urls)) providers.delete(key);
    },
    /** Characters of JSON held (for tests and diagnostics). */
    get size() {
      return { entries: entries.size, bytes };
    },
  };
}

export type Cache = ReturnType<typeof createCache>;

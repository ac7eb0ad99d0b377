/**
 * The batcher stage: reads and searches issued within `windowMs` of each other go out as one
 * FHIR `batch` Bundle (a single one goes out alone), and the client's CapabilityStatement, which
 * it shares with `canBatch()`.
 *
 * The statement is fetched at most once per client, as `GET metadata?_summary=true` (under 2 KB
 * from the sandbox instead of ~300 KB). R4 does not mark `rest.interaction` as a summary element,
 * so a summary cannot say whether `batch` is offered: the batcher then batches, and the first
 * refusal (a 4xx other than 408/429, or 501) turns batching off for the client and sends the
 * reads one by one. A full statement that does not list `batch` turns it off from the start.
 * The batcher never fetches the statement itself: a cold page pays no round trip for it, and
 * the statement, fetched like any read, goes out in the same batch as the page's other reads.
 *
 * Within one batch, a read that a search of one `_id` answers as well (`Patient/p1` beside
 * `Patient?_id=p1&_include=…`) is not sent: it takes its resource from the search. A batch of
 * reads a caller sends itself (`fhir.batch`) takes the reads waiting for the window along
 * ({@link createBatcher}'s `ride`), so they cost no request of their own.
 *
 * @module
 */
import { HttpError, ValidationError, errorForStatus, readAnswered } from '../kernel.ts';
import type { Bundle, CapabilityStatement } from '../fhir/index.ts';
import type { Fetched } from './cache.ts';

/** Auto-batching settings of `FhirClientOptions.autoBatch`. */
export interface BatchOptions {
  /**
   * How long a read waits for others to join its batch, in milliseconds.
   * @default 5
   */
  windowMs?: number;
  /**
   * Most reads in one batch; a full batch goes out at once.
   * @default 20
   */
  maxSize?: number;
}

interface Item {
  url: string;
  signal: AbortSignal;
  timeoutMs: number | undefined;
  resolve: (value: Fetched) => void;
  reject: (error: unknown) => void;
}

/** What the batcher sends with. */
export interface BatcherDeps {
  /** POST a batch of GETs to the base; resolves with the (shape-checked) response Bundle. */
  batch(urls: string[], timeoutMs: number | undefined): Promise<Bundle>;
  /** GET one URL on its own. */
  direct(url: string, signal: AbortSignal, timeoutMs: number | undefined): Promise<Fetched>;
  /** The CapabilityStatement, if some caller fetched it already. */
  known(): CapabilityStatement | undefined;
}

/** Does a known statement allow batching? A summary (no `rest.interaction`) cannot tell. */
function allowed(statement: CapabilityStatement | undefined): boolean {
  const rests = statement?.rest ?? [];
  if (!rests.some((rest) => rest.interaction)) return true;
  return rests.some((rest) => rest.interaction?.some((i) => i.code === 'batch'));
}

const refusal = (error: unknown): boolean =>
  error instanceof ValidationError ||
  (error instanceof HttpError &&
    ((error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) ||
      error.status === 501));

/** The batcher of one client; `false` sends every read on its own. */
export function createBatcher(options: BatchOptions | false, deps: BatcherDeps) {
  const { windowMs = 5, maxSize = 20 } = options || {};
  let refused = options === false;
  let queue: Item[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const direct = (item: Item) =>
    deps.direct(item.url, item.signal, item.timeoutMs).then(item.resolve, item.reject);

  /** Take the queued reads out (aborted ones rejected), leaving riders on their searches. */
  function take(): Item[] {
    clearTimeout(timer);
    timer = undefined;
    const items = queue.filter((item) => !item.signal.aborted);
    for (const item of queue) if (item.signal.aborted) item.reject(item.signal.reason);
    queue = [];
    // A read that a search of the same batch answers as well (`Patient/p1` and
    // `Patient?_id=p1&…`) is not sent: it takes the resource from that search's answer.
    const answering = new Map(items.map((item) => [readAnswered(item.url), item] as const));
    return items.filter((item) => {
      const search = answering.get(item.url);
      if (!search) return true;
      const { resolve, reject } = search;
      const [type, id] = item.url.split('/');
      search.resolve = (fetched) => {
        resolve(fetched);
        const found = (fetched.body as Bundle | undefined)?.entry?.find(
          (e) => e.resource?.resourceType === type && e.resource?.id === id,
        )?.resource;
        if (found) item.resolve({ body: found, text: JSON.stringify(found) });
        else void direct(item);
      };
      search.reject = (error) => {
        reject(error);
        void direct(item);
      };
      return false;
    });
  }

  /** Hand each item its entry of `bundle`, from entry `offset` on. */
  function settle(items: Item[], bundle: Bundle, offset = 0): void {
    items.forEach((item, index) => {
      const entry = bundle.entry?.[offset + index];
      const status = Number.parseInt(entry?.response?.status ?? '', 10);
      if (!entry || Number.isNaN(status)) return void direct(item);
      if (status >= 200 && status < 300) {
        return item.resolve({ body: entry.resource, text: JSON.stringify(entry.resource ?? null) });
      }
      const outcome = entry.response?.outcome ?? entry.resource;
      item.reject(errorForStatus(status, outcome, { method: 'GET', path: item.url }));
    });
  }

  async function flush(): Promise<void> {
    const items = take();
    if (items.length < 2 || refused || !allowed(deps.known())) return void items.forEach(direct);
    let bundle: Bundle;
    try {
      const timeouts = items.map((item) => item.timeoutMs);
      bundle = await deps.batch(
        items.map((item) => item.url),
        timeouts.includes(undefined) ? undefined : Math.max(...(timeouts as number[])),
      );
    } catch (error) {
      if (refusal(error)) {
        // The server cannot batch (or not this way): stop batching and send one by one.
        refused = true;
        return void items.forEach(direct);
      }
      return void items.forEach((item) => item.reject(error));
    }
    settle(items, bundle);
  }

  return {
    /** GET `url`, batched with the reads issued in the same window. */
    get(url: string, signal: AbortSignal, timeoutMs: number | undefined): Promise<Fetched> {
      if (refused) return deps.direct(url, signal, timeoutMs);
      return new Promise<Fetched>((resolve, reject) => {
        queue.push({ url, signal, timeoutMs, resolve, reject });
        if (queue.length >= maxSize) void flush();
        else timer ??= setTimeout(() => void flush(), windowMs);
      });
    },
    /**
     * The reads waiting for the window, taken to ride along in a batch of reads the caller sends
     * now (appended after its own entries): `settle` hands them their entries from `offset`,
     * `fail` sends them on their own.
     */
    ride(): { urls: string[]; settle(bundle: Bundle, offset: number): void; fail(): void } {
      const items = queue.length ? take() : [];
      return {
        urls: items.map((item) => item.url),
        settle: (bundle, offset) => settle(items, bundle, offset),
        fail: () => items.forEach(direct),
      };
    },
  };
}

/** The client's CapabilityStatement: fetched at most once (a failure is tried again later). */
export function createCapabilities(fetch: (full: boolean) => Promise<CapabilityStatement>): {
  get(full: boolean): Promise<CapabilityStatement>;
  known(): CapabilityStatement | undefined;
} {
  const pending: Partial<Record<'summary' | 'full', Promise<CapabilityStatement>>> = {};
  const got: Partial<Record<'summary' | 'full', CapabilityStatement>> = {};
  return {
    get(full) {
      const key = full ? 'full' : 'summary';
      return (pending[key] ??= fetch(full).then(
        (statement) => (got[key] = statement),
        (error: unknown) => {
          delete pending[key];
          throw error;
        },
      ));
    },
    known: () => got.full ?? got.summary,
  };
}

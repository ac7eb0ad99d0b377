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
 * The batcher never fetches the statement itself: a cold page pays no round trip for it.
 *
 * @module
 */
import { HttpError, ValidationError } from '../errors.ts';
import type { Bundle, CapabilityStatement } from '../fhir/index.ts';
import type { Fetched } from './cache.ts';
import { errorForStatus } from './errors.ts';

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

  async function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    const items = queue.filter((item) => !item.signal.aborted);
    for (const item of queue) if (item.signal.aborted) item.reject(item.signal.reason);
    queue = [];
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
    items.forEach((item, index) => {
      const entry = bundle.entry?.[index];
      const status = Number.parseInt(entry?.response?.status ?? '', 10);
      if (!entry || Number.isNaN(status)) return void direct(item);
      if (status >= 200 && status < 300) {
        return item.resolve({ body: entry.resource, text: JSON.stringify(entry.resource ?? null) });
      }
      const outcome = entry.response?.outcome ?? entry.resource;
      item.reject(errorForStatus(status, outcome, { method: 'GET', path: item.url }));
    });
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

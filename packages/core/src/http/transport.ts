/**
 * The transport: one ky instance per client. ky runs the attempts — the retry loop with
 * `retry.limit`, `retry.shouldRetry` and `retry.delay`, the per-attempt `timeout`, the abortable
 * waits and the hooks — over the wire stage (`wire.ts`: redirects, byte limit). This module
 * decides what ky cannot know: whether a request may be repeated ({@link isRetryable}, per-call
 * `retry` wins), how long to wait (`Retry-After` with a floor and jitter, capped; full-jitter
 * backoff otherwise; a total time budget), and it maps every failure in one place (`errors.ts`).
 *
 * @module
 */
import ky, {
  type AfterResponseHook,
  type BeforeRequestHook,
  type BeforeRetryHook,
  type KyInstance,
} from 'ky';
import type { TokenProvider } from '../auth/token.ts';
import {
  HealthError,
  HttpError,
  LimitError,
  errorForStatus,
  isTransient,
  parseLoose,
  redactPath,
  toHealthError,
  type Sent,
} from '../kernel.ts';
import { authHooks, stateOf, type AuthState } from './auth.ts';
import {
  isRetryable,
  retryAfterMs,
  retryDelayMs,
  type RetryPolicy,
  type TransportHooks,
} from './policy.ts';
import type { BundleRequestEntry } from './types.ts';
import { createWire } from './wire.ts';

export { isRetryable } from './policy.ts';

/** What the transport is built from (resolved `FhirClientOptions`). */
export interface TransportOptions extends TransportHooks {
  baseUrl: string;
  fetch: typeof fetch | undefined;
  token: TokenProvider | undefined;
  timeoutMs: number;
  /** `limit: 0` when the client was created with `retry: false`. */
  retry: RetryPolicy;
  maxResponseBytes: number;
  maxDepth: number;
  exposeSensitive: boolean;
  correlationHeader: string | false | undefined;
}

/** One request as the client stages send it. */
export interface SendInit {
  json?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  /** The caller's `retry`: it overrides {@link isRetryable}. */
  retry?: boolean | undefined;
  /** The entries of a batch or transaction, for {@link isRetryable}. */
  entries?: readonly BundleRequestEntry[];
}

/** A successful response, read and parsed. */
export interface Received {
  status: number;
  headers: Headers;
  /** The parsed JSON body (`undefined` for an empty body). */
  body: unknown;
  /** The body as received, for the cache and deferred validation. */
  text: string;
}

interface CallState extends AuthState {
  started: number;
  attemptStarted: number;
  attempt: number;
  requestId: string;
  status: number | undefined;
  retryable: boolean;
  nextDelay: number;
  timeoutMs: number;
}

const FHIR_JSON = 'application/fhir+json';
const ALL_METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete'] as const;

const newId = (): string =>
  globalThis.crypto?.randomUUID?.() ??
  Math.random().toString(36).slice(2) + Date.now().toString(36);

/** Throws `LimitError` when JSON `text` nests deeper than `max` arrays/objects. */
export function checkDepth(text: string, max: number, sent: Sent): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) {
        throw new LimitError(
          `${sent.method} ${redactPath(sent.path)} answered JSON nested deeper than ${max} levels (maxDepth). Raise limits.maxDepth if the data is legitimate.`,
          'maxDepth',
          max,
        );
      }
    } else if (c === 125 || c === 93) depth--;
  }
}

/** The transport of one client. */
export function createTransport(options: TransportOptions): {
  send(method: string, path: string, init?: SendInit): Promise<Received>;
} {
  const policy = options.retry;
  const auth = authHooks(options.token);
  const hookPath = (path: string) =>
    options.exposeSensitive ? path.split('?')[0]! : redactPath(path);
  const emit = <K extends keyof TransportHooks>(
    name: K,
    event: Parameters<NonNullable<TransportHooks[K]>>[0],
  ): void => {
    try {
      (options[name] as ((e: typeof event) => void) | undefined)?.(event);
    } catch {
      // Observability must never break a request.
    }
  };
  const event = (call: CallState) => ({
    method: call.method,
    path: hookPath(call.path),
    attempt: call.attempt,
    requestId: call.requestId,
  });

  const observeRequest: BeforeRequestHook = (request, kyOptions, { retryCount }) => {
    const call = stateOf<CallState>(kyOptions);
    call.attempt = retryCount + 1;
    call.requestId = newId();
    call.attemptStarted = Date.now();
    call.status = undefined;
    if (options.correlationHeader) request.headers.set(options.correlationHeader, call.requestId);
    emit('onRequest', event(call));
  };
  const observeResponse: AfterResponseHook = (_request, kyOptions, response) => {
    const call = stateOf<CallState>(kyOptions);
    call.status = response.status;
    if (response.ok) {
      emit('onResponse', {
        ...event(call),
        status: response.status,
        durationMs: Date.now() - call.attemptStarted,
      });
    }
  };
  const observeRetry: BeforeRetryHook = async ({ error, options: kyOptions }) => {
    const call = stateOf<CallState>(kyOptions);
    const failure =
      error.name === 'ForceRetryError'
        ? errorForStatus(401, undefined, call)
        : await toHealthError(error, call, call.timeoutMs);
    emit('onError', {
      ...event(call),
      status: call.status,
      durationMs: Date.now() - call.attemptStarted,
      error: failure,
      willRetry: true,
    });
  };

  /** ky's `retry.shouldRetry`: the transport's whole retry decision, and the wait it chose. */
  const shouldRetry = (call: CallState, error: Error, retryCount: number): boolean => {
    const retry = retryCount - call.replays;
    if (!call.retryable || retry > policy.limit || call.signal?.aborted) return false;
    let after: number | undefined;
    const response = (error as { response?: Response }).response;
    if (error.name === 'HTTPError' && response) {
      if (!policy.statusCodes.includes(response.status)) return false;
      after = retryAfterMs(response.headers.get('retry-after'));
    } else if (error instanceof HealthError && !isTransient(error)) return false;
    const delay = retryDelayMs(retry, after, policy);
    if (delay === undefined || Date.now() + delay - call.started > policy.budgetMs) return false;
    call.nextDelay = delay;
    return true;
  };

  const fetchFn = options.fetch ?? ((input: Request) => globalThis.fetch(input));
  const api: KyInstance = ky.create({
    prefixUrl: options.baseUrl + '/',
    fetch: createWire({
      fetch: (input) => fetchFn(input),
      baseUrl: options.baseUrl,
      maxResponseBytes: options.maxResponseBytes,
    }),
    redirect: 'manual',
    throwHttpErrors: true,
    hooks: {
      beforeRequest: [auth.beforeRequest, observeRequest],
      afterResponse: [observeResponse, auth.afterResponse],
      beforeRetry: [observeRetry],
    },
  });

  async function send(method: string, rawPath: string, init: SendInit = {}): Promise<Received> {
    const path = rawPath.replace(/^\/+/, '');
    const headers: Record<string, string> = { accept: FHIR_JSON, ...init.headers };
    if (init.json !== undefined) headers['content-type'] = init.contentType ?? FHIR_JSON;
    const timeoutMs = init.timeoutMs ?? options.timeoutMs;
    const call: CallState = {
      method,
      path,
      signal: init.signal,
      token: undefined,
      fresh: undefined,
      refreshTried: false,
      replays: 0,
      started: Date.now(),
      attemptStarted: Date.now(),
      attempt: 0,
      requestId: '',
      status: undefined,
      retryable:
        init.retry ??
        isRetryable({
          method,
          ifNoneExist: headers['if-none-exist'],
          ifMatch: headers['if-match'],
          entries: init.entries,
        }),
      nextDelay: 0,
      timeoutMs,
    };
    try {
      const response = await api(path, {
        method,
        headers,
        ...(init.json !== undefined ? { json: init.json } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
        timeout: timeoutMs,
        context: { call },
        retry: {
          // One more than the policy allows: the 401 replay is ky's forced retry, not a retry.
          limit: policy.limit + 1,
          methods: [...ALL_METHODS],
          shouldRetry: ({ error, retryCount }) => shouldRetry(call, error, retryCount),
          delay: () => call.nextDelay,
          backoffLimit: Number.POSITIVE_INFINITY,
          retryOnTimeout: true,
        },
      });
      const text = await response.text();
      let body: unknown;
      if (text) {
        checkDepth(text, options.maxDepth, call);
        body = parseLoose(text);
        if (body === undefined) {
          // JSON of the wrong shape (`null`, an array) is the validation stage's to report.
          throw new HttpError(
            `${method} ${redactPath(path)} answered ${response.status} with a body that is not FHIR JSON. A proxy or the server is misbehaving; check the server address.`,
            { status: response.status, request: { method, path: redactPath(path) } },
          );
        }
      }
      return { status: response.status, headers: response.headers, body, text };
    } catch (error) {
      if (init.signal?.aborted) throw init.signal.reason;
      const failure = await toHealthError(error, call, timeoutMs);
      emit('onError', {
        ...event(call),
        status: call.status ?? (failure instanceof HttpError ? failure.status : undefined),
        durationMs: Date.now() - call.attemptStarted,
        error: failure,
        willRetry: false,
      });
      throw failure;
    }
  }

  return { send };
}

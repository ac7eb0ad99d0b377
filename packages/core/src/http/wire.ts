/**
 * The wire: the `fetch` ky calls. It sends each request with `redirect: 'manual'`, follows a
 * redirect only to the same origin and only for GET/HEAD, and reads the whole body with a byte
 * limit before ky sees the response, so ky's per-attempt `timeout` covers a slow body too and a
 * body cut off mid-stream is a retryable failure of the attempt, not a `SyntaxError` later.
 *
 * @module
 */
import {
  LimitError,
  RedirectError,
  cutOff,
  redactPath,
  sanitiseCause,
  type Sent,
} from '../kernel.ts';

/** What the wire needs to know. */
export interface WireOptions {
  /** The `fetch` to call (the injected one, else the global one at call time). */
  fetch: (input: Request, init?: RequestInit) => Promise<Response>;
  /** The FHIR base URL without a trailing slash. */
  baseUrl: string;
  /** Largest body accepted, in bytes. */
  maxResponseBytes: number;
}

const MAX_HOPS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([101, 204, 205, 304]);

/** `fetch` with the redirect policy and a byte limit, handing ky a fully read response. */
export function createWire(options: WireOptions): typeof fetch {
  const origin = new URL(options.baseUrl).origin;
  const sentOf = (request: Request): Sent => {
    const url = request.url;
    const path = url.startsWith(options.baseUrl) ? url.slice(options.baseUrl.length + 1) : '';
    return { method: request.method, path };
  };

  async function wire(input: Request, init?: RequestInit): Promise<Response> {
    let request = input;
    for (let hop = 0; ; hop++) {
      const response = await options.fetch(request, init);
      const sent = sentOf(request);
      if (response.type === 'opaqueredirect' || REDIRECTS.has(response.status)) {
        void response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        const to = location ? new URL(location, request.url) : undefined;
        const readOnly = request.method === 'GET' || request.method === 'HEAD';
        if (to && to.origin === origin && readOnly && hop < MAX_HOPS) {
          request = new Request(to, request);
          continue;
        }
        const shown = redactPath(sent.path);
        const why = !to
          ? 'to a target the runtime hides (a browser never shows where a manual redirect goes)'
          : to.origin !== origin
            ? `to another origin (${to.origin})`
            : readOnly
              ? `more than ${MAX_HOPS} times`
              : 'for a request with a body';
        throw new RedirectError(
          `${sent.method} ${shown} was redirected ${why}; the SDK does not follow it, so no token or body leaves for another host. Use the server's final FHIR base URL.`,
          {
            status: response.status,
            request: { method: sent.method, path: shown },
            location: to?.origin,
            cause: sanitiseCause(new Error('redirect not followed'), sent, response.status),
          },
        );
      }
      return read(response, sent, request.signal);
    }
  }

  async function read(response: Response, sent: Sent, signal: AbortSignal): Promise<Response> {
    const max = options.maxResponseBytes;
    const tooLarge = () =>
      new LimitError(
        `${sent.method} ${redactPath(sent.path)} answered more than ${max} bytes (maxResponseBytes). Page the search with _count, or raise limits.maxResponseBytes.`,
        'maxResponseBytes',
        max,
      );
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > max && !response.headers.get('content-encoding')) {
      void response.body?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    const init = {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    };
    if (!response.body || NULL_BODY.has(response.status)) return new Response(null, init);
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > max) {
          void reader.cancel().catch(() => undefined);
          throw tooLarge();
        }
        chunks.push(value);
      }
    } catch (error) {
      if (error instanceof LimitError) throw error;
      if (signal.aborted) throw signal.reason;
      throw cutOff(response.status, sent, error);
    }
    const body = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      body.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return new Response(body, init);
  }

  return wire as typeof fetch;
}

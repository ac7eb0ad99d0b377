/**
 * Browser commands (vitest `browser.commands`, run in the Node process) that put a counting proxy
 * between a page and the sandbox: every request the page sends reaches the sandbox through it,
 * and it logs what went over the wire — method, path, status, the bytes of each request and
 * response as transmitted (headers and body, gzip included), and the URLs inside a batch. A test
 * measures requests and bytes from outside the SDK, so it cannot be fooled by the SDK's own
 * counting.
 *
 * In a browser test: `import { commands } from 'vitest/browser'`, then
 * `const proxy = await commands.startFhirProxy(inject('sandboxUrl'))`, give `proxy.baseUrl` to
 * the page, and read `await commands.fhirProxyLog(proxy.id, { quietMs })`.
 */
import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserCommand } from 'vitest/node';

/** One exchange the proxy forwarded. */
export interface ProxiedExchange {
  method: string;
  /** Path and query below the FHIR base (`''` for the base itself: a batch or transaction). */
  path: string;
  status: number;
  /** Request line, headers and body, in bytes. */
  requestBytes: number;
  /** Status line, headers and body as sent (compressed when the server compressed it). */
  responseBytes: number;
  /** The GET URLs of a batch's entries (empty for other requests). */
  entries: string[];
}

/** What {@link fhirProxyLog} answers. */
export interface ProxyLog {
  exchanges: ProxiedExchange[];
  /** CORS preflights (`OPTIONS`), logged apart: the browser's, not the SDK's. */
  preflights: number;
}

interface Running {
  server: Server;
  base: string;
  log: ProxyLog;
  inFlight: number;
  lastActivity: number;
}

const running = new Map<string, Running>();

/** Bytes of a header block as it goes on the wire (`name: value\r\n` each, a blank line). */
const headerBytes = (firstLine: string, raw: readonly string[]): number => {
  let n = Buffer.byteLength(`${firstLine}\r\n\r\n`);
  for (let i = 0; i < raw.length; i += 2) n += Buffer.byteLength(`${raw[i]}: ${raw[i + 1]}\r\n`);
  return n;
};

const body = (message: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (c: Buffer) => chunks.push(c));
    message.on('end', () => resolve(Buffer.concat(chunks)));
    message.on('error', reject);
  });

function batchEntries(text: string): string[] {
  try {
    const bundle = JSON.parse(text) as {
      entry?: { request?: { method?: string; url?: string } }[];
    };
    return (bundle.entry ?? []).map((e) => `${e.request?.method ?? '?'} ${e.request?.url ?? '?'}`);
  } catch {
    return [];
  }
}

/** Start a proxy in front of `target` (a loopback FHIR base URL); answers its base URL and id. */
export const startFhirProxy: BrowserCommand<[target: string]> = async (_context, target) => {
  const upstream = new URL(target);
  if (upstream.hostname !== '127.0.0.1' && upstream.hostname !== 'localhost') {
    throw new Error(`startFhirProxy only proxies a local sandbox, not ${upstream.host}`);
  }
  const base = upstream.pathname.replace(/\/$/, '');
  const state: Running = {
    server: createServer(),
    base,
    log: { exchanges: [], preflights: 0 },
    inFlight: 0,
    lastActivity: Date.now(),
  };
  state.server.on('request', (req, res) => {
    state.inFlight++;
    state.lastActivity = Date.now();
    void body(req).then((sent) => {
      const out = forward(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (up) => {
          void body(up).then((received) => {
            const status = up.statusCode ?? 502;
            res.writeHead(status, up.rawHeaders);
            res.end(received);
            const method = req.method ?? 'GET';
            if (method === 'OPTIONS') state.log.preflights++;
            else {
              const path = (req.url ?? '/').replace(/^\/+/, '/');
              const text = sent.toString('utf8');
              state.log.exchanges.push({
                method,
                path: path.startsWith(`${base}/`) ? path.slice(base.length + 1) : path,
                status,
                requestBytes:
                  headerBytes(`${method} ${req.url} HTTP/1.1`, req.rawHeaders) + sent.length,
                responseBytes:
                  headerBytes(`HTTP/1.1 ${status} ${up.statusMessage ?? ''}`, up.rawHeaders) +
                  received.length,
                entries: method === 'POST' && text.includes('"batch"') ? batchEntries(text) : [],
              });
            }
            state.inFlight--;
            state.lastActivity = Date.now();
          });
        },
      );
      out.on('error', () => {
        res.destroy();
        state.inFlight--;
      });
      out.end(sent);
    });
  });
  await new Promise<void>((resolve) => state.server.listen(0, '127.0.0.1', resolve));
  const { port } = state.server.address() as AddressInfo;
  const id = String(port);
  running.set(id, state);
  return { id, baseUrl: `http://127.0.0.1:${port}${base}` };
};

/**
 * The proxy's log, once nothing has been in flight for `quietMs` (so a request still being sent
 * after the page shows its data is counted); `reset` starts a fresh log after reading.
 */
export const fhirProxyLog: BrowserCommand<
  [id: string, options?: { quietMs?: number; reset?: boolean }]
> = async (_context, id, options = {}) => {
  const state = running.get(id);
  if (!state) throw new Error(`No proxy ${id}`);
  const quietMs = options.quietMs ?? 500;
  const deadline = Date.now() + 20_000;
  while (state.inFlight > 0 || Date.now() - state.lastActivity < quietMs) {
    if (Date.now() > deadline) throw new Error(`Proxy ${id} never went quiet`);
    await new Promise((r) => setTimeout(r, 25));
  }
  const log = structuredClone(state.log);
  if (options.reset) state.log = { exchanges: [], preflights: 0 };
  return log;
};

/** Stop a proxy started by {@link startFhirProxy}. */
export const stopFhirProxy: BrowserCommand<[id: string]> = async (_context, id) => {
  const state = running.get(id);
  running.delete(id);
  if (!state) return;
  state.server.closeAllConnections();
  await new Promise<void>((resolve) => state.server.close(() => resolve()));
};

/** The commands, for `browser.commands` in vitest.config.ts. */
export const fhirProxyCommands = { startFhirProxy, fhirProxyLog, stopFhirProxy };

declare module 'vitest/browser' {
  interface BrowserCommands {
    startFhirProxy(target: string): Promise<{ id: string; baseUrl: string }>;
    fhirProxyLog(id: string, options?: { quietMs?: number; reset?: boolean }): Promise<ProxyLog>;
    stopFhirProxy(id: string): Promise<void>;
  }
}

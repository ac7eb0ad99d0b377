/**
 * A tiny proxy that forwards every request and, for the ones a rule picks, lets the server do the
 * work but drops the response (destroys the socket) when it succeeded — the client sees a network
 * failure for a request that actually took effect, and must recover without duplicating
 * anything. Every request that reached the server is logged, so a test can count attempts.
 */
import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the proxy forwarded. */
export interface ProxiedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  /** Path and query as sent. */
  url: string;
  /** The request body as text (`''` for none). */
  body: string;
  /** The `x-test-client` header: which client of a test sent it (see {@link taggedFetch}). */
  client: string;
  /** The upstream status. */
  status: number;
  /** True when the proxy dropped the (successful) response. */
  dropped: boolean;
}

export interface DropProxy {
  /** `http://127.0.0.1:port` + the upstream path prefix. */
  baseUrl: string;
  /** Successful responses dropped so far, by `METHOD path`. */
  dropped: string[];
  /** Every request forwarded, in the order their answers came back. */
  requests: ProxiedRequest[];
  /** Every request refused (never forwarded). */
  refused: OutgoingRequest[];
  close(): Promise<void>;
}

/** What the proxy sees of a request before forwarding it. */
export type OutgoingRequest = Omit<ProxiedRequest, 'status' | 'dropped'>;

/**
 * `shouldDrop` decides per successful response (status < 300); `shouldRefuse`, when given, per
 * request before it is forwarded: a refused request never reaches the server (the connection is
 * reset), so nothing it asked for happens and every retry of it fails the same way.
 */
export async function startDropProxy(
  target: string,
  shouldDrop: (request: Omit<ProxiedRequest, 'dropped'>) => boolean,
  shouldRefuse: (request: OutgoingRequest) => boolean = () => false,
): Promise<DropProxy> {
  const upstream = new URL(target);
  const dropped: string[] = [];
  const requests: ProxiedRequest[] = [];
  const refused: OutgoingRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const outgoing: OutgoingRequest = {
        method: req.method ?? 'GET',
        path: (req.url ?? '/').split('?')[0] ?? '/',
        url: req.url ?? '/',
        body: body.toString('utf8'),
        client: String(req.headers['x-test-client'] ?? ''),
      };
      if (shouldRefuse(outgoing)) {
        refused.push(outgoing);
        req.socket.destroy();
        return;
      }
      const headers = {
        ...req.headers,
        host: upstream.host,
        'content-length': String(body.length),
      };
      const out = forward(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers,
        },
        (up) => {
          const parts: Buffer[] = [];
          up.on('data', (c: Buffer) => parts.push(c));
          up.on('end', () => {
            const seen = { ...outgoing, status: up.statusCode ?? 502 };
            const drop = seen.status < 300 && shouldDrop(seen);
            requests.push({ ...seen, dropped: drop });
            if (drop) {
              dropped.push(`${seen.method} ${seen.path}`);
              req.socket.destroy();
              return;
            }
            const payload = Buffer.concat(parts);
            const outHeaders = { ...up.headers, 'content-length': String(payload.length) };
            delete outHeaders['transfer-encoding'];
            res.writeHead(seen.status, outHeaders);
            res.end(payload);
          });
        },
      );
      out.on('error', () => res.destroy());
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/$/, '')}`,
    dropped,
    requests,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A `fetch` that marks every request with `x-test-client: name`, so the proxy tells the clients
 * of one test apart (each has its own lossy link).
 */
export function taggedFetch(name: string): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    request.headers.set('x-test-client', name);
    return fetch(request);
  };
}

/**
 * A rule for {@link startDropProxy} that drops each distinct request (client, method, URL and
 * body) at most once, when `pick` chooses it: a lossy link on which a retry of the same request
 * gets through, so a client that retries at all recovers, and one that never retries fails.
 */
export function dropFirstOf(
  pick: (request: Omit<ProxiedRequest, 'dropped'>) => boolean,
): (request: Omit<ProxiedRequest, 'dropped'>) => boolean {
  const seen = new Set<string>();
  return (request) => {
    const key = `${request.client} ${request.method} ${request.url}\n${request.body}`;
    if (seen.has(key) || !pick(request)) return false;
    seen.add(key);
    return true;
  };
}

/** The transaction Bundles among `requests` that carry an Appointment with this reason. */
export function bookingAttempts(requests: readonly OutgoingRequest[], reason: string): number {
  return requests.filter((r) => {
    if (r.method !== 'POST' || !r.body.includes('"transaction"')) return false;
    const bundle = JSON.parse(r.body) as {
      entry?: { resource?: { resourceType?: string; reasonCode?: { text?: string }[] } }[];
    };
    return (bundle.entry ?? []).some(
      (e) =>
        e.resource?.resourceType === 'Appointment' && e.resource.reasonCode?.[0]?.text === reason,
    );
  }).length;
}

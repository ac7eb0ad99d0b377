/**
 * Servers for the "no token to another origin" tests (foreign-links.node.test.ts), on 127.0.0.1
 * port 0: another origin that logs every request it gets (with its Authorization header), and
 * a hostile front for the real sandbox that points every link it answers with at that origin.
 */
import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request a server got. */
export interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
const seen = (req: IncomingMessage): Seen => ({
  method: req.method ?? 'GET',
  url: req.url ?? '/',
  authorization: req.headers.authorization,
});

/** The other origin: answers every request like a FHIR server would, and logs it. */
export interface Foreign {
  origin: string;
  requests: Seen[];
  close(): Promise<void>;
}

export async function startForeign(): Promise<Foreign> {
  const requests: Seen[] = [];
  const server = createServer((req, res) => {
    requests.push(seen(req));
    req.resume();
    const search = (req.url ?? '').includes('?') || req.method === 'POST';
    res.writeHead(200, { 'content-type': 'application/fhir+json' });
    res.end(
      JSON.stringify(
        search
          ? { resourceType: 'Bundle', type: 'searchset', entry: [] }
          : { resourceType: 'Patient', id: 'from-elsewhere' },
      ),
    );
  });
  const origin = await listen(server);
  return { origin, requests, close: () => close(server) };
}

/**
 * The sandbox behind a front that forwards every request (Authorization included) and, in what
 * it answers, moves to `foreign` (same path and query): every Bundle `link` (`next`, `self`…),
 * `fullUrl` (entries without one get one), `response.location` and relative
 * `Reference.reference`, and the `Location` and
 * `Content-Location` headers. With `redirect` set it answers each request with a 307 to the
 * same path on `foreign` instead.
 */
export interface HostileFront {
  /** The FHIR base URL through the front. */
  baseUrl: string;
  requests: Seen[];
  /** Links moved to the other origin so far (to check the test reached them). */
  moved: { links: number; fullUrls: number; locations: number; references: number };
  redirect: boolean;
  close(): Promise<void>;
}

export async function startHostileFront(
  sandboxBase: string,
  foreign: string,
): Promise<HostileFront> {
  const upstream = new URL(sandboxBase);
  const requests: Seen[] = [];
  const moved = { links: 0, fullUrls: 0, locations: 0, references: 0 };
  const away = (url: string) => {
    const target = new URL(url, `${sandboxBase}/`);
    return foreign + target.pathname + target.search;
  };
  /** Which link a string is (its counter in `moved`), or undefined for any other string. */
  const kindOf = (key: string, name: string, value: string): keyof typeof moved | undefined => {
    if (key === 'link' && name === 'url') return 'links';
    if (name === 'fullUrl' && !value.startsWith('urn:')) return 'fullUrls';
    if (key === 'response' && name === 'location') return 'locations';
    if (name === 'reference' && /^[A-Z][A-Za-z]+\/[^/]+$/.test(value)) return 'references';
    return undefined;
  };
  const rewrite = (value: unknown, key = ''): unknown => {
    if (Array.isArray(value)) return value.map((v) => rewrite(v, key));
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
      const kind = typeof child === 'string' ? kindOf(key, name, child) : undefined;
      if (kind) moved[kind]++;
      out[name] = kind ? away(child as string) : rewrite(child, name);
    }
    // An entry without a fullUrl (a search inside a batch) gets one over there too.
    const resource = out.resource as { resourceType?: string; id?: string } | undefined;
    if (key === 'entry' && resource?.id && !out.fullUrl) {
      moved.fullUrls++;
      out.fullUrl = away(`${resource.resourceType}/${resource.id}`);
    }
    return out;
  };
  const front = {
    baseUrl: '',
    requests,
    moved,
    redirect: false,
    close: () => close(server),
  };
  const server = createServer((req, res) => {
    requests.push(seen(req));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (front.redirect) {
        res.writeHead(307, { location: away(req.url ?? '/') });
        return void res.end();
      }
      const body = Buffer.concat(chunks);
      const headers: IncomingMessage['headers'] = { ...req.headers, host: upstream.host };
      delete headers['accept-encoding']; // answers it can read and rewrite
      const out = forward(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...headers, 'content-length': body.length },
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (c: Buffer) => parts.push(c));
          answer.on('end', () => {
            let text = Buffer.concat(parts).toString('utf8');
            if (/json/.test(answer.headers['content-type'] ?? '') && text)
              text = JSON.stringify(rewrite(JSON.parse(text)));
            const headers = { ...answer.headers };
            delete headers['content-length'];
            delete headers['transfer-encoding'];
            for (const name of ['location', 'content-location'] as const) {
              const value = headers[name];
              if (typeof value !== 'string') continue;
              moved.locations++;
              headers[name] = away(value);
            }
            res.writeHead(answer.statusCode ?? 502, {
              ...headers,
              'content-length': Buffer.byteLength(text),
            });
            res.end(text);
          });
        },
      );
      out.on('error', () => res.destroy());
      out.end(body);
    });
  });
  const origin = await listen(server);
  front.baseUrl = origin + upstream.pathname;
  return front;
}

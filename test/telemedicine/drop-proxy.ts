/**
 * A tiny proxy that forwards every request and, for the ones a rule picks, lets the server do the
 * work but drops the response (destroys the socket) when it succeeded — the client sees a network
 * failure for a request that actually took effect, and must retry without duplicating anything.
 */
import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DropProxy {
  /** `http://127.0.0.1:port` + the upstream path prefix. */
  baseUrl: string;
  /** Successful responses dropped so far, by `METHOD path`. */
  dropped: string[];
  close(): Promise<void>;
}

/** `shouldDrop` decides per successful response (method, path, status). */
export async function startDropProxy(
  target: string,
  shouldDrop: (method: string, path: string, status: number) => boolean,
): Promise<DropProxy> {
  const upstream = new URL(target);
  const dropped: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
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
            const status = up.statusCode ?? 502;
            const path = (req.url ?? '/').split('?')[0] ?? '/';
            if (status < 300 && shouldDrop(req.method ?? 'GET', path, status)) {
              dropped.push(`${req.method} ${path}`);
              req.socket.destroy();
              return;
            }
            const payload = Buffer.concat(parts);
            const outHeaders = { ...up.headers, 'content-length': String(payload.length) };
            delete outHeaders['transfer-encoding'];
            res.writeHead(status, outHeaders);
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

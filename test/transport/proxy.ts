/**
 * A fault-injecting HTTP proxy (node:http) between the SDK and a FHIR server. Every request is
 * logged; queued faults apply to the next matching requests, everything else is forwarded.
 */
import {
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  /** Answer with this status (and headers/body) without contacting the server. */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** Destroy the connection before any response byte. */
  | { kind: 'reset' }
  /** Accept the request and never answer. */
  | { kind: 'stall' }
  /** Forward, then send only half of the body while declaring its full length. */
  | { kind: 'truncate' }
  /** Forward, then send the body in small chunks `delayMs` apart. */
  | { kind: 'drip'; delayMs: number; chunkBytes?: number };

export interface LoggedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

export interface FaultProxy {
  /** `http://127.0.0.1:port` */
  origin: string;
  /** Requests seen, in order. */
  requests: LoggedRequest[];
  /** Queue a fault for the next `times` requests that match. */
  inject(
    fault: Fault,
    options?: { times?: number; match?: (request: LoggedRequest) => boolean },
  ): void;
  /** Forget the log and pending faults. */
  reset(): void;
  /** Requests whose path (without query) ends with `suffix` and method matches. */
  count(method: string, suffix?: string): number;
  close(): Promise<void>;
}

export const html502 = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>`;

export async function startProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  let faults: { fault: Fault; times: number; match?: (r: LoggedRequest) => boolean }[] = [];
  const requests: LoggedRequest[] = [];

  const pass = (
    logged: LoggedRequest,
    res: ServerResponse,
    onResponse: (status: number, headers: IncomingMessage['headers'], body: Buffer) => void,
  ) => {
    const headers = { ...logged.headers, host: upstream.host };
    delete headers['content-length'];
    const out = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: logged.method,
        path: logged.url,
        headers: { ...headers, 'content-length': Buffer.byteLength(logged.body) },
      },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => onResponse(up.statusCode ?? 502, up.headers, Buffer.concat(chunks)));
      },
    );
    out.on('error', () => res.destroy());
    out.end(logged.body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const logged: LoggedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      requests.push(logged);
      const slot = faults.find((f) => f.times > 0 && (!f.match || f.match(logged)));
      if (slot) slot.times--;
      const fault = slot?.fault;
      if (!fault) {
        return pass(logged, res, (status, headers, body) => {
          delete headers['transfer-encoding'];
          res.writeHead(status, { ...headers, 'content-length': body.length });
          res.end(body);
        });
      }
      switch (fault.kind) {
        case 'status':
          res.writeHead(fault.status, {
            'content-type': 'application/fhir+json',
            ...fault.headers,
          });
          res.end(fault.body ?? '');
          return;
        case 'reset':
          req.socket.destroy();
          return;
        case 'stall':
          return;
        case 'truncate':
          return pass(logged, res, (status, headers, body) => {
            delete headers['transfer-encoding'];
            res.writeHead(status, { ...headers, 'content-length': body.length });
            res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
          });
        case 'drip':
          return pass(logged, res, (status, headers, body) => {
            delete headers['transfer-encoding'];
            res.writeHead(status, { ...headers, 'content-length': body.length });
            const size = fault.chunkBytes ?? 16;
            let offset = 0;
            const tick = () => {
              if (res.destroyed) return;
              if (offset >= body.length) return void res.end();
              res.write(body.subarray(offset, offset + size));
              offset += size;
              setTimeout(tick, fault.delayMs);
            };
            tick();
          });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    inject(fault, options = {}) {
      faults.push({
        fault,
        times: options.times ?? 1,
        ...(options.match ? { match: options.match } : {}),
      });
    },
    reset() {
      requests.length = 0;
      faults = [];
    },
    count(method, suffix = '') {
      return requests.filter((r) => r.method === method && r.url.split('?')[0]!.endsWith(suffix))
        .length;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// A plain node:http server: GET / fetches the patient's data from the FHIR server with
// @vnhealth/core, renders the page with @lit-labs/ssr (page.ts) and sends it; /dist/* serves the
// client bundle (`npm run build`). Settings from the environment: SANDBOX_URL, PORT, HOST.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { createHealthClient } from '@vnhealth/core';
// The elements must be registered on the server too: the render instantiates them.
import '@vnhealth/components/define.js';
import { renderPage } from './page.ts';

const sandboxUrl = process.env.SANDBOX_URL ?? 'http://127.0.0.1:8787/fhir/R4';
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const health = createHealthClient({ baseUrl: sandboxUrl });
const dist = join(import.meta.dirname, 'dist');
const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
};

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  try {
    if (url.pathname.startsWith('/dist/')) {
      const file = normalize(join(dist, url.pathname.slice('/dist/'.length)));
      if (!file.startsWith(dist)) return void response.writeHead(403).end();
      const body = await readFile(file).catch(() => undefined);
      if (!body) return void response.writeHead(404).end('Not found (did you run npm run build?)');
      response.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
      });
      return void response.end(body);
    }
    if (url.pathname !== '/') return void response.writeHead(404).end('Not found');
    const html = await renderPage({
      health,
      sandboxUrl,
      patientId: url.searchParams.get('patient') ?? 'vnh-pt-001',
      childId: url.searchParams.get('child') ?? 'vnh-pt-003',
      lang: url.searchParams.get('lang') === 'en' ? 'en' : 'vi',
    });
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  } catch (error) {
    // Never the server's raw error text on the page; the log has the kind of error only.
    console.error(`GET ${url.pathname} failed:`, error instanceof Error ? error.name : error);
    response.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(`Could not load the patient from ${sandboxUrl}.`);
  }
});

server.listen(port, host, () => {
  const { port: actual } = server.address() as AddressInfo;
  process.stdout.write(`Listening on http://${host}:${actual} (FHIR server ${sandboxUrl})\n`);
});

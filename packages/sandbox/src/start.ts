import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { badRequest } from '@medplum/core';
import { FhirRouter } from '@medplum/fhir-router';
import type { CapabilityStatement } from '@medplum/fhirtypes';
import { handleSmart } from './smart/index.ts';
import type { SandboxClient } from './smart/index.ts';
import { buildCapabilityStatement, summariseCapabilityStatement } from './server/capability.ts';
import { indexFhirDefinitions } from './server/definitions.ts';
import { createFhirHandler, sendOutcome } from './server/http.ts';
import { DEFAULT_LIMITS, hasDotSegment } from './server/limits.ts';
import type { SandboxLimits } from './server/limits.ts';
import { SandboxRepository } from './server/repository.ts';
import type { TokenAccess } from './auth/guard.ts';
import { SEED_LAST_UPDATED, generateSeed, seedAnchor } from './seed/index.ts';
import type { SeedProgress } from './seed/index.ts';

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** TCP port; `0` picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** PRNG seed: the same seed gives byte-identical data. @default 42 */
  seed?: number;
  /** Number of generated patients besides the fixed demo patients. @default 200 */
  patients?: number;
  /** Number of practitioners. @default derived from `patients` (1,700 at 300,000) */
  practitioners?: number;
  /**
   * The time anchor of slots and of children's ages: the start of this day in Asia/Ho_Chi_Minh.
   * @default the current day
   */
  now?: Date;
  /** Print nothing. @default false */
  quiet?: boolean;
  /** Called while seeding (the CLI draws its progress bar with it). */
  onProgress?: (progress: SeedProgress) => void;
  /** Validate resources written through the API against the R4 definitions. @default true */
  validate?: boolean;
  /**
   * `required`: FHIR requests (except exactly `GET {base}/metadata` and SMART discovery) need an
   * access token from the sandbox's development SMART server (`/auth/*`), may do only what its
   * scopes allow (`patient/` scopes: the launch patient's compartment), and every access to a
   * patient's record is recorded as an AuditEvent. `optional`: the sandbox is open; tokens are
   * not checked. See the package README, "Authorisation".
   * @default 'optional'
   */
  auth?: 'optional' | 'required';
  /**
   * Apps (`redirect_uris`, `launch_url`) and backend clients (`jwks` or a loopback `jwks_url`)
   * registered from the start; others register at `POST /auth/register` from the same machine.
   */
  clients?: SandboxClient[];
  /**
   * Request limits: body caps (FHIR and `/auth/*`), batch/transaction entries, the largest
   * `_count`, and the time to receive a request. Unset fields keep their defaults.
   * @default DEFAULT_LIMITS (10 MiB, 64 KiB, 1000 entries, 10,000 matches a batch, `_count` 1000, 30 s)
   */
  limits?: Partial<SandboxLimits>;
}

/** A running sandbox. */
export interface Sandbox {
  /** FHIR base URL, e.g. `http://127.0.0.1:8787/fhir/R4`. */
  baseUrl: string;
  /** Scheme + host + port, e.g. `http://127.0.0.1:8787`. */
  origin: string;
  /** Resources loaded by the seed, per resource type. */
  counts: Record<string, number>;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

const VERSION = '0.1.0';

/**
 * Starts a seeded FHIR R4 sandbox server.
 *
 * @example
 * const sandbox = await startSandbox({ port: 0, seed: 42 });
 * const res = await fetch(`${sandbox.baseUrl}/Patient/vnh-pt-001`);
 * await sandbox.close();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  indexFhirDefinitions();
  const repo = new SandboxRepository({ validate: options.validate ?? true });
  const router = new FhirRouter();

  const seedOptions = {
    seed: options.seed ?? 42,
    patients: options.patients ?? 200,
    practitioners: options.practitioners,
    now: seedAnchor(options.now ?? new Date()),
  };
  for (const chunk of generateSeed({ ...seedOptions, onProgress: options.onProgress })) {
    repo.loadSeed(chunk, SEED_LAST_UPDATED);
  }
  const counts = repo.counts();
  const limits: SandboxLimits = { ...DEFAULT_LIMITS, ...options.limits };

  type Handler = (
    req: IncomingMessage,
    res: ServerResponse,
    access: TokenAccess | undefined,
  ) => Promise<void>;
  // The FHIR handler needs the origin, which is known once the server listens.
  const state: { handler?: Handler; origin: string } = { origin: 'http://127.0.0.1' };
  // Node answers 408 when a request's headers and body take longer than requestTimeout (a
  // slow or stalled upload cannot hold a connection); it checks every connectionsCheckingInterval.
  const timeout = limits.requestTimeoutMs;
  const serverOptions = {
    requestTimeout: timeout,
    headersTimeout: Math.min(timeout, 60_000),
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(timeout / 4))),
  };
  const server = createServer(serverOptions, (req, res) => {
    void (async () => {
      if (hasDotSegment(req.url ?? '/')) {
        // `new URL` would resolve them, so `/Patient/x/../metadata` would be checked as one
        // route and served as another: refuse them.
        await sendOutcome(
          req,
          res,
          badRequest('Dot segments (. or ..) are not allowed in the path'),
        );
        return;
      }
      const url = new URL(req.url ?? '/', state.origin);
      const smart = await handleSmart(req, res, url, {
        origin: state.origin,
        requireAuth: options.auth === 'required',
        maxBodyBytes: limits.maxAuthBodyBytes,
        ...(options.clients ? { clients: options.clients } : {}),
      });
      if (smart.handled) return;
      await state.handler?.(req, res, smart.access);
    })().catch((err: unknown) => {
      if (!res.headersSent) {
        void sendOutcome(req, res, {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'exception', details: { text: String(err) } }],
        });
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const publicHost =
    host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const origin = `http://${publicHost}:${port}`;
  state.origin = origin;
  const baseUrl = `${origin}/fhir/R4`;
  let capability: CapabilityStatement | undefined;
  let summary: CapabilityStatement | undefined;
  const statement = () =>
    (capability ??= buildCapabilityStatement(
      baseUrl,
      { version: VERSION },
      options.auth ?? 'optional',
    ));
  state.handler = createFhirHandler({
    router,
    repo,
    origin,
    capabilityStatement: statement,
    capabilitySummary: () => (summary ??= summariseCapabilityStatement(statement())),
    limits,
    audit: options.auth === 'required',
  });

  return {
    baseUrl,
    origin,
    counts,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

// `npm start`: the sandbox FHIR server and the demo portal's Vite dev server, together.
// Runs straight from TypeScript on Node 24 (type stripping), so: erasable TypeScript only.
// Needs no build: workspace packages resolve to source through the `vnhealth-source` condition
// (Vite's resolve.conditions for the page, a module resolve hook for the sandbox here).
//
// The functions are exported for the end-to-end tests (test/e2e/), which start both the same way.
import type { InlineConfig } from 'vite';
import { useSourceCondition } from '../packages/sandbox/src/source-condition.ts';
import { createServer as createNetServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const portalRoot = join(root, 'examples', 'portal');
export const portalViteConfig = join(portalRoot, 'vite.config.ts');

/**
 * What the workspace adds to the portal's own Vite config: `@vnhealth/*` resolve to their
 * TypeScript source (the `vnhealth-source` export condition), so nothing needs building first,
 * and the source's dependencies are pre-bundled up front so a first visit never reloads.
 */
export async function workspaceViteConfig(): Promise<InlineConfig> {
  const { defaultClientConditions, defaultServerConditions } = await import('vite');
  return {
    configFile: portalViteConfig,
    root: portalRoot,
    resolve: { conditions: ['vnhealth-source', ...defaultClientConditions] },
    ssr: { resolve: { conditions: ['vnhealth-source', ...defaultServerConditions] } },
    optimizeDeps: {
      include: [
        'lit',
        'lit/decorators.js',
        'lit/directive-helpers.js',
        'lit/directives/repeat.js',
        'zod/mini',
      ],
    },
  };
}

/** The portal's host: `localhost`, the familiar URL. */
export const defaultHost = 'localhost';
/** The sandbox's host (its own default): IPv4 loopback only. */
export const sandboxHost = '127.0.0.1';

/** A running sandbox FHIR server. */
export interface RunningSandbox {
  /** FHIR R4 base URL, e.g. `http://localhost:8787/fhir/R4`. */
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

/** A running portal dev server. */
export interface RunningPortal {
  /** The page's URL, e.g. `http://localhost:5173/`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** True when `port` on `host` can be listened on right now. */
function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createNetServer();
    probe.unref();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** `preferred` if free, else the next free port above it (up to 100 tries). */
export async function findFreePort(preferred: number, host = defaultHost): Promise<number> {
  for (let port = preferred; port < preferred + 100; port += 1) {
    if (await isFree(port, host)) return port;
  }
  throw new Error(`No free port in ${preferred}–${preferred + 99} on ${host}.`);
}

/** Options of {@link startSandboxServer}. */
export interface SandboxOptions {
  /** Preferred port; the next free one is used when it is taken. 0 = any free port. */
  port?: number;
  host?: string;
  seed?: number;
  /** Number of generated patients (the sandbox's default when undefined). */
  patients?: number;
  quiet?: boolean;
}

/** Start the sandbox FHIR server (seed 42, port 8787 or the next free one by default). */
export async function startSandboxServer(options: SandboxOptions = {}): Promise<RunningSandbox> {
  // vitest (the e2e tests import this file) resolves the condition itself.
  if (!process.env.VITEST) useSourceCondition();
  const host = options.host ?? sandboxHost;
  const port = options.port === 0 ? 0 : await findFreePort(options.port ?? 8787, host);
  const { startSandbox } = await import('@vnhealth/sandbox');
  const sandbox = await startSandbox({
    port,
    host,
    seed: options.seed ?? 42,
    quiet: options.quiet ?? false,
    ...(options.patients === undefined ? {} : { patients: options.patients }),
  });
  return {
    baseUrl: sandbox.baseUrl,
    port: Number(new URL(sandbox.baseUrl).port),
    close: () => sandbox.close(),
  };
}

/** Options of {@link startPortal}. */
export interface PortalOptions {
  /** The FHIR base URL the page talks to (the sandbox's `baseUrl`). */
  sandboxUrl: string;
  /** Preferred port; the next free one is used when it is taken. */
  port?: number;
  host?: string;
  quiet?: boolean;
  /**
   * Watch source files and reload the page when they change (on for `npm start`). Tests turn it
   * off so an edit elsewhere in the checkout cannot reload the page under them.
   * @default true
   */
  watch?: boolean;
}

/**
 * Start the portal's Vite dev server (root examples/portal, port 5173 or the next free
 * one). The page reads the FHIR base URL from `import.meta.env.VITE_SANDBOX_URL`.
 */
export async function startPortal(options: PortalOptions): Promise<RunningPortal> {
  const host = options.host ?? defaultHost;
  const port = await findFreePort(options.port ?? 5173, host);
  // Vite exposes VITE_* variables of the process to the page (import.meta.env).
  process.env.VITE_SANDBOX_URL = options.sandboxUrl;
  const { createServer } = await import('vite');
  const server = await createServer({
    ...(await workspaceViteConfig()),
    logLevel: options.quiet ? 'error' : 'info',
    server: {
      port,
      host,
      strictPort: true,
      ...(options.watch === false ? { watch: null, hmr: false } : {}),
    },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? `http://${host}:${port}/`;
  return {
    url,
    port,
    close: () => server.close(),
  };
}

/** `npm start`: both servers, clear URLs, and a clean stop on Ctrl-C / SIGTERM. */
async function main(): Promise<void> {
  const quiet = process.argv.includes('--quiet');
  console.log('vnhealth: starting the sandbox FHIR server (seed 42)…');
  const sandbox = await startSandboxServer({ quiet });
  let portal: RunningPortal;
  try {
    portal = await startPortal({ sandboxUrl: sandbox.baseUrl, quiet: true });
  } catch (error) {
    await sandbox.close();
    throw error;
  }

  const line = '─'.repeat(64);
  console.log(
    [
      '',
      line,
      '  vnhealth is running',
      '',
      `  Portal (demo page)   ${portal.url}`,
      `  Sandbox FHIR R4      ${sandbox.baseUrl}`,
      `                       e.g. ${sandbox.baseUrl}/Patient/vnh-pt-001`,
      '',
      '  Press Ctrl-C to stop both.',
      line,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) {
      console.error(`\nvnhealth: ${signal} again, exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`\nvnhealth: ${signal} received, stopping the portal and the sandbox…`);
    const results = await Promise.allSettled([portal.close(), sandbox.close()]);
    const failed = results.filter((r) => r.status === 'rejected');
    for (const r of failed) console.error(`vnhealth: ${(r as PromiseRejectedResult).reason}`);
    console.log('vnhealth: stopped.');
    process.exit(failed.length > 0 ? 1 : 0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(`vnhealth: could not start: ${error instanceof Error ? error.stack : error}`);
    process.exit(1);
  });
}

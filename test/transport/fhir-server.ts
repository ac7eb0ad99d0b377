/**
 * The FHIR server the transport tests run against: always the sandbox (`startSandbox` from
 * `@vnhealth/sandbox`). There is no stand-in: a test that cannot start the sandbox fails.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandbox, type SandboxOptions } from '@vnhealth/sandbox';
import { startProxy, type FaultProxy } from './proxy.ts';

export interface TestServer {
  baseUrl: string;
  origin: string;
  close(): Promise<void>;
}

/** Start a small seeded sandbox on a free port (`auth: 'required'` for the SMART tests). */
export async function startFhirServer(
  options: Pick<SandboxOptions, 'auth'> = {},
): Promise<TestServer> {
  const sandbox = await startSandbox({ port: 0, seed: 42, patients: 20, quiet: true, ...options });
  return { baseUrl: sandbox.baseUrl, origin: sandbox.origin, close: () => sandbox.close() };
}

/** The sandbox behind a fault proxy, for one test file (see {@link useProxiedSandbox}). */
export interface ProxiedSandbox {
  /** The sandbox itself (requests straight to it bypass the proxy). */
  readonly server: TestServer;
  /** The fault proxy in front of it. */
  readonly proxy: FaultProxy;
  /** The FHIR base URL through the proxy. */
  readonly base: string;
}

/**
 * Start the sandbox and a fault proxy in front of it before the file's tests, reset the proxy's
 * log and faults before each test and close both after: call once at the top of a test file.
 * The fields are set once `beforeAll` ran (in the file's own hooks and tests).
 */
export function useProxiedSandbox(): ProxiedSandbox {
  const env = {} as { server: TestServer; proxy: FaultProxy; base: string };
  beforeAll(async () => {
    env.server = await startFhirServer();
    env.proxy = await startProxy(env.server.origin);
    env.base = env.proxy.origin + new URL(env.server.baseUrl).pathname;
  });
  afterAll(async () => {
    await env.proxy?.close();
    await env.server?.close();
  });
  beforeEach(() => env.proxy.reset());
  return env;
}

/**
 * The FHIR server the transport tests run against: always the sandbox (`startSandbox` from
 * `@vnhealth/sandbox`). There is no stand-in: a test that cannot start the sandbox fails.
 */
import { startSandbox, type SandboxOptions } from '@vnhealth/sandbox';

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

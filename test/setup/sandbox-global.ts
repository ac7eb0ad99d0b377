import type { TestProject } from 'vitest/node';
// Imported from source: the globalSetup runs in Node without the workspace's source condition.
import { startSandbox } from '../../packages/sandbox/src/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** FHIR base URL of the sandbox started for this test run, e.g. `http://127.0.0.1:PORT/fhir/R4`. */
    sandboxUrl: string;
  }
}

/**
 * vitest globalSetup: starts one seeded sandbox (seed 42, default size) on a free port for the
 * whole run, gives its FHIR base URL to tests as `inject('sandboxUrl')`, and stops it afterwards.
 */
export default async function setup({
  provide,
}: Pick<TestProject, 'provide'>): Promise<() => Promise<void>> {
  const sandbox = await startSandbox({ port: 0, seed: 42, quiet: true });
  provide('sandboxUrl', sandbox.baseUrl);
  return async () => {
    await sandbox.close();
  };
}

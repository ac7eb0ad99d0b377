import type { TestProject } from 'vitest/node';
// Imported from source: the globalSetup runs in Node without the workspace's source condition.
import { startSandbox } from '../../packages/sandbox/src/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** FHIR base URL of the sandbox started for this test run, e.g. `http://127.0.0.1:PORT/fhir/R4`. */
    sandboxUrl: string;
    /**
     * In a clock run (`npm run test:clock`, env `VNH_CLOCK_START`): the run's clock minus the
     * real one, in ms; 0 on the real clock. Browser pages add it to their `Date`
     * (vitest.config.ts provides it).
     */
    clockOffsetMs: number;
    /** The instant the sandbox's seed is anchored to (ISO): slots and children's ages follow it. */
    seedNow: string;
  }
}

/**
 * vitest globalSetup: starts one seeded sandbox (seed 42, default size) on a free port for the
 * whole run, gives its FHIR base URL to tests as `inject('sandboxUrl')`, and stops it afterwards.
 * The seed's clock is passed in: the clock run's instant (VNH_CLOCK_START), else the real time
 * at setup; `inject('seedNow')` gives it to tests.
 */
export default async function setup({
  provide,
}: Pick<TestProject, 'provide'>): Promise<() => Promise<void>> {
  const clockStart = process.env.VNH_CLOCK_START ?? '';
  // The seed's clock, passed in: the clock run's instant, else the real time once, here.
  const now = clockStart ? new Date(clockStart) : new Date();
  if (Number.isNaN(now.getTime()))
    throw new Error(`VNH_CLOCK_START is not an instant: ${clockStart}`);
  const sandbox = await startSandbox({ port: 0, seed: 42, quiet: true, now });
  provide('sandboxUrl', sandbox.baseUrl);
  provide('seedNow', now.toISOString());
  return async () => {
    await sandbox.close();
  };
}

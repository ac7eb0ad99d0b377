import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHealthClient, isAuthError } from '@vnhealth/core';
import { startSandbox, type Sandbox } from '@vnhealth/sandbox';

describe('sandbox with auth: required', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 42, patients: 0, auth: 'required', quiet: true });
  });
  afterAll(() => sandbox?.close());

  it('refuses a FHIR read without a token with 401, which the SDK maps to AuthError', async () => {
    const health = createHealthClient({ baseUrl: sandbox.baseUrl, retry: false, autoBatch: false });
    const error = await health.fhir.read('Patient', 'vnh-pt-001').catch((e: unknown) => e);
    expect(isAuthError(error)).toBe(true);
    expect((error as { status: number }).status).toBe(401);
  });

  it('still answers metadata and SMART discovery without a token', async () => {
    expect((await fetch(`${sandbox.baseUrl}/metadata`)).status).toBe(200);
    const discovery = await fetch(`${sandbox.baseUrl}/.well-known/smart-configuration`);
    expect(discovery.status).toBe(200);
    const config = (await discovery.json()) as { token_endpoint?: string };
    expect(config.token_endpoint).toMatch(/\/auth\/token$/);
  });
});

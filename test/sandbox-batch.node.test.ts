import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@vnhealth/sandbox';

describe('sandbox batch with GET metadata', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 42, patients: 0, quiet: true });
  });
  afterAll(() => sandbox?.close());

  it('answers metadata entries with the CapabilityStatement, in order with the other entries', async () => {
    const response = await fetch(sandbox.baseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          { request: { method: 'GET', url: 'Patient/vnh-pt-001' } },
          { request: { method: 'GET', url: 'metadata' } },
          { request: { method: 'GET', url: 'Patient/vnh-pt-004' } },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const bundle = (await response.json()) as {
      type: string;
      entry: { resource?: { resourceType: string; id?: string }; response?: { status: string } }[];
    };
    expect(bundle.type).toBe('batch-response');
    expect(bundle.entry.map((e) => e.resource?.resourceType)).toEqual([
      'Patient',
      'CapabilityStatement',
      'Patient',
    ]);
    expect(bundle.entry[2]?.resource?.id).toBe('vnh-pt-004');
    expect(bundle.entry[1]?.response?.status).toMatch(/^200/);
  });
});

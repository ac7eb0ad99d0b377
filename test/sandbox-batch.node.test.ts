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

describe('sandbox batch searches', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 42, patients: 0, quiet: true });
  });
  afterAll(() => sandbox?.close());

  const link = (bundle: { link?: { relation: string; url: string }[] }, relation: string) =>
    bundle.link?.find((l) => l.relation === relation)?.url;

  it('pages a search inside a batch as it pages the same search on its own', async () => {
    const search = 'Encounter?subject=Patient/vnh-pt-001&_sort=-date&_count=3';
    const alone = (await (await fetch(`${sandbox.baseUrl}/${search}`)).json()) as {
      total: number;
      link: { relation: string; url: string }[];
    };
    const response = await fetch(sandbox.baseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ request: { method: 'GET', url: search } }],
      }),
    });
    const batch = (await response.json()) as {
      entry: { resource: { total: number; link?: { relation: string; url: string }[] } }[];
    };
    const inBatch = batch.entry[0]!.resource;
    expect(alone.total).toBeGreaterThan(3);
    expect(inBatch.total).toBe(alone.total);
    expect(link(inBatch, 'next')).toBe(link(alone, 'next'));
    expect(link(inBatch, 'next')).toMatch(/_offset=3/);
    expect(inBatch.link?.map((l) => l.relation)).toEqual(alone.link.map((l) => l.relation));
  });
});

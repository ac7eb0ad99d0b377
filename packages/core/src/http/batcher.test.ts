import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors.ts';
import type { Bundle, CapabilityStatement } from '../fhir/index.ts';
import { createBatcher, createCapabilities } from './batcher.ts';

const ok = (urls: string[]): Bundle => ({
  resourceType: 'Bundle',
  type: 'batch-response',
  entry: urls.map((url) => ({
    response: { status: '200' },
    resource: { resourceType: 'Basic', id: url } as never,
  })),
});

describe('batcher stage', () => {
  it('one batch for reads in one window; one by one after a refusal', async () => {
    const log: string[] = [];
    let refuse = false;
    const batcher = createBatcher(
      { windowMs: 1 },
      {
        async batch(urls) {
          log.push(`batch ${urls.length}`);
          if (refuse)
            throw new HttpError('refused', { status: 405, request: { method: 'POST', path: '' } });
          return ok(urls);
        },
        async direct(url) {
          log.push(`get ${url}`);
          return { body: { id: url }, text: '{}' };
        },
        known: () => undefined,
      },
    );
    const signal = new AbortController().signal;
    await Promise.all(['a', 'b', 'c'].map((u) => batcher.get(u, signal, undefined)));
    expect(log).toEqual(['batch 3']);
    refuse = true;
    await Promise.all(['d', 'e'].map((u) => batcher.get(u, signal, undefined)));
    await Promise.all(['f', 'g'].map((u) => batcher.get(u, signal, undefined)));
    expect(log).toEqual(['batch 3', 'batch 2', 'get d', 'get e', 'get f', 'get g']);
  });

  it('a full statement without batch turns batching off; a summary does not', async () => {
    const statement = (interaction?: { code: string }[]): CapabilityStatement =>
      ({
        resourceType: 'CapabilityStatement',
        rest: [{ mode: 'server', ...(interaction ? { interaction } : {}) }],
      }) as never;
    for (const [known, batched] of [
      [statement([{ code: 'transaction' }]), false],
      [statement([{ code: 'batch' }]), true],
      [statement(), true],
    ] as const) {
      let batches = 0;
      const batcher = createBatcher(
        { windowMs: 1 },
        {
          async batch(urls) {
            batches++;
            return ok(urls);
          },
          direct: async () => ({ body: {}, text: '{}' }),
          known: () => known,
        },
      );
      const signal = new AbortController().signal;
      await Promise.all(['a', 'b'].map((u) => batcher.get(u, signal, undefined)));
      expect(batches).toBe(batched ? 1 : 0);
    }
  });

  it('a read that a search of one _id in the same window answers is not sent', async () => {
    const sent: string[][] = [];
    const patient = { resourceType: 'Patient', id: 'p1' };
    const batcher = createBatcher(
      { windowMs: 1 },
      {
        async batch(urls) {
          sent.push(urls);
          return {
            resourceType: 'Bundle',
            type: 'batch-response',
            entry: urls.map((url) => ({
              response: { status: '200' },
              resource: url.startsWith('Patient?')
                ? ({
                    resourceType: 'Bundle',
                    type: 'searchset',
                    entry: [{ resource: patient }],
                  } as never)
                : ({ resourceType: 'Basic', id: url } as never),
            })),
          };
        },
        async direct(url) {
          sent.push([url]);
          return { body: {}, text: '{}' };
        },
        known: () => undefined,
      },
    );
    const signal = new AbortController().signal;
    const [read] = await Promise.all([
      batcher.get('Patient/p1', signal, undefined),
      batcher.get('Patient?_id=p1&_include=Patient:organization', signal, undefined),
      batcher.get('Basic/x', signal, undefined),
      // Not answered by that search: sent.
      batcher.get('Patient/p2', signal, undefined),
    ]);
    expect(read.body).toEqual(patient);
    expect(sent).toEqual([
      ['Patient?_id=p1&_include=Patient:organization', 'Basic/x', 'Patient/p2'],
    ]);
    // A search cut down by _elements does not answer the read.
    sent.length = 0;
    await Promise.all([
      batcher.get('Patient/p1', signal, undefined),
      batcher.get('Patient?_id=p1&_elements=name', signal, undefined),
    ]);
    expect(sent).toEqual([['Patient/p1', 'Patient?_id=p1&_elements=name']]);
  });

  it('queued reads ride along in a batch sent now; sent on their own when it fails', async () => {
    const direct: string[] = [];
    const batcher = createBatcher(
      { windowMs: 50 },
      {
        batch: async () => {
          throw new Error('the window must not flush');
        },
        async direct(url) {
          direct.push(url);
          return { body: { id: url }, text: '{}' };
        },
        known: () => undefined,
      },
    );
    const signal = new AbortController().signal;
    const a = batcher.get('Basic/a', signal, undefined);
    const b = batcher.get('Basic/b', signal, undefined);
    const riders = batcher.ride();
    expect(riders.urls).toEqual(['Basic/a', 'Basic/b']);
    riders.settle(ok(['own', 'Basic/a', 'Basic/b']), 1);
    expect((await a).body).toMatchObject({ id: 'Basic/a' });
    expect((await b).body).toMatchObject({ id: 'Basic/b' });
    expect(batcher.ride().urls).toEqual([]);
    const c = batcher.get('Basic/c', signal, undefined);
    batcher.ride().fail();
    expect((await c).body).toEqual({ id: 'Basic/c' });
    expect(direct).toEqual(['Basic/c']);
  });

  it('capabilities are fetched once; a failure is tried again', async () => {
    let calls = 0;
    const caps = createCapabilities(async () => {
      if (++calls === 1) throw new Error('offline');
      return { resourceType: 'CapabilityStatement' } as never;
    });
    await expect(caps.get(false)).rejects.toThrow('offline');
    await Promise.all([caps.get(false), caps.get(false)]);
    expect(calls).toBe(2);
    expect(caps.known()?.resourceType).toBe('CapabilityStatement');
  });
});

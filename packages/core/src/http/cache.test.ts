import { describe, expect, it } from 'vitest';
import { createCache } from './cache.ts';

const answer = (body: unknown) => async () => ({ body, text: JSON.stringify(body) });

describe('cache stage', () => {
  it('serves a fresh answer as a copy, shares a flight, and a write invalidates', async () => {
    const cache = createCache({});
    let calls = 0;
    const start = async () => {
      calls++;
      return answer({ resourceType: 'Patient', id: '1' })();
    };
    const [a, b] = await Promise.all([
      cache.get('Patient/1', ['Patient/1'], {}, start),
      cache.get('Patient/1', ['Patient/1'], {}, start),
    ]);
    expect(calls).toBe(1);
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
    await cache.get('Patient/1', ['Patient/1'], {}, start);
    expect(calls).toBe(1);
    cache.invalidate('Patient', '1');
    await cache.get('Patient/1', ['Patient/1'], {}, start);
    expect(calls).toBe(2);
    await cache.get('Patient/1', ['Patient/1'], { cache: 'reload' }, start);
    expect(calls).toBe(3);
  });

  it('keeps within maxBytes and never caches an answer larger than it', async () => {
    const cache = createCache({ maxBytes: 100 });
    await cache.get('a', ['Basic/a'], {}, answer({ v: 'x'.repeat(60) }));
    await cache.get('b', ['Basic/b'], {}, answer({ v: 'y'.repeat(60) }));
    expect(cache.size.entries).toBe(1);
    expect(cache.size.bytes).toBeLessThanOrEqual(100);
    await cache.get('c', ['Basic/c'], {}, answer({ v: 'z'.repeat(200) }));
    expect(cache.size.entries).toBe(1);
  });

  it('a write during a flight keeps its answer out; includes depend on every type', async () => {
    const cache = createCache({});
    let release!: () => void;
    const slow = () =>
      new Promise<{ body: unknown; text: string }>((resolve) => {
        release = () => resolve({ body: 1, text: '1' });
      });
    const pending = cache.get('Patient/2', ['Patient/2'], {}, slow);
    cache.invalidate('Observation');
    release();
    await pending;
    expect(cache.size.entries).toBe(0);
    await cache.get('x', ['Encounter?_include=Encounter:subject'], {}, answer(2));
    cache.invalidate('Patient', '9');
    expect(cache.size.entries).toBe(0);
  });

  it('a request for a key an answer in flight will hold waits for it, then is cached', async () => {
    const cache = createCache({});
    let release!: () => void;
    const search = () =>
      new Promise<{ body: unknown; text: string; also: [string, string][] }>((resolve) => {
        release = () =>
          resolve({ body: 'bundle', text: '"bundle"', also: [['Patient/1', '{"id":"1"}']] });
      });
    let reads = 0;
    const read = async () => {
      reads++;
      return answer({ id: 'read' })();
    };
    const pending = cache.get('Patient?_id=1', ['Patient?_id=1'], {}, search, 'Patient/1');
    const shared = cache.get('Patient/1', ['Patient/1'], {}, read);
    release();
    await pending;
    expect(await shared).toEqual({ id: '1' });
    expect(await cache.get('Patient/1', ['Patient/1'], {}, read)).toEqual({ id: '1' });
    expect(reads).toBe(0);
    // An answer that turns out not to hold it: the read goes out on its own.
    const empty = cache.get('Patient?_id=2', ['Patient?_id=2'], {}, answer('none'), 'Patient/2');
    expect(await cache.get('Patient/2', ['Patient/2'], {}, read)).toEqual({ id: 'read' });
    await empty;
    expect(reads).toBe(1);
  });

  it('the shared request is aborted only when every caller aborted', async () => {
    const cache = createCache(false);
    let seen!: AbortSignal;
    const start = (signal: AbortSignal) => {
      seen = signal;
      return new Promise<never>(() => {});
    };
    const one = new AbortController();
    const two = new AbortController();
    const a = cache.get('k', ['k'], { signal: one.signal }, start).catch((e: unknown) => e);
    const b = cache.get('k', ['k'], { signal: two.signal }, start).catch((e: unknown) => e);
    one.abort();
    await a;
    expect(seen.aborted).toBe(false);
    two.abort();
    await b;
    expect(seen.aborted).toBe(true);
  });

  it('a call with an already aborted signal rejects, and its abandoned request is no unhandled rejection', async () => {
    const cache = createCache(false);
    const rejected: unknown[] = [];
    const onRejection = (reason: unknown) => rejected.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const start = (signal: AbortSignal) =>
        new Promise<never>((_, reject) => {
          const stop = () => reject(signal.reason as Error);
          if (signal.aborted) stop();
          signal.addEventListener('abort', stop);
        });
      const controller = new AbortController();
      controller.abort();
      await expect(
        cache.get('k', ['k'], { signal: controller.signal }, start),
      ).rejects.toMatchObject({ name: 'AbortError' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(rejected).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('a caller arriving while an abandoned request is being aborted starts a request of its own', async () => {
    const cache = createCache({});
    const starts: AbortSignal[] = [];
    const start = (signal: AbortSignal) => {
      starts.push(signal);
      const n = starts.length;
      return new Promise<{ body: unknown; text: string }>((resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason as Error));
        setTimeout(() => resolve({ body: { n }, text: JSON.stringify({ n }) }), 20);
      });
    };
    const controller = new AbortController();
    const first = cache.get('k', ['k'], { signal: controller.signal }, start);
    controller.abort();
    // Asked before the aborted flight's rejection has settled its bookkeeping.
    const second = cache.get('k', ['k'], {}, start);
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    await expect(second).resolves.toEqual({ n: 2 });
    expect(starts).toHaveLength(2);
    expect(starts[1]!.aborted).toBe(false);
  });
});

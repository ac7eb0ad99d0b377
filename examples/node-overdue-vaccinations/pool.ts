// Bounded concurrency: run `worker` over items as they arrive (from an async source such as
// search pages), at most `limit` at a time, and resolve when every one has settled. `worker`
// records its own failures: one that throws rejects the whole run.

export async function forEachLimited<T>(
  source: AsyncIterable<T>,
  limit: number,
  worker: (item: T, index: number) => Promise<void>,
): Promise<void> {
  const running = new Set<Promise<void>>();
  let index = 0;
  for await (const item of source) {
    const task = worker(item, index++).finally(() => running.delete(task));
    running.add(task);
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
}

/**
 * Lazily loaded sub-clients. The domain clients (records, telemedicine, vaccination) are loaded
 * with a dynamic `import()` on their first call, so a page that only shows a patient card never
 * downloads the booking or vaccination code, and `@vnhealth/core`'s entry stays within its budget
 * (docs/decisions/0010-bundle-budget.md). Every method of a sub-client is async already, so the
 * load is invisible to callers; async-generator methods are listed so they stay iterable.
 */
export function lazyClient<T extends object>(
  load: () => Promise<T>,
  generators: readonly string[] = [],
): T {
  let instance: Promise<T> | undefined;
  const get = (): Promise<T> =>
    (instance ??= load().catch((error: unknown) => {
      instance = undefined; // a failed chunk load (offline) is retried on the next call
      throw error;
    }));
  const methods = new Map<string, unknown>();
  return new Proxy({} as T, {
    get(_target, key) {
      // Not a thenable, not a symbol-keyed protocol: only named methods exist.
      if (typeof key !== 'string' || key === 'then') return undefined;
      let method = methods.get(key);
      if (!method) {
        method = generators.includes(key)
          ? async function* (...args: unknown[]) {
              const client = (await get()) as Record<
                string,
                (...a: unknown[]) => AsyncIterable<unknown>
              >;
              yield* client[key]!(...args);
            }
          : async (...args: unknown[]) => {
              const client = (await get()) as Record<string, (...a: unknown[]) => unknown>;
              return client[key]!(...args);
            };
        methods.set(key, method);
      }
      return method;
    },
  });
}

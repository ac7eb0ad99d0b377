/**
 * What the validation tests share: a client of the proxied sandbox without cache or retries, the
 * proxy answering the next request with a crafted body, and a call's rejection as a value.
 */
import { createHealthClient, type HealthClientOptions } from '@vnhealth/core';
import type { ProxiedSandbox } from './fhir-server.ts';

/** The FHIR client of a health client on `env`'s proxy (no cache, no retries), with `options`. */
export const proxiedClient = (env: ProxiedSandbox, options: Partial<HealthClientOptions> = {}) =>
  createHealthClient({ baseUrl: env.base, cache: false, retry: false, ...options }).fhir;

/** The proxy answers the next request (whose URL `match` accepts) with 200 and `body` as JSON. */
export const answerWith = (env: ProxiedSandbox, body: unknown, match?: (url: string) => boolean) =>
  env.proxy.inject(
    { kind: 'status', status: 200, body: JSON.stringify(body) },
    match ? { match: (r) => match(r.url) } : {},
  );

/** What `run` rejects with, or undefined when it resolves. */
export const failure = (run: () => Promise<unknown>): Promise<unknown> =>
  run().then(
    () => undefined,
    (error: unknown) => error,
  );

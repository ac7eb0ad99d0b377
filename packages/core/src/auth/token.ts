/**
 * Bearer tokens for the transport: a fixed string, or a provider the SDK calls before each request
 * and, once, with `refresh: true` after a 401. Concurrent 401s share one refresh (single-flight).
 *
 * @module
 */

/** What a token provider is asked for. */
export interface TokenRequest {
  /** Aborts a token fetch that only this request is waiting for. */
  signal?: AbortSignal;
  /**
   * True after the server rejected the previous token (401): return a fresh one, or `undefined`
   * if none can be obtained (the request then fails with `AuthError`).
   */
  refresh?: boolean;
}

/**
 * A bearer token, or a function that returns one (called per request; may cache and refresh).
 * Tokens are never logged, put in messages or passed to hooks.
 *
 * @example
 * createHealthClient({ baseUrl, token: async ({ refresh }) => (refresh ? renew() : current()) });
 */
export type TokenProvider =
  string | ((request: TokenRequest) => Promise<string | undefined> | string | undefined);

/** The transport's view of a token provider. */
export interface TokenSource {
  /** The token for the next request, if any. */
  get(signal?: AbortSignal): Promise<string | undefined>;
  /**
   * A new token after `rejected` was refused; concurrent callers with the same rejected token
   * share one refresh. Undefined when the provider cannot refresh.
   */
  refresh(rejected: string | undefined): Promise<string | undefined>;
}

/** Wrap a {@link TokenProvider} with single-flight refresh. */
export function tokenSource(provider: TokenProvider | undefined): TokenSource {
  let last: { from: string | undefined; next: Promise<string | undefined> } | undefined;
  return {
    async get(signal) {
      return typeof provider === 'function' ? await provider({ signal }) : provider;
    },
    refresh(rejected) {
      if (typeof provider !== 'function') return Promise.resolve(undefined);
      if (!last || last.from !== rejected) {
        last = {
          from: rejected,
          next: Promise.resolve()
            .then(() => provider({ refresh: true }))
            .then(
              (token) => (token && token !== rejected ? token : undefined),
              (error: unknown) => {
                last = undefined;
                throw error;
              },
            ),
        };
      }
      return last.next;
    },
  };
}

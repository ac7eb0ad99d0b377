// What the page asks for, seen from Playwright: every response is checked (a failed request, an
// HTTP error or a request to an unexpected origin fails the task), the bundle files and FHIR
// requests are tallied to cross-check the page's Resource Timing, and requests in flight are
// tracked so the harness can wait until the page has stopped loading.
import type { Page, Request } from 'playwright-core';

/** The origins a task's page may talk to. */
export interface Origins {
  /** Where the page and its bundle are served. */
  page: string;
  /** The sandbox's origin (FHIR requests). */
  sandbox: string;
}

/** A watch over one page's network. */
export interface NetworkWatch {
  /** Problems seen so far (each one fails the task). */
  problems: string[];
  /** URL paths of the bundle's files that got a response. */
  bundleFiles: Set<string>;
  /** Responses from the sandbox, CORS preflights left out. */
  fhirRequests: number;
  /**
   * Resolves once no request has been in flight for `quietMs`; rejects after `timeout` ms of a
   * page that keeps loading.
   */
  quiet(quietMs: number, timeout: number): Promise<void>;
}

/** Watch `page`'s requests; `isBundleFile` tells the bundle's URL paths. */
export function watchNetwork(
  page: Page,
  origins: Origins,
  isBundleFile: (path: string) => boolean,
): NetworkWatch {
  const inFlight = new Set<Request>();
  let lastChange = performance.now();
  const settle = (request: Request): void => {
    inFlight.delete(request);
    lastChange = performance.now();
  };
  const watch: NetworkWatch = {
    problems: [],
    bundleFiles: new Set(),
    fhirRequests: 0,
    async quiet(quietMs, timeout) {
      const deadline = performance.now() + timeout;
      while (inFlight.size > 0 || performance.now() - lastChange < quietMs) {
        if (performance.now() > deadline)
          throw new Error(
            `the page kept loading for ${timeout / 1000} s after done: ${[...inFlight]
              .map((r) => r.url())
              .join(', ')}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
  page.on('request', (request) => {
    inFlight.add(request);
    lastChange = performance.now();
  });
  page.on('requestfinished', settle);
  page.on('requestfailed', (request) => {
    settle(request);
    watch.problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === origins.page && isBundleFile(url.pathname))
      watch.bundleFiles.add(url.pathname);
    else if (url.origin === origins.sandbox && response.request().method() !== 'OPTIONS')
      watch.fhirRequests++;
    else if (url.origin !== origins.page)
      watch.problems.push(`unexpected request: ${response.url()}`);
    if (response.status() >= 400)
      watch.problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('pageerror', (error) => watch.problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') watch.problems.push(`console.error: ${message.text()}`);
  });
  return watch;
}

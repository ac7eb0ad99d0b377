/**
 * What a server render must import before it renders: modules elements otherwise load on
 * demand (the vaccination elements' schedule engine). A server render cannot wait for one, so
 * `@vnhealth/components/ssr`'s `prepareServerRendering` awaits them all.
 *
 * @module
 */

const preloads = new Set<() => Promise<unknown>>();

/** Register a module an element loads on demand, for server renders (once per loader). */
export function preloadForServer(load: () => Promise<unknown>): void {
  preloads.add(load);
}

/** Import every module registered so far (the elements imported so far). */
export function loadEveryPreload(): Promise<unknown> {
  return Promise.all([...preloads].map((load) => load()));
}

import { attachContextRoot } from './context-protocol.ts';

/**
 * Where the page keeps the documents that have a vnhealth `ContextRoot`: a global key, so two
 * copies of this package on one page (two bundles, two versions) attach one root, not two.
 */
const ATTACHED = Symbol.for('vnhealth.context-root/1');

/**
 * Attach a context root (what `@lit/context` calls a `ContextRoot`) to `doc` once per document.
 * It keeps every subscribing context request no provider answered and replays it when a provider appears, so an element
 * connected before `<vnh-provider>` is defined (a card's `define.js` loaded before the
 * provider's) still gets the provider's client, language, theme and time zone.
 *
 * Every vnhealth element and provider calls it before it connects, so it holds however the
 * elements are registered (`define.js`, one element's `define.js`, or the classes from the index).
 */
export function ensureContextRoot(doc: Document): void {
  const global = globalThis as { [ATTACHED]?: WeakSet<Document> };
  const attached = (global[ATTACHED] ??= new WeakSet<Document>());
  if (attached.has(doc)) return;
  attached.add(doc);
  attachContextRoot(doc.documentElement);
}

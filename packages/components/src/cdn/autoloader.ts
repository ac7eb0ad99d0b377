// The CDN autoloader (`dist/cdn/autoloader.js`, built by cdn-build.ts, never by tsup): a page's
// one `<script type="module">`. It defines each vnhealth element the first time its tag is in
// the document, loading that element's chunk from beside itself. Shared code (lit, the core
// client) is in shared chunks, loaded once. See docs/no-build.md and ADR 0027.

/**
 * Each element's module, by tag (the element's `define.ts`). Imports are relative, so the
 * browser resolves them against this module's own URL (`import.meta.url`): the chunks load from
 * whatever folder or CDN path the autoloader was loaded from. cdn-build.ts fails the build when
 * this list and the Custom Elements Manifest's tags differ.
 */
export const elements: Readonly<Record<string, () => Promise<unknown>>> = {
  'vnh-provider': () => import('../provider/define.ts'),
  'vnh-patient-profile-card': () => import('../patient-profile-card/define.ts'),
  'vnh-health-record-summary': () => import('../health-record-summary/define.ts'),
  'vnh-vaccination-history': () => import('../vaccination-history/define.ts'),
  'vnh-consult-booking': () => import('../consult-booking/define.ts'),
  'vnh-vaccination-schedule': () => import('../vaccination-schedule/define.ts'),
  'vnh-appointment-list': () => import('../appointment-list/define.ts'),
};

const loading = new Map<string, Promise<void>>();
const unknownTags = new Set<string>();

/** Load one element's module once; a failed load (offline) is tried again next time. */
function load(tag: string): Promise<void> {
  let pending = loading.get(tag);
  if (!pending) {
    pending = elements[tag]!().then(
      () => undefined,
      (error: unknown) => {
        loading.delete(tag);
        console.error(`vnhealth autoloader: could not load <${tag}>.`, error);
        throw error;
      },
    );
    loading.set(tag, pending);
  }
  return pending;
}

/** The tags of undefined vnhealth elements at or under `root`. */
function undefinedTags(root: ParentNode): Set<string> {
  const tags = new Set<string>();
  const found =
    root instanceof Element && root.matches(':not(:defined)')
      ? [root, ...root.querySelectorAll(':not(:defined)')]
      : root.querySelectorAll(':not(:defined)');
  for (const element of found) {
    const tag = element.localName;
    if (Object.hasOwn(elements, tag)) tags.add(tag);
    else if (tag.startsWith('vnh-') && !unknownTags.has(tag)) {
      unknownTags.add(tag);
      console.warn(`vnhealth autoloader: <${tag}> is not a vnhealth element; check the tag.`);
    }
  }
  return tags;
}

/**
 * Define every vnhealth element at or under `root` that is not defined yet (each element's chunk
 * loads once). Resolves when their modules have loaded and registered them; rejects if one
 * could not load (it is tried again on the next call). The autoloader calls it for the document
 * on load; call it yourself for a shadow root the autoloader does not watch.
 */
export async function discover(root: ParentNode = document): Promise<void> {
  await Promise.all([...undefinedTags(root)].map(load));
}

/**
 * Watch `root` (a document or a shadow root) for vnhealth elements added later and define them
 * as they appear; elements already there are defined at once. Returns a function that stops
 * watching. The autoloader watches the document by itself; watch a shadow root of your own
 * components that renders vnhealth elements.
 */
export function watch(root: Document | DocumentFragment = document): () => void {
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element) discover(node).catch(() => {});
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  discover(root).catch(() => {});
  return () => observer.disconnect();
}

watch(document);

/**
 * Register `tag` once: does nothing if the same class is already registered (a module loaded
 * twice), warns if another class holds the tag.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  // Through a local name: the manifest analyzer would otherwise list a bogus element "tag".
  const registry = customElements;
  const existing = registry.get(tag);
  if (!existing) registry.define(tag, element);
  else if (existing !== element) {
    console.warn(`<${tag}> is already defined by another class; keeping the first definition.`);
  }
}

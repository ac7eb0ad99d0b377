/**
 * Register `tag` once: does nothing if the same class is already registered (a module loaded
 * twice), warns if another class holds the tag.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (!existing) customElements.define(tag, element);
  else if (existing !== element) {
    console.warn(`<${tag}> is already defined by another class; keeping the first definition.`);
  }
}

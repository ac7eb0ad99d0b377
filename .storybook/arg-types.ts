// The docs pages' tables, from the Custom Elements Manifest. Storybook's own extractor keys every
// row by its bare name, so a slot and a part of the same name (the card's `header`, `actions`,
// `footer`) keep only the part: its Slots table came out empty. Here each row of a category that
// is not an arg (events, slots, CSS properties and parts) is keyed by category and name, so
// every row of the manifest shows.
import type { ArgTypes } from '@storybook/web-components-vite';

interface Item {
  name: string;
  kind?: string;
  static?: boolean;
  privacy?: string;
  description?: string;
  type?: { text: string };
  default?: string;
}

interface Declaration {
  tagName?: string;
  members?: Item[];
  attributes?: Item[];
  events?: Item[];
  slots?: Item[];
  cssProperties?: Item[];
  cssParts?: Item[];
}

/** The part of a manifest this module reads. */
export interface Manifest {
  modules?: { declarations?: Declaration[] }[];
}

/** The categories of the tables, in the order they show. */
export const CATEGORIES = [
  'properties',
  'attributes',
  'events',
  'slots',
  'css custom properties',
  'css shadow parts',
] as const;
type Category = (typeof CATEGORIES)[number];

function row(item: Item, category: Category): ArgTypes[string] {
  const typed = category === 'properties' || category === 'attributes';
  return {
    name: item.name,
    ...(item.description ? { description: item.description } : {}),
    ...(typed ? { type: { name: 'other' as const, value: item.type?.text ?? '' } } : {}),
    table: {
      category,
      ...(typed && item.type ? { type: { summary: item.type.text } } : {}),
      ...(item.default !== undefined ? { defaultValue: { summary: item.default } } : {}),
    },
    ...(typed ? {} : { control: false as const }),
  };
}

/** The element's argTypes from the manifest, or undefined when the manifest has no such tag. */
export function argTypesFromManifest(tag: string, manifest: Manifest): ArgTypes | undefined {
  const declaration = manifest.modules
    ?.flatMap((m) => m.declarations ?? [])
    .find((d) => d.tagName === tag);
  if (!declaration) return undefined;
  const argTypes: ArgTypes = {};
  const properties = (declaration.members ?? []).filter(
    (m) => m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public',
  );
  for (const item of properties) argTypes[item.name] = row(item, 'properties');
  // An attribute named like its property is one row (the attribute's, which names the HTML).
  for (const item of declaration.attributes ?? []) argTypes[item.name] = row(item, 'attributes');
  const keyed: [Category, Item[] | undefined][] = [
    ['events', declaration.events],
    ['slots', declaration.slots],
    ['css custom properties', declaration.cssProperties],
    ['css shadow parts', declaration.cssParts],
  ];
  // Each event also gets an action (hidden from the table), as Storybook's own extractor does.
  for (const item of declaration.events ?? []) {
    const camel = item.name.replace(/[-_:.\s]+(.)?/g, (_, c?: string) =>
      c ? c.toUpperCase() : '',
    );
    const name = `on${camel.charAt(0).toUpperCase()}${camel.slice(1)}`;
    argTypes[name] = { name, action: item.name, table: { disable: true } };
  }
  for (const [category, items] of keyed) {
    for (const item of items ?? []) {
      const shown =
        category === 'slots' && item.name === '' ? { ...item, name: '(default)' } : item;
      argTypes[`${category}:${item.name}`] = row(shown, category);
    }
  }
  return argTypes;
}

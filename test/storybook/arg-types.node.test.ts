// The Storybook docs pages' tables (.storybook/arg-types.ts) list every attribute, property,
// event, slot, CSS part and custom property the Custom Elements Manifest gives each element, in
// its category: none lost to a same-named row of another category.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { argTypesFromManifest, type Manifest } from '../../.storybook/arg-types.ts';
import { elementsOf, generateManifest } from '../docs/manifest.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
let manifest: Manifest;
beforeAll(() => {
  manifest = generateManifest(root) as Manifest;
}, 60_000);

describe('Storybook docs tables', () => {
  it('show every row of the manifest, in its category', () => {
    const elements = elementsOf(manifest as Parameters<typeof elementsOf>[0]);
    expect(elements.size).toBeGreaterThan(5);
    const missing: string[] = [];
    for (const el of elements.values()) {
      const rows = Object.values(argTypesFromManifest(el.tag, manifest) ?? {}).filter(
        (a) => !a.table?.disable,
      );
      const shown = new Set(rows.map((a) => `${String(a.table?.category)}:${a.name}`));
      const expected = [
        ...[...el.attributes.keys()].map((n) => `attributes:${n}`),
        ...[...el.properties].map((n) => `properties:${n}`),
        ...[...el.events].map((n) => `events:${n}`),
        ...[...el.slots].map((n) => `slots:${n || '(default)'}`),
        ...[...el.parts].map((n) => `css shadow parts:${n}`),
        ...[...el.cssProperties].map((n) => `css custom properties:${n}`),
      ];
      // A property named like an attribute shows once, as the attribute.
      for (const key of expected) {
        const name = key.slice(key.indexOf(':') + 1);
        if (key.startsWith('properties:') && el.attributes.has(name)) continue;
        if (!shown.has(key)) missing.push(`<${el.tag}> ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("has the card's slots beside its parts of the same names", () => {
    const rows = Object.values(argTypesFromManifest('vnh-patient-profile-card', manifest)!);
    const of = (category: string) =>
      rows.filter((a) => a.table?.category === category).map((a) => a.name);
    expect(of('slots')).toEqual(['header', 'actions', 'footer']);
    expect(of('css shadow parts')).toEqual(expect.arrayContaining(['header', 'actions', 'footer']));
    expect(of('events')).toEqual(['vnh-identifier-reveal']);
  });

  it('gives each event an action', () => {
    const argTypes = argTypesFromManifest('vnh-consult-booking', manifest)!;
    expect(argTypes['onVnhBooked']).toMatchObject({ action: 'vnh-booked' });
  });

  it('knows no element the manifest does not have', () => {
    expect(argTypesFromManifest('vnh-nope', manifest)).toBeUndefined();
  });
});

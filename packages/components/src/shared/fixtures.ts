/**
 * The fixtures convention (development only; not part of the package entries).
 *
 * Each element has `<tag>/<tag>.fixtures.ts` exporting named {@link Fixture}s. The same fixture
 * feeds the element's stories, its tests and its axe checks, through {@link createFixture}.
 */
import type { HealthClient } from '@vnhealth/core';
import type { Locale, Theme } from './context.ts';

/** One designed state or variant of an element. */
export interface Fixture {
  /** What a person sees, in a few words (story description, test name). */
  description?: string;
  /** Attributes set on the element; `true` sets an empty attribute, `false`/undefined none. */
  attributes?: Record<string, string | boolean | undefined>;
  /** Properties set on the element (rich data such as `.patient`). */
  properties?: Record<string, unknown>;
  /** A client for fixtures that load (see `fixture-client.ts`); given as the element's `.client`. */
  client?: () => HealthClient;
  /** Language set as the element's own `lang` attribute. */
  lang?: Locale;
  /** Theme set as the element's own `theme` attribute. */
  theme?: Theme;
  /** What a person does after the element renders (e.g. reveal an identifier). */
  setup?: (element: HTMLElement) => Promise<void> | void;
}

/** An element's fixtures by name. */
export type Fixtures = Record<string, Fixture>;

/** Create the element for a fixture (not connected). */
export function createFixture<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  fixture: Fixture,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(fixture.attributes ?? {})) {
    if (value === true) el.setAttribute(name, '');
    else if (typeof value === 'string') el.setAttribute(name, value);
  }
  if (fixture.lang) el.setAttribute('lang', fixture.lang);
  if (fixture.theme) el.setAttribute('theme', fixture.theme);
  if (fixture.client) (el as unknown as { client: HealthClient }).client = fixture.client();
  Object.assign(el, fixture.properties ?? {});
  return el;
}

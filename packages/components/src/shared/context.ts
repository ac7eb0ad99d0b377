import type { HealthClient } from '@vnhealth/core';
import { createContext } from './context-protocol.ts';
import { addedLocale } from './languages.ts';

/** The languages every element ships translations for. */
export type Locale = 'vi' | 'en';

/**
 * A language elements render in: `vi`, `en`, or the primary subtag of a language a page added
 * with `addTranslations` (`km` …), whose words fall back to a bundled {@link Locale}.
 */
export type Language = Locale | (string & {});

/** The colour themes every element ships token sets for. */
export type Theme = 'light' | 'dark';

/** The time zone dates and times are shown in unless a provider says otherwise. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The default locale of a `<vnh-provider>` without a `lang` attribute. */
export const DEFAULT_LOCALE: Locale = 'vi';

/** The `HealthClient` elements load data through (from `<vnh-provider>`). */
export const clientContext = createContext<HealthClient | undefined>(Symbol.for('vnh.client'));

/** The language chosen by the nearest `<vnh-provider>`. */
export const localeContext = createContext<Language | undefined>(Symbol.for('vnh.locale'));

/** The theme chosen by the nearest `<vnh-provider>`. */
export const themeContext = createContext<Theme | undefined>(Symbol.for('vnh.theme'));

/** The IANA time zone chosen by the nearest `<vnh-provider>`. */
export const timeZoneContext = createContext<string | undefined>(Symbol.for('vnh.time-zone'));

/**
 * Normalise any BCP 47 tag (`vi-VN`, `en-GB`, `EN`) to a supported locale (bundled, or added
 * with `addTranslations`), or undefined.
 */
export function toLocale(tag: string | null | undefined): Language | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'vi' || primary === 'en' ? primary : tag ? addedLocale(tag) : undefined;
}

/** Normalise a theme attribute value, or undefined. */
export function toTheme(value: string | null | undefined): Theme | undefined {
  return value === 'dark' || value === 'light' ? value : undefined;
}

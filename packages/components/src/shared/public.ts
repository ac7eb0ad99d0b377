// The shared pieces that are public API (re-exported by src/index.ts).
export {
  clientContext,
  localeContext,
  themeContext,
  timeZoneContext,
  DEFAULT_LOCALE,
  DEFAULT_TIME_ZONE,
  type Language,
  type Locale,
  type Theme,
} from './context.ts';
export {
  addTranslations,
  type AddTranslationsOptions,
  type TranslationTables,
} from './languages.ts';
export { VnhElement } from './element.ts';
export {
  commonMessages,
  defineTranslations,
  type CommonMessages,
  type Message,
  type Messages,
  type SameShape,
  type TableSource,
  type Translations,
} from './i18n.ts';
export { plural } from './plural.ts';
export { formatters, ageOf, type Age, type CalendarDate, type Formatters } from './format.ts';
export { tokens, colorTokens, type ColorToken } from './tokens.ts';
export { baseStyles } from './base-styles.ts';

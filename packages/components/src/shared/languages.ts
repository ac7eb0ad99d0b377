// Words a page adds or replaces: a third language, or its own wording in Vietnamese or English.
// Type-only imports: the element tables' shapes, no element code.
import type { messages as appointmentList } from '../appointment-list/appointment-list.i18n.ts';
import type { messages as consultBooking } from '../consult-booking/consult-booking.i18n.ts';
import type { messages as healthRecordSummary } from '../health-record-summary/health-record-summary.i18n.ts';
import type { messages as patientProfileCard } from '../patient-profile-card/patient-profile-card.i18n.ts';
import type { messages as vaccinationHistory } from '../vaccination-history/vaccination-history.i18n.ts';
import type { messages as vaccinationSchedule } from '../vaccination-schedule/vaccination-schedule.i18n.ts';
import type { Locale } from './context.ts';
import type { CommonMessages, Messages, SameShape } from './i18n.ts';

/** Some of the words of one table, each with the shape of the Vietnamese original. */
type Some<V> = V extends Messages ? Partial<SameShape<V>> : never;

/**
 * The tables a page may add words to: `common` (states, errors, sexes, statuses: every element)
 * and one per element tag. Keys and message shapes are those of the Vietnamese tables, so a
 * misspelt key or a message with the wrong parameters is a type error.
 */
export interface TranslationTables {
  common?: Some<CommonMessages>;
  'vnh-appointment-list'?: Some<(typeof appointmentList)['vi']>;
  'vnh-consult-booking'?: Some<(typeof consultBooking)['vi']>;
  'vnh-health-record-summary'?: Some<(typeof healthRecordSummary)['vi']>;
  'vnh-patient-profile-card'?: Some<(typeof patientProfileCard)['vi']>;
  'vnh-vaccination-history'?: Some<(typeof vaccinationHistory)['vi']>;
  'vnh-vaccination-schedule'?: Some<(typeof vaccinationSchedule)['vi']>;
}

/** Options of {@link addTranslations}. */
export interface AddTranslationsOptions {
  /**
   * For a new language: the bundled language whose words show where the added tables have none
   * (`vi` or `en`). Ignored for `vi` and `en` themselves.
   * @default 'en'
   */
  fallback?: Locale;
}

interface Added {
  fallback: Locale;
  tables: Record<string, Messages | undefined>;
}

const added = new Map<string, Added>();

/** Bumped by every {@link addTranslations}: elements rebuild their merged tables when it changes. */
export let translationsVersion = 0;

const primary = (tag: string): string => tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';

/**
 * Add words for a language, for every element on the page. For `vi` or `en` the words replace
 * the bundled ones (your own wording); for any other language (`km`, `zh`, `fr` …, matched by
 * its primary subtag, so `lang="km-KH"` finds `km`) it becomes a language the elements accept in
 * `lang`, showing the added words and the `fallback` language's words for the rest. Dates and
 * numbers are formatted for that language by the browser's `Intl`. Tables added again for the
 * same language are merged over the earlier ones.
 *
 * Call it before the elements render (before they are on the page): elements already rendered
 * use the new words from their next update.
 *
 * @example
 * addTranslations('vi', { 'vnh-appointment-list': { join: 'Vào khám' } });
 * addTranslations('km', { common: { retry: 'ព្យាយាមម្តងទៀត' } }, { fallback: 'en' });
 */
export function addTranslations(
  lang: string,
  tables: TranslationTables,
  options: AddTranslationsOptions = {},
): void {
  const key = primary(lang);
  if (!/^[a-z]{2,3}$/.test(key)) throw new TypeError(`Not a language tag: "${lang}"`);
  const previous = added.get(key);
  const merged: Record<string, Messages | undefined> = { ...previous?.tables };
  for (const [scope, words] of Object.entries(tables) as [string, Messages | undefined][]) {
    merged[scope] = { ...merged[scope], ...words };
  }
  const fallback = options.fallback ?? previous?.fallback ?? 'en';
  added.set(key, { fallback, tables: merged });
  translationsVersion += 1;
}

/** A language a page added (other than `vi` and `en`), by its primary subtag; else undefined. */
export function addedLocale(tag: string): string | undefined {
  const key = primary(tag);
  return key !== 'vi' && key !== 'en' && added.has(key) ? key : undefined;
}

/** The bundled language whose tables a locale is built on: itself, or an added one's fallback. */
export function bundledFor(locale: string): Locale {
  return locale === 'vi' || locale === 'en' ? locale : (added.get(locale)?.fallback ?? 'en');
}

/** The words a page added for `locale` in `scope` (`common` or an element tag). */
export function addedWords(locale: string, scope: string): Messages | undefined {
  return added.get(locale)?.tables[scope];
}

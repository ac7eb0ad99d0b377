// Imports nothing at run time: the English tables that load on demand use it and pull no other module.
import type { Language } from './context.ts';

const pluralRules = new Map<Language, Intl.PluralRules>();

/**
 * Pick the plural form for `n` by the locale's CLDR rules (`vi` has only `other`).
 *
 * @example plural('en', 2, { one: '1 month', other: '2 months' })
 */
export function plural(
  locale: Language,
  n: number,
  forms: { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>,
): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return forms[rules.select(n)] ?? forms.other;
}

const numberFormats = new Map<Language, Intl.NumberFormat>();

/**
 * A count in the locale's digits grouping (`Intl.NumberFormat`): "1.200" in Vietnamese,
 * "1,200" in English.
 *
 * @example count('vi', 1200) // '1.200'
 */
export function count(locale: Language, n: number): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(n);
}

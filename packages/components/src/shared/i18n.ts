import type { Locale } from './context.ts';

/** A message is a string, or a function for plurals and values (`(n) => \`${n} năm\``). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Message = string | ((...args: any[]) => string);

/** A table of messages for one locale. */
export type Messages = Record<string, Message>;

/** The English table of a Vietnamese table: exactly the same keys, same message shapes. */
export type SameShape<V extends Messages> = {
  [K in keyof V]: V[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};

/** A translation table: Vietnamese first (the default), English with exactly the same keys. */
export interface Translations<V extends Messages> {
  readonly vi: V;
  readonly en: SameShape<V>;
}

/**
 * Declare an element's translation table. `en` must have exactly the keys of `vi` (a missing or
 * extra key is a type error), and a function in `vi` must be a function with the same parameters
 * in `en`.
 *
 * @example
 * export const messages = defineTranslations({
 *   vi: { title: 'Hồ sơ', doses: (n: number) => `${n} mũi` },
 *   en: { title: 'Profile', doses: (n: number) => plural('en', n, { one: '1 dose', other: `${n} doses` }) },
 * });
 */
export function defineTranslations<const V extends Messages>(table: {
  vi: V;
  en: SameShape<V>;
}): Translations<V> {
  return table;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * Pick the plural form for `n` by the locale's CLDR rules (`vi` has only `other`).
 *
 * @example plural('en', 2, { one: '1 month', other: '2 months' })
 */
export function plural(
  locale: Locale,
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

/** Words every element uses: states, errors, sexes, statuses. */
export const commonMessages = defineTranslations({
  vi: {
    loading: 'Đang tải…',
    retry: 'Thử lại',
    empty: 'Chưa có dữ liệu.',
    notFoundTitle: 'Không tìm thấy',
    notFound: 'Không tìm thấy hồ sơ này. Hãy kiểm tra lại mã.',
    errorTitle: 'Không tải được dữ liệu',
    errorNetwork: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
    errorTimeout: 'Máy chủ phản hồi quá lâu. Hãy thử lại.',
    errorAuth: 'Bạn chưa được cấp quyền xem dữ liệu này. Hãy đăng nhập lại.',
    errorServer: 'Máy chủ gặp lỗi. Hãy thử lại sau ít phút.',
    errorNoClient: 'Chưa cấu hình kết nối dữ liệu: hãy đặt phần tử trong <vnh-provider>.',
    errorUnknown: 'Đã có lỗi xảy ra. Hãy thử lại.',
    sexMale: 'Nam',
    sexFemale: 'Nữ',
    sexOther: 'Khác',
    sexUnknown: 'Không rõ',
    statusActive: 'Đang hoạt động',
    statusInactive: 'Không hoạt động',
    statusValid: 'Còn hạn',
    statusExpiring: 'Sắp hết hạn',
    statusExpired: 'Đã hết hạn',
    statusUnknown: 'Không rõ',
    notRecorded: 'Chưa ghi nhận',
    years: (n: number) => `${n} tuổi`,
    months: (n: number) => `${n} tháng tuổi`,
  },
  en: {
    loading: 'Loading…',
    retry: 'Retry',
    empty: 'Nothing here yet.',
    notFoundTitle: 'Not found',
    notFound: 'This record was not found. Check the id.',
    errorTitle: 'Could not load the data',
    errorNetwork: 'Could not reach the server. Check the connection and retry.',
    errorTimeout: 'The server took too long to answer. Retry.',
    errorAuth: 'You are not allowed to see this data. Sign in again.',
    errorServer: 'The server failed. Retry in a few minutes.',
    errorNoClient: 'No data connection: place the element inside <vnh-provider>.',
    errorUnknown: 'Something went wrong. Retry.',
    sexMale: 'Male',
    sexFemale: 'Female',
    sexOther: 'Other',
    sexUnknown: 'Unknown',
    statusActive: 'Active',
    statusInactive: 'Inactive',
    statusValid: 'Valid',
    statusExpiring: 'Expiring soon',
    statusExpired: 'Expired',
    statusUnknown: 'Unknown',
    notRecorded: 'Not recorded',
    years: (n: number) => plural('en', n, { one: '1 year old', other: `${n} years old` }),
    months: (n: number) => plural('en', n, { one: '1 month old', other: `${n} months old` }),
  },
});

/** The common words, for one locale. */
export type CommonMessages = (typeof commonMessages)['vi'];

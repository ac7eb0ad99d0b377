import type { Locale } from './context.ts';
import { count } from './plural.ts';

/** A message is a string, or a function for plurals and values (`(n) => \`${n} năm\``). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Message = string | ((...args: any[]) => string);

/** A table of messages for one locale. */
export type Messages = Record<string, Message>;

/** The English table of a Vietnamese table: exactly the same keys, same message shapes. */
export type SameShape<V extends Messages> = {
  [K in keyof V]: V[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};

/** A table, or a function that imports it: loaded the first time an element renders in it. */
export type TableSource<T extends Messages> = T | (() => Promise<T>);

/**
 * A translation table: Vietnamese first (the default, always bundled), English with exactly the
 * same keys, given as a table or as a function that imports one (`() =>
 * import('./thing.en.ts').then((m) => m.en)`), so a page in Vietnamese never downloads it.
 */
export interface Translations<V extends Messages> {
  readonly vi: V;
  readonly en: TableSource<SameShape<V>>;
}

/**
 * Declare an element's translation table. `en` must have exactly the keys of `vi` (a missing or
 * extra key is a type error), and a function in `vi` must be a function with the same parameters
 * in `en`. `en` may be a function that imports the English table: an element in English then
 * renders once that module has loaded (its first render waits for it, nothing shows in
 * Vietnamese first).
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
}): { readonly vi: V; readonly en: SameShape<V> };
export function defineTranslations<const V extends Messages>(table: {
  vi: V;
  en: () => Promise<SameShape<V>>;
}): Translations<V>;
export function defineTranslations<const V extends Messages>(
  table: Translations<V>,
): Translations<V> {
  if (typeof table.en === 'function') lazyTables.add(table);
  return table;
}

/** Every table declared with a table that loads on demand (for server rendering). */
const lazyTables = new Set<Translations<Messages>>();

/**
 * Import every table that loads on demand, of every element whose module has been imported, so
 * a render that cannot wait (a server render) finds each language at hand. Used by
 * `@vnhealth/components/ssr`.
 */
export function loadEveryTable(): Promise<unknown> {
  const locales = ['vi', 'en'] as const;
  return Promise.all(
    [...lazyTables].flatMap((table) => locales.map((locale) => loadTable(table, locale))),
  );
}

const loadedTables = new WeakMap<() => Promise<Messages>, Messages | Promise<Messages>>();

/** The table of `locale` if it is at hand (bundled, or imported already), else undefined. */
export function tableIn<V extends Messages>(
  translations: Translations<V>,
  locale: Locale,
): Messages | undefined {
  const source: TableSource<Messages> = translations[locale];
  if (typeof source !== 'function') return source;
  const loaded = loadedTables.get(source);
  return loaded instanceof Promise ? undefined : loaded;
}

/**
 * Start importing the table of `locale` unless it is at hand; resolves once it is. A failed
 * import (offline) is tried again on the next call.
 */
export function loadTable<V extends Messages>(
  translations: Translations<V>,
  locale: Locale,
): Promise<unknown> | undefined {
  const source: TableSource<Messages> = translations[locale];
  if (typeof source !== 'function') return undefined;
  const loaded = loadedTables.get(source);
  if (loaded !== undefined && !(loaded instanceof Promise)) return undefined;
  if (loaded) return loaded;
  const loading = source().then(
    (table) => {
      loadedTables.set(source, table);
      return table;
    },
    (error: unknown) => {
      loadedTables.delete(source);
      throw error;
    },
  );
  loadedTables.set(source, loading);
  return loading;
}

const commonVi = {
  loading: 'Đang tải…',
  retry: 'Thử lại',
  empty: 'Chưa có dữ liệu.',
  notFoundTitle: 'Không tìm thấy',
  notFound: 'Không tìm thấy hồ sơ này. Hãy kiểm tra lại mã.',
  errorTitle: 'Không tải được dữ liệu',
  errorNetwork: 'Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.',
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
  /** An age in days, for a newborn (under 28 days); 0 is the day of birth. */
  days: (n: number) => (n === 0 ? 'Mới sinh hôm nay' : `${count('vi', n)} ngày tuổi`),
  /** An age in weeks, under 3 months. */
  weeks: (n: number) => `${count('vi', n)} tuần tuổi`,
  years: (n: number) => `${count('vi', n)} tuổi`,
  months: (n: number) => `${count('vi', n)} tháng tuổi`,
};

/** The common words, for one locale. */
export type CommonMessages = typeof commonVi;

/** Words every element uses: states, errors, sexes, statuses (English in `i18n.en.ts`). */
export const commonMessages: Translations<CommonMessages> = defineTranslations({
  vi: commonVi,
  en: () => import('./i18n.en.ts').then((m) => m.en),
});

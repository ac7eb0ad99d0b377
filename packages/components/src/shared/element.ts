import { isServer, LitElement, type PropertyDeclarations } from 'lit';
import type { HealthClient } from '@vnhealth/core';
import {
  clientContext,
  DEFAULT_LOCALE,
  DEFAULT_TIME_ZONE,
  localeContext,
  themeContext,
  timeZoneContext,
  toLocale,
  toTheme,
  type Language,
  type Locale,
  type Theme,
} from './context.ts';
import { consume } from './context-protocol.ts';
import { ensureContextRoot } from './context-root.ts';
import { formatters, type Formatters } from './format.ts';
import {
  commonMessages,
  loadTable,
  tableIn,
  type CommonMessages,
  type Messages,
  type SameShape,
  type Translations,
} from './i18n.ts';
import { addedWords, bundledFor, translationsVersion } from './languages.ts';

/** The composed-tree parent: the parent element, or the host of a shadow root. */
function composedParent(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** The nearest `lang` on the element or its ancestors, across shadow roots; else the document's. */
export function pageLocale(from: Element): Language | undefined {
  for (let node: Element | null = from; node; node = composedParent(node)) {
    const lang = node.getAttribute('lang');
    if (lang) return toLocale(lang);
  }
  return toLocale(document.documentElement.lang);
}

/** The nearest theme marker on an ancestor (`.vnh-theme-dark`, `[data-vnh-theme]`). */
export function pageTheme(from: Element): Theme | undefined {
  for (let node: Element | null = composedParent(from); node; node = composedParent(node)) {
    const marked = toTheme(node.getAttribute('data-vnh-theme'));
    if (marked) return marked;
    if (node.classList.contains('vnh-theme-dark')) return 'dark';
    if (node.classList.contains('vnh-theme-light')) return 'light';
  }
  return undefined;
}

/** Elements outside any provider re-render when the page's `lang` or theme class changes. */
const pageWatchers = new Set<VnhElement>();
let pageObserver: MutationObserver | undefined;
function watchPage(el: VnhElement, on: boolean): void {
  if (on) pageWatchers.add(el);
  else pageWatchers.delete(el);
  if (on && !pageObserver && typeof MutationObserver !== 'undefined') {
    pageObserver = new MutationObserver(() => pageWatchers.forEach((w) => w.requestUpdate()));
    // Only <html> and <body>: watching the whole subtree would re-render on every class change.
    const options = { attributes: true, attributeFilter: ['lang', 'class', 'data-vnh-theme'] };
    pageObserver.observe(document.documentElement, options);
    if (document.body) pageObserver.observe(document.body, options);
  } else if (!pageWatchers.size && pageObserver) {
    pageObserver.disconnect();
    pageObserver = undefined;
  }
}

/**
 * The base class of every vnhealth element. It consumes the provider's client, locale, theme and
 * time zone; resolves the language (own `lang` attribute › provider › page) and theme (own
 * `theme` attribute › provider › ancestor marker › light); reflects the resolved theme as
 * `data-vnh-theme` on the host (the tokens switch on it); and exposes `t` (the element's
 * translations merged over the common words), `format` (Intl formatters in the element's
 * language and time zone) and `client`.
 *
 * @typeParam M - the element's Vietnamese message table (`typeof messages.vi`).
 *
 * @attr {string} lang - Language of the element: `vi`, `en` or one added with `addTranslations`
 * (any BCP 47 tag, e.g. `vi-VN`). Defaults to the provider's, then the nearest `lang` of the
 * page, then `vi`.
 */
export abstract class VnhElement<M extends Messages = Messages> extends LitElement {
  /** The element's own translation table (`defineTranslations` in `<tag>.i18n.ts`). */
  protected abstract readonly translations: Translations<M>;

  // Reactive properties without decorators, so pages need not load Lit's decorator module. The
  // provided* ones are internal state (set from the provider's context).
  static override properties: PropertyDeclarations = {
    client: { attribute: false },
    theme: { reflect: true },
    providedClient: { state: true },
    providedLocale: { state: true },
    providedTheme: { state: true },
    providedTimeZone: { state: true },
  };

  /**
   * The client to load data with. Defaults to the one from the nearest `<vnh-provider>`; set it
   * to use another.
   */
  client: HealthClient | undefined;

  /** Colour theme. Defaults to the provider's, then an ancestor's `.vnh-theme-dark`, then light. */
  theme: Theme | undefined;

  protected providedClient: HealthClient | undefined;
  protected providedLocale: Language | undefined;
  protected providedTheme: Theme | undefined;
  protected providedTimeZone: string | undefined;

  constructor() {
    super();
    // What the nearest provider hands down, kept up to date while connected.
    consume(this, clientContext, (v) => (this.providedClient = v));
    consume(this, localeContext, (v) => (this.providedLocale = v));
    consume(this, themeContext, (v) => (this.providedTheme = v));
    consume(this, timeZoneContext, (v) => (this.providedTimeZone = v));
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.requestUpdate();
  }

  override connectedCallback(): void {
    // Before the context requests go out (in super): a provider defined later still answers them.
    // A server render (`@vnhealth/components/ssr`) calls this too, to hear the provider: there
    // is no document there, nor a page to watch.
    if (!isServer) ensureContextRoot(this.ownerDocument);
    super.connectedCallback();
    if (!isServer) watchPage(this, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    watchPage(this, false);
  }

  /** The client in use: the `client` property, else the provider's. */
  get resolvedClient(): HealthClient | undefined {
    return this.client ?? this.providedClient;
  }

  /** The bundled language in use: {@link language}, or the fallback of a language a page added. */
  get locale(): Locale {
    return bundledFor(this.language);
  }

  /** The language in use: own `lang` attribute › provider › page › `vi`. */
  get language(): Language {
    return this.#renderingLanguage ?? this.#resolveLanguage();
  }

  /** Set while an update renders: the language cannot change mid-render, so look it up once. */
  #renderingLanguage: Language | undefined;

  protected override update(changed: Map<PropertyKey, unknown>): void {
    this.#renderingLanguage = this.#resolveLanguage();
    try {
      super.update(changed);
    } finally {
      this.#renderingLanguage = undefined;
    }
  }

  #resolveLanguage(): Language {
    return (
      toLocale(this.getAttribute('lang')) ??
      this.providedLocale ??
      (this.isConnected ? pageLocale(this) : undefined) ??
      DEFAULT_LOCALE
    );
  }

  /** The theme in use: own `theme` › provider › ancestor marker › `light`. */
  get resolvedTheme(): Theme {
    return (
      toTheme(this.theme) ??
      this.providedTheme ??
      (this.isConnected ? pageTheme(this) : undefined) ??
      'light'
    );
  }

  /** The time zone dates and times are shown in. */
  get timeZone(): string {
    return this.providedTimeZone ?? DEFAULT_TIME_ZONE;
  }

  /**
   * The element's messages merged over the common words, in the element's language (Vietnamese
   * until an English table that loads on demand has arrived; every update waits for it).
   */
  get t(): SameShape<CommonMessages> & SameShape<M> {
    return this.#table(this.language) as SameShape<CommonMessages> & SameShape<M>;
  }

  #messages = new Map<Language, Messages>();
  #messagesVersion = translationsVersion;

  /** The bundled tables of the locale (or of its fallback), with what the page added over them. */
  #table(locale: Language): Messages {
    if (this.#messagesVersion !== translationsVersion) {
      this.#messages.clear();
      this.#messagesVersion = translationsVersion;
    }
    let table = this.#messages.get(locale);
    if (!table) {
      const bundled = bundledFor(locale);
      const common = tableIn(commonMessages, bundled);
      const own = tableIn(this.translations, bundled);
      if (!common || !own) return this.#table(DEFAULT_LOCALE);
      const tag = this.localName;
      table = { ...common, ...own, ...addedWords(locale, 'common'), ...addedWords(locale, tag) };
      this.#messages.set(locale, table);
    }
    return table;
  }

  /**
   * Before each update, the tables of the element's language are at hand: a table that loads on
   * demand (English) is imported first, so the first render in English is already in English.
   * If the import fails (offline), the update goes ahead in Vietnamese and the next one retries.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const locale = this.language;
    const bundled = bundledFor(locale);
    const loading = [
      loadTable(commonMessages, bundled),
      loadTable(this.translations, bundled),
    ].filter(Boolean);
    if (!loading.length) return super.scheduleUpdate();
    return Promise.all(loading).then(
      () => super.scheduleUpdate(),
      (error: unknown) => {
        console.warn(`vnhealth: the ${locale} messages did not load; showing Vietnamese.`, error);
        return super.scheduleUpdate();
      },
    );
  }

  /** Intl formatters in the element's language and time zone. */
  get format(): Formatters {
    return formatters(this.language, this.timeZone);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const theme = this.resolvedTheme;
    if (this.getAttribute('data-vnh-theme') !== theme) this.setAttribute('data-vnh-theme', theme);
  }
}

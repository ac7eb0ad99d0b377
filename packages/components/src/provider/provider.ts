import {
  html,
  LitElement,
  css,
  type TemplateResult,
  type PropertyDeclarations,
  type PropertyValues,
} from 'lit';
import { createHealthClient, type HealthClient } from '@vnhealth/core/client';
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
  type Theme,
} from '../shared/context.ts';
import { consume, ContextProvider } from '../shared/context-protocol.ts';
import { ensureContextRoot } from '../shared/context-root.ts';

/** What an outer provider hands down. */
interface Outer {
  client?: HealthClient | undefined;
  locale?: Language | undefined;
  theme?: Theme | undefined;
  timeZone?: string | undefined;
}

/**
 * Hands a `HealthClient`, a language, a theme and a time zone down to every vnhealth element
 * inside it (through the context protocol's `context-request` events, which `@lit/context` also
 * speaks, across shadow roots). Renders its children as they are.
 *
 * A provider nested in another inherits what it does not set itself.
 *
 * @customElement vnh-provider
 * @summary Gives the elements inside it a data client, language, theme and time zone.
 * @slot - The page content that uses vnhealth elements.
 * @attr {string} lang - Language of the elements inside: `vi`, `en` or one added with
 * `addTranslations` (any BCP 47 tag, e.g. `en-GB`). Inherited from an outer provider when
 * absent; else `vi`.
 *
 * @example
 * ```html
 * <vnh-provider base-url="http://localhost:8787/fhir/R4" lang="vi" theme="dark">
 *   <vnh-patient-profile-card patient-id="vnh-pt-001"></vnh-patient-profile-card>
 * </vnh-provider>
 * ```
 */
export class VnhProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  static override properties: PropertyDeclarations = {
    client: { attribute: false },
    baseUrl: { attribute: 'base-url' },
    theme: { reflect: true },
    timeZone: { attribute: 'time-zone' },
  };

  /** The client elements load data with. Takes precedence over `base-url`. */
  client: HealthClient | undefined;

  /** FHIR R4 base URL; the provider creates a client for it when `client` is not set. */
  baseUrl: string | undefined;

  /** Colour theme for the elements inside (`light` or `dark`). Inherited when absent; else light. */
  theme: Theme | undefined;

  /** IANA time zone for dates and times. Inherited when absent; else `Asia/Ho_Chi_Minh`. */
  timeZone: string | undefined;

  // `lang` stays the native global attribute: observed here, read with getAttribute.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.requestUpdate();
  }

  override connectedCallback(): void {
    // Before the outer context requests go out: an outer provider defined later still answers.
    ensureContextRoot(this.ownerDocument);
    super.connectedCallback();
  }

  #createdClient: { baseUrl: string; client: HealthClient } | undefined;

  // What an outer provider gives (a provider ignores its own requests, so these reach outwards).
  #outer: Outer = {};

  #client = new ContextProvider(this, clientContext);
  #locale = new ContextProvider(this, localeContext, DEFAULT_LOCALE);
  #theme = new ContextProvider(this, themeContext, 'light');
  #timeZone = new ContextProvider(this, timeZoneContext, DEFAULT_TIME_ZONE);

  constructor() {
    super();
    const outer =
      <K extends keyof Outer>(key: K) =>
      (v: Outer[K]) => {
        this.#outer[key] = v;
        this.requestUpdate();
      };
    consume(this, clientContext, outer('client'));
    consume(this, localeContext, outer('locale'));
    consume(this, themeContext, outer('theme'));
    consume(this, timeZoneContext, outer('timeZone'));
  }

  /** The client handed down: `client`, else one made for `base-url`, else an outer provider's. */
  get resolvedClient(): HealthClient | undefined {
    if (this.client) return this.client;
    if (this.baseUrl) {
      if (this.#createdClient?.baseUrl !== this.baseUrl) {
        this.#createdClient = {
          baseUrl: this.baseUrl,
          client: createHealthClient({ baseUrl: this.baseUrl }),
        };
      }
      return this.#createdClient.client;
    }
    return this.#outer.client;
  }

  /** The language handed down: own `lang`, else an outer provider's, else `vi`. */
  get locale(): Language {
    return toLocale(this.getAttribute('lang')) ?? this.#outer.locale ?? DEFAULT_LOCALE;
  }

  /** The theme handed down. */
  get resolvedTheme(): Theme {
    return toTheme(this.theme) ?? this.#outer.theme ?? 'light';
  }

  /** The time zone handed down. */
  get resolvedTimeZone(): string {
    return this.timeZone || this.#outer.timeZone || DEFAULT_TIME_ZONE;
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.#client.setValue(this.resolvedClient);
    this.#locale.setValue(this.locale);
    this.#theme.setValue(this.resolvedTheme);
    this.#timeZone.setValue(this.resolvedTimeZone);
  }

  protected override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vnh-provider': VnhProvider;
  }
}

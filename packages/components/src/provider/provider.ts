import { html, LitElement, css, type TemplateResult, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextConsumer, ContextProvider } from '@lit/context';
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
  type Locale,
  type Theme,
} from '../shared/context.ts';
import { ensureContextRoot } from '../shared/context-root.ts';

/**
 * Hands a `HealthClient`, a language, a theme and a time zone down to every vnhealth element
 * inside it (through `@lit/context`, across shadow roots). Renders its children as they are.
 *
 * A provider nested in another inherits what it does not set itself.
 *
 * @customElement vnh-provider
 * @summary Gives the elements inside it a data client, language, theme and time zone.
 * @slot - The page content that uses vnhealth elements.
 * @attr {string} lang - Language of the elements inside: `vi` or `en` (any BCP 47 tag, e.g.
 * `en-GB`). Inherited from an outer provider when absent; else `vi`.
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

  /** The client elements load data with. Takes precedence over `base-url`. */
  @property({ attribute: false })
  client: HealthClient | undefined;

  /** FHIR R4 base URL; the provider creates a client for it when `client` is not set. */
  @property({ attribute: 'base-url' })
  baseUrl: string | undefined;

  /** Colour theme for the elements inside (`light` or `dark`). Inherited when absent; else light. */
  @property({ reflect: true })
  theme: Theme | undefined;

  /** IANA time zone for dates and times. Inherited when absent; else `Asia/Ho_Chi_Minh`. */
  @property({ attribute: 'time-zone' })
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
  #outerClient = new ContextConsumer(this, { context: clientContext, subscribe: true });
  #outerLocale = new ContextConsumer(this, { context: localeContext, subscribe: true });
  #outerTheme = new ContextConsumer(this, { context: themeContext, subscribe: true });
  #outerTimeZone = new ContextConsumer(this, { context: timeZoneContext, subscribe: true });

  #client = new ContextProvider(this, { context: clientContext });
  #locale = new ContextProvider(this, { context: localeContext, initialValue: DEFAULT_LOCALE });
  #theme = new ContextProvider(this, { context: themeContext, initialValue: 'light' });
  #timeZone = new ContextProvider(this, {
    context: timeZoneContext,
    initialValue: DEFAULT_TIME_ZONE,
  });

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
    return this.#outerClient.value;
  }

  /** The language handed down: own `lang`, else an outer provider's, else `vi`. */
  get locale(): Locale {
    return toLocale(this.getAttribute('lang')) ?? this.#outerLocale.value ?? DEFAULT_LOCALE;
  }

  /** The theme handed down. */
  get resolvedTheme(): Theme {
    return toTheme(this.theme) ?? this.#outerTheme.value ?? 'light';
  }

  /** The time zone handed down. */
  get resolvedTimeZone(): string {
    return this.timeZone || this.#outerTimeZone.value || DEFAULT_TIME_ZONE;
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

import { html, type TemplateResult } from 'lit';
import { describe, expect, it } from 'vitest';
import { createHealthClient } from '@vnhealth/core';
import { VnhElement } from '../shared/element.ts';
import { defineTranslations } from '../shared/i18n.ts';
import { mount, settle } from '../shared/testing.ts';
import './define.ts';

const messages = defineTranslations({ vi: { hi: 'Chào' }, en: { hi: 'Hi' } });

class ProviderProbe extends VnhElement<typeof messages.vi> {
  protected readonly translations = messages;
  protected override render(): TemplateResult {
    return html`<p>${this.t.hi} ${this.format.time('2026-11-28T01:30:00Z')}</p>`;
  }
}
customElements.define('vnh-provider-probe', ProviderProbe);

async function tree(outer: Record<string, string>, inner?: Record<string, string>) {
  const provider = document.createElement('vnh-provider');
  for (const [k, v] of Object.entries(outer)) provider.setAttribute(k, v);
  const probe = document.createElement('vnh-provider-probe') as ProviderProbe;
  let innerProvider: HTMLElement | undefined;
  if (inner) {
    innerProvider = document.createElement('vnh-provider');
    for (const [k, v] of Object.entries(inner)) innerProvider.setAttribute(k, v);
    innerProvider.append(probe);
    provider.append(innerProvider);
  } else {
    provider.append(probe);
  }
  await mount(provider);
  await settle(probe);
  return { provider, probe };
}

describe('<vnh-provider>', () => {
  it('creates a client from base-url; a .client property wins', async () => {
    const { provider, probe } = await tree({ 'base-url': 'http://localhost:8787/fhir/R4' });
    const created = probe.resolvedClient;
    expect(created).toBeDefined();
    expect(created).toBe(provider.resolvedClient);
    const own = createHealthClient({ baseUrl: 'http://example.test/fhir/R4' });
    provider.client = own;
    await settle(probe);
    expect(probe.resolvedClient).toBe(own);
  });

  it('defaults to vi, light and Asia/Ho_Chi_Minh', async () => {
    const { probe } = await tree({});
    expect(probe.locale).toBe('vi');
    expect(probe.resolvedTheme).toBe('light');
    expect(probe.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(probe.shadowRoot!.textContent).toContain('Chào 08:30');
  });

  it('hands time-zone down, and a nested provider inherits what it does not set', async () => {
    const { provider, probe } = await tree(
      { lang: 'en', theme: 'dark', 'time-zone': 'UTC', 'base-url': 'http://a.test/fhir/R4' },
      {},
    );
    expect(probe.locale).toBe('en');
    expect(probe.resolvedTheme).toBe('dark');
    expect(probe.shadowRoot!.textContent).toContain('Hi 01:30');
    expect(probe.resolvedClient).toBe(provider.resolvedClient);
  });

  it('a nested provider overrides what it sets', async () => {
    const { probe } = await tree({ lang: 'en', theme: 'dark' }, { lang: 'vi', theme: 'light' });
    expect(probe.locale).toBe('vi');
    expect(probe.getAttribute('data-vnh-theme')).toBe('light');
  });

  it("an element's own lang and theme attributes win over the provider", async () => {
    const { probe } = await tree({ lang: 'vi', theme: 'light' });
    probe.setAttribute('lang', 'en');
    probe.setAttribute('theme', 'dark');
    await settle(probe);
    expect(probe.locale).toBe('en');
    expect(probe.getAttribute('data-vnh-theme')).toBe('dark');
  });
});

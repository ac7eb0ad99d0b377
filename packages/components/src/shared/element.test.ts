import { html, type TemplateResult } from 'lit';
import { describe, expect, it } from 'vitest';
import { VnhElement } from './element.ts';
import { defineTranslations } from './i18n.ts';
import { baseStyles } from './base-styles.ts';
import { colorTokens } from './tokens.ts';
import { formatters, ageOf } from './format.ts';
import { mount, settle } from './testing.ts';
import '../provider/define.ts';

const messages = defineTranslations({
  vi: { hello: 'Xin chào', count: (n: number) => `${n} mục` },
  en: { hello: 'Hello', count: (n: number) => (n === 1 ? '1 item' : `${n} items`) },
});

class TestProbe extends VnhElement<typeof messages.vi> {
  static override styles = baseStyles;
  protected readonly translations = messages;
  protected override render(): TemplateResult {
    return html`<p>${this.t.hello} ${this.t.count(2)} ${this.t.retry}</p>`;
  }
}
customElements.define('vnh-test-probe', TestProbe);

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

describe('VnhElement', () => {
  it('resolves lang: own attribute > provider > page', async () => {
    const provider = document.createElement('vnh-provider');
    const el = document.createElement('vnh-test-probe') as TestProbe;
    provider.append(el);
    await mount(provider);
    await settle(el);
    expect(el.locale).toBe('vi');
    expect(el.shadowRoot!.textContent).toContain('Xin chào 2 mục Thử lại');
    provider.setAttribute('lang', 'en');
    await settle(el);
    expect(el.shadowRoot!.textContent).toContain('Hello 2 items Retry');
    el.setAttribute('lang', 'vi');
    await settle(el);
    expect(el.locale).toBe('vi');
  });

  it('falls back to the page lang and light theme outside a provider', async () => {
    const wrapper = document.createElement('div');
    wrapper.setAttribute('lang', 'en-GB');
    const el = document.createElement('vnh-test-probe') as TestProbe;
    wrapper.append(el);
    await mount(wrapper);
    expect(el.locale).toBe('en');
    expect(el.getAttribute('data-vnh-theme')).toBe('light');
    expect(getComputedStyle(el).colorScheme).toBe('light');
  });

  it('takes the dark theme from a provider and swaps the tokens', async () => {
    const provider = document.createElement('vnh-provider');
    provider.setAttribute('theme', 'dark');
    const el = document.createElement('vnh-test-probe') as TestProbe;
    provider.append(el);
    await mount(provider);
    await settle(el);
    expect(el.getAttribute('data-vnh-theme')).toBe('dark');
    expect(getComputedStyle(el).color).toBe('rgb(238, 242, 245)');
  });
});

describe('defineTranslations', () => {
  it('requires en to have exactly the keys of vi (type-checked by tsc)', () => {
    // @ts-expect-error: a missing key in en
    defineTranslations({ vi: { a: 'A', b: 'B' }, en: { a: 'A' } });
    // @ts-expect-error: an extra key in en
    defineTranslations({ vi: { a: 'A' }, en: { a: 'A', b: 'B' } });
    // @ts-expect-error: a plural function in vi must be a function in en
    defineTranslations({ vi: { n: (n: number) => `${n}` }, en: { n: 'n' } });
    expect(defineTranslations({ vi: { a: 'A' }, en: { a: 'A' } }).en.a).toBe('A');
  });
});

describe('tokens', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`text colours meet 4.5:1 in ${theme}`, () => {
      const c = colorTokens[theme];
      for (const fg of ['text', 'muted', 'accent', 'danger', 'warning', 'success'] as const) {
        for (const bg of ['surface', 'surface-muted'] as const) {
          expect(contrast(c[fg], c[bg]), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
        }
      }
      for (const kind of ['danger', 'warning', 'success'] as const) {
        expect(contrast(c[`${kind}-text`], c[`${kind}-surface`])).toBeGreaterThanOrEqual(4.5);
        expect(contrast(c.text, c[`${kind}-surface`])).toBeGreaterThanOrEqual(4.5);
      }
      expect(contrast(c['accent-text'], c.accent)).toBeGreaterThanOrEqual(4.5);
    });
  }
});

describe('format', () => {
  it('formats dates dd/mm/yyyy in vi and ages in months under 2', () => {
    const vi = formatters('vi', 'Asia/Ho_Chi_Minh');
    expect(vi.date('1985-03-02')).toBe('02/03/1985');
    expect(vi.time('2026-11-28T01:30:00Z')).toBe('08:30');
    expect(vi.currency(150000)).toMatch(/^150\.000\s₫$/);
    expect(ageOf('2025-09-15', { year: 2026, month: 11, day: 28 })).toEqual({
      years: 1,
      months: 14,
      inMonths: true,
      days: 439,
      weeks: 62,
      unit: 'months',
    });
    expect(ageOf('1985-12-01', { year: 2026, month: 11, day: 28 })?.years).toBe(40);
  });
});

// A page's own words and a third language (`addTranslations`), on a real element. The registry
// is page-wide, so the tests build on each other in order: this file runs in its own page.
import { describe, expect, it } from 'vitest';
import { fixtures } from '../appointment-list/appointment-list.fixtures.ts';
import '../appointment-list/define.ts';
import '../provider/define.ts';
import { createFixture } from './fixtures.ts';
import { addTranslations } from './languages.ts';
import { mount, mountFixture, settle, textOf } from './testing.ts';

const heading = (el: Element, id: string) =>
  el.shadowRoot!.querySelector(`#${id}`)?.textContent?.trim();

describe('addTranslations', () => {
  it('an unknown language falls back to Vietnamese', async () => {
    const el = await mountFixture('vnh-appointment-list', {
      ...fixtures.fromData,
      attributes: { lang: 'km' },
    });
    expect(el.language).toBe('vi');
    expect(heading(el, 'upcoming-title')).toBe('Sắp tới');
  });

  it("replaces the bundled Vietnamese words with the page's own, for one element", async () => {
    addTranslations('vi', { 'vnh-appointment-list': { upcoming: 'Lịch sắp tới' } });
    const el = await mountFixture('vnh-appointment-list', { ...fixtures.fromData, lang: 'vi' });
    expect(heading(el, 'upcoming-title')).toBe('Lịch sắp tới');
    expect(heading(el, 'past-title'), 'the other words stay').toBe('Đã qua');
  });

  it('adds a language: its words, the fallback language for the rest, Intl in that language', async () => {
    addTranslations(
      'km',
      { 'vnh-appointment-list': { upcoming: 'ខាងមុខ', count: (n: number) => `${n} ការណាត់` } },
      { fallback: 'en' },
    );
    const el = await mountFixture('vnh-appointment-list', {
      ...fixtures.fromData,
      attributes: { lang: 'km-KH' },
    });
    expect(el.language).toBe('km');
    expect(el.locale).toBe('en');
    expect(el.format.locale).toBe('km');
    expect(heading(el, 'upcoming-title')).toBe('ខាងមុខ');
    expect(heading(el, 'past-title'), 'English where Khmer has no word').toBe('Past');
  });

  it('a provider hands an added language down', async () => {
    const provider = document.createElement('vnh-provider');
    provider.setAttribute('lang', 'km');
    provider.append(createFixture('vnh-appointment-list', fixtures.fromData));
    await mount(provider);
    const el = provider.querySelector('vnh-appointment-list')!;
    await settle(el);
    expect(heading(el, 'upcoming-title')).toBe('ខាងមុខ');
  });

  it('words added later are merged and used from the next update', async () => {
    const el = await mountFixture('vnh-appointment-list', {
      ...fixtures.fromData,
      attributes: { lang: 'km' },
    });
    addTranslations('km', { 'vnh-appointment-list': { past: 'កន្លងមក' } });
    el.requestUpdate();
    await settle(el);
    expect(heading(el, 'past-title')).toBe('កន្លងមក');
    expect(heading(el, 'upcoming-title'), 'earlier words kept').toBe('ខាងមុខ');
  });

  it('common words reach every element', async () => {
    addTranslations('km', { common: { loading: 'កំពុងផ្ទុក…' } });
    const el = await mountFixture('vnh-appointment-list', {
      ...fixtures.loading,
      attributes: { ...fixtures.loading.attributes, lang: 'km' },
    });
    expect(textOf(el)).toContain('កំពុងផ្ទុក…');
  });

  it('refuses what is not a language tag', () => {
    expect(() => addTranslations('', {})).toThrow(TypeError);
    expect(() => addTranslations('not a tag', {})).toThrow(TypeError);
  });
});

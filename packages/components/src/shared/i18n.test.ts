import { html, type TemplateResult } from 'lit';
import { afterEach, describe, expect, it, vi as vitest } from 'vitest';
import { VnhElement } from './element.ts';
import { defineTranslations, loadTable, tableIn, type Translations } from './i18n.ts';
import { settle } from './testing.ts';

const vi = { hello: 'Xin chào' };
type Words = typeof vi;

/** An English table the test hands over (or refuses) when it chooses. */
function heldTable() {
  const calls: { resolve: (t: { hello: string }) => void; reject: (e: Error) => void }[] = [];
  const load = () =>
    new Promise<{ hello: string }>((resolve, reject) => calls.push({ resolve, reject }));
  return { load, calls };
}

let defined = 0;
/** A fresh element class (and tag) reading `translations`. */
function probe(translations: Translations<Words>): HTMLElement {
  class LazyProbe extends VnhElement<Words> {
    protected readonly translations = translations;
    protected override render(): TemplateResult {
      return html`<p>${this.t.hello} · ${this.t.retry}</p>`;
    }
  }
  const tag = `vnh-lazy-probe-${++defined}`;
  customElements.define(tag, LazyProbe);
  return document.createElement(tag);
}

const text = (el: Element) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const ticks = () => new Promise((r) => setTimeout(r, 50));

const added: Element[] = [];
afterEach(() => {
  for (const el of added.splice(0)) el.remove();
  vitest.restoreAllMocks();
});
function append(el: HTMLElement): void {
  document.body.append(el);
  added.push(el);
}

describe('English tables imported on demand', () => {
  it('an element in English renders nothing until its English table has arrived', async () => {
    const held = heldTable();
    const el = probe(defineTranslations({ vi, en: held.load }));
    el.setAttribute('lang', 'en');
    append(el);
    await ticks();
    expect(held.calls).toHaveLength(1);
    expect(text(el), 'no Vietnamese before the English table').toBe('');
    held.calls[0]!.resolve({ hello: 'Hello' });
    await settle(el);
    expect(text(el)).toBe('Hello · Retry');
  });

  it('keeps the Vietnamese render while switching, then shows English whole', async () => {
    const held = heldTable();
    const el = probe(defineTranslations({ vi, en: held.load }));
    el.setAttribute('lang', 'vi');
    append(el);
    await settle(el);
    expect(text(el)).toBe('Xin chào · Thử lại');
    el.setAttribute('lang', 'en');
    await ticks();
    expect(text(el)).toBe('Xin chào · Thử lại');
    held.calls[0]!.resolve({ hello: 'Hello' });
    await settle(el);
    expect(text(el)).toBe('Hello · Retry');
    el.setAttribute('lang', 'vi');
    await settle(el);
    expect(text(el)).toBe('Xin chào · Thử lại');
    expect(held.calls, 'imported once').toHaveLength(1);
  });

  it('a failed import renders in Vietnamese and is tried again on the next update', async () => {
    const warn = vitest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const held = heldTable();
    const el = probe(defineTranslations({ vi, en: held.load }));
    el.setAttribute('lang', 'en');
    append(el);
    await ticks();
    held.calls[0]!.reject(new Error('offline'));
    await settle(el);
    expect(text(el), 'all Vietnamese, never half and half').toBe('Xin chào · Thử lại');
    expect(warn).toHaveBeenCalledOnce();
    (el as VnhElement).requestUpdate();
    await ticks();
    expect(held.calls).toHaveLength(2);
    held.calls[1]!.resolve({ hello: 'Hello' });
    await settle(el);
    expect(text(el)).toBe('Hello · Retry');
  });

  it('tableIn / loadTable: a bundled table is at hand, an imported one once loaded', async () => {
    const held = heldTable();
    const lazy = defineTranslations({ vi, en: held.load });
    expect(tableIn(lazy, 'vi')).toBe(vi);
    expect(tableIn(lazy, 'en')).toBeUndefined();
    const loading = loadTable(lazy, 'en');
    expect(loading).toBeInstanceOf(Promise);
    expect(loadTable(lazy, 'en'), 'one import at a time').toBe(loading);
    held.calls[0]!.resolve({ hello: 'Hello' });
    await loading;
    expect(tableIn(lazy, 'en')).toEqual({ hello: 'Hello' });
    expect(loadTable(lazy, 'en')).toBeUndefined();
    const eager = defineTranslations({ vi, en: { hello: 'Hi' } });
    expect(loadTable(eager, 'en')).toBeUndefined();
    expect(tableIn(eager, 'en')).toEqual({ hello: 'Hi' });
  });
});

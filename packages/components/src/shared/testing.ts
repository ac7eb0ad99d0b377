/**
 * Test helpers for element tests in the vitest browser project. Not a package entry, never
 * imported by element code.
 */
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixture, type Fixture, type Fixtures } from './fixtures.ts';
import { createFixtureClient } from './fixture-client.ts';
import '../provider/define.ts';
import type { VnhElement } from './element.ts';

const mounted = new Set<Element>();

afterEach(() => {
  for (const el of mounted) el.remove();
  mounted.clear();
});

/** Wait until the element (and any Lit element inside it) has rendered. */
export async function settle(el: Element): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const lit = el as Element & { updateComplete?: Promise<boolean> };
    if (lit.updateComplete) await lit.updateComplete;
    await new Promise((r) => setTimeout(r, 0));
  }
}

/** Append `el` to the document (removed after the test) and wait for it to render. */
export async function mount<T extends Element>(el: T): Promise<T> {
  document.body.append(el);
  mounted.add(el);
  await settle(el);
  return el;
}

/** Create, mount and render a fixture of `tag`. */
export async function mountFixture<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  fixture: Fixture,
): Promise<HTMLElementTagNameMap[K]> {
  const el = await mount(createFixture(tag, fixture));
  if (fixture.setup) {
    await fixture.setup(el);
    await settle(el);
  }
  return el;
}

let axeQueue: Promise<unknown> = Promise.resolve();

/** Run axe-core on `el` (inside the document) and fail listing every violation. */
export async function expectNoAxeViolations(
  el: Element,
  options: axe.RunOptions = {},
): Promise<void> {
  const run = axeQueue.then(() => axe.run(el, { resultTypes: ['violations'], ...options }));
  axeQueue = run.catch(() => undefined);
  const results = await run;
  const report = results.violations
    .map(
      (v) =>
        `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n'),
    )
    .join('\n');
  expect(report, 'axe violations').toBe('');
}

/** Text of the element's shadow root and light DOM, whitespace collapsed. */
export function textOf(el: Element): string {
  const shadow = el.shadowRoot?.textContent ?? '';
  return `${shadow} ${el.textContent ?? ''}`.replace(/\s+/g, ' ').trim();
}

/** What the shared suite needs from an element's fixtures. */
export interface SharedSuiteFixtures {
  /** A fixture that shows data (used for locale and theme checks). */
  ready: Fixture;
  /** A fixture whose load never finishes. */
  loading: Fixture;
  /**
   * A fixture that loads with a client and fails once; its client is replaced by one that fails
   * once then answers, to test Retry. Give `data` for the second answer.
   */
  error: Fixture & { retryData?: Record<string, Record<string, unknown>> };
}

/**
 * The behaviour every element shares: loading state, error → retry, vi ↔ en, dark theme.
 * Call it from the element's test file: `runSharedBehaviourSuite('vnh-x', { ready, loading, error })`.
 */
export function runSharedBehaviourSuite<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  fixtures: SharedSuiteFixtures,
): void {
  describe(`<${tag}> shared behaviour`, () => {
    it('shows a busy skeleton and announces loading', async () => {
      const el = await mountFixture(tag, fixtures.loading);
      const root = el.shadowRoot!;
      expect(root.querySelector('[aria-busy="true"]'), 'an aria-busy region').not.toBeNull();
      const status = root.querySelector('[role="status"]');
      expect(status, 'a polite live region').not.toBeNull();
      expect(status!.textContent).toMatch(/Đang tải|Loading/);
      await expectNoAxeViolations(el);
    });

    it('shows an error with Retry, and Retry loads again', async () => {
      const { retryData, ...fixture } = fixtures.error;
      const client = createFixtureClient({ failTimes: 1, data: retryData ?? {} });
      const el = await mountFixture(tag, { ...fixture, client: () => client });
      await waitFor(() => el.shadowRoot!.querySelector('[part~="retry"]'));
      const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry"]')!;
      expect(retry.textContent).toMatch(/Thử lại|Retry/);
      await expectNoAxeViolations(el);
      const before = client.calls.length;
      retry.click();
      await waitFor(() => !el.shadowRoot!.querySelector('[part~="retry"]'));
      expect(client.calls.length).toBeGreaterThan(before);
      expect(el.shadowRoot!.querySelector('[part~="error"]')).toBeNull();
    });

    it('switches language with its provider (vi ↔ en)', async () => {
      const provider = document.createElement('vnh-provider');
      provider.setAttribute('lang', 'vi');
      const el = createFixture(tag, { ...fixtures.ready, lang: undefined });
      el.removeAttribute('lang');
      provider.append(el);
      await mount(provider);
      await settle(el);
      const vnh = el as unknown as VnhElement;
      expect(vnh.locale).toBe('vi');
      const vi = textOf(el);
      provider.setAttribute('lang', 'en');
      await settle(el);
      expect(vnh.locale).toBe('en');
      expect(textOf(el)).not.toBe(vi);
      provider.setAttribute('lang', 'vi');
      await settle(el);
      expect(textOf(el)).toBe(vi);
    });

    it('follows the dark theme of its provider, and of a page marker', async () => {
      const provider = document.createElement('vnh-provider');
      provider.setAttribute('theme', 'dark');
      const el = createFixture(tag, { ...fixtures.ready, theme: undefined });
      el.removeAttribute('theme');
      provider.append(el);
      await mount(provider);
      await settle(el);
      expect(el.getAttribute('data-vnh-theme')).toBe('dark');
      expect(getComputedStyle(el).colorScheme).toBe('dark');
      await expectNoAxeViolations(el);

      const page = document.createElement('div');
      page.className = 'vnh-theme-dark';
      const alone = createFixture(tag, { ...fixtures.ready, theme: undefined });
      page.append(alone);
      await mount(page);
      await settle(alone);
      expect(alone.getAttribute('data-vnh-theme')).toBe('dark');
    });
  });
}

/** Poll `check` until it returns something truthy (default 5 s). */
export async function waitFor<T>(check: () => T, timeoutMs = 5000): Promise<NonNullable<T>> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (Date.now() - start > timeoutMs) throw new Error(`waitFor timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export type { Fixture, Fixtures };

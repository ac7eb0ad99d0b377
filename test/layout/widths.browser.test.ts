/**
 * Every element at phone, tablet and desktop widths, in both languages and both themes: nothing
 * sticks out of the page or the element, no word is broken across lines because its box is too
 * narrow, every control is a 44 × 44 px touch target. One mount per element, language and theme;
 * the viewport changes under it. The 360 px screenshots land in docs/screenshots/360/.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cdp, page } from 'vitest/browser';
import '../../packages/components/src/define.ts';
import type { Fixture } from '../../packages/components/src/shared/fixtures.ts';
import {
  expectNoAxeViolations,
  mountFixture,
  settle,
  waitFor,
} from '../../packages/components/src/shared/testing.ts';
import { fixtures as appointmentList } from '../../packages/components/src/appointment-list/appointment-list.fixtures.ts';
import { fixtures as consultBooking } from '../../packages/components/src/consult-booking/consult-booking.fixtures.ts';
import { ready as healthRecord } from '../../packages/components/src/health-record-summary/health-record-summary.fixtures.ts';
import { fixtures as profileCard } from '../../packages/components/src/patient-profile-card/patient-profile-card.fixtures.ts';
import {
  compact,
  otherVaccines,
  printView,
} from '../../packages/components/src/vaccination-history/vaccination-history.fixtures.ts';
import { ready as schedule } from '../../packages/components/src/vaccination-schedule/vaccination-schedule.fixtures.ts';

const WIDTHS = [320, 360, 768, 1366] as const;
const HEIGHT = 800;
const MIN_TARGET = 44;

/** The richest fixture of each element (every section filled, the most rows). */
const ELEMENTS: [keyof HTMLElementTagNameMap, Fixture, variant?: string][] = [
  ['vnh-patient-profile-card', profileCard.default],
  ['vnh-consult-booking', consultBooking.presetDoctor],
  ['vnh-vaccination-history', otherVaccines],
  ['vnh-vaccination-history', printView, 'book'],
  ['vnh-vaccination-history', compact, 'compact'],
  ['vnh-vaccination-schedule', schedule],
  ['vnh-health-record-summary', healthRecord],
  ['vnh-appointment-list', appointmentList.default],
];

/** Where a test file's screenshot path resolves from (this folder) to the repository's docs. */
const SHOTS = '../../docs/screenshots';

const INTERACTIVE =
  'a[href], button, input, select, textarea, summary, [role="button"], [role="tab"], ' +
  '[role="option"], [role="radio"], [role="checkbox"], [role="link"], [tabindex]:not([tabindex="-1"])';

/** Every element of a shadow tree, nested shadow roots included. */
function* walk(root: ShadowRoot | Element): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* walk(el.shadowRoot);
  }
}

function describeNode(el: Element): string {
  const part = el.getAttribute('part');
  const cls = el.getAttribute('class');
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30);
  return `${el.localName}${part ? `[part=${part}]` : ''}${cls ? `.${cls.split(/\s+/).join('.')}` : ''} "${text}"`;
}

/** Hidden on purpose: not rendered, or the visually-hidden utility (a 1 px clipped box). */
function unseen(el: Element): boolean {
  const rect = el.getBoundingClientRect();
  if (rect.width === 0 && rect.height === 0) return true;
  for (let n: Element | null = el; n; n = n.parentElement) {
    const style = getComputedStyle(n);
    if (style.visibility === 'hidden' || style.clipPath.startsWith('inset(50%')) return true;
  }
  return false;
}

function parentOf(n: Element): Element | null {
  return n.parentElement ?? (n.getRootNode() as Partial<ShadowRoot>).host ?? null;
}

/** The nearest ancestor (inside the element) that scrolls horizontally, if any. */
function scrollContainer(el: Element, host: Element): Element | undefined {
  for (let n = parentOf(el); n && n !== host; n = parentOf(n)) {
    const overflow = getComputedStyle(n).overflowX;
    if (overflow === 'auto' || overflow === 'scroll') return n;
  }
  return undefined;
}

/** (a) Nothing wider than the page, nothing outside the element except inside a scroller. */
function overflowFailures(host: HTMLElement, width: number): string[] {
  const failures: string[] = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > width)
    failures.push(`page scrollWidth ${doc.scrollWidth} > viewport ${width}`);
  if (host.scrollWidth > host.clientWidth)
    failures.push(`element scrollWidth ${host.scrollWidth} > clientWidth ${host.clientWidth}`);
  const box = host.getBoundingClientRect();
  const reported: Element[] = [];
  for (const el of walk(host.shadowRoot!)) {
    if (unseen(el) || scrollContainer(el, host)) continue;
    if (reported.some((r) => r.contains(el))) continue; // the outermost box that sticks out
    const rect = el.getBoundingClientRect();
    if (rect.right <= box.right + 1 && rect.left >= box.left - 1) continue;
    reported.push(el);
    failures.push(
      `${describeNode(el)} spans ${Math.round(rect.left)}–${Math.round(rect.right)} outside the element ${Math.round(box.left)}–${Math.round(box.right)}`,
    );
  }
  return failures;
}

/** Break opportunities a browser takes without breaking a word: spaces, and after hyphens and dashes. */
const WORD = /[^\s‐–—-]+[‐–—-]?/g;

/** (b) No word broken across lines by a box narrower than the word (unless wider than the element). */
function brokenWordFailures(host: HTMLElement): string[] {
  const failures: string[] = [];
  const hostWidth = host.clientWidth;
  const walker = document.createTreeWalker(host.shadowRoot!, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || unseen(parent)) continue;
    const text = node.textContent ?? '';
    for (const match of text.matchAll(WORD)) {
      if (match[0].length < 2) continue;
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      const tops = new Set(rects.map((r) => Math.round(r.top)));
      if (tops.size < 2) continue;
      const wordWidth = rects.reduce((sum, r) => sum + r.width, 0);
      if (wordWidth > hostWidth) continue; // a token wider than the element may break
      const cell = parent.closest('td, th, li, dd, dt, p, div, span, button, a') ?? parent;
      failures.push(
        `"${match[0]}" broken over ${tops.size} lines in ${describeNode(cell)} (box ${Math.round(cell.getBoundingClientRect().width)} px, word ${Math.round(wordWidth)} px)`,
      );
    }
  }
  return failures;
}

/** (c) Every visible control is at least 44 × 44 px (a checkbox or radio counts with its label). */
function touchTargetFailures(host: HTMLElement): string[] {
  const failures: string[] = [];
  for (const el of walk(host.shadowRoot!)) {
    if (!el.matches(INTERACTIVE) || unseen(el)) continue;
    if ((el as HTMLElement).closest('[inert]')) continue;
    let { width, height } = el.getBoundingClientRect();
    if (el instanceof HTMLInputElement)
      for (const label of el.labels ?? []) {
        const r = label.getBoundingClientRect();
        width = Math.max(width, r.width);
        height = Math.max(height, r.height);
      }
    if (width < MIN_TARGET - 0.5 || height < MIN_TARGET - 0.5)
      failures.push(`${describeNode(el)} is ${Math.round(width)} × ${Math.round(height)} px`);
  }
  return failures;
}

/** The narrowest table cell (or stacked cell) with text, in px; for the report. */
function narrowestCell(host: HTMLElement): number | undefined {
  const widths = [...host.shadowRoot!.querySelectorAll('td, th')]
    .filter((c) => (c.textContent ?? '').trim() && !unseen(c))
    .map((c) => Math.round(c.getBoundingClientRect().width));
  return widths.length ? Math.min(...widths) : undefined;
}

async function frame(): Promise<void> {
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
}

/** Rendered with data: no busy region, and something to read. */
async function ready(el: HTMLElement): Promise<void> {
  await waitFor(
    () =>
      !el.shadowRoot!.querySelector('[aria-busy="true"]') &&
      (el.shadowRoot!.textContent ?? '').trim().length > 0,
    10_000,
  );
  await settle(el);
}

describe('layout from 320 px to wide screens', () => {
  // One day for every run, so the calendars, ages and "measured" dates (and the screenshots in
  // docs/) are the same whenever and under whatever clock the suite runs.
  beforeAll(() => {
    vi.useFakeTimers({
      toFake: ['Date'],
      now: new Date('2026-12-01T02:00:00Z'),
      shouldAdvanceTime: true,
    });
  });
  afterAll(() => {
    vi.useRealTimers();
  });
  for (const [tag, fixture, variant] of ELEMENTS)
    for (const lang of ['vi', 'en'] as const)
      for (const theme of ['light', 'dark'] as const)
        it(`<${tag}>${variant ? ` (${variant})` : ''} ${lang} ${theme}`, async () => {
          await page.viewport(WIDTHS[0], HEIGHT);
          const el = await mountFixture(tag, {
            ...fixture,
            lang,
            theme: theme === 'dark' ? 'dark' : undefined,
          });
          await ready(el);
          const failures: string[] = [];
          for (const width of WIDTHS) {
            await page.viewport(width, HEIGHT);
            await frame();
            const found = [
              ...overflowFailures(el, width),
              ...brokenWordFailures(el),
              ...touchTargetFailures(el),
            ];
            failures.push(...found.map((f) => `${width} px: ${f}`));
            const name = `${tag.replace(/^vnh-/, '')}${variant ? `-${variant}` : ''}-${lang}-${theme}.png`;
            // The frame as tall as the element: a page scrolls, a screenshot of the frame does not.
            const bottom = Math.ceil(el.getBoundingClientRect().bottom + window.scrollY);
            await page.viewport(width, Math.max(HEIGHT, bottom));
            await frame();
            await page.screenshot({
              element: el,
              path: width === 360 ? `${SHOTS}/360/${name}` : `__screenshots__/${width}/${name}`,
            });
            await page.viewport(width, HEIGHT);
            if (width === 360) await expectNoAxeViolations(el);
            if (width === 360 && lang === 'vi' && theme === 'light')
              console.info(
                `${tag}${variant ? ` (${variant})` : ''} at 360 px: ` +
                  `${Math.round(el.getBoundingClientRect().height)} px tall` +
                  (narrowestCell(el) ? `, narrowest table cell ${narrowestCell(el)} px` : ''),
              );
          }
          // A narrow column of a wide page: the layout follows the element's width, not the page's.
          el.style.inlineSize = `${WIDTHS[0]}px`;
          await frame();
          const column = [
            ...overflowFailures(el, WIDTHS.at(-1)!),
            ...brokenWordFailures(el),
            ...touchTargetFailures(el),
          ];
          failures.push(
            ...column.map((f) => `${WIDTHS[0]} px column at ${WIDTHS.at(-1)!} px: ${f}`),
          );
          expect(failures).toEqual([]);
        });
});

interface AXNode {
  role?: { value?: string };
  name?: { value?: string };
}

/** Chromium's own accessibility tree of this test's frame (what a screen reader is given). */
async function accessibilityTree(): Promise<AXNode[]> {
  const session = cdp();
  interface FrameTree {
    frame: { id: string; url: string };
    childFrames?: FrameTree[];
  }
  const { frameTree } = (await session.send('Page.getFrameTree')) as { frameTree: FrameTree };
  const frames: FrameTree['frame'][] = [];
  const collect = (t: FrameTree): void => {
    frames.push(t.frame);
    t.childFrames?.forEach(collect);
  };
  collect(frameTree);
  const frame = frames.find((f) => f.url === location.href);
  if (!frame) throw new Error(`no frame at ${location.href}`);
  const { nodes } = (await session.send('Accessibility.getFullAXTree', {
    frameId: frame.id,
  })) as { nodes: AXNode[] };
  return nodes;
}

const squash = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

describe('stacked rows keep the table for screen readers', () => {
  for (const width of [360, 1366])
    it(`<vnh-vaccination-history> at ${width} px`, async () => {
      await page.viewport(width, HEIGHT);
      const el = await mountFixture('vnh-vaccination-history', { ...otherVaccines, lang: 'vi' });
      await ready(el);
      await frame();
      const root = el.shadowRoot!;
      const tables = root.querySelectorAll('.screen table');
      const cells = [...root.querySelectorAll<HTMLElement>('.screen td[data-label]')].filter((td) =>
        squash(td.textContent),
      );
      expect(tables.length).toBeGreaterThan(0);
      // Stacked at phone width (each cell a block with its drawn column name), a table when wide.
      const display = getComputedStyle(cells[0]!).display;
      expect(display).toBe(width === 360 ? 'grid' : 'table-cell');

      const ax = await accessibilityTree();
      const named = (role: string) =>
        ax.filter((n) => n.role?.value === role).map((n) => squash(n.name?.value));
      expect(named('table').length).toBe(tables.length);
      const headers = named('columnheader');
      const cellNames = named('cell');
      for (const label of new Set(cells.map((td) => td.dataset.label!)))
        expect(headers.filter((h) => h === label).length, `column header ${label}`).toBe(
          tables.length,
        );
      const missing = cells
        .map((td) => squash(td.textContent))
        .filter((text) => !cellNames.includes(text));
      expect(missing, 'cells whose screen-reader name is not their own text').toEqual([]);
      const doubled = cells
        .map((td) => `${td.dataset.label!} ${squash(td.textContent)}`)
        .filter((both) => cellNames.includes(both));
      expect(doubled, 'cells that read their drawn column name too').toEqual([]);
      await expectNoAxeViolations(el);
    });
});

import { describe, expect, inject, it } from 'vitest';
import { createHealthClient, type HealthClient, type TimelineEntry } from '@vnhealth/core';
import {
  expectNoAxeViolations,
  mount,
  mountFixture,
  runSharedBehaviourSuite,
  settle,
  textOf,
  waitFor,
} from '../shared/testing.ts';
import './define.ts';
import * as fixtures from './health-record-summary.fixtures.ts';
import { createFixtureClient } from '../shared/fixture-client.ts';

const TAG = 'vnh-health-record-summary';

const page = {
  entries: [
    {
      key: 'Encounter/e1',
      kind: 'encounter',
      date: '2026-11-20T08:15:00+07:00',
      title: 'Khám ngoại trú',
      status: 'finished',
    },
  ] satisfies TimelineEntry[],
  cursor: undefined,
  hasMore: false,
};

runSharedBehaviourSuite(TAG, {
  ready: fixtures.ready,
  loading: fixtures.loading,
  error: { ...fixtures.error, retryData: { getTimeline: { 'vnh-pt-001': page } } },
});

describe('<vnh-health-record-summary> fixtures', () => {
  for (const [name, fixture] of Object.entries(fixtures)) {
    it(`${name}: no axe violations`, async () => {
      const el = await mountFixture(TAG, fixture);
      if (fixture.client)
        await waitFor(
          () => !el.shadowRoot!.querySelector('[aria-busy="true"]') || name === 'loading',
        );
      await expectNoAxeViolations(el);
    });
  }
});

function root(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

describe('<vnh-health-record-summary>', () => {
  it('groups entries by the day they were recorded on, in their own offset, newest first', async () => {
    const el = await mountFixture(TAG, {
      properties: {
        entries: [
          // 20:00 in Bogotá on the 19th: already 08:00 on the 20th in Hà Nội, but a 19th event.
          {
            key: 'Observation/a',
            kind: 'vital',
            date: '2026-11-19T20:00:00-05:00',
            title: '',
            vital: { kind: 'heartRate', value: 80, unit: '/min' },
          },
          {
            key: 'Encounter/b',
            kind: 'encounter',
            date: '2026-11-20T08:00:00+07:00',
            title: 'Khám',
          },
          {
            key: 'Condition/c',
            kind: 'condition',
            date: '2026-01-02',
            title: 'Tăng huyết áp',
            code: 'I10',
          },
          { key: 'Condition/d', kind: 'condition', date: '2025-03', title: 'Hen phế quản' },
        ] satisfies TimelineEntry[],
      },
      lang: 'vi',
    });
    const days = [...root(el).querySelectorAll('.day')].map((day) => ({
      heading: day.querySelector('.day-heading time')?.textContent?.trim(),
      entries: [...day.querySelectorAll('.entry')].map((e) => e.getAttribute('data-key')),
    }));
    expect(days).toEqual([
      { heading: '20/11/2026', entries: ['Encounter/b'] },
      { heading: '19/11/2026', entries: ['Observation/a'] },
      { heading: '02/01/2026', entries: ['Condition/c'] },
      { heading: '03/2025', entries: ['Condition/d'] },
    ]);
    // The time of day is the recorded one, with its offset when it is not Hà Nội's.
    expect(textOf(el)).toContain('20:00 (UTC-05:00)');
    expect(root(el).querySelector('[data-key="Encounter/b"]')!.textContent).toContain('08:00');
    expect(root(el).querySelector('[data-key="Encounter/b"]')!.textContent).not.toContain('UTC');
    expect(textOf(el)).toContain('80 lần/phút');
    expect(root(el).querySelector('ol[part~="timeline"]')).not.toBeNull();
  });

  it('disables the filter chips while the record could not be loaded, and enables them after Retry', async () => {
    const client = createFixtureClient({
      failTimes: 1,
      data: { getTimeline: { 'vnh-pt-001': page } },
    });
    const el = await mountFixture(TAG, { ...fixtures.error, client: () => client });
    await waitFor(() => root(el).querySelector('[part~="retry"]'));
    const chips = () => [...root(el).querySelectorAll<HTMLButtonElement>('[part~="filter"]')];
    expect(chips()).toHaveLength(4);
    expect(chips().map((c) => c.disabled)).toEqual([true, true, true, true]);
    // A click on a disabled chip changes nothing (no filter, no new request).
    const requests = client.calls.length;
    chips()[0]!.click();
    await settle(el);
    expect(chips()[0]!.getAttribute('aria-pressed')).toBe('true');
    expect(client.calls.length).toBe(requests);
    expect(root(el).querySelector('[part~="retry"]')).not.toBeNull();
    root(el).querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
    await waitFor(() => root(el).querySelector('[data-key="Encounter/e1"]'));
    expect(chips().map((c) => c.disabled)).toEqual([false, false, false, false]);
  });

  it('puts its headings at the page outline level asked for', async () => {
    const el = await mountFixture(TAG, { ...fixtures.ready, attributes: { 'heading-level': '3' } });
    expect(root(el).querySelector('[part~="title"]')!.getAttribute('aria-level')).toBe('3');
    expect(root(el).querySelector('[part~="day-heading"]')!.getAttribute('aria-level')).toBe('4');
  });

  it('never shows entered-in-error records', async () => {
    const el = await mountFixture(TAG, { ...fixtures.ready, lang: 'vi' });
    expect(textOf(el)).not.toContain('ghi nhầm');
    expect(root(el).querySelector('[data-key="Condition/c-err"]')).toBeNull();
  });

  it('reads blood pressure as systolic/diastolic with the unit', async () => {
    const el = await mountFixture(TAG, { ...fixtures.ready, lang: 'vi' });
    expect(textOf(el)).toContain('148/92 mmHg');
  });

  it('filters by kind with toggle buttons in a labelled group, by keyboard', async () => {
    const el = await mountFixture(TAG, { ...fixtures.ready, lang: 'vi' });
    const group = root(el).querySelector('[role="group"]')!;
    expect(group.getAttribute('aria-labelledby')).toBe('filter-label');
    const vital = root(el).querySelector<HTMLButtonElement>('button[data-kind="vital"]')!;
    expect(vital.getAttribute('aria-pressed')).toBe('true');
    vital.focus();
    vital.click();
    await settle(el);
    expect(vital.getAttribute('aria-pressed')).toBe('false');
    expect(root(el).querySelector('.entry[data-kind="vital"]')).toBeNull();
    expect(root(el).querySelector('[role="status"]')!.textContent).toMatch(/Đang hiển thị \d+ mục/);
    for (const kind of ['encounter', 'condition', 'immunization']) {
      root(el).querySelector<HTMLButtonElement>(`button[data-kind="${kind}"]`)!.click();
    }
    await settle(el);
    expect(textOf(el)).toContain('Hãy chọn ít nhất một loại');
  });

  it('honours the kinds attribute', async () => {
    const el = await mountFixture(TAG, fixtures.vitalsOnly);
    const kinds = new Set(
      [...root(el).querySelectorAll('.entry')].map((e) => e.getAttribute('data-kind')),
    );
    expect([...kinds]).toEqual(['vital']);
  });

  it('pages long records with Show more, announces politely and moves focus to the new entries', async () => {
    const el = await mountFixture(TAG, { ...fixtures.long, lang: 'vi' });
    expect(root(el).querySelectorAll('.entry')).toHaveLength(10);
    const more = root(el).querySelector<HTMLButtonElement>('[part~="more"]')!;
    more.click();
    await settle(el);
    expect(root(el).querySelectorAll('.entry')).toHaveLength(20);
    expect(root(el).querySelector('[role="status"]')!.textContent).toContain(
      'Đã hiển thị thêm 10 mục, tổng cộng 20 mục',
    );
    expect(root(el).activeElement?.getAttribute('data-key')).toBe(
      root(el).querySelectorAll('.entry')[10]!.getAttribute('data-key'),
    );
    for (let i = 0; i < 5; i++) {
      root(el).querySelector<HTMLButtonElement>('[part~="more"]')?.click();
      await settle(el);
    }
    expect(root(el).querySelectorAll('.entry')).toHaveLength(65);
    expect(root(el).querySelector('[part~="more"]')).toBeNull();
  });

  it('loads by patient-id through the client, passing kinds, page size and an AbortSignal', async () => {
    const calls: { signal?: AbortSignal }[] = [];
    const client = {
      records: {
        getTimeline: (_id: string, opts: { signal?: AbortSignal }) => {
          calls.push(opts);
          return Promise.resolve({
            ...page,
            cursor: calls.length === 1 ? 'c1' : undefined,
            hasMore: calls.length === 1,
          });
        },
      },
    } as unknown as HealthClient;
    const el = await mountFixture(TAG, {
      attributes: { 'patient-id': 'vnh-pt-001', 'page-size': '7' },
      client: () => client,
    });
    await waitFor(() => root(el).querySelector('.entry'));
    expect(calls[0]).toMatchObject({
      pageSize: 7,
      kinds: ['encounter', 'condition', 'vital', 'immunization'],
    });
    expect((calls[0] as { signal: unknown }).signal).toBeInstanceOf(AbortSignal);
    root(el).querySelector<HTMLButtonElement>('[part~="more"]')!.click();
    await waitFor(() => calls.length === 2);
    expect(calls[1]).toMatchObject({ cursor: 'c1', pageSize: 7 });
  });

  it('shows not-found for an unknown patient', async () => {
    const el = await mountFixture(TAG, fixtures.notFound);
    await waitFor(() => root(el).querySelector('[part~="not-found"]'));
  });

  it('renders a PatientSummary without network, with a computed-BMI-free history', async () => {
    const el = await mountFixture(TAG, { ...fixtures.fromSummary, lang: 'vi' });
    expect(textOf(el)).toContain('Tăng huyết áp vô căn');
    expect(textOf(el)).toContain('72,5 kg');
  });

  it('keeps hostile data inert: no element injected, nothing executed, layout bounded', async () => {
    (window as { __vnhPwned?: number }).__vnhPwned = undefined;
    const el = await mountFixture(TAG, fixtures.hostile);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as { __vnhPwned?: number }).__vnhPwned).toBeUndefined();
    expect(root(el).querySelector('img, script, a, iframe')).toBeNull();
    expect(textOf(el)).toContain('<img src=x onerror=');
    const width = el.getBoundingClientRect().width;
    for (const node of root(el).querySelectorAll<HTMLElement>('.entry')) {
      expect(node.getBoundingClientRect().width).toBeLessThanOrEqual(width + 1);
    }
    await expectNoAxeViolations(el);
  });

  it('switches to English strings and dates', async () => {
    const el = await mountFixture(TAG, fixtures.english);
    expect(textOf(el)).toContain('Health record timeline');
    expect(textOf(el)).toMatch(/20 Nov 2026/);
  });
});

describe('<vnh-health-record-summary> against the sandbox', () => {
  it('loads vnh-pt-001 through a provider in one request per page, then pages with Show more', async () => {
    const requests: string[] = [];
    const client = createHealthClient({
      baseUrl: inject('sandboxUrl'),
      fetch: (input, init) => {
        requests.push(input instanceof Request ? input.method : (init?.method ?? 'GET'));
        return fetch(input, init);
      },
    });
    const provider = document.createElement('vnh-provider');
    provider.setAttribute('lang', 'vi');
    provider.client = client;
    const el = document.createElement(TAG);
    el.setAttribute('patient-id', 'vnh-pt-001');
    el.setAttribute('page-size', '4');
    // Encounters and conditions only: the sandbox's in-memory search is slow on Observations.
    el.setAttribute('kinds', 'encounter condition');
    provider.append(el);
    await mount(provider);
    await waitFor(() => root(el).querySelectorAll('.entry').length === 4, 90_000).catch(() => {
      throw new Error(`not loaded: ${textOf(el).slice(0, 300)} / ${requests.join(',')}`);
    });
    expect(requests).toHaveLength(1);
    expect(textOf(el)).toContain('Khám ngoại trú');
    root(el).querySelector<HTMLButtonElement>('[part~="more"]')!.click();
    await waitFor(() => root(el).querySelectorAll('.entry').length === 8, 90_000);
    expect(requests).toHaveLength(2);
    await expectNoAxeViolations(el);
    // The sandbox's in-memory search is slow on a loaded machine: allow it time.
  }, 200_000);
});

import { describe, expect, inject, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createHealthClient } from '@vnhealth/core';
import {
  expectNoAxeViolations,
  mount,
  mountFixture,
  runSharedBehaviourSuite,
  settle,
  textOf,
  waitFor,
} from '../shared/testing.ts';
import { createFixture } from '../shared/fixtures.ts';
import { colorTokens } from '../shared/tokens.ts';
import { BHYT, CCCD, clientData, fixtures, PWNED_FLAG } from './patient-profile-card.fixtures.ts';
import { IdentifierRevealEvent, type VnhPatientProfileCard } from './patient-profile-card.ts';
import './define.ts';

const TAG = 'vnh-patient-profile-card';

// Outside a provider the card follows the page's language; these tests read Vietnamese.
document.documentElement.lang = 'vi';

function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

function part(el: Element, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

/** Wait until a loading card has left the pending state. */
async function loaded(el: VnhPatientProfileCard): Promise<void> {
  await waitFor(() => !el.shadowRoot!.querySelector('[aria-busy="true"]'), 10_000);
  await settle(el);
}

runSharedBehaviourSuite(TAG, {
  ready: fixtures.default,
  loading: fixtures.loading,
  error: { ...fixtures.error, retryData: clientData },
});

describe('<vnh-patient-profile-card> fixtures', () => {
  for (const [name, fixture] of Object.entries(fixtures)) {
    it(`${name}: no axe violations`, async () => {
      const el = await mountFixture(TAG, fixture);
      if (name !== 'loading') await loaded(el);
      await expectNoAxeViolations(el);
    });
  }
});

describe('<vnh-patient-profile-card> identity', () => {
  it('shows name, age, sex and birth date in Vietnamese', async () => {
    const el = await mountFixture(TAG, fixtures.default);
    expect(part(el, 'name')!.textContent!.trim()).toBe('Nguyễn Văn An');
    const demo = part(el, 'demographics')!.textContent!;
    expect(demo).toMatch(/\d+ tuổi/);
    expect(demo).toContain('Nam');
    expect(demo).toContain('02/03/1985');
    expect(el.shadowRoot!.querySelector('article')!.getAttribute('aria-label')).toBe(
      'Hồ sơ bệnh nhân: Nguyễn Văn An',
    );
  });

  it('gives the age in months under 2 and builds the name from family + given', async () => {
    const el = await mountFixture(TAG, fixtures.childUnder2);
    expect(part(el, 'name')!.textContent!.trim()).toBe('Phạm Gia Bảo');
    expect(part(el, 'demographics')!.textContent).toContain('14 tháng tuổi');
    // Last given name, then the family name's first letter (Phạm Gia Bảo → BP).
    expect(part(el, 'avatar')!.textContent!.trim()).toBe('BP');
  });

  it('renders a record with only a name, and says allergies are unknown', async () => {
    const el = await mountFixture(TAG, fixtures.missingData);
    expect(part(el, 'name')!.textContent!.trim()).toBe('Lò Thị Mai');
    expect(part(el, 'identifiers')).toBeNull();
    expect(part(el, 'demographics')).toBeNull();
    expect(part(el, 'allergies')!.textContent).toContain('Chưa có thông tin dị ứng');
  });

  it('switches to English, with English dates', async () => {
    const el = await mountFixture(TAG, fixtures.en);
    expect(part(el, 'allergies')!.textContent).toContain('Allergies (2)');
    expect(part(el, 'demographics')!.textContent).toContain('02 Mar 1985');
    expect(part(el, 'demographics')!.textContent).toContain('Male');
  });
});

describe('<vnh-patient-profile-card> identifiers', () => {
  it('masks CCCD and BHYT: the values are not in the DOM until revealed', async () => {
    const el = await mountFixture(TAG, fixtures.default);
    expect(textOf(el)).not.toContain(CCCD);
    expect(textOf(el)).not.toContain(BHYT);
    expect(textOf(el)).toContain('••••••••2345');
  });

  it('reveals with the keyboard (Tab, Enter, Space) and fires an audit event without the value', async () => {
    const before = document.createElement('button');
    before.textContent = 'before';
    await mount(before);
    const el = await mountFixture(TAG, fixtures.default);
    const events: IdentifierRevealEvent[] = [];
    document.addEventListener('vnh-identifier-reveal', (e) => events.push(e));
    before.focus();

    await userEvent.tab();
    const cccdToggle = el.shadowRoot!.activeElement as HTMLButtonElement;
    expect(cccdToggle.getAttribute('part')).toBe('reveal-button');
    expect(cccdToggle.getAttribute('aria-pressed')).toBe('false');
    expect(cccdToggle.getAttribute('aria-controls')).toBe('identifier-cccd');
    expect(cccdToggle.textContent!.trim()).toBe('Hiện số CCCD');
    await userEvent.keyboard('{Enter}');
    await settle(el);
    expect(cccdToggle.getAttribute('aria-pressed')).toBe('true');
    expect(el.shadowRoot!.getElementById('identifier-cccd')!.textContent).toContain(CCCD);
    expect(events).toHaveLength(1);
    expect(events[0]).toBeInstanceOf(IdentifierRevealEvent);
    expect(events[0]!.kind).toBe('cccd');
    expect(events[0]!.patientId).toBe('vnh-pt-001');
    expect(events[0]!.bubbles && events[0]!.composed).toBe(true);
    expect(JSON.stringify({ ...events[0], kind: events[0]!.kind })).not.toContain(CCCD);

    await userEvent.tab();
    const bhytToggle = el.shadowRoot!.activeElement as HTMLButtonElement;
    expect(bhytToggle.getAttribute('aria-controls')).toBe('identifier-bhyt');
    await userEvent.keyboard(' ');
    await settle(el);
    expect(bhytToggle.getAttribute('aria-pressed')).toBe('true');
    expect(textOf(el)).toContain(BHYT);
    expect(events.map((e) => e.kind)).toEqual(['cccd', 'bhyt']);

    // Hiding again fires nothing.
    await userEvent.keyboard('{Enter}');
    await settle(el);
    expect(bhytToggle.getAttribute('aria-pressed')).toBe('false');
    expect(textOf(el)).not.toContain(BHYT);
    expect(events).toHaveLength(2);
  });

  it('keeps the value masked when the host cancels the reveal event', async () => {
    const el = await mountFixture(TAG, fixtures.default);
    el.addEventListener('vnh-identifier-reveal', (e) => e.preventDefault());
    part(el, 'reveal-button')!.click();
    await settle(el);
    expect(textOf(el)).not.toContain(CCCD);
    expect(part(el, 'reveal-button')!.getAttribute('aria-pressed')).toBe('false');
  });

  it('says BHYT status in plain words: valid, expiring, expired', async () => {
    const valid = await mountFixture(TAG, fixtures.default);
    expect(part(valid, 'insurance-status')!.textContent).toMatch(/Còn hạn đến \d{2}\/\d{2}\/\d{4}/);
    const expiring = await mountFixture(TAG, fixtures.expiringBhyt);
    expect(part(expiring, 'insurance-status')!.textContent).toMatch(/Sắp hết hạn: còn 12 ngày/);
    const expired = await mountFixture(TAG, fixtures.expiredBhyt);
    expect(part(expired, 'insurance-status')!.textContent).toMatch(/Đã hết hạn từ/);
    expect(part(expired, 'insurance-status')!.className).toContain('badge-expired');
  });
});

describe('<vnh-patient-profile-card> clinical sections', () => {
  it('lists allergies highest criticality first in a banner with a heading', async () => {
    const el = await mountFixture(TAG, fixtures.highCriticalityAllergies);
    const banner = part(el, 'allergies')!;
    expect(banner.querySelector('[role="heading"]')!.textContent).toContain('Dị ứng (5)');
    expect(banner.querySelector('[role="heading"]')!.getAttribute('aria-level')).toBe('3');
    const names = [...banner.querySelectorAll('.allergen')].map((n) => n.textContent!.trim());
    expect(names.slice(0, 2).sort()).toEqual(['Penicillin', 'Đậu phộng'].sort());
    expect(names[2]).toBe('Iod (thuốc cản quang)');
    expect(names[3]).toBe('Aspirin');
    expect(names[4]).toBe('Phấn hoa');
    // The banner comes before every other section.
    const sections = [...el.shadowRoot!.querySelectorAll('section')];
    expect(sections[0]).toBe(banner);
  });

  it('shows conditions, medications and vitals with a sparkline for several readings', async () => {
    const el = await mountFixture(TAG, fixtures.default);
    expect(part(el, 'conditions')!.textContent).toContain('Tăng huyết áp vô căn');
    expect(part(el, 'conditions')!.textContent).toContain('I10');
    expect(part(el, 'medications')!.textContent).toContain('Amlodipin 5 mg');
    const vitals = part(el, 'vitals')!;
    expect(vitals.textContent).toContain('130/84 mmHg');
    expect(vitals.textContent).toContain('36,8 °C');
    // Four series have ≥ 3 readings; temperature has one.
    expect(vitals.querySelectorAll('svg.sparkline polyline')).toHaveLength(4);
    expect(vitals.textContent).toContain('Xu hướng 4 lần đo gần nhất');
    expect(el.shadowRoot!.querySelector('[style]')).toBeNull();
  });

  it('dates a condition and a reading as recorded, in their own offset', async () => {
    const summary = fixtures.default.properties.summary;
    const [first, ...others] = summary.conditions;
    // 20:00 in Bogotá on 10/06/2015 is already 11/06 in Hà Nội; the record says the 10th.
    const weight = summary.vitals.weight!;
    const latest = { ...weight.latest, date: '2026-11-20T20:00:00-05:00' };
    const el = await mountFixture(TAG, {
      properties: {
        summary: {
          ...summary,
          conditions: [{ ...first!, onsetDateTime: '2015-06-10T20:00:00-05:00' }, ...others],
          vitals: { weight: { ...weight, latest, history: [latest] } },
        },
      },
    });
    expect(part(el, 'conditions')!.textContent).toContain('từ 10/06/2015');
    expect(part(el, 'vitals')!.textContent).toContain('đo ngày 20/11/2026');
  });

  it('follows heading-level for the page outline', async () => {
    const el = await mountFixture(TAG, {
      ...fixtures.default,
      attributes: { 'heading-level': '3' },
    });
    expect(part(el, 'name')!.getAttribute('aria-level')).toBe('3');
    expect(
      part(el, 'allergies')!.querySelector('[role="heading"]')!.getAttribute('aria-level'),
    ).toBe('4');
  });

  it('compact shows identity, identifiers and allergies; with-* adds, without-* drops', async () => {
    const el = await mountFixture(TAG, fixtures.compact);
    expect(part(el, 'allergies')).not.toBeNull();
    expect(part(el, 'identifiers')).not.toBeNull();
    expect(part(el, 'vitals')).toBeNull();
    expect(part(el, 'contact')).toBeNull();
    el.setAttribute('with-vitals', '');
    el.setAttribute('without-avatar', '');
    await settle(el);
    expect(part(el, 'vitals')).not.toBeNull();
    expect(part(el, 'avatar')).toBeNull();
    const full = await mountFixture(TAG, {
      ...fixtures.default,
      attributes: { 'without-contact': true },
    });
    expect(part(full, 'contact')).toBeNull();
    expect(part(full, 'medications')).not.toBeNull();
  });

  it('shows contact: phone as a tel: link, address, emergency contact', async () => {
    const el = await mountFixture(TAG, fixtures.default);
    const contact = part(el, 'contact')!;
    const phone = contact.querySelector('a[href="tel:+84912345678"]');
    expect(phone?.textContent?.trim()).toBe('0912 345 678');
    expect(contact.textContent).toContain('Trần Thị Bình');
    expect(contact.textContent).toContain('Vợ');
    expect(contact.textContent).toContain('Phường Bến Thành');
  });

  it('names the sections a summary cut, in Vietnamese and English', async () => {
    const el = await mountFixture(TAG, fixtures.truncated);
    const notice = part(el, 'truncated')!;
    expect(notice.getAttribute('role')).toBe('note');
    expect(notice.textContent).toContain('Bệnh đang điều trị');
    expect(notice.textContent).not.toContain('encounters');
    expect(part(el, 'partial')).toBeNull();
    el.lang = 'en';
    await waitFor(() => part(el, 'truncated')?.textContent?.includes('Active conditions'));
    expect(part(el, 'truncated')!.textContent).toContain('only the first ones');
    const full = await mountFixture(TAG, fixtures.default);
    expect(part(full, 'truncated')).toBeNull();
  });

  it('marks partial data', async () => {
    const el = await mountFixture(TAG, fixtures.partial);
    expect(part(el, 'partial')!.textContent).toContain('Một phần hồ sơ');
    expect(part(el, 'vitals')).toBeNull();
    expect(part(el, 'conditions')).not.toBeNull();
  });

  it('renders slots always and hides the empty ones', async () => {
    const el = createFixture(TAG, fixtures.default);
    const action = document.createElement('button');
    action.slot = 'actions';
    action.textContent = 'Bắt đầu khám';
    el.append(action);
    await mount(el);
    await settle(el);
    expect(part(el, 'actions')!.hidden).toBe(false);
    expect(part(el, 'footer')!.hidden).toBe(true);
    expect(el.shadowRoot!.querySelector('slot[name="header"]')).not.toBeNull();
  });
});

describe('<vnh-patient-profile-card> theme', () => {
  it('uses the dark token set: computed colours', async () => {
    const el = await mountFixture(TAG, fixtures.dark);
    const card = part(el, 'card')!;
    expect(getComputedStyle(card).backgroundColor).toBe(rgb(colorTokens.dark.surface));
    expect(getComputedStyle(card).color).toBe(rgb(colorTokens.dark.text));
    expect(getComputedStyle(part(el, 'allergies')!).backgroundColor).toBe(
      rgb(colorTokens.dark['danger-surface']),
    );
    const light = await mountFixture(TAG, fixtures.default);
    expect(getComputedStyle(part(light, 'card')!).backgroundColor).toBe(
      rgb(colorTokens.light.surface),
    );
  });
});

describe('<vnh-patient-profile-card> right-to-left pages', () => {
  it('mirrors with logical properties and does not overflow', async () => {
    const box = document.createElement('div');
    box.dir = 'rtl';
    const el = createFixture(TAG, fixtures.default);
    box.append(el);
    await mount(box);
    await settle(el);
    const banner = part(el, 'allergies')!;
    expect(getComputedStyle(banner).borderRightWidth).toBe('6px');
    expect(getComputedStyle(banner).borderLeftWidth).toBe('2px');
    const card = part(el, 'card')!;
    expect(card.scrollWidth).toBeLessThanOrEqual(card.clientWidth + 1);
  });
});

describe('<vnh-patient-profile-card> hostile data', () => {
  it('executes nothing, links nothing dangerous, and does not overflow', async () => {
    delete (window as unknown as Record<string, unknown>)[PWNED_FLAG];
    const box = document.createElement('div');
    box.className = 'narrow-box';
    box.setAttribute('lang', 'vi');
    const el = createFixture(TAG, fixtures.hostile);
    box.append(el);
    // Tests may use inline styles; the element may not.
    box.style.inlineSize = '360px';
    await mount(box);
    await fixtures.hostile.setup(el);
    await settle(el);
    await new Promise((r) => setTimeout(r, 200));
    expect((window as unknown as Record<string, unknown>)[PWNED_FLAG]).toBeUndefined();
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('script, iframe, object, embed')).toHaveLength(0);
    expect(root.querySelectorAll('img')).toHaveLength(0);
    for (const a of root.querySelectorAll('a')) {
      expect(a.getAttribute('href')).toMatch(/^(tel:\+?\d+|mailto:)/);
      expect(a.getAttribute('href')).not.toMatch(/javascript:/i);
    }
    expect(textOf(el)).toContain('<img src=x onerror=');
    const card = part(el, 'card')!;
    expect(card.scrollWidth).toBeLessThanOrEqual(card.clientWidth + 1);
    expect(el.getBoundingClientRect().width).toBeLessThanOrEqual(361);
    // The name is clamped: the rest of the card stays within reach.
    expect(part(el, 'name')!.getBoundingClientRect().height).toBeLessThan(200);
    await expectNoAxeViolations(el);
  });
});

describe('<vnh-patient-profile-card> loading through a client', () => {
  it('aborts the previous load when patient-id changes', async () => {
    const el = await mountFixture(TAG, fixtures.loading);
    const client = el.client as unknown as { calls: { id: string }[] };
    el.patientId = 'vnh-pt-002';
    await settle(el);
    expect(client.calls.map((c) => c.id)).toEqual(['vnh-pt-001', 'vnh-pt-002']);
  });

  it('shows not-found', async () => {
    const el = await mountFixture(TAG, fixtures.notFound);
    await waitFor(() => part(el, 'not-found'));
    expect(part(el, 'not-found')!.textContent).toContain('Không tìm thấy bệnh nhân');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).toContain(
      'Không tìm thấy',
    );
  });

  it('shows an error for a closed port, and Retry asks again', async () => {
    let requests = 0;
    const client = createHealthClient({
      baseUrl: 'http://127.0.0.1:9/fhir/R4',
      timeoutMs: 3000,
      fetch: (input, init) => {
        requests += 1;
        return fetch(input, init);
      },
    });
    const el = createFixture(TAG, { attributes: { 'patient-id': 'vnh-pt-001' } });
    el.client = client;
    await mount(el);
    await waitFor(() => part(el, 'retry'), 15_000);
    expect(part(el, 'error')!.textContent).toContain('Không kết nối được máy chủ');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).toContain(
      'Không tải được dữ liệu',
    );
    const before = requests;
    part(el, 'retry')!.click();
    await waitFor(() => requests > before, 15_000);
    await waitFor(() => part(el, 'retry'), 15_000);
  });
});

const sandboxUrl = inject('sandboxUrl');

describe('<vnh-patient-profile-card> against the sandbox', () => {
  function countingClient() {
    const urls: string[] = [];
    const client = createHealthClient({
      baseUrl: sandboxUrl,
      fetch: (input, init) => {
        urls.push(input instanceof Request ? `${input.method} ${input.url}` : String(input));
        return fetch(input, init);
      },
    });
    return { client, urls };
  }

  async function loadFromSandbox(id: string, lang = 'vi') {
    const { client, urls } = countingClient();
    const provider = document.createElement('vnh-provider');
    provider.client = client;
    provider.setAttribute('lang', lang);
    const el = document.createElement(TAG);
    el.patientId = id;
    provider.append(el);
    await mount(provider);
    await waitFor(() => part(el, 'name') || part(el, 'error') || part(el, 'not-found'), 20_000);
    await settle(el);
    return { el, urls };
  }

  it('loads vnh-pt-001 (full record) with at most two requests (goal: one batch)', async () => {
    const { el, urls } = await loadFromSandbox('vnh-pt-001');
    expect(part(el, 'name')!.textContent).toContain('Nguyễn Văn An');
    expect(part(el, 'allergies')).not.toBeNull();
    // The sandbox codes the contact v2-0131 C ("Liên hệ khẩn cấp") then v3 WIFE ("Vợ").
    const contact = part(el, 'contact')!.textContent!.replace(/\s+/g, ' ');
    expect(contact).toContain('Trần Thị Lan (Vợ)');
    expect(contact).not.toContain('(Liên hệ khẩn cấp)');
    expect(contact).toContain('0987 654 321');
    expect(contact).not.toContain('+84');
    console.warn(`[card] requests for one load: ${urls.length}\n  ${urls.join('\n  ')}`);
    expect(urls.length).toBeLessThanOrEqual(2);
    await expectNoAxeViolations(el);
  });

  it('two cards on one client: one batch each, the CapabilityStatement at most once', async () => {
    const { client, urls } = countingClient();
    for (const id of ['vnh-pt-001', 'vnh-pt-002']) {
      const el = document.createElement(TAG);
      el.client = client;
      el.patientId = id;
      await mount(el);
      await waitFor(() => part(el, 'name'), 20_000);
    }
    console.warn(
      `[card] requests for two cards on one client: ${urls.length}\n  ${urls.join('\n  ')}`,
    );
    expect(urls.length).toBeLessThanOrEqual(3);
  });

  it('shows the expired BHYT of vnh-pt-002', async () => {
    const { el } = await loadFromSandbox('vnh-pt-002');
    expect(part(el, 'insurance-status')!.className).toContain('badge-expired');
  });

  it('renders vnh-pt-004 (only a name) and an unknown id as not found', async () => {
    const { el } = await loadFromSandbox('vnh-pt-004', 'en');
    expect(part(el, 'name')!.textContent!.trim().length).toBeGreaterThan(0);
    expect(part(el, 'identifiers')).toBeNull();
    const missing = await loadFromSandbox('vnh-pt-does-not-exist');
    expect(part(missing.el, 'not-found')).not.toBeNull();
  });

  it('recovers with Retry after a failed request', async () => {
    let fail = true;
    const client = createHealthClient({
      baseUrl: sandboxUrl,
      fetch: (input, init) => {
        if (fail) return Promise.reject(new TypeError('Failed to fetch'));
        return fetch(input, init);
      },
    });
    const el = createFixture(TAG, { attributes: { 'patient-id': 'vnh-pt-001' } });
    el.client = client;
    await mount(el);
    await waitFor(() => part(el, 'retry'), 20_000);
    fail = false;
    part(el, 'retry')!.click();
    await waitFor(() => part(el, 'name'), 20_000);
    expect(part(el, 'name')!.textContent).toContain('Nguyễn Văn An');
  });
});

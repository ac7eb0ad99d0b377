import { describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  mountFixture,
  runSharedBehaviourSuite,
  waitFor,
} from '../shared/testing.ts';
import * as fixtures from './vaccination-schedule.fixtures.ts';
import './define.ts';

const TAG = 'vnh-vaccination-schedule';
const { retryData, ...named } = fixtures;

document.documentElement.lang = 'vi';

runSharedBehaviourSuite(TAG, {
  ready: named.ready,
  loading: named.loading,
  error: { ...named.error, retryData },
});

describe('<vnh-vaccination-schedule> fixtures', () => {
  for (const [name, fixture] of Object.entries(named)) {
    it(`${name}: renders and has no axe violations`, async () => {
      const el = await mountFixture(TAG, fixture);
      if (fixture.client && name !== 'loading') {
        await waitFor(() => !el.shadowRoot!.querySelector('[aria-busy="true"]'));
      }
      await expectNoAxeViolations(el);
    });
  }
});

describe('<vnh-vaccination-schedule>', () => {
  const visits = (el: Element) => [
    ...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="visit"]'),
  ];

  it('puts late doses first under "Cần tiêm ngay", then visits by age', async () => {
    const el = await mountFixture(TAG, named.ready);
    const list = visits(el);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).toContain('Lịch hẹn tiêm chủng của bé');
    // Late, but on rows not checked against their source: "chưa đối chiếu", not "Quá hạn".
    expect(list[0]!.dataset.due).toBe('unverified');
    expect(list[0]!.querySelector('.badge')!.textContent!.trim()).toBe('Chưa đối chiếu');
    expect(list[0]!.textContent).toContain('Cần tiêm ngay');
    expect(list[0]!.textContent).toContain('Viêm não Nhật Bản – Mũi 2 (lịch chưa đối chiếu)');
    expect(list[0]!.textContent).not.toContain('Quá hạn');
    const eighteen = list.find((v) => v.textContent!.includes('18 tháng'))!;
    expect(eighteen.dataset.date).toBe('2027-03-20');
    expect(eighteen.textContent).toContain('Bạch hầu – Ho gà – Uốn ván');
  });

  it('a newborn sees the birth dose now, then 2, 3, 4 months', async () => {
    const el = await mountFixture(TAG, named.newborn);
    const heads = visits(el).map((v) => v.querySelector('h3')!.textContent!.trim());
    expect(heads.slice(0, 4)).toEqual(['Cần tiêm ngay', '2 tháng', '3 tháng', '4 tháng']);
    expect(visits(el)[1]!.dataset.date).toBe('2027-01-27');
  });
});

describe('<vnh-vaccination-schedule> for adults', () => {
  const visits = (el: Element) => [
    ...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="visit"]'),
  ];

  it('an adult sees the adult schedule, in adult words, nothing overdue', async () => {
    const el = await mountFixture(TAG, named.adult);
    const title = el.shadowRoot!.querySelector('h2')!.textContent!;
    expect(title).toContain('Lịch hẹn tiêm chủng');
    expect(title).toContain('Nguyễn Văn An');
    const text = el.shadowRoot!.textContent!;
    for (const word of [' bé', 'trẻ', 'Quá hạn', 'Lao (BCG)', 'Bại liệt', 'Sơ sinh']) {
      expect(text).not.toContain(word);
    }
    const now = visits(el)[0]!;
    expect(now.textContent).toContain('Cần tiêm ngay');
    expect(now.dataset.due).toBe('unverified');
    expect(now.textContent).toContain('Viêm gan B');
    expect(now.textContent).toContain('Zona thần kinh');
  });

  it('a pregnant woman is given tetanus for pregnant women', async () => {
    const el = await mountFixture(TAG, named.pregnant);
    expect(el.shadowRoot!.textContent).toMatch(/Uốn ván/);
    expect(el.shadowRoot!.textContent).not.toMatch(/ bé|trẻ/);
  });
});

import { describe, expect, inject, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createHealthClient, type Immunization } from '@vnhealth/core';
import {
  expectNoAxeViolations,
  mount,
  mountFixture,
  runSharedBehaviourSuite,
  textOf,
  waitFor,
} from '../shared/testing.ts';
import * as fixtures from './vaccination-history.fixtures.ts';
import type { VaccinationDoseSelectEvent, VnhVaccinationHistory } from './vaccination-history.ts';
import './define.ts';

const TAG = 'vnh-vaccination-history';
const {
  retryData,
  khoa,
  khoaImmunizations,
  newbornPatient,
  AS_OF,
  KHOA_ID,
  ADULT_ID,
  adult,
  adultImmunizations,
  pregnantPatient,
  ...named
} = fixtures;
void newbornPatient;
void ADULT_ID;
void adult;
void adultImmunizations;
void pregnantPatient;

document.documentElement.lang = 'vi';

runSharedBehaviourSuite(TAG, {
  ready: named.ready,
  loading: named.loading,
  error: { ...named.error, retryData },
});

const root = (el: Element) => el.shadowRoot!;
const section = (el: Element, antigen: string) =>
  root(el).querySelector<HTMLElement>(`.screen [data-antigen="${antigen}"]`)!;

describe('<vnh-vaccination-history> fixtures', () => {
  for (const [name, fixture] of Object.entries(named)) {
    it(`${name}: renders and has no axe violations`, async () => {
      const el = await mountFixture(TAG, fixture);
      if (fixture.client && name !== 'loading') {
        await waitFor(() => !root(el).querySelector('[aria-busy="true"]'));
      }
      await expectNoAxeViolations(el);
    });
  }
});

describe('<vnh-vaccination-history>', () => {
  it('shows each disease with doses in dd/mm/yyyy, age, vaccine, lot and facility', async () => {
    const el = await mountFixture(TAG, named.ready);
    const hepb = section(el, 'hepatitis-b');
    const first = hepb.querySelector('tbody tr')!;
    expect(first.textContent).toContain('20/09/2025');
    expect(first.textContent).toContain('Trong ngày sinh');
    expect(first.textContent).toContain('Sơ sinh');
    expect(first.textContent).toContain('Bệnh viện Sản Nhi Trà Vinh');
    expect(first.textContent).toContain('08-2509');
    expect(hepb.dataset.status).toBe('complete');
    expect(textOf(el)).toContain('Lê Minh Khoa');
  });

  it('marks the 5-in-1 dose given 5 days too early as not counting, with why', async () => {
    const el = await mountFixture(TAG, named.ready);
    const invalid = section(el, 'dtp').querySelector<HTMLElement>('tr[data-status="invalid"]')!;
    expect(invalid.textContent).toContain('15/11/2025');
    expect(invalid.textContent).toContain('Không tính: tiêm sớm hơn tuổi tối thiểu');
    expect(section(el, 'dtp').querySelectorAll('tr[data-status="valid"]')).toHaveLength(3);
  });

  it('shows a not-done dose as such, with its dose number and reason, in both languages', async () => {
    const el = await mountFixture(TAG, named.ready);
    const row = section(el, 'polio-ipv').querySelector<HTMLElement>('tr[data-status="not-done"]')!;
    // IPV 1 was given on 20/02/2026: the dose not given on 20/06/2026 was dose 2.
    expect(row.querySelector('.dose-button')!.textContent!.trim()).toBe('Mũi 2');
    expect(row.querySelector('.result')!.textContent!.trim()).toBe('Không tiêm: Hết vắc xin');
    const en = await mountFixture(TAG, named.english);
    await waitFor(() => textOf(en).includes('Vaccination history'));
    const enRow = section(en, 'polio-ipv').querySelector<HTMLElement>(
      'tr[data-status="not-done"]',
    )!;
    expect(enRow.querySelector('.dose-button')!.textContent!.trim()).toBe('Dose 2');
    expect(enRow.querySelector('.result')!.textContent!.trim()).toBe('Not given: Hết vắc xin');
  });

  it("calls an adult's unchecked rows advice: there is no national adult schedule", async () => {
    const el = await mountFixture(TAG, named.adultRecord);
    const badges = [...root(el).querySelectorAll('.screen .unverified')].map((b) =>
      b.textContent!.trim(),
    );
    expect(badges.length).toBeGreaterThan(0);
    expect(new Set(badges)).toEqual(new Set(['Lịch tham khảo']));
    expect(root(el).querySelector('.unverified-hint')!.textContent).toContain(
      'Chưa có lịch tiêm chủng quốc gia cho người lớn',
    );
  });

  it('takes the dose number of a not-done record from protocolApplied when recorded', async () => {
    const immunizations = khoaImmunizations.map((imm) =>
      imm.status === 'not-done' ? { ...imm, protocolApplied: [{ doseNumberPositiveInt: 3 }] } : imm,
    );
    const el = await mountFixture(TAG, {
      ...named.ready,
      properties: { ...named.ready.properties, immunizations },
    });
    const row = section(el, 'polio-ipv').querySelector<HTMLElement>('tr[data-status="not-done"]')!;
    expect(row.querySelector('.dose-button')!.textContent!.trim()).toBe('Mũi 3');
  });

  it("names the circular a child's unchecked rows were not checked against", async () => {
    const el = await mountFixture(TAG, named.ready);
    const je = section(el, 'japanese-encephalitis');
    expect(je.querySelector('.unverified')!.textContent!.trim()).toBe(
      'Lịch chưa đối chiếu Thông tư 10/2024/TT-BYT',
    );
    expect(je.querySelector('.unverified-hint')!.textContent).toContain('Thông tư 10/2024/TT-BYT');
    const en = await mountFixture(TAG, named.english);
    await waitFor(() => textOf(en).includes('Vaccination history'));
    expect(
      section(en, 'japanese-encephalitis').querySelector('.unverified')!.textContent,
    ).toContain('Circular 10/2024/TT-BYT');
  });

  it('a late dose on a row not checked against its source says "Chưa đối chiếu", never "Quá hạn"', async () => {
    const el = await mountFixture(TAG, named.ready);
    const je = section(el, 'japanese-encephalitis');
    const next = je.querySelector<HTMLElement>('tr.next')!;
    expect(next.dataset.due).toBe('unverified');
    expect(next.textContent).toContain('Chưa đối chiếu');
    expect(next.textContent).toContain('Hỏi cán bộ y tế');
    expect(next.textContent).toContain('27/09/2026');
    expect(je.textContent).not.toContain('Quá hạn');
    // Announced: the words are text a screen reader reads, not a hidden mark.
    const badge = next.querySelector<HTMLElement>('.badge')!;
    expect(badge.textContent!.trim()).toBe('Chưa đối chiếu');
    expect(badge.closest('[aria-hidden="true"]')).toBeNull();
    expect(je.querySelector('.unverified-hint')!.textContent).toContain('không tính là quá hạn');
    expect(root(el).querySelector('[part~="summary"]')!.textContent!.trim()).toBe(
      '12 mũi đã tiêm · 0 mũi quá hạn · 0 mũi đến hạn · 3 mũi theo lịch chưa đối chiếu',
    );
  });

  it('badges a late dose on a checked row as overdue, and counts it', async () => {
    const el = await mountFixture(TAG, {
      ...named.ready,
      attributes: { 'as-of': '2027-09-01' },
    });
    const next = section(el, 'dtp').querySelector<HTMLElement>('tr.next')!;
    expect(next.dataset.due).toBe('overdue');
    expect(next.textContent).toContain('Quá hạn từ 20/04/2027');
    expect(root(el).querySelector('[part~="summary"]')!.textContent).toContain('1 mũi quá hạn');
  });

  it('names planned vaccines in Vietnamese, and in English in English', async () => {
    const el = await mountFixture(TAG, named.ready);
    const je = section(el, 'japanese-encephalitis').querySelector('tr.next')!;
    expect(je.textContent).toContain('Viêm não Nhật Bản');
    expect(je.textContent).not.toMatch(/Japanese|inactivated/);
    const en = await mountFixture(TAG, named.english);
    await waitFor(() => textOf(en).includes('Vaccination history'));
    expect(section(en, 'japanese-encephalitis').querySelector('tr.next')!.textContent).toMatch(
      /Japanese encephalitis/,
    );
  });

  it('as-of changes the evaluation (what-if)', async () => {
    const el = await mountFixture(TAG, named.ready);
    expect(section(el, 'dtp').querySelector<HTMLElement>('tr.next')!.dataset.due).toBe('upcoming');
    el.setAttribute('as-of', '2027-04-01');
    await (el as VnhVaccinationHistory).updateComplete;
    expect(section(el, 'dtp').querySelector<HTMLElement>('tr.next')!.dataset.due).toBe('due');
  });

  it('fires vnh-dose-select on click and on Enter, bubbling out of the shadow root', async () => {
    const el = await mountFixture(TAG, named.ready);
    const events: VaccinationDoseSelectEvent[] = [];
    document.addEventListener('vnh-dose-select', (e) => events.push(e));
    const row = section(el, 'tuberculosis').querySelector<HTMLElement>('tr.row')!;
    // Off the button, on the row: the button's overlay takes the click. (The row's first cell:
    // vitest's locators mis-read the names of cells with a drawn stacked label, `… / ''`.)
    await userEvent.click(row.querySelector('td')!);
    expect(events).toHaveLength(1);
    const button = row.querySelector<HTMLButtonElement>('.dose-button')!;
    button.focus();
    await userEvent.keyboard('{Enter}');
    expect(events).toHaveLength(2);
    const last = events.at(-1)!;
    expect(last.bubbles && last.composed).toBe(true);
    expect(last.detail.antigenId).toBe('tuberculosis');
    expect(last.detail.immunization.vaccineCode.coding?.[0]?.code).toBe('19');
    expect(last.detail.evaluation?.status).toBe('valid');
  });

  it('moves between dose rows with the arrow keys', async () => {
    const el = await mountFixture(TAG, named.ready);
    const buttons = [...root(el).querySelectorAll<HTMLButtonElement>('.dose-button')];
    buttons[0]!.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(root(el).activeElement).toBe(buttons[1]);
    await userEvent.keyboard('{ArrowUp}');
    expect(root(el).activeElement).toBe(buttons[0]);
  });

  it('shows an empty state for a newborn, with the birth dose and BCG due', async () => {
    const el = await mountFixture(TAG, named.newborn);
    expect(root(el).querySelector('[part~="empty"]')!.textContent).toContain(
      'Chưa có mũi tiêm nào',
    );
    expect(section(el, 'hepatitis-b').querySelector<HTMLElement>('tr.next')!.dataset.due).toBe(
      'due',
    );
    expect(section(el, 'tuberculosis').querySelector<HTMLElement>('tr.next')!.dataset.due).toBe(
      'due',
    );
  });

  it('compact mode lists next doses only, overdue first, rows not checked last', async () => {
    const el = await mountFixture(TAG, named.compact);
    const items = [...root(el).querySelectorAll<HTMLElement>('[part~="compact-list"] li')];
    expect(items.map((i) => i.dataset.due)).toEqual([
      'overdue',
      'unverified',
      'unverified',
      'unverified',
    ]);
    expect(items[0]!.dataset.antigen).toBe('dtp');
    expect(root(el).querySelector('table')).toBeNull();
  });

  it('print-view shows the record book and hides the screen view', async () => {
    const el = await mountFixture(TAG, named.printView);
    const book = root(el).querySelector<HTMLElement>('[part~="book"]')!;
    expect(getComputedStyle(book).display).not.toBe('none');
    expect(getComputedStyle(root(el).querySelector<HTMLElement>('.screen')!).display).toBe('none');
    expect(book.textContent).toContain('Sổ tiêm chủng');
    const dtp = book.querySelector<HTMLElement>('tr[data-antigen="dtp"]')!;
    expect(dtp.textContent).toContain('16/12/2025');
    expect(dtp.textContent).not.toContain('15/11/2025');
  });

  it('has a print stylesheet that shows the book and hides the screen view', async () => {
    const el = await mountFixture(TAG, named.ready);
    window.dispatchEvent(new Event('beforeprint'));
    expect(getComputedStyle(root(el).querySelector<HTMLElement>('.book')!).display).toBe('none');
    window.dispatchEvent(new Event('afterprint'));
    const rules = (el.shadowRoot!.adoptedStyleSheets ?? [])
      .flatMap((sheet) => [...sheet.cssRules])
      .filter((r): r is CSSMediaRule => r instanceof CSSMediaRule && r.media.mediaText === 'print');
    const text = rules.map((r) => r.cssText).join('\n');
    expect(text).toMatch(/\.screen[^{]*\{[^}]*display: none !important/);
    expect(text).toMatch(/\.book\s*\{[^}]*display: grid !important/);
  });

  it('dates each dose as recorded, in its own offset, not converted to Hà Nội time', async () => {
    // 20:00 in Bogotá on 20/09 is 08:00 on 21/09 in Hà Nội; the dose was given on the 20th.
    const [birthDose, ...rest] = khoaImmunizations;
    const flu: Immunization = {
      resourceType: 'Immunization',
      id: 'flu-abroad',
      status: 'completed',
      vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '88' }], text: 'Cúm' },
      patient: { reference: `Patient/${KHOA_ID}` },
      occurrenceDateTime: '2026-10-05T20:00:00-05:00',
    };
    const el = await mountFixture(TAG, {
      attributes: { 'as-of': AS_OF },
      properties: {
        patient: khoa,
        immunizations: [
          { ...birthDose!, occurrenceDateTime: '2025-09-20T20:00:00-05:00' },
          ...rest,
          flu,
        ],
      },
    });
    const first = section(el, 'hepatitis-b').querySelector('tbody tr')!;
    expect(first.textContent).toContain('20/09/2025');
    expect(first.textContent).toContain('Sơ sinh');
    const influenza = section(el, 'influenza');
    expect(influenza.querySelector('[data-id="flu-abroad"]')!.textContent).toContain('05/10/2026');
  });

  it('lists a service flu dose under influenza and an unknown vaccine under "Vắc xin khác"', async () => {
    const el = await mountFixture(TAG, named.otherVaccines);
    // No text on the record: the schedule's Vietnamese name, not the coding's display.
    const product = section(el, 'influenza').querySelector('tr.row td:nth-child(4)')!;
    expect(product.textContent!.trim()).toBe('Cúm');
    expect(section(el, 'influenza').textContent).toContain('Chỉ ghi nhận');
    expect(section(el, 'influenza').querySelector('tr.next')).toBeNull();
    const other = section(el, 'other');
    expect(other.textContent).toContain('Qdenga (sốt xuất huyết)');
    expect(other.textContent).toContain('05/10/2026');
  });

  it('without patient-id or data it shows an empty state, not a skeleton', async () => {
    const el = await mount(document.createElement(TAG));
    await waitFor(() => root(el).querySelector('[part~="empty"]'));
    expect(root(el).querySelector('[aria-busy="true"]')).toBeNull();
  });

  it('loads a child from the sandbox by patient id', async () => {
    const client = createHealthClient({ baseUrl: inject('sandboxUrl') });
    const el = document.createElement(TAG);
    el.client = client;
    el.patientId = 'vnh-pt-003';
    await mount(el);
    await waitFor(() => root(el).querySelector('[part~="antigen"]'), 20_000);
    await expectNoAxeViolations(el);
    expect(textOf(el)).toContain('Lê Minh Khoa');
  });
});

describe('<vnh-vaccination-history> for an adult', () => {
  it('uses the adult schedule: no infant doses, no child words, nothing "Quá hạn"', async () => {
    const el = await mountFixture(TAG, named.adultRecord);
    const text = textOf(el);
    expect(text).toContain('Nguyễn Văn An');
    for (const word of [' bé', 'trẻ', 'Quá hạn', 'Sơ sinh', '5 trong 1']) {
      expect(text).not.toContain(word);
    }
    for (const childhood of ['tuberculosis', 'hib', 'polio-opv', 'measles-rubella']) {
      expect(section(el, childhood)).toBeNull();
    }
    expect(root(el).querySelector('[part~="aged-out"]')!.textContent).toMatch(
      /^\s*Quá tuổi tiêm, không còn trong lịch: .*Lao \(BCG\).*Sởi – Rubella.*\.\s*$/,
    );
    expect(root(el).querySelector('[part~="summary"]')!.textContent!.trim()).toMatch(
      /^4 mũi đã tiêm · 0 mũi quá hạn · 0 mũi đến hạn · \d+ mũi theo lịch chưa đối chiếu$/,
    );
  });

  it('shows the third hepatitis B dose as one to give now, not "due from" a date decades ago', async () => {
    const el = await mountFixture(TAG, named.adultRecord);
    const hepb = section(el, 'hepatitis-b');
    expect(hepb.querySelectorAll('tr.row')).toHaveLength(2);
    const next = hepb.querySelector<HTMLElement>('tr.next')!;
    expect(next.dataset.due).toBe('unverified');
    expect(next.textContent).toContain('Có thể tiêm ngay');
    expect(next.textContent).not.toMatch(/19[6-9]\d|Đến hạn từ/);
  });

  it('names a dose recorded by CVX code only in Vietnamese, and dates it as recorded', async () => {
    const el = await mountFixture(TAG, named.adultRecord);
    const flu = section(el, 'influenza').querySelector('tr.row')!;
    expect(flu.textContent).toContain('Cúm mùa');
    expect(flu.textContent).not.toContain('preservative free');
    expect(flu.textContent).toContain('20/10/2025');
    expect(flu.textContent).toContain('57 tuổi 5 tháng');
  });

  it('reads right in English too', async () => {
    const el = await mountFixture(TAG, named.adultEnglish);
    await waitFor(() => textOf(el).includes('Vaccination history'));
    const text = textOf(el);
    for (const word of ['child', 'Overdue', 'Birth dose']) expect(text).not.toContain(word);
    expect(text).toContain('Past the age limit, no longer in the schedule:');
    expect(section(el, 'hepatitis-b').querySelector('tr.next')!.textContent).toContain(
      'Can be given now',
    );
  });

  it('prints an adult record book', async () => {
    const el = await mountFixture(TAG, {
      ...named.adultRecord,
      attributes: { 'as-of': AS_OF, 'print-view': true },
    });
    const book = root(el).querySelector<HTMLElement>('[part~="book"]')!;
    expect(book.textContent).toContain('Tiêm chủng — người lớn');
    expect(book.textContent).toContain('Họ và tên');
    expect(book.textContent).not.toMatch(/trẻ|Lao \(BCG\)/);
  });

  it('a pregnant woman is forecast tetanus for pregnant women', async () => {
    const el = await mountFixture(TAG, named.pregnant);
    const tetanus = section(el, 'maternal-tetanus');
    expect(tetanus.querySelectorAll('tr.row')).toHaveLength(1);
    expect(tetanus.querySelector('tr.next')).not.toBeNull();
    expect(textOf(el)).not.toMatch(/ bé|trẻ/);
  });
});

describe('<vnh-vaccination-history> at length', () => {
  const polio = (el: Element) => section(el, 'polio-opv');
  const toggle = (el: Element) => polio(el).querySelector<HTMLButtonElement>('[part~="show-all"]')!;
  const rows = (el: Element) => [...polio(el).querySelectorAll<HTMLElement>('tr.row')];

  it('shows the latest 10 rows of a long group and a button with the count', async () => {
    const el = await mountFixture(TAG, named.longHistory);
    expect(rows(el)).toHaveLength(10);
    expect(rows(el)[0]!.textContent).toContain('20/01/2026');
    expect(rows(el).at(-1)!.textContent).toContain('05/10/2026');
    expect(polio(el).textContent).not.toContain('05/11/2025');
    const button = toggle(el);
    expect(button.textContent!.trim()).toBe('Xem tất cả (15 mũi)');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    // A short group has no button.
    expect(section(el, 'dtp').querySelector('[part~="show-all"]')).toBeNull();
  });

  it('expands and collapses with the keyboard, keeping the focus on the button', async () => {
    const el = await mountFixture(TAG, named.longHistory);
    const button = toggle(el);
    button.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => rows(el).length === 15);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.textContent!.trim()).toBe('Chỉ xem các mũi gần nhất');
    const dates = rows(el).map((r) => r.querySelector('td:nth-child(2)')!.textContent!.trim());
    expect(dates[0]).toBe('05/11/2025');
    expect(dates.at(-1)).toBe('05/10/2026');
    expect(root(el).activeElement).toBe(button);
    await userEvent.keyboard(' ');
    await (el as VnhVaccinationHistory).updateComplete;
    expect(rows(el)).toHaveLength(10);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(root(el).activeElement).toBe(button);
    await expectNoAxeViolations(el);
  });

  it('says the count in English', async () => {
    const el = await mountFixture(TAG, { ...named.longHistory, lang: 'en' });
    await waitFor(() => toggle(el).textContent!.includes('Show all'));
    expect(toggle(el).textContent!.trim()).toBe('Show all (15 doses)');
    await userEvent.click(toggle(el));
    await waitFor(() => rows(el).length === 15);
    expect(toggle(el).textContent!.trim()).toBe('Show the latest only');
  });

  it('renders a long list of other vaccines in full, in chunks, when asked', async () => {
    const dose = (i: number): Immunization => ({
      resourceType: 'Immunization',
      id: `qdg-${i}`,
      status: 'completed',
      // A clinic's own code: no schedule knows it, so every dose is under "other vaccines".
      vaccineCode: { coding: [{ system: 'urn:oid:2.16.704.1.99.1', code: 'QDG' }], text: 'Qdenga' },
      patient: { reference: `Patient/${KHOA_ID}` },
      // One a day from 01/10/2025: a stress record, not a clinical one.
      occurrenceDateTime: new Date(Date.UTC(2025, 9, 1) + i * 86_400_000)
        .toISOString()
        .slice(0, 10),
    });
    const el = await mountFixture(TAG, {
      attributes: { 'as-of': AS_OF },
      properties: { patient: khoa, immunizations: Array.from({ length: 400 }, (_, i) => dose(i)) },
    });
    const other = section(el, 'other');
    expect(other.querySelectorAll('tr.row')).toHaveLength(10);
    const button = other.querySelector<HTMLButtonElement>('[part~="show-all"]')!;
    expect(button.textContent!.trim()).toBe('Xem tất cả (400 mũi)');
    button.click();
    await (el as VnhVaccinationHistory).updateComplete;
    const first = other.querySelectorAll('tr.row').length;
    expect(first).toBeGreaterThan(10);
    expect(first).toBeLessThan(400);
    await waitFor(() => other.querySelectorAll('tr.row').length === 400);
    const ids = [...other.querySelectorAll<HTMLElement>('tr.row')].map((r) => r.dataset.id);
    expect(new Set(ids).size).toBe(400);
  });

  /** A child born on 01/01/2020 with `n` doses of each CVX code, one a day: a stress record. */
  const stressChild = { resourceType: 'Patient' as const, id: 'stress', birthDate: '2020-01-01' };
  const stress = (codes: readonly string[], n: number): Immunization[] =>
    codes.flatMap((code, k) =>
      Array.from({ length: n }, (_, i) => ({
        resourceType: 'Immunization' as const,
        id: `s-${code}-${i}`,
        status: 'completed' as const,
        vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code }] },
        patient: { reference: 'Patient/stress' },
        occurrenceDateTime: new Date(Date.UTC(2020, 0, 1) + (i * codes.length + k) * 86_400_000)
          .toISOString()
          .slice(0, 10),
      })),
    );
  const sections = (el: Element) => root(el).querySelectorAll('.screen [part~="antigen"]').length;

  it('renders the first rows of a long history at once and the other sections a frame later', async () => {
    const el = await mount(document.createElement(TAG));
    el.setAttribute('as-of', AS_OF);
    const history = el as VnhVaccinationHistory;
    // HepB, DTaP-IPV-Hib-HepB, bOPV, MMR, JE, hepatitis A, varicella: 12 each, 10 rows shown each.
    const immunizations = stress(['08', '146', '178', '03', '39', '83', '21'], 12);
    // The DOM as the first update left it: mutation callbacks run before the next frame.
    const first = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        observer.disconnect();
        resolve(sections(el));
      });
      observer.observe(root(el), { childList: true, subtree: true });
    });
    history.patient = stressChild;
    history.immunizations = immunizations;
    const firstSections = await first;
    expect(firstSections).toBeGreaterThan(0);
    await history.updateComplete;
    // updateComplete waits for every section.
    const all = sections(el);
    expect(firstSections).toBeLessThan(all);
    expect(all).toBeGreaterThanOrEqual(6);
    const rowsShown = root(el).querySelectorAll('.screen tr.row').length;
    expect(rowsShown).toBeGreaterThanOrEqual(60);
    await expectNoAxeViolations(el);
  });

  it('evaluates a record of more than 1,000 doses in a task before the render', async () => {
    const el = await mount(document.createElement(TAG));
    el.setAttribute('as-of', AS_OF);
    const history = el as VnhVaccinationHistory;
    const immunizations = stress(['08', '146', '178', '03', '39', '83'], 200);
    history.patient = stressChild;
    history.immunizations = immunizations;
    // A task queued now runs before the render: the page can handle input meanwhile.
    const between = await new Promise<number>((resolve) =>
      setTimeout(() => resolve(root(el).querySelectorAll('.screen tr.row').length), 0),
    );
    expect(between).toBe(0);
    await history.updateComplete;
    expect(root(el).querySelectorAll('.screen tr.row').length).toBeGreaterThanOrEqual(60);
    expect(textOf(root(el).querySelector('[part~="summary"]')!)).toContain('1.200 mũi đã tiêm');
  });

  it('renders the record book only when shown or printed, before window.print() lays out', async () => {
    const el = await mountFixture(TAG, named.ready);
    expect(root(el).querySelector('[part~="book"]')).toBeNull();
    let bookWhenPrinting: Element | null = null;
    // Registered after the element's listener: runs after it, as the print layout would.
    const probe = () => (bookWhenPrinting = root(el).querySelector('[part~="book"]'));
    window.addEventListener('beforeprint', probe);
    // window.print() fires beforeprint and lays the page out right after its listeners, before
    // any microtask (HTML "printing steps"); Vitest replaces window.print with a no-op, and
    // headless Chromium builds differ in whether another frame's print fires the event: fire it
    // as print does, synchronously, and look right after the element's listener.
    try {
      window.dispatchEvent(new Event('beforeprint'));
    } finally {
      window.removeEventListener('beforeprint', probe);
    }
    expect(bookWhenPrinting).not.toBeNull();
    const book = root(el).querySelector<HTMLElement>('[part~="book"]')!;
    expect(book.textContent).toContain('Sổ tiêm chủng');
    expect(book.querySelector('tr[data-antigen="dtp"]')!.textContent).toContain('16/12/2025');
    window.dispatchEvent(new Event('afterprint'));
    await (el as VnhVaccinationHistory).updateComplete;
    expect(root(el).querySelector('[part~="book"]')).toBeNull();
    el.setAttribute('print-view', '');
    await (el as VnhVaccinationHistory).updateComplete;
    expect(root(el).querySelector('[part~="book"]')).not.toBeNull();
  });
});

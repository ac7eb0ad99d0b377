import { describe, expect, inject, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createHealthClient } from '@vnhealth/core';
import { ictDate } from '@vnhealth/core/telemedicine';
import {
  expectNoAxeViolations,
  mount,
  mountFixture,
  runSharedBehaviourSuite,
  settle,
  waitFor,
} from '../shared/testing.ts';
import { createFixture } from '../shared/fixtures.ts';
import { createBookingClient, fixtures, retryData } from './consult-booking.fixtures.ts';
import type {
  ConsultBookedEvent,
  ConsultBookingChangeEvent,
  ConsultBookingFailedEvent,
  VnhConsultBooking,
} from './consult-booking.ts';
import './define.ts';

const TAG = 'vnh-consult-booking';
document.documentElement.lang = 'vi';

const $ = <T extends HTMLElement = HTMLElement>(el: Element, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends HTMLElement = HTMLElement>(el: Element, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<T>(selector),
];
const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;
const heading = (el: Element) => $(el, '[part~="step-heading"]')?.textContent?.trim() ?? '';

async function idle(el: VnhConsultBooking): Promise<void> {
  await waitFor(() => !el.shadowRoot!.querySelector('[aria-busy="true"]'), 10_000);
  await settle(el);
}

/**
 * Choose the first day with free times: in the month shown, or, when none is left in it (the
 * last days of a month), through "nearest day with free times". Either way the time step opens.
 */
async function chooseFirstFreeDay(el: VnhConsultBooking): Promise<void> {
  const free = $$(el, '[part~="day"][aria-disabled="false"]')[0];
  (free ?? $(el, '[part~="next-available"]')!).click();
  await waitFor(() => heading(el) === 'Chọn giờ khám');
  await idle(el);
}

/** Press Tab until the focused element in the shadow root matches. */
async function tabTo(el: Element, matches: (node: HTMLElement) => boolean): Promise<HTMLElement> {
  for (let i = 0; i < 40; i++) {
    await userEvent.keyboard('{Tab}');
    const node = active(el);
    if (node && matches(node)) return node;
  }
  throw new Error('tabTo: never reached the target');
}

runSharedBehaviourSuite(TAG, {
  ready: fixtures.doctors,
  loading: fixtures.loading,
  error: { ...fixtures.error, retryData },
});

describe('<vnh-consult-booking> fixtures', () => {
  for (const [name, fixture] of Object.entries(fixtures)) {
    it(`${name}: no axe violations`, async () => {
      const el = await mountFixture(TAG, fixture);
      if (name !== 'loading') await idle(el);
      await expectNoAxeViolations(el);
    });
  }
});

describe('<vnh-consult-booking> flow', () => {
  it('books from the first step to the confirmation with the keyboard only', async () => {
    const el = await mountFixture(TAG, fixtures.default);
    const changes: string[] = [];
    el.addEventListener('change', (e) => {
      const c = e as ConsultBookingChangeEvent;
      changes.push(`${c.step}:${c.value}`);
    });
    const booked = new Promise<ConsultBookedEvent>((resolve) =>
      el.addEventListener('vnh-booked', resolve, { once: true }),
    );
    expect(heading(el)).toBe('Chọn chuyên khoa');
    // Specialty.
    await tabTo(el, (n) => n.textContent?.trim() === 'Tim mạch');
    await userEvent.keyboard('{Enter}');
    await idle(el);
    expect(heading(el)).toBe('Chọn bác sĩ');
    expect(active(el)?.getAttribute('part')).toBe('step-heading');
    expect($(el, '[role="status"]')!.textContent).toMatch(/Bước 2\/6|bác sĩ/);
    // Doctor.
    await tabTo(el, (n) => /Nguyễn Thanh Tùng/.test(n.getAttribute('aria-label') ?? ''));
    await userEvent.keyboard('{Enter}');
    await idle(el);
    expect(heading(el)).toBe('Chọn ngày khám');
    // On the last days of a month no day of it may be left with free times: go to the next.
    if ($$(el, '[part~="day"][aria-disabled="false"]').length === 0) {
      await tabTo(el, (n) => n.textContent?.trim() === 'Tháng sau');
      await userEvent.keyboard('{Enter}');
      await waitFor(() => $$(el, '[part~="day"][aria-disabled="false"]').length > 0);
      await idle(el);
    }
    // Day: one tab stop in the grid, arrows move, Enter chooses.
    const firstDay = await tabTo(el, (n) => n.getAttribute('part') === 'day');
    expect($$(el, '[part~="day"][tabindex="0"]')).toHaveLength(1);
    const start = firstDay.dataset.day!;
    await userEvent.keyboard('{ArrowDown}');
    await settle(el);
    expect(active(el)?.dataset.day).not.toBe(start);
    await userEvent.keyboard('{ArrowUp}');
    await settle(el);
    expect(active(el)?.dataset.day).toBe(start);
    await userEvent.keyboard('{Enter}');
    await idle(el);
    expect(heading(el)).toBe('Chọn giờ khám');
    // Time: roving focus over the slot buttons.
    await tabTo(el, (n) => n.getAttribute('part')?.includes('slot') ?? false);
    expect($$(el, '[part~="slot"][tabindex="0"]')).toHaveLength(1);
    await userEvent.keyboard('{ArrowRight}');
    await settle(el);
    expect(active(el)?.dataset.slotIndex).toBe('1');
    await userEvent.keyboard('{Enter}');
    await settle(el);
    expect(heading(el)).toBe('Lý do khám và liên hệ');
    // Details.
    await tabTo(el, (n) => n.id === 'reason');
    await userEvent.keyboard('Ho kéo dài 2 tuần');
    await tabTo(el, (n) => n.id === 'phone');
    await userEvent.keyboard('0912345678');
    await tabTo(el, (n) => n.getAttribute('part') === 'next');
    await userEvent.keyboard('{Enter}');
    await settle(el);
    expect(heading(el)).toBe('Kiểm tra và xác nhận');
    expect(el.shadowRoot!.textContent).toContain('Ho kéo dài 2 tuần');
    // Review → confirm.
    await tabTo(el, (n) => n.getAttribute('part') === 'confirm');
    await userEvent.keyboard('{Enter}');
    const event = await booked;
    await settle(el);
    expect(event.appointment.id).toBe('appt-1');
    expect('detail' in event).toBe(false);
    expect(heading(el)).toBe('Đã đặt lịch');
    const link = $<HTMLAnchorElement>(el, '[part~="calendar-link"]')!;
    expect(link.href).toMatch(/^blob:/);
    const ics = await (await fetch(link.href)).text();
    expect(ics).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:');
    expect(changes.map((c) => c.split(':')[0])).toEqual([
      'specialty',
      'doctor',
      'day',
      'time',
      'details',
    ]);
  });

  it('a month without free times offers the nearest day with free times', async () => {
    const el = await mountFixture(TAG, fixtures.presetDoctor);
    await idle(el);
    const next = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.month .vnh-button')[1]!;
    next.click();
    await idle(el);
    next.click();
    await idle(el);
    next.click();
    await idle(el);
    console.log(
      'DBG',
      $(el, '.month-name')?.textContent,
      $$(el, '[part~="day"][aria-disabled="false"]').map((d) => d.dataset.day),
    );
    expect($$(el, '[part~="day"][aria-disabled="false"]')).toHaveLength(0);
    $(el, '[part~="next-available"]')!.click();
    await waitFor(() => heading(el) === 'Chọn giờ khám');
    await idle(el);
    expect($$(el, '[part~="slot"]').length).toBeGreaterThan(0);
  });

  it('never fires change for programmatic presets', async () => {
    const el = createFixture(TAG, fixtures.default);
    let changes = 0;
    el.addEventListener('change', () => changes++);
    await mount(el);
    el.setAttribute('practitioner-role-id', 'prr-1');
    el.setAttribute('specialty', '394579002');
    el.mode = 'in-person';
    await idle(el);
    expect(changes).toBe(0);
    expect(heading(el)).toBe('Chọn ngày khám');
  });

  it('when the slot was just taken: says so, offers alternatives, keeps what was typed', async () => {
    const el = await mountFixture(TAG, fixtures.slotTaken);
    await idle(el);
    const failed = new Promise<ConsultBookingFailedEvent>((resolve) =>
      el.addEventListener('vnh-booking-failed', resolve, { once: true }),
    );
    await chooseFirstFreeDay(el);
    $$(el, '[part~="slot"]')[0]!.click();
    await settle(el);
    const reason = $<HTMLTextAreaElement>(el, '#reason')!;
    reason.value = 'Đau ngực khi gắng sức';
    reason.dispatchEvent(new Event('input'));
    const phone = $<HTMLInputElement>(el, '#phone')!;
    phone.value = '0987654321';
    phone.dispatchEvent(new Event('input'));
    await settle(el);
    $(el, '[part~="next"]')!.click();
    await settle(el);
    $(el, '[part~="confirm"]')!.click();
    const event = await failed;
    await settle(el);
    expect(event.slotTaken).toBe(true);
    expect(event.alternatives.length).toBeGreaterThan(0);
    const notice = $(el, '[part~="notice"]')!;
    expect(notice.textContent).toMatch(/vừa có người khác đặt/);
    expect(active(el)).toBe(notice);
    expect($(el, '[role="status"]')!.textContent).toMatch(/vừa có người khác đặt/);
    await expectNoAxeViolations(el);
    const alternatives = $$(el, '[part~="notice"] [part~="slot"]');
    expect(alternatives.length).toBe(event.alternatives.length);
    alternatives[0]!.click();
    await settle(el);
    // Straight back to review, with the typed reason kept.
    expect(heading(el)).toBe('Kiểm tra và xác nhận');
    expect(el.shadowRoot!.textContent).toContain('Đau ngực khi gắng sức');
    $(el, '[part~="confirm"]')!.click();
    await waitFor(() => heading(el) === 'Đã đặt lịch');
  });

  it('cannot submit twice', async () => {
    const client = createBookingClient({ slowBook: 300 });
    const el = await mountFixture(TAG, { ...fixtures.presetDoctor, client: () => client });
    await idle(el);
    await chooseFirstFreeDay(el);
    $$(el, '[part~="slot"]')[0]!.click();
    await settle(el);
    const reason = $<HTMLTextAreaElement>(el, '#reason')!;
    reason.value = 'Khám';
    reason.dispatchEvent(new Event('input'));
    const phone = $<HTMLInputElement>(el, '#phone')!;
    phone.value = '0912345678';
    phone.dispatchEvent(new Event('input'));
    await settle(el);
    $(el, '[part~="next"]')!.click();
    await settle(el);
    const confirm = $<HTMLButtonElement>(el, '[part~="confirm"]')!;
    confirm.click();
    confirm.click();
    void el.confirm();
    await settle(el);
    expect($<HTMLButtonElement>(el, '[part~="confirm"]')!.disabled).toBe(true);
    await waitFor(() => heading(el) === 'Đã đặt lịch');
    expect(client.bookCalls).toHaveLength(1);
  });

  it('validates the details and moves focus to the first problem', async () => {
    const el = await mountFixture(TAG, fixtures.presetDoctor);
    await idle(el);
    await chooseFirstFreeDay(el);
    $$(el, '[part~="slot"]')[0]!.click();
    await settle(el);
    $(el, '[part~="next"]')!.click();
    await settle(el);
    expect(heading(el)).toBe('Lý do khám và liên hệ');
    expect(active(el)?.id).toBe('reason');
    expect($(el, '#reason')!.getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(el);
  });

  it('is form-associated: required until booked, then its value is the appointment', async () => {
    const form = document.createElement('form');
    const el = createFixture(TAG, {
      ...fixtures.presetDoctor,
      attributes: { ...fixtures.presetDoctor.attributes, name: 'appointment', required: true },
    });
    form.append(el);
    await mount(form);
    await idle(el);
    expect(el.form).toBe(form);
    expect(form.checkValidity()).toBe(false);
    expect(el.validity.valueMissing).toBe(true);
    await chooseFirstFreeDay(el);
    $$(el, '[part~="slot"]')[0]!.click();
    await settle(el);
    const reason = $<HTMLTextAreaElement>(el, '#reason')!;
    reason.value = 'Khám';
    reason.dispatchEvent(new Event('input'));
    const phone = $<HTMLInputElement>(el, '#phone')!;
    phone.value = '0912345678';
    phone.dispatchEvent(new Event('input'));
    await settle(el);
    $(el, '[part~="next"]')!.click();
    await settle(el);
    await el.confirm();
    await settle(el);
    expect(el.value).toBe('Appointment/appt-1');
    expect(new FormData(form).get('appointment')).toBe('Appointment/appt-1');
    expect(form.checkValidity()).toBe(true);
    form.reset();
    await settle(el);
    expect(el.value).toBe('');
  });

  it('speaks English', async () => {
    const el = await mountFixture(TAG, fixtures.english);
    await idle(el);
    expect(heading(el)).toBe('Choose a specialty');
    expect(el.shadowRoot!.textContent).toContain('Cardiology');
  });

  it('dark theme', async () => {
    const el = await mountFixture(TAG, fixtures.dark);
    await idle(el);
    expect(getComputedStyle(el).colorScheme).toBe('dark');
  });

  it('books against the sandbox and shows the 23:45 ICT slot on its day', async () => {
    const client = createHealthClient({ baseUrl: inject('sandboxUrl') });
    const el = await mountFixture(TAG, {
      attributes: {
        'patient-id': 'vnh-pt-001',
        'practitioner-role-id': 'vnh-prr-0001',
        mode: 'video',
      },
      client: () => client,
    });
    await idle(el);
    // The seed puts the 23:45 slot on the ICT day after its anchor (which a clock run may have
    // left behind by now): take that day, not the page's tomorrow.
    const tomorrow = ictDate(Date.parse(inject('seedNow')) + 86_400_000);
    let cell = $(el, `[data-day="${tomorrow}"]`);
    if (!cell) {
      el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.month .vnh-button')[1]!.click();
      await waitFor(() => $(el, `[data-day="${tomorrow}"]`) !== null);
      await idle(el);
      cell = $(el, `[data-day="${tomorrow}"]`);
    }
    cell!.click();
    await idle(el);
    // The evening group shows a batch at a time: the last slot of the day is behind "show more".
    const lateSlot = () => $$(el, '[part~="slot"]').find((b) => b.textContent?.trim() === '23:45');
    for (let i = 0; i < 20 && !lateSlot(); i++) {
      const more = $$(el, '[part~="slot-group"]')
        .at(-1)
        ?.querySelector<HTMLElement>('[part~="more-slots"]');
      if (!more) break;
      more.click();
      await settle(el);
    }
    expect($$(el, '[part~="slot-group"] h4').at(-1)?.textContent).toMatch(/Buổi tối/);
    const late = lateSlot();
    expect(late).toBeDefined();
    late!.click();
    await settle(el);
    const reason = $<HTMLTextAreaElement>(el, '#reason')!;
    reason.value = 'Khám muộn';
    reason.dispatchEvent(new Event('input'));
    const phone = $<HTMLInputElement>(el, '#phone')!;
    phone.value = '0912345678';
    phone.dispatchEvent(new Event('input'));
    await settle(el);
    $(el, '[part~="next"]')!.click();
    await settle(el);
    await el.confirm();
    await settle(el);
    expect(heading(el)).toBe('Đã đặt lịch');
    expect(el.value).toMatch(/^Appointment\//);
  });
});

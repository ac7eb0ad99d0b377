import { describe, expect, inject, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createHealthClient, type FreeSlot } from '@vnhealth/core';
import { addDays, ictDate, ictToday, toFreeSlot } from '@vnhealth/core/telemedicine';
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
  ConsultModeChangeEvent,
  VnhConsultBooking,
} from './consult-booking.ts';
import { groupSlots } from './slot-groups.ts';
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
  await waitFor(() => ['Chọn giờ khám', 'Choose a time'].includes(heading(el)));
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

/** Fill the details step (reason only when the phone is prefilled) and go to the review. */
async function fillDetails(el: VnhConsultBooking, phone?: string): Promise<void> {
  const reason = $<HTMLTextAreaElement>(el, '#reason')!;
  reason.value = 'Khám định kỳ';
  reason.dispatchEvent(new Event('input'));
  if (phone !== undefined) {
    const field = $<HTMLInputElement>(el, '#phone')!;
    field.value = phone;
    field.dispatchEvent(new Event('input'));
  }
  await settle(el);
  $(el, '[part~="next"]')!.click();
  await settle(el);
}

describe('<vnh-consult-booking> scoped by the host (sandbox over HTTP)', () => {
  let specialty = '';
  /** A specialty that both Trà Vinh's and Vĩnh Phúc's hospitals offer, read from the sandbox. */
  const sharedSpecialty = async () => {
    if (specialty) return specialty;
    const client = createHealthClient({ baseUrl: inject('sandboxUrl') });
    const codes = async (organization: string) =>
      (await client.telemedicine.findServices({ organization })).flatMap((o) =>
        o.specialties.flatMap((c) => c.coding?.map((x) => x.code ?? '') ?? []),
      );
    const travinh = await codes('vnh-org-bvdk-travinh');
    const vinhphuc = new Set(await codes('vnh-org-bvdk-vinhphuc'));
    specialty = travinh.find((c) => vinhphuc.has(c)) ?? '';
    expect(specialty, 'a specialty of both hospitals in the seed').not.toBe('');
    return specialty;
  };
  const doctorsIn = async (attributes: Record<string, string | undefined>) => {
    const client = createHealthClient({ baseUrl: inject('sandboxUrl') });
    const el = await mountFixture(TAG, {
      attributes: { 'patient-id': 'vnh-pt-001', specialty: await sharedSpecialty(), ...attributes },
      client: () => client,
    });
    await idle(el);
    const list = $$(el, '[part~="doctor"]').map((d) => d.textContent ?? '');
    el.remove();
    return list;
  };

  it('a Trà Vinh-scoped booking never offers a Vĩnh Phúc doctor', async () => {
    const everywhere = await doctorsIn({});
    // The seed has cardiologists in both: the scope is what removes Vĩnh Phúc's.
    expect(everywhere.some((t) => t.includes('Vĩnh Phúc'))).toBe(true);
    expect(everywhere.some((t) => t.includes('Trà Vinh'))).toBe(true);
    for (const scope of [
      { province: 'Trà Vinh' },
      { province: 'Vĩnh Long' },
      { organization: 'vnh-org-bvdk-travinh' },
      { facility: 'vnh-org-bvdk-travinh' },
      { facility: 'Location/vnh-loc-bvdk-travinh' },
    ]) {
      const list = await doctorsIn(scope);
      expect(list.length, JSON.stringify(scope)).toBeGreaterThan(0);
      for (const text of list) {
        expect(text).toContain('Trà Vinh');
        expect(text).not.toContain('Vĩnh Phúc');
      }
    }
  });

  it('a preset doctor outside the scope is not offered: no calendar, no slots', async () => {
    const client = createHealthClient({ baseUrl: inject('sandboxUrl') });
    const [vinhPhuc] = await client.telemedicine.findServices({
      organization: 'vnh-org-bvdk-vinhphuc',
    });
    expect(vinhPhuc).toBeDefined();
    const el = await mountFixture(TAG, {
      attributes: {
        'patient-id': 'vnh-pt-001',
        'practitioner-role-id': vinhPhuc!.id,
        province: 'Trà Vinh',
      },
      client: () => client,
    });
    await idle(el);
    expect($$(el, '[part~="day"]')).toHaveLength(0);
    expect($(el, '[part~="empty"]')?.textContent).toMatch(/Chưa có bác sĩ/);
    // Unscoped, the same doctor is bookable.
    el.removeAttribute('province');
    await waitFor(() => $$(el, '[part~="day"]').length > 0, 10_000);
  });

  it('prefills the phone from the sandbox patient record, in national format', async () => {
    const client = createHealthClient({ baseUrl: inject('sandboxUrl') });
    const el = await mountFixture(TAG, {
      attributes: { 'patient-id': 'vnh-pt-001', 'practitioner-role-id': 'vnh-prr-0001' },
      client: () => client,
    });
    await idle(el);
    await chooseFirstFreeDay(el);
    $$(el, '[part~="slot"]')[0]!.click();
    await settle(el);
    expect($<HTMLInputElement>(el, '#phone')!.value).toBe('0912 345 678');
  });
});

describe('<vnh-consult-booking> details, days and slots', () => {
  it('prefills the phone from Patient.telecom (mobile first), shows and sends it right', async () => {
    const client = createBookingClient();
    const el = await mountFixture(TAG, { ...fixtures.prefilledPhone, client: () => client });
    await idle(el);
    await chooseFirstFreeDay(el);
    $$(el, '[part~="slot"]')[0]!.click();
    await settle(el);
    expect($<HTMLInputElement>(el, '#phone')!.value).toBe('0912 345 678');
    expect($(el, '#phone-hint')!.textContent).toMatch(/hồ sơ/);
    await fillDetails(el);
    expect(heading(el)).toBe('Kiểm tra và xác nhận');
    expect(el.shadowRoot!.textContent).toContain('0912 345 678');
    expect(el.shadowRoot!.textContent).not.toContain('+84');
    await el.confirm();
    expect(client.bookCalls[0]?.contact?.phone).toBe('0912345678');
  });

  it('a phone the person typed is kept, not replaced by the record', async () => {
    const el = await mountFixture(TAG, fixtures.prefilledPhone);
    await idle(el);
    await chooseFirstFreeDay(el);
    $$(el, '[part~="slot"]')[0]!.click();
    await settle(el);
    const phone = $<HTMLInputElement>(el, '#phone')!;
    phone.value = '';
    phone.dispatchEvent(new Event('input'));
    await settle(el);
    expect($<HTMLInputElement>(el, '#phone')!.value).toBe('');
    await fillDetails(el, '0987 654 321');
    expect(el.shadowRoot!.textContent).toContain('0987 654 321');
  });

  it('days before the clock read as past, not as full, and cannot be chosen', async () => {
    // A clock some days ahead of the fixture's slots: the days in between have free slots in
    // the data, but they are past for the element.
    const real = ictToday();
    let k = 5;
    while (
      k < 20 &&
      (addDays(real, k).slice(0, 7) !== addDays(real, k - 1).slice(0, 7) ||
        new Date(`${addDays(real, k - 1)}T00:00:00Z`).getUTCDay() === 0)
    )
      k++;
    const today = addDays(real, k);
    const yesterday = addDays(today, -1);
    const el = await mountFixture(TAG, {
      ...fixtures.presetDoctor,
      properties: { now: new Date(`${today}T09:00:00+07:00`) },
    });
    await idle(el);
    const cell = $(el, `[data-day="${yesterday}"]`)!;
    expect(cell.dataset.state).toBe('past');
    expect(cell.getAttribute('aria-disabled')).toBe('true');
    expect(cell.textContent).toMatch(/Đã qua/);
    expect(cell.textContent).not.toMatch(/Hết|Không còn/);
    cell.click();
    await settle(el);
    expect(heading(el)).toBe('Chọn ngày khám');
    expect($(el, `[data-day="${today}"]`)!.getAttribute('aria-current')).toBe('date');
    await expectNoAxeViolations(el);
  });

  it('groups 2,000 slots of a day into morning, afternoon and evening without a long task', async () => {
    const el = await mountFixture(TAG, fixtures.denseDay);
    await idle(el);
    const day = addDays(ictToday(), 1);
    // Warm up on an ordinary day first (template and style set-up is not what is measured here),
    // then come back to the calendar.
    const ordinary = $$(el, '[part~="day"][data-state="free"]').find((d) => d.dataset.day !== day);
    if (ordinary) {
      ordinary.click();
      await waitFor(() => $$(el, '[part~="slot"]').length > 0);
      $(el, '[part~="back"]')!.click();
      await idle(el);
    }
    // Tomorrow may be in the next month.
    if (!$(el, `[data-day="${day}"]`)) $(el, '[part~="month-next"]')!.click();
    const cell = await waitFor(() => $(el, `[data-day="${day}"][data-state="free"]`), 10_000);
    expect(cell.textContent).toMatch(/2\.0\d\d khung giờ trống/);
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask' });
    const started = performance.now();
    cell.click();
    await waitFor(() => $$(el, '[part~="slot"]').length > 0);
    const firstRender = performance.now() - started;
    // Show more in every group, as a person would.
    for (const more of $$(el, '[part~="more-slots"]')) {
      more.click();
      await settle(el);
    }
    await new Promise((r) => setTimeout(r, 200));
    observer.disconnect();
    const groups = $$(el, '[part~="slot-group"] h4').map((h) => h.textContent?.trim() ?? '');
    expect(groups.map((g) => g.split(' (')[0])).toEqual(['Buổi sáng', 'Buổi chiều', 'Buổi tối']);
    expect($$(el, '[part~="slot"]').length).toBeLessThan(400);
    const longest = Math.max(0, ...tasks);
    console.warn(
      `2,000 slots: first render ${firstRender.toFixed(0)} ms, longest task ${longest.toFixed(0)} ms (${tasks.length} long tasks)`,
    );
    expect(longest).toBeLessThan(50);
    // Roving focus runs across the groups.
    const last = $$(el, '[part~="slot"]').at(-1)!;
    last.focus();
    await userEvent.keyboard('{Home}');
    await settle(el);
    expect(active(el)?.dataset.slotIndex).toBe('0');
  });

  it('fires vnh-mode-change (not change) for the mode choice', async () => {
    const el = await mountFixture(TAG, fixtures.default);
    await idle(el);
    const modes: string[] = [];
    const changes: string[] = [];
    el.addEventListener('vnh-mode-change', (e: ConsultModeChangeEvent) => modes.push(e.mode));
    el.addEventListener('change', (e) => changes.push((e as ConsultBookingChangeEvent).step));
    $$(el, '[part~="mode"]')[1]!.click();
    await settle(el);
    $$(el, '[part~="mode"]')[1]!.click();
    await settle(el);
    expect(modes).toEqual(['in-person']);
    expect(changes).toEqual([]);
    expect(el.currentMode).toBe('in-person');
  });
});

describe('<vnh-consult-booking> on a phone and wider', () => {
  const widths = [320, 360, 768, 1366];

  /** Everything of the shadow root inside the host, the page not wider than the viewport. */
  function expectFits(el: VnhConsultBooking, width: number): void {
    expect(document.documentElement.scrollWidth, `page at ${width}`).toBeLessThanOrEqual(width);
    const host = el.getBoundingClientRect();
    for (const node of el.shadowRoot!.querySelectorAll<HTMLElement>('*')) {
      const box = node.getBoundingClientRect();
      if (!box.width || node.classList.contains('vnh-sr-only')) continue;
      if (node.closest('.vnh-sr-only')) continue;
      expect(box.right, `${node.tagName}.${node.className} at ${width}`).toBeLessThanOrEqual(
        host.right + 0.5,
      );
      // Nor does any text spill out of its own box (a squeezed month name, a button label).
      if (node.matches('button, .month-name, th'))
        expect(
          node.scrollWidth,
          `${node.tagName} ${node.textContent?.trim()} at ${width}`,
        ).toBeLessThanOrEqual(node.clientWidth + 1);
    }
  }

  function expectTargets(el: VnhConsultBooking, selector: string, width: number): void {
    for (const b of $$(el, selector)) {
      const box = b.getBoundingClientRect();
      expect(box.height, `${selector} height at ${width}`).toBeGreaterThanOrEqual(44);
      expect(box.width, `${selector} width at ${width}`).toBeGreaterThanOrEqual(44);
    }
  }

  for (const width of widths) {
    it(`fits ${width} px in vi and en: calendar, month buttons, slots, 44 px targets`, async () => {
      await page.viewport(width, 900);
      try {
        for (const lang of ['en', 'vi'] as const) {
          const el = await mountFixture(TAG, { ...fixtures.presetDoctor, lang });
          await checkWidth(el, width);
          el.remove();
        }
      } finally {
        await page.viewport(414, 896);
      }
    });
  }

  async function checkWidth(el: VnhConsultBooking, width: number): Promise<void> {
    await idle(el);
    expectFits(el, width);
    expect($(el, '[part~="month-next"]')!.getBoundingClientRect().right).toBeLessThanOrEqual(
      el.getBoundingClientRect().right,
    );
    const sunday = $$(el, 'th').at(-1)!.getBoundingClientRect();
    expect(sunday.right).toBeLessThanOrEqual(el.getBoundingClientRect().right);
    expectTargets(el, '[part~="day"]', width);
    expectTargets(el, '.month .vnh-button', width);
    await chooseFirstFreeDay(el);
    expectFits(el, width);
    expectTargets(el, '[part~="slot"]', width);
    expectTargets(el, '[part~="back"]', width);
    // Down moves one row of the grid as laid out at this width (3 or 4 columns).
    const grid = $(el, '.slots')!;
    const columns = getComputedStyle(grid).gridTemplateColumns.split(' ').length;
    const count = $$(el, '[part~="slot"]').length;
    $$(el, '[part~="slot"]')[0]!.focus();
    await userEvent.keyboard('{ArrowDown}');
    await settle(el);
    expect(active(el)?.dataset.slotIndex).toBe(String(Math.min(columns, count - 1)));
  }
});

describe('slot groups', () => {
  const slot = (start: string): FreeSlot =>
    toFreeSlot({
      resourceType: 'Slot',
      id: start,
      schedule: { reference: 'Schedule/s' },
      status: 'free',
      start,
      end: start,
    });
  const day = [
    slot('2026-12-08T08:00:00+07:00'),
    slot('2026-12-08T11:30:00+07:00'),
    slot('2026-12-08T17:45:00+07:00'),
    slot('2026-12-08T18:00:00+07:00'),
  ];
  const parts = (timeZone: string) =>
    groupSlots(day, timeZone).map((g) => `${g.part}:${g.slots.length}`);

  it('groups by part of the day in Asia/Ho_Chi_Minh', () => {
    expect(parts('Asia/Ho_Chi_Minh')).toEqual(['morning:2', 'afternoon:1', 'evening:1']);
  });

  it('follows the time zone the host gives (Asia/Tokyo is two hours ahead)', () => {
    expect(parts('Asia/Tokyo')).toEqual(['morning:1', 'afternoon:1', 'evening:2']);
  });
});

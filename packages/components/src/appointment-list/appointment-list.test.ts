import { describe, expect, inject, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createHealthClient } from '@vnhealth/core';
import { ictDate } from '@vnhealth/core/telemedicine';
import {
  expectNoAxeViolations,
  mountFixture,
  runSharedBehaviourSuite,
  settle,
  waitFor,
} from '../shared/testing.ts';
import { createListClient, fixtures, NOW, retryData } from './appointment-list.fixtures.ts';
import type {
  AppointmentChangedEvent,
  AppointmentJoinEvent,
  VnhAppointmentList,
} from './appointment-list.ts';
import './define.ts';

const TAG = 'vnh-appointment-list';
document.documentElement.lang = 'vi';

const $ = <T extends HTMLElement = HTMLElement>(el: Element, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const item = (el: Element, id: string) => $(el, `[part~="appointment"][data-id="${id}"]`);

async function idle(el: VnhAppointmentList): Promise<void> {
  await waitFor(() => !el.shadowRoot!.querySelector('[aria-busy="true"]'), 10_000);
  await settle(el);
}

runSharedBehaviourSuite(TAG, {
  ready: fixtures.fromData,
  loading: fixtures.loading,
  error: { ...fixtures.error, retryData },
});

describe('<vnh-appointment-list> fixtures', () => {
  for (const [name, fixture] of Object.entries(fixtures)) {
    it(`${name}: no axe violations`, async () => {
      const el = await mountFixture(TAG, fixture);
      if (name !== 'loading') await idle(el);
      await expectNoAxeViolations(el);
    });
  }
});

describe('<vnh-appointment-list> actions', () => {
  it('lists upcoming and past; join only within the window', async () => {
    const el = await mountFixture(TAG, fixtures.default);
    await idle(el);
    expect($(el, '[part~="upcoming"]')!.querySelectorAll('[part~="appointment"]')).toHaveLength(3);
    expect($(el, '[part~="past"]')!.querySelectorAll('[part~="appointment"]')).toHaveLength(2);
    const soon = item(el, 'a-soon')!.querySelector<HTMLButtonElement>('[part~="join"]')!;
    const later = item(el, 'a-later')!.querySelector<HTMLButtonElement>('[part~="join"]')!;
    expect(soon.getAttribute('aria-disabled')).toBe('false');
    expect(later.getAttribute('aria-disabled')).toBe('true');
    expect(item(el, 'a-later')!.textContent).toMatch(/Có thể vào khám từ/);
    // A follow-up visit (v2-0276 FOLLOWUP) says so; a routine one does not.
    expect(item(el, 'a-soon')!.querySelector('.meta')!.textContent).toMatch(/^\s*Hẹn tái khám · /);
    expect(item(el, 'a-later')!.textContent).not.toContain('Hẹn tái khám');
    expect(item(el, 'a-clinic')!.querySelector('[part~="join"]')).toBeNull();
    expect(item(el, 'a-done')!.querySelector('[part~="cancel"]')).toBeNull();
    let joined: AppointmentJoinEvent | undefined;
    el.addEventListener('vnh-join', (e) => {
      joined = e;
      e.preventDefault();
    });
    later.click();
    await settle(el);
    expect(joined).toBeUndefined();
    soon.click();
    await waitFor(() => joined);
    expect(joined!.url).toBe('https://meet.example.vn/a-soon');
    // Outside the window once the visit has ended.
    el.now = new Date(NOW.getTime() + 60 * 60_000);
    await settle(el);
    expect(item(el, 'a-soon')!.querySelector('[part~="join"]')!.getAttribute('aria-disabled')).toBe(
      'true',
    );
  });

  it('cancels after confirmation, and returns focus when kept', async () => {
    const client = createListClient();
    const el = await mountFixture(TAG, { ...fixtures.default, client: () => client });
    await idle(el);
    const cancel = item(el, 'a-later')!.querySelector<HTMLButtonElement>('[part~="cancel"]')!;
    cancel.focus();
    await userEvent.keyboard('{Enter}');
    await settle(el);
    const question = item(el, 'a-later')!.querySelector('[part~="panel"] p')!;
    expect(el.shadowRoot!.activeElement).toBe(question);
    await expectNoAxeViolations(el);
    // Keep → focus back on Cancel, nothing cancelled.
    [
      ...item(el, 'a-later')!.querySelectorAll<HTMLButtonElement>('[part~="panel"] button'),
    ][1]!.click();
    await settle(el);
    expect(el.shadowRoot!.activeElement).toBe(
      item(el, 'a-later')!.querySelector('[part~="cancel"]'),
    );
    expect(client.cancelled).toEqual([]);
    // Cancel → confirm.
    const done = new Promise<AppointmentChangedEvent>((r) =>
      el.addEventListener('vnh-appointment-cancelled', r, { once: true }),
    );
    item(el, 'a-later')!.querySelector<HTMLButtonElement>('[part~="cancel"]')!.click();
    await settle(el);
    item(el, 'a-later')!.querySelector<HTMLButtonElement>('[part~="confirm-cancel"]')!.click();
    expect((await done).appointment.status).toBe('cancelled');
    await idle(el);
    expect(client.cancelled).toEqual(['a-later']);
    expect($(el, '[part~="upcoming"]')!.querySelectorAll('[part~="appointment"]')).toHaveLength(2);
    expect($(el, '[role="status"]')!.textContent).toMatch(/Đã hủy/);
  });

  it('reschedules to a free time; a taken time says so and offers the others', async () => {
    const client = createListClient({ takenOnce: true });
    const el = await mountFixture(TAG, { ...fixtures.default, client: () => client });
    await idle(el);
    item(el, 'a-later')!.querySelector<HTMLButtonElement>('[part~="reschedule"]')!.click();
    await waitFor(() => item(el, 'a-later')!.querySelector('[part~="new-slot"]'));
    item(el, 'a-later')!.querySelector<HTMLButtonElement>('[part~="new-slot"]')!.click();
    await waitFor(() => item(el, 'a-later')!.querySelector('[role="alert"]'));
    expect(item(el, 'a-later')!.textContent).toMatch(/vừa có người khác đặt/);
    await waitFor(() => item(el, 'a-later')!.querySelectorAll('[part~="new-slot"]').length === 2);
    const moved = new Promise<AppointmentChangedEvent>((r) =>
      el.addEventListener('vnh-appointment-rescheduled', r, { once: true }),
    );
    item(el, 'a-later')!.querySelector<HTMLButtonElement>('[part~="new-slot"]')!.click();
    await moved;
    expect(client.moved).toEqual([{ id: 'a-later', slot: 's2' }]);
  });

  it('English and dark', async () => {
    const en = await mountFixture(TAG, fixtures.english);
    await idle(en);
    expect(en.shadowRoot!.textContent).toMatch(/Upcoming/);
    expect(item(en, 'a-soon')!.textContent).toContain('Follow-up visit');
    expect(item(en, 'a-soon')!.textContent).toContain('Join the video visit');
    const dark = await mountFixture(TAG, fixtures.dark);
    await idle(dark);
    expect(getComputedStyle(dark).colorScheme).toBe('dark');
  });

  it('shows what was booked in the sandbox', async () => {
    const client = createHealthClient({ baseUrl: inject('sandboxUrl') });
    const tomorrow = ictDate(Date.now() + 86_400_000);
    const week = await client.telemedicine.findSlots({
      practitionerRole: 'vnh-prr-0004',
      from: tomorrow,
      to: ictDate(Date.now() + 15 * 86_400_000),
    });
    const target = week.slots[0]!;
    const booked = await client.telemedicine.book({
      slot: target.id,
      patient: 'vnh-pt-002',
      reason: 'Ngứa da kéo dài',
      mode: 'video',
    });
    const el = await mountFixture(TAG, {
      attributes: { 'patient-id': 'vnh-pt-002' },
      client: () => client,
    });
    await idle(el);
    expect(item(el, booked.id!)).not.toBeNull();
    expect(item(el, booked.id!)!.textContent).toContain('Ngứa da kéo dài');
  });
});

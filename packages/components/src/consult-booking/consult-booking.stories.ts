import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import { createFixture, type Fixture } from '../shared/fixtures.ts';
import { fixtures } from './consult-booking.fixtures.ts';
import type { VnhConsultBooking } from './consult-booking.ts';
import './define.ts';

const TAG = 'vnh-consult-booking';
type Story = StoryObj;

const meta: Meta = {
  title: 'Elements/Consult booking',
  component: TAG,
  parameters: { layout: 'padded' },
};
export default meta;

async function bookingIn(canvasElement: HTMLElement): Promise<VnhConsultBooking> {
  const el = await waitFor(() => {
    const found = canvasElement.querySelector(TAG);
    if (!found) throw new Error('no element yet');
    return found;
  });
  await el.updateComplete;
  return el;
}

const q = <T extends HTMLElement = HTMLElement>(el: Element, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const heading = (el: Element) => q(el, '[part~="step-heading"]')?.textContent?.trim() ?? '';

/** Wait until nothing is loading, then return the element. */
async function ready(canvasElement: HTMLElement): Promise<VnhConsultBooking> {
  const el = await bookingIn(canvasElement);
  await waitFor(() => expect(el.shadowRoot!.querySelector('[aria-busy="true"]')).toBeNull(), {
    timeout: 5000,
  });
  await el.updateComplete;
  return el;
}

/**
 * Choose the first free day (in the month shown, or through "nearest day with free times" on the
 * last days of a month, when none is left in it) and time, fill the details and reach the review.
 */
async function toReview(el: VnhConsultBooking): Promise<void> {
  (q(el, '[part~="day"][aria-disabled="false"]') ?? q(el, '[part~="next-available"]'))!.click();
  await waitFor(() => expect(q(el, '[part~="slot"]')).not.toBeNull());
  q(el, '[part~="slot"]')!.click();
  await el.updateComplete;
  const reason = q<HTMLTextAreaElement>(el, '#reason')!;
  reason.value = 'Đau ngực khi gắng sức';
  reason.dispatchEvent(new Event('input'));
  const phone = q<HTMLInputElement>(el, '#phone')!;
  phone.value = '0912345678';
  phone.dispatchEvent(new Event('input'));
  await el.updateComplete;
  q(el, '[part~="next"]')!.click();
  await el.updateComplete;
}

function story(fixture: Fixture, play?: Story['play']): Story {
  return {
    ...(fixture.description
      ? { parameters: { docs: { description: { story: fixture.description } } } }
      : {}),
    render: () => createFixture(TAG, fixture),
    ...(play ? { play } : {}),
  };
}

export const Default = story(fixtures.default, async ({ canvasElement }) => {
  const el = await ready(canvasElement);
  await expect(heading(el)).toMatch(/Chọn chuyên khoa|Choose a specialty/);
  q(el, '[part~="specialty"]')!.click();
  await waitFor(() => expect(heading(el)).toMatch(/Chọn bác sĩ|Choose a doctor/));
});

export const PresetDoctor = story(fixtures.presetDoctor, async ({ canvasElement }) => {
  const el = await ready(canvasElement);
  await expect(q(el, '[part~="calendar"]')).not.toBeNull();
  await toReview(el);
  q(el, '[part~="confirm"]')!.click();
  await waitFor(() => expect(heading(el)).toMatch(/Đã đặt lịch|Booked/));
  await expect(q<HTMLAnchorElement>(el, '[part~="calendar-link"]')!.href).toMatch(/^blob:/);
});

export const Doctors = story(fixtures.doctors, async ({ canvasElement }) => {
  const el = await ready(canvasElement);
  await expect(el.shadowRoot!.querySelectorAll('[part~="doctor"]').length).toBeGreaterThan(0);
});

export const NoDoctors = story(fixtures.noDoctors, async ({ canvasElement }) => {
  const el = await ready(canvasElement);
  await expect(q(el, '[part~="empty"]')).not.toBeNull();
});

export const Loading = story(fixtures.loading, async ({ canvasElement }) => {
  const el = await bookingIn(canvasElement);
  await expect(q(el, '[aria-busy="true"]')).not.toBeNull();
});

export const LoadError = story(fixtures.error, async ({ canvasElement }) => {
  const el = await bookingIn(canvasElement);
  await waitFor(() => expect(q(el, '[part~="retry"]')).not.toBeNull());
});

export const SlotJustTaken = story(fixtures.slotTaken, async ({ canvasElement }) => {
  const el = await ready(canvasElement);
  await toReview(el);
  q(el, '[part~="confirm"]')!.click();
  await waitFor(() => expect(q(el, '[part~="notice"]')).not.toBeNull());
  await expect(q(el, '[part~="notice"]')!.textContent).toMatch(/vừa có người khác đặt|just booked/);
  await expect(q(el, '[part~="notice"] [part~="slot"]')).not.toBeNull();
});

export const English = story(fixtures.english, async ({ canvasElement }) => {
  const el = await ready(canvasElement);
  await expect(heading(el)).toBe('Choose a specialty');
});

export const Dark = story(fixtures.dark, async ({ canvasElement }) => {
  const el = await ready(canvasElement);
  await expect(getComputedStyle(el).colorScheme).toBe('dark');
});

export const PrefilledPhone = story(fixtures.prefilledPhone, async ({ canvasElement }) => {
  const el = await ready(canvasElement);
  (q(el, '[part~="day"][aria-disabled="false"]') ?? q(el, '[part~="next-available"]'))!.click();
  await waitFor(() => expect(q(el, '[part~="slot"]')).not.toBeNull());
  q(el, '[part~="slot"]')!.click();
  await waitFor(() => expect(q<HTMLInputElement>(el, '#phone')?.value).toBe('0912 345 678'));
});

export const DenseDay = story(fixtures.denseDay, async ({ canvasElement }) => {
  const el = await ready(canvasElement);
  const busiest = () =>
    [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="day"]')].find((d) =>
      /2[.,]0\d\d/.test(d.textContent ?? ''),
    );
  // Tomorrow may be in the next month.
  if (!busiest()) q(el, '[part~="month-next"]')!.click();
  (await waitFor(() => busiest() ?? Promise.reject(new Error('no busy day yet'))))!.click();
  await waitFor(() => expect(q(el, '[part~="slot-group"]')).not.toBeNull());
  await expect(el.shadowRoot!.querySelectorAll('[part~="slot-group"]').length).toBe(3);
  await expect(el.shadowRoot!.querySelectorAll('[part~="slot"]').length).toBeLessThan(100);
});

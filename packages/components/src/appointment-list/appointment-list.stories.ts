import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { createFixture, type Fixture } from '../shared/fixtures.ts';
import { fixtures } from './appointment-list.fixtures.ts';
import type { VnhAppointmentList } from './appointment-list.ts';
import './define.ts';

const TAG = 'vnh-appointment-list';
type Story = StoryObj;

const meta: Meta = {
  title: 'Elements/Appointment list',
  component: TAG,
  parameters: { layout: 'padded' },
};
export default meta;

async function listIn(canvasElement: HTMLElement): Promise<VnhAppointmentList> {
  const el = await waitFor(() => {
    const found = canvasElement.querySelector(TAG);
    if (!found) throw new Error('no element yet');
    return found;
  });
  await el.updateComplete;
  return el;
}

async function ready(canvasElement: HTMLElement): Promise<VnhAppointmentList> {
  const el = await listIn(canvasElement);
  await waitFor(() => expect(el.shadowRoot!.querySelector('[aria-busy="true"]')).toBeNull());
  await el.updateComplete;
  return el;
}

const q = <T extends HTMLElement = HTMLElement>(el: Element, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);

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
  await waitFor(() => expect(q(el, '[data-id="a-soon"] [part~="join"]')).not.toBeNull());
  await expect(q(el, '[data-id="a-soon"] [part~="join"]')!.getAttribute('aria-disabled')).toBe(
    'false',
  );
  await expect(q(el, '[data-id="a-later"] [part~="join"]')!.getAttribute('aria-disabled')).toBe(
    'true',
  );
  // Cancel the later visit: ask, confirm, and it is cancelled (event, status, announcement).
  const cancelled: string[] = [];
  el.addEventListener('vnh-appointment-cancelled', (e) => cancelled.push(e.appointment.status));
  await userEvent.click(q(el, '[data-id="a-later"] [part~="cancel"]')!);
  await expect(q(el, '[data-id="a-later"] [part~="panel"]')).not.toBeNull();
  await userEvent.click(q(el, '[data-id="a-later"] [part~="confirm-cancel"]')!);
  await waitFor(() => expect(cancelled).toEqual(['cancelled']));
  await waitFor(() => expect(el.shadowRoot!.textContent).toMatch(/Đã hủy lịch hẹn|was cancelled/));
});

export const FromData = story(fixtures.fromData, async ({ canvasElement }) => {
  const el = await ready(canvasElement);
  await expect(el.shadowRoot!.querySelectorAll('[part~="appointment"]').length).toBe(5);
});

export const Empty = story(fixtures.empty, async ({ canvasElement }) => {
  const el = await ready(canvasElement);
  await expect(q(el, '[part~="empty"]')).not.toBeNull();
});

export const Loading = story(fixtures.loading, async ({ canvasElement }) => {
  const el = await listIn(canvasElement);
  await expect(q(el, '[aria-busy="true"]')).not.toBeNull();
});

export const LoadError = story(fixtures.error, async ({ canvasElement }) => {
  const el = await listIn(canvasElement);
  await waitFor(() => expect(q(el, '[part~="retry"]')).not.toBeNull());
});

export const English = story(fixtures.english, async ({ canvasElement }) => {
  const el = await ready(canvasElement);
  await waitFor(() => expect(el.shadowRoot!.textContent).toMatch(/Upcoming/));
});

export const Dark = story(fixtures.dark, async ({ canvasElement }) => {
  const el = await ready(canvasElement);
  await expect(getComputedStyle(el).colorScheme).toBe('dark');
});

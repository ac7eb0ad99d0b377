import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { createFixture } from '../shared/fixtures.ts';
import './define.ts';
import * as fixtures from './health-record-summary.fixtures.ts';

const TAG = 'vnh-health-record-summary';

const meta: Meta = {
  title: 'Elements/Health record summary',
  component: TAG,
  parameters: {
    docs: {
      description: { component: 'A patient timeline grouped by day, filterable and paged.' },
    },
  },
};
export default meta;

type Story = StoryObj;

const shadow = (canvasElement: HTMLElement) => canvasElement.querySelector(TAG)!.shadowRoot!;

export const Ready: Story = {
  name: fixtures.ready.description,
  render: () => createFixture(TAG, fixtures.ready),
  play: async ({ canvasElement }) => {
    const root = shadow(canvasElement);
    await waitFor(() => expect(root.querySelectorAll('.entry').length).toBeGreaterThan(0));
    await expect(root.querySelector('[data-key="Condition/c-err"]')).toBeNull();
    const vital = root.querySelector<HTMLButtonElement>('button[data-kind="vital"]')!;
    await userEvent.click(vital);
    await waitFor(() => expect(vital.getAttribute('aria-pressed')).toBe('false'));
    await userEvent.click(vital);
  },
};

export const English: Story = {
  name: fixtures.english.description,
  render: () => createFixture(TAG, fixtures.english),
};

export const Dark: Story = {
  name: fixtures.dark.description,
  render: () => createFixture(TAG, fixtures.dark),
};

export const FromSummary: Story = {
  name: fixtures.fromSummary.description,
  render: () => createFixture(TAG, fixtures.fromSummary),
};

export const FromClient: Story = {
  name: fixtures.fromClient.description,
  render: () => createFixture(TAG, fixtures.fromClient),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shadow(canvasElement).querySelector('.entry')).not.toBeNull());
  },
};

export const VitalsOnly: Story = {
  name: fixtures.vitalsOnly.description,
  render: () => createFixture(TAG, fixtures.vitalsOnly),
};

export const Long: Story = {
  name: fixtures.long.description,
  render: () => createFixture(TAG, fixtures.long),
  play: async ({ canvasElement }) => {
    const root = shadow(canvasElement);
    await userEvent.click(root.querySelector<HTMLButtonElement>('[part~="more"]')!);
    await waitFor(() => expect(root.querySelectorAll('.entry').length).toBe(20));
  },
};

export const Loading: Story = {
  name: fixtures.loading.description,
  render: () => createFixture(TAG, fixtures.loading),
};

export const Error: Story = {
  name: fixtures.error.description,
  render: () => createFixture(TAG, fixtures.error),
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(shadow(canvasElement).querySelector('[part~="retry"]')).not.toBeNull(),
    );
  },
};

export const NotFound: Story = {
  name: fixtures.notFound.description,
  render: () => createFixture(TAG, fixtures.notFound),
};

export const Empty: Story = {
  name: fixtures.empty.description,
  render: () => createFixture(TAG, fixtures.empty),
};

export const Hostile: Story = {
  name: fixtures.hostile.description,
  render: () => createFixture(TAG, fixtures.hostile),
  play: async ({ canvasElement }) => {
    const root = shadow(canvasElement);
    await expect(root.querySelector('img, script, a, iframe')).toBeNull();
  },
};

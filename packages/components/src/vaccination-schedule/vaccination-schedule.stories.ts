import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import { createFixture } from '../shared/fixtures.ts';
import './define.ts';
import * as fixtures from './vaccination-schedule.fixtures.ts';

const TAG = 'vnh-vaccination-schedule';

const meta: Meta = {
  title: 'Elements/Vaccination schedule',
  component: TAG,
  parameters: {
    docs: {
      description: {
        component: "A child's coming vaccination appointments by age, for parents.",
      },
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
    // The first story on a page waits for the schedule engine's chunk: wait for the visits.
    await waitFor(() =>
      expect(shadow(canvasElement).querySelector<HTMLElement>('[part~="visit"]')?.dataset.due).toBe(
        'unverified',
      ),
    );
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

export const Adult: Story = {
  name: fixtures.adult.description,
  render: () => createFixture(TAG, fixtures.adult),
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(shadow(canvasElement).querySelector('[part~="visit"]')).not.toBeNull(),
    );
    await expect(shadow(canvasElement).textContent).not.toContain('của bé');
  },
};

export const Pregnant: Story = {
  name: fixtures.pregnant.description,
  render: () => createFixture(TAG, fixtures.pregnant),
};

export const Newborn: Story = {
  name: fixtures.newborn.description,
  render: () => createFixture(TAG, fixtures.newborn),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shadow(canvasElement).textContent).toContain('2 tháng'));
  },
};

export const BirthDoseOnly: Story = {
  name: fixtures.birthDoseOnly.description,
  render: () => createFixture(TAG, fixtures.birthDoseOnly),
};

export const FromClient: Story = {
  name: 'Loaded by patient id through the client',
  render: () => createFixture(TAG, fixtures.fromClient),
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(shadow(canvasElement).querySelector('[part~="visit"]')).not.toBeNull(),
    );
  },
};

export const Loading: Story = {
  name: 'Loading',
  render: () => createFixture(TAG, fixtures.loading),
};

export const ErrorState: Story = {
  name: 'The server cannot be reached',
  render: () => createFixture(TAG, fixtures.error),
};

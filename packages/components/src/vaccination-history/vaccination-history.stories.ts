import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { createFixture } from '../shared/fixtures.ts';
import './define.ts';
import * as fixtures from './vaccination-history.fixtures.ts';

const TAG = 'vnh-vaccination-history';

const meta: Meta = {
  title: 'Elements/Vaccination history',
  component: TAG,
  parameters: {
    docs: {
      description: {
        component:
          'What a child has been given, what is due and what is overdue, against the national schedule (TCMR), with a printable record-book view.',
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
    const root = shadow(canvasElement);
    await waitFor(() => expect(root.querySelector('[data-antigen="dtp"]')).not.toBeNull());
    // The later sections follow a frame after the first (updateComplete waits for them all).
    await canvasElement.querySelector<HTMLElement & { updateComplete: Promise<boolean> }>(TAG)!
      .updateComplete;
    await expect(root.querySelector('tr[data-status="invalid"]')!.textContent).toContain(
      'tiêm sớm hơn tuổi tối thiểu',
    );
    await expect(
      root.querySelector<HTMLElement>('[data-antigen="japanese-encephalitis"] tr.next')!.dataset
        .due,
    ).toBe('unverified');
    let selected = 0;
    canvasElement.addEventListener('vnh-dose-select', () => (selected += 1));
    const button = root.querySelector<HTMLButtonElement>('.dose-button')!;
    await userEvent.click(button);
    await expect(selected).toBe(1);
    // From the keyboard: focus the next dose and press Enter.
    const next = root.querySelectorAll<HTMLButtonElement>('.dose-button')[1]!;
    next.focus();
    await userEvent.keyboard('{Enter}');
    await expect(selected).toBe(2);
  },
};

export const English: Story = {
  name: fixtures.english.description,
  render: () => createFixture(TAG, fixtures.english),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shadow(canvasElement).textContent).toContain('Vaccination history'));
  },
};

export const Dark: Story = {
  name: fixtures.dark.description,
  render: () => createFixture(TAG, fixtures.dark),
};

export const Compact: Story = {
  name: fixtures.compact.description,
  render: () => createFixture(TAG, fixtures.compact),
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(
        shadow(canvasElement).querySelector<HTMLElement>('[part~="compact-list"] li')?.dataset.due,
      ).toBe('overdue'),
    );
  },
};

export const PrintView: Story = {
  name: fixtures.printView.description,
  render: () => createFixture(TAG, fixtures.printView),
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(shadow(canvasElement).querySelector('[part~="book"]')?.textContent).toContain(
        'Sổ tiêm chủng',
      ),
    );
  },
};

export const WhatIf: Story = {
  name: fixtures.whatIf.description,
  render: () => createFixture(TAG, fixtures.whatIf),
};

export const OtherVaccines: Story = {
  name: fixtures.otherVaccines.description,
  render: () => createFixture(TAG, fixtures.otherVaccines),
};

export const AdultRecord: Story = {
  name: fixtures.adultRecord.description,
  render: () => createFixture(TAG, fixtures.adultRecord),
  play: async ({ canvasElement }) => {
    const root = shadow(canvasElement);
    await waitFor(() =>
      expect(root.querySelector('[part~="aged-out"]')?.textContent).toContain('Lao (BCG)'),
    );
    await expect(root.querySelector('[data-antigen="tuberculosis"]')).toBeNull();
  },
};

export const AdultEnglish: Story = {
  name: fixtures.adultEnglish.description,
  render: () => createFixture(TAG, fixtures.adultEnglish),
};

export const Pregnant: Story = {
  name: fixtures.pregnant.description,
  render: () => createFixture(TAG, fixtures.pregnant),
};

export const Newborn: Story = {
  name: fixtures.newborn.description,
  render: () => createFixture(TAG, fixtures.newborn),
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(shadow(canvasElement).querySelector('[part~="empty"]')).not.toBeNull(),
    );
  },
};

export const BirthDoseOnly: Story = {
  name: fixtures.birthDoseOnly.description,
  render: () => createFixture(TAG, fixtures.birthDoseOnly),
};

export const FromClient: Story = {
  name: fixtures.fromClient.description,
  render: () => createFixture(TAG, fixtures.fromClient),
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(shadow(canvasElement).querySelector('[part~="antigen"]')).not.toBeNull(),
    );
  },
};

export const Loading: Story = {
  name: fixtures.loading.description,
  render: () => createFixture(TAG, fixtures.loading),
};

export const ErrorState: Story = {
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

// `Checks/Toolbar`: the toolbar's Language and Theme reach every element (through the preview's
// provider decorator), with the globals a person picks in the toolbar set on each story.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import { fixtures as listFixtures } from './appointment-list/appointment-list.fixtures.ts';
import { fixtures as bookingFixtures } from './consult-booking/consult-booking.fixtures.ts';
import * as summaryFixtures from './health-record-summary/health-record-summary.fixtures.ts';
import { fixtures as cardFixtures } from './patient-profile-card/patient-profile-card.fixtures.ts';
import * as historyFixtures from './vaccination-history/vaccination-history.fixtures.ts';
import * as scheduleFixtures from './vaccination-schedule/vaccination-schedule.fixtures.ts';
import { createFixture, type Fixture } from './shared/fixtures.ts';
import type { VnhElement } from './shared/element.ts';
import './define.ts';

const meta: Meta = {
  title: 'Checks/Toolbar',
  tags: ['!autodocs'],
  globals: { locale: 'en', theme: 'dark' },
  parameters: { layout: 'padded' },
};
export default meta;

type Story = StoryObj;

/** A story of `tag` in English and dark from the toolbar, showing `english` once rendered. */
function inEnglishDark(tag: keyof HTMLElementTagNameMap, fixture: Fixture, english: string): Story {
  return {
    name: `<${tag}> in English, dark`,
    render: () => createFixture(tag, fixture),
    play: async ({ canvasElement }) => {
      const el = await waitFor(() => {
        const found = canvasElement.querySelector<VnhElement>(tag);
        if (!found?.shadowRoot) throw new Error(`no <${tag}> yet`);
        return found;
      });
      await el.updateComplete;
      await expect(el.getAttribute('lang'), 'no language of its own').toBeNull();
      await expect(el.language).toBe('en');
      await waitFor(() => expect(el.shadowRoot!.textContent).toContain(english));
      await expect(el.getAttribute('data-vnh-theme')).toBe('dark');
      await expect(getComputedStyle(el).colorScheme).toBe('dark');
    },
  };
}

export const PatientProfileCard = inEnglishDark(
  'vnh-patient-profile-card',
  cardFixtures.default,
  'Allergies (2)',
);
export const HealthRecordSummary = inEnglishDark(
  'vnh-health-record-summary',
  summaryFixtures.ready,
  'Health record timeline',
);
export const ConsultBooking = inEnglishDark(
  'vnh-consult-booking',
  bookingFixtures.default,
  'Book a consultation',
);
export const AppointmentList = inEnglishDark(
  'vnh-appointment-list',
  listFixtures.fromData,
  'Appointments',
);
export const VaccinationHistory = inEnglishDark(
  'vnh-vaccination-history',
  historyFixtures.ready,
  'Vaccination history',
);
export const VaccinationSchedule = inEnglishDark(
  'vnh-vaccination-schedule',
  scheduleFixtures.ready,
  "Your child's vaccination appointments",
);

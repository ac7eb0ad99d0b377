// `Live/…`: every element against a running sandbox (real HTTP, seeded Vietnamese data), beside
// the fixture stories. The URL is the storybook vitest project's own sandbox (injected by
// test/setup/storybook-sandbox.ts), else `STORYBOOK_SANDBOX_URL`, else the sandbox CLI's default
// (`npx vnhealth-sandbox`). With no sandbox reachable, each element shows its own error state
// and the play function fails: it asserts what the sandbox serves.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import { createHealthClient, type Appointment } from '@vnhealth/core';
import { ictToday } from '@vnhealth/core/telemedicine';
import type { IdentifierRevealEvent } from './patient-profile-card/patient-profile-card.ts';
import type { VaccinationDoseSelectEvent } from './vaccination-history/vaccination-history.ts';
import './define.ts';

const DEFAULT_SANDBOX_URL = 'http://127.0.0.1:8787/fhir/R4';

/** The FHIR base URL the live stories load from. */
function sandboxUrl(): string {
  const injected = (globalThis as { __VNH_SANDBOX_URL__?: string }).__VNH_SANDBOX_URL__;
  const env = (import.meta.env as Record<string, string | undefined>)['STORYBOOK_SANDBOX_URL'];
  return injected ?? env ?? DEFAULT_SANDBOX_URL;
}

const meta: Meta = {
  title: 'Live',
  tags: ['!autodocs'],
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component: `Against a running sandbox: \`npx vnhealth-sandbox\`, then \`STORYBOOK_SANDBOX_URL=… npm run storybook\` (default ${DEFAULT_SANDBOX_URL}).`,
      },
    },
  },
};
export default meta;

type Story = StoryObj;

/** The element `tag` in the story, once it has loaded (nothing busy). */
async function loaded<T extends HTMLElement & { updateComplete: Promise<boolean> }>(
  canvasElement: HTMLElement,
  tag: string,
): Promise<T> {
  const el = await waitFor(() => {
    const found = canvasElement.querySelector<T>(tag);
    if (!found?.shadowRoot) throw new Error(`no <${tag}> yet`);
    return found;
  });
  await waitFor(
    () => {
      expect(el.shadowRoot!.querySelector('[aria-busy="true"]')).toBeNull();
      expect(el.shadowRoot!.querySelector('[part~="error"]'), 'the sandbox answered').toBeNull();
    },
    { timeout: 10_000 },
  );
  await el.updateComplete;
  return el;
}

const q = <T extends HTMLElement = HTMLElement>(el: Element, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);

export const PatientProfileCard: Story = {
  name: 'Patient profile card: reveal the CCCD',
  render: () =>
    html`<vnh-provider .baseUrl=${sandboxUrl()}>
      <vnh-patient-profile-card .patientId=${'vnh-pt-001'}></vnh-patient-profile-card>
    </vnh-provider>`,
  play: async ({ canvasElement }) => {
    const card = await loaded(canvasElement, 'vnh-patient-profile-card');
    await expect(q(card, '[part~="name"]')!.textContent).toContain('Nguyễn Văn An');
    const reveals: IdentifierRevealEvent[] = [];
    card.addEventListener('vnh-identifier-reveal', (e) => reveals.push(e));
    const toggle = q<HTMLButtonElement>(card, '[part~="reveal-button"][aria-pressed="false"]')!;
    await userEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-pressed')).toBe('true'));
    await expect(reveals.map((e) => [e.kind, e.patientId])).toEqual([['cccd', 'vnh-pt-001']]);
    await expect(q(card, '[part~="identifiers"]')!.textContent).toMatch(/\d{12}/);
  },
};

export const HealthRecordSummary: Story = {
  name: 'Health record summary: filter the timeline',
  render: () =>
    html`<vnh-provider .baseUrl=${sandboxUrl()}>
      <vnh-health-record-summary .patientId=${'vnh-pt-001'}></vnh-health-record-summary>
    </vnh-provider>`,
  play: async ({ canvasElement }) => {
    const el = await loaded(canvasElement, 'vnh-health-record-summary');
    const entries = () => el.shadowRoot!.querySelectorAll('[part~="entry"]').length;
    await waitFor(() => expect(entries()).toBeGreaterThan(0));
    const all = entries();
    const filter = q<HTMLButtonElement>(el, '[part~="filter"][aria-pressed="true"]')!;
    await userEvent.click(filter);
    await waitFor(() => expect(filter.getAttribute('aria-pressed')).toBe('false'));
    await waitFor(() => expect(entries()).toBeLessThan(all));
    await userEvent.click(filter);
    await waitFor(() => expect(entries()).toBe(all));
  },
};

export const ConsultBooking: Story = {
  name: 'Consult booking: pick a slot, confirm, booked',
  render: () =>
    html`<vnh-provider .baseUrl=${sandboxUrl()}>
      <vnh-consult-booking
        .patientId=${'vnh-pt-001'}
        .practitionerRoleId=${'vnh-prr-0001'}
        .mode=${'video'}
      ></vnh-consult-booking>
    </vnh-provider>`,
  play: async ({ canvasElement }) => {
    const el = await loaded(canvasElement, 'vnh-consult-booking');
    const booked: Appointment[] = [];
    el.addEventListener('vnh-booked', (e) => booked.push(e.appointment));
    const day = q(el, '[part~="day"][aria-disabled="false"]') ?? q(el, '[part~="next-available"]')!;
    await userEvent.click(day);
    await waitFor(() => expect(q(el, '[part~="slot"]')).not.toBeNull(), { timeout: 10_000 });
    await userEvent.click(q(el, '[part~="slot"]')!);
    await userEvent.type(q(el, '#reason')!, 'Tái khám tăng huyết áp');
    // The phone comes prefilled from the patient's record once it is read: typed over here.
    await waitFor(() => expect(q<HTMLInputElement>(el, '#phone')!.value).not.toBe(''));
    const phone = q<HTMLInputElement>(el, '#phone')!;
    phone.value = '';
    phone.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await userEvent.type(phone, '0912345678');
    await userEvent.click(q(el, '[part~="next"]')!);
    await waitFor(() => expect(q(el, '[part~="confirm"]')).not.toBeNull());
    await userEvent.click(q(el, '[part~="confirm"]')!);
    const heading = () => q(el, '[part~="step-heading"]')?.textContent?.trim();
    await waitFor(() => expect(heading()).toMatch(/Đã đặt lịch|Booked/), { timeout: 10_000 });
    await expect(booked).toHaveLength(1);
    await expect(booked[0]!.status).toBe('booked');
  },
};

export const AppointmentList: Story = {
  name: 'Appointment list: cancel an appointment',
  // A fresh appointment to cancel, booked through the SDK before the story renders.
  loaders: [
    async () => {
      const client = createHealthClient({ baseUrl: sandboxUrl() });
      const tomorrow = ictToday(Date.now() + 86_400_000);
      const { slots } = await client.telemedicine.findSlots({
        practitionerRole: 'vnh-prr-0004',
        from: tomorrow,
        to: ictToday(Date.now() + 15 * 86_400_000),
      });
      const slot = slots[0];
      if (!slot) throw new Error('The sandbox has no free slot for vnh-prr-0004');
      const appointment = await client.telemedicine.book({
        slot: slot.id,
        patient: 'vnh-pt-002',
        reason: 'Ngứa da kéo dài',
        mode: 'video',
      });
      return { appointmentId: appointment.id };
    },
  ],
  render: () =>
    html`<vnh-provider .baseUrl=${sandboxUrl()}>
      <vnh-appointment-list .patientId=${'vnh-pt-002'}></vnh-appointment-list>
    </vnh-provider>`,
  play: async ({ canvasElement, loaded: data }) => {
    const { appointmentId } = data as { appointmentId: string };
    const el = await loaded(canvasElement, 'vnh-appointment-list');
    const row = () => q(el, `[data-id="${appointmentId}"]`);
    await waitFor(() => expect(row()).not.toBeNull());
    const cancelled: Appointment[] = [];
    el.addEventListener('vnh-appointment-cancelled', (e) => cancelled.push(e.appointment));
    await userEvent.click(row()!.querySelector<HTMLElement>('[part~="cancel"]')!);
    await userEvent.click(
      await waitFor(() => row()!.querySelector<HTMLElement>('[part~="confirm-cancel"]')!),
    );
    await waitFor(() => expect(cancelled).toHaveLength(1), { timeout: 10_000 });
    await expect(cancelled[0]!.id).toBe(appointmentId);
    await expect(cancelled[0]!.status).toBe('cancelled');
  },
};

export const VaccinationHistory: Story = {
  name: 'Vaccination history: select a dose',
  render: () =>
    html`<vnh-provider .baseUrl=${sandboxUrl()}>
      <vnh-vaccination-history .patientId=${'vnh-pt-003'}></vnh-vaccination-history>
    </vnh-provider>`,
  play: async ({ canvasElement }) => {
    const el = await loaded(canvasElement, 'vnh-vaccination-history');
    await waitFor(() => expect(q(el, '[part~="antigen"]')).not.toBeNull());
    const selected: VaccinationDoseSelectEvent[] = [];
    el.addEventListener('vnh-dose-select', (e) => selected.push(e));
    await userEvent.click(q(el, '[part~="dose-button"]')!);
    await expect(selected).toHaveLength(1);
    await expect(selected[0]!.detail.immunization.resourceType).toBe('Immunization');
  },
};

export const VaccinationSchedule: Story = {
  name: 'Vaccination schedule',
  render: () =>
    html`<vnh-provider .baseUrl=${sandboxUrl()}>
      <vnh-vaccination-schedule .patientId=${'vnh-pt-003'}></vnh-vaccination-schedule>
    </vnh-provider>`,
  play: async ({ canvasElement }) => {
    const el = await loaded(canvasElement, 'vnh-vaccination-schedule');
    await waitFor(() => expect(q(el, '[part~="visit"]')).not.toBeNull());
  },
};

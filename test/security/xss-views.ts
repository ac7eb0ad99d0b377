/**
 * The views of the XSS sweep (xss-sweep.browser.test.ts): each registered element, loading from
 * the seeded sandbox, used the way a person uses it — identifiers revealed, a second page
 * loaded, a dose chosen, a specialty chosen, a booking taken to its review step, a video visit
 * joined, a reschedule opened — so that what each state shows meets the payloads.
 */
import type { Appointment, Bundle } from '@vnhealth/core';
import { settle } from '../../packages/components/src/shared/testing.ts';

/** How a view's play waits for the element (see `shows` in the sweep). */
export interface Waits {
  /** Until the view shows `selector` (true) or has settled without it (false). */
  shows(selector: string): Promise<boolean>;
  /** Until the view has settled: nothing busy, no request in flight. */
  settled(): Promise<void>;
}

/** One element in one use. */
export interface View {
  /** What the view shows, for messages. */
  name: string;
  tag: string;
  attributes?: Record<string, string>;
  properties?: Record<string, unknown>;
  /** Present once the view shows its data. */
  ready: string;
  /** Present once the play is over (the view's last state); defaults to `ready`. */
  done?: string;
  /** What a person does next; each step only when its control is there (a pass may hide it). */
  play?: (root: ShadowRoot, wait: Waits) => Promise<void>;
}

export const $ = <T extends HTMLElement = HTMLElement>(root: ParentNode, selector: string) =>
  root.querySelector<T>(selector);
const $$ = <T extends HTMLElement = HTMLElement>(root: ParentNode, selector: string) => [
  ...root.querySelectorAll<T>(selector),
];
const type = (input: HTMLInputElement | HTMLTextAreaElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
};

/** A seeded video visit still to come: its patient, and a time its join button is open. */
export interface VideoVisit {
  patient: string;
  joinOpen: Date;
}

/** The first video visit of the seed that has not ended. */
export async function videoVisit(sandboxUrl: string): Promise<VideoVisit> {
  const now = Date.now();
  const response = await fetch(`${sandboxUrl}/Appointment?status=booked&_count=1000`);
  const bundle = (await response.json()) as Bundle;
  const visit = (bundle.entry ?? [])
    .map((e) => e.resource as Appointment)
    .filter((a) => a.extension?.length && Date.parse(a.end ?? '') > now)
    .sort((a, b) => Date.parse(a.start!) - Date.parse(b.start!))[0];
  const patient = visit?.participant.find((p) => p.actor?.reference?.startsWith('Patient/'));
  if (!visit || !patient) throw new Error('the seed has no video visit to come');
  return {
    patient: patient.actor!.reference!.slice('Patient/'.length),
    joinOpen: new Date(Date.parse(visit.start!) - 5 * 60_000),
  };
}

const reveal = async (root: ShadowRoot) => {
  for (const button of $$(root, '[part~="reveal-button"]')) button.click();
  await settle(root.host);
};

/**
 * Every view; `onJoin` receives the URL of each `vnh-join` event. Appointment participants,
 * photos and the rest come from the seed (vnh-pt-001 has everything, vnh-pt-002 a BHYT on a
 * Coverage, vnh-pt-003 is a child with doses given and due).
 */
export function viewsOf(visit: VideoVisit, onJoin: (url: string | undefined) => void): View[] {
  return [
    {
      name: 'card, every section, identifiers revealed',
      tag: 'vnh-patient-profile-card',
      attributes: {
        'patient-id': 'vnh-pt-001',
        'with-conditions': '',
        'with-medications': '',
        'with-vitals': '',
        'with-contact': '',
      },
      ready: '[part~="name"]',
      play: reveal,
    },
    {
      name: 'card, BHYT on a Coverage, identifiers revealed',
      tag: 'vnh-patient-profile-card',
      attributes: { 'patient-id': 'vnh-pt-002', 'with-contact': '' },
      ready: '[part~="name"]',
      play: reveal,
    },
    {
      name: 'health record summary, a second page',
      tag: 'vnh-health-record-summary',
      attributes: { 'patient-id': 'vnh-pt-001', 'page-size': '12' },
      ready: '[part~="entry"]',
      play: async (root, wait) => {
        $(root, '[part~="more"]')?.click();
        await wait.settled();
      },
    },
    {
      name: 'vaccination history, a dose chosen',
      tag: 'vnh-vaccination-history',
      attributes: { 'patient-id': 'vnh-pt-003' },
      ready: '[part~="dose-button"]',
      play: async (root) => {
        $(root, '[part~="dose-button"]')?.click();
        await settle(root.host);
      },
    },
    {
      // The book is built only when shown (print-view) or printed.
      name: 'vaccination history, the record book',
      tag: 'vnh-vaccination-history',
      attributes: { 'patient-id': 'vnh-pt-003', 'print-view': '' },
      ready: '[part~="book"]',
    },
    {
      name: 'vaccination schedule',
      tag: 'vnh-vaccination-schedule',
      attributes: { 'patient-id': 'vnh-pt-003' },
      ready: '[part~="visit"]',
    },
    {
      name: 'booking, the doctors of a specialty',
      tag: 'vnh-consult-booking',
      attributes: { 'patient-id': 'vnh-pt-001' },
      ready: '[part~="specialty"]',
      done: '[part~="doctor"]',
      play: async (root, { shows }) => {
        $$(root, '[part~="specialty"]')
          .find((b) => b.textContent?.trim() === 'Tim mạch')
          ?.click();
        await shows('[part~="doctor"]');
      },
    },
    {
      name: 'booking a doctor, up to the review step',
      tag: 'vnh-consult-booking',
      attributes: {
        'patient-id': 'vnh-pt-001',
        'practitioner-role-id': 'vnh-prr-0001',
        mode: 'video',
      },
      ready: '[part~="day"]',
      done: '[part~="confirm"]',
      play: async (root, { shows }) => {
        const day =
          $(root, '[part~="day"][aria-disabled="false"]') ?? $(root, '[part~="next-available"]');
        day?.click();
        if (!(await shows('[part~="slot"]'))) return;
        $(root, '[part~="slot"]')!.click();
        await settle(root.host);
        const reason = $<HTMLTextAreaElement>(root, '#reason');
        const phone = $<HTMLInputElement>(root, '#phone');
        if (!reason || !phone) return;
        type(reason, 'Ho kéo dài');
        type(phone, '0912345678');
        await settle(root.host);
        $(root, '[part~="next"]')?.click();
        await settle(root.host);
      },
    },
    {
      name: 'appointments, a video visit joined, a reschedule opened',
      tag: 'vnh-appointment-list',
      attributes: { 'patient-id': visit.patient },
      properties: { now: visit.joinOpen },
      ready: '[part~="appointment"]',
      done: '[part~="new-slot"]',
      play: async (root, { shows, settled }) => {
        root.host.addEventListener('vnh-join', (e) => onJoin((e as { url?: string }).url));
        for (const join of $$(root, '[part~="join"][aria-disabled="false"]')) join.click();
        await settled();
        $(root, '[part~="reschedule"]')?.click();
        await shows('[part~="new-slot"]');
      },
    },
  ];
}

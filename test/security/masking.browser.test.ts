/**
 * Identifiers masked by default with a cancelable reveal (issue 13, "checked and held"), on the
 * real data path: the card loads seeded patients from the sandbox, and their CCCD and BHYT
 * numbers are nowhere in the element — no text, no attribute, no shadow tree, not in the reveal
 * event — until a reveal the page did not cancel. (The card's own tests check the keyboard and
 * the event; this checks every place a number could leak to.)
 */
import { describe, expect, inject, it } from 'vitest';
import { createHealthClient } from '@vnhealth/core';
import '@vnhealth/components/define.js';
import { mount, settle, waitFor } from '../../packages/components/src/shared/testing.ts';

const sandboxUrl = inject('sandboxUrl');

/** The seed's demo patients (packages/sandbox/src/seed/demo.ts). */
const PATIENTS = [
  { id: 'vnh-pt-001', cccd: '084068012345', bhyt: 'DN4848412345678' }, // BHYT on the Patient
  { id: 'vnh-pt-002', cccd: '056175004321', bhyt: '5612345678' }, // BHYT on a Coverage
];

/** Every text and attribute value of `root`, shadow trees included. */
function everything(root: Node): string {
  const out: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
    if (node instanceof Text) out.push(node.data);
    if (node instanceof Element) {
      for (const a of node.attributes) out.push(`${a.name}=${a.value}`);
      if (node.shadowRoot) out.push(everything(node.shadowRoot));
    }
  }
  return out.join('\n');
}

/** Which of the numbers `text` holds (by name: failure messages never print a number). */
const leaks = (text: string, cccd: string, bhyt = '') =>
  [cccd && text.includes(cccd) && 'CCCD', bhyt && text.includes(bhyt) && 'BHYT'].filter(Boolean);

async function card(patientId: string) {
  const provider = document.createElement('vnh-provider');
  provider.client = createHealthClient({ baseUrl: sandboxUrl });
  const el = document.createElement('vnh-patient-profile-card');
  el.setAttribute('patient-id', patientId);
  provider.append(el);
  await mount(provider);
  await waitFor(() => el.shadowRoot?.querySelector('[part~="reveal-button"]'), 20_000);
  await settle(el);
  const buttons = [
    ...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="reveal-button"]'),
  ];
  return { provider, el, buttons };
}

describe('identifiers masked by default, with a cancelable reveal', () => {
  it.each(PATIENTS)('$id: CCCD and BHYT are nowhere until revealed', async ({ id, cccd, bhyt }) => {
    const { provider, el, buttons } = await card(id);
    expect(buttons).toHaveLength(2);
    const masked = everything(provider);
    expect(masked).toContain(cccd.slice(-4)); // the masked form is shown
    expect(leaks(masked, cccd, bhyt), 'before any reveal').toEqual([]);

    // The page cancels: the event carries no number, and nothing is shown.
    const seen: Event[] = [];
    const cancel = (e: Event) => (seen.push(e), e.preventDefault());
    el.addEventListener('vnh-identifier-reveal', cancel);
    for (const button of buttons) button.click();
    await settle(el);
    expect(seen).toHaveLength(2);
    for (const event of seen) {
      const fields = JSON.stringify({ ...event, detail: (event as CustomEvent).detail });
      expect(leaks(fields, cccd, bhyt), 'in the reveal event').toEqual([]);
    }
    expect(leaks(everything(provider), cccd, bhyt), 'after a cancelled reveal').toEqual([]);
    for (const button of buttons) expect(button.getAttribute('aria-pressed')).toBe('false');

    // The page allows: each number is shown, in its own identifier element.
    el.removeEventListener('vnh-identifier-reveal', cancel);
    for (const button of buttons) button.click();
    await settle(el);
    const shown = (kind: string) =>
      el.shadowRoot!.getElementById(`identifier-${kind}`)!.textContent!;
    expect(leaks(shown('cccd'), cccd)).toEqual(['CCCD']);
    expect(leaks(shown('bhyt'), '', bhyt)).toEqual(['BHYT']);
  });
});

/**
 * What a page with the card, the vaccination history and the booking element under one provider
 * costs on the wire, counted by a proxy in front of the sandbox (test/setup/fhir-proxy.ts), not
 * by the SDK: at most two FHIR requests cold, none when the elements are removed and added again
 * within the cache's TTL (an SPA route change), and a CapabilityStatement under 2 KB.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { commands } from 'vitest/browser';
import '@vnhealth/components/define.js';
import { waitFor } from '../../packages/components/src/shared/testing.ts';
import type { ProxyLog } from '../setup/fhir-proxy.ts';

/** The seeded child: a name for the card, doses for the history. */
const PATIENT = 'vnh-pt-003';
/** The page's goal (issue 11, item 7). */
const COLD_REQUESTS = 2;

/** One proxy per test: its base URL is new to the provider, so the provider's client is cold. */
const proxies: { id: string; baseUrl: string }[] = [];
async function newProxy(): Promise<{ id: string; baseUrl: string }> {
  const proxy = await commands.startFhirProxy(inject('sandboxUrl'));
  proxies.push(proxy);
  return proxy;
}
afterAll(async () => {
  for (const proxy of proxies) await commands.stopFhirProxy(proxy.id);
});

const part = (el: Element, name: string) => el.shadowRoot?.querySelector(`[part~="${name}"]`);

/** Add the three elements to `provider` (in `order`) and wait until each shows its data. */
async function showPage(provider: HTMLElement, order: readonly string[]): Promise<HTMLElement[]> {
  const card = document.createElement('vnh-patient-profile-card');
  card.setAttribute('patient-id', PATIENT);
  const history = document.createElement('vnh-vaccination-history');
  history.setAttribute('patient-id', PATIENT);
  const booking = document.createElement('vnh-consult-booking');
  booking.setAttribute('patient-id', PATIENT);
  const elements = [card, history, booking];
  provider.append(...order.map((tag) => elements.find((el) => el.localName === tag)!));
  await waitFor(() => part(card, 'name')?.textContent?.includes('Lê Minh Khoa'), 20_000);
  await waitFor(() => part(history, 'dose-button'), 20_000);
  await waitFor(() => part(booking, 'specialty'), 20_000);
  for (const el of [card, history, booking]) {
    expect(part(el, 'error'), `${el.localName} failed`).toBeFalsy();
  }
  return [card, history, booking];
}

const describeLog = (log: ProxyLog) =>
  log.exchanges
    .map(
      (x) =>
        `${x.method} /${x.path} ${x.status} (${x.requestBytes} B up, ${x.responseBytes} B down)` +
        x.entries.map((e) => `\n      ${e}`).join(''),
    )
    .join('\n  ');
const bytes = (log: ProxyLog) =>
  log.exchanges.reduce(
    (sum, x) => ({ up: sum.up + x.requestBytes, down: sum.down + x.responseBytes }),
    { up: 0, down: 0 },
  );

const CARD_FIRST = ['vnh-patient-profile-card', 'vnh-vaccination-history', 'vnh-consult-booking'];
const HISTORY_FIRST = [
  'vnh-vaccination-history',
  'vnh-consult-booking',
  'vnh-patient-profile-card',
];

describe('card + vaccination history + booking under one provider, counted at a proxy', () => {
  it.each([
    ['the card first', CARD_FIRST],
    ['the history first', HISTORY_FIRST],
  ])(
    `%s: at most ${COLD_REQUESTS} FHIR requests cold, none on a revisit within the TTL`,
    async (_, order) => {
      const proxy = await newProxy();
      const provider = document.createElement('vnh-provider');
      provider.setAttribute('base-url', proxy.baseUrl);
      provider.setAttribute('lang', 'vi');
      document.body.append(provider);
      try {
        const shown = await showPage(provider, order);
        const cold = await commands.fhirProxyLog(proxy.id, { reset: true });
        const coldBytes = bytes(cold);
        console.log(
          `[requests] ${_}, cold: ${cold.exchanges.length} FHIR requests, ${coldBytes.up} B up, ${coldBytes.down} B down, ${cold.preflights} CORS preflights\n  ${describeLog(cold)}`,
        );

        // An SPA route change: the elements go, new ones come, under the same provider.
        for (const el of shown) el.remove();
        await showPage(provider, order);
        const revisit = await commands.fhirProxyLog(proxy.id, { reset: true });
        const revisitBytes = bytes(revisit);
        console.log(
          `[requests] ${_}, revisit: ${revisit.exchanges.length} FHIR requests, ${revisitBytes.up} B up, ${revisitBytes.down} B down\n  ${describeLog(revisit)}`,
        );

        expect(cold.exchanges.filter((x) => x.status >= 400)).toEqual([]);
        expect(cold.exchanges.length).toBeLessThanOrEqual(COLD_REQUESTS);
        expect(revisit.exchanges).toEqual([]);
        // Two elements never read the same Patient twice (inside batches or on their own).
        const patientReads = cold.exchanges
          .flatMap((x) => (x.entries.length ? x.entries : [`${x.method} ${x.path}`]))
          .filter((e) => e.includes(`Patient/${PATIENT}`) || e.includes(`_id=${PATIENT}`));
        expect(patientReads).toHaveLength(1);
        // The CapabilityStatement, on its own or inside a batch, is the summary.
        const metadata = cold.exchanges.flatMap((x) =>
          (x.entries.length ? x.entries : [`${x.method} ${x.path}`]).filter((e) =>
            /\bmetadata\b/.test(e),
          ),
        );
        expect(metadata.length).toBeLessThanOrEqual(1);
        expect(metadata.every((e) => e.includes('_summary=true'))).toBe(true);
      } finally {
        provider.remove();
      }
    },
  );

  it('the CapabilityStatement the client asks for costs under 2 KB on the wire', async () => {
    const proxy = await newProxy();
    // As the SDK asks for it; the browser adds its own accept-encoding, as it does for the SDK.
    const response = await fetch(`${proxy.baseUrl}/metadata?_summary=true`, {
      headers: { accept: 'application/fhir+json' },
    });
    expect(((await response.json()) as { resourceType: string }).resourceType).toBe(
      'CapabilityStatement',
    );
    const [exchange] = (await commands.fhirProxyLog(proxy.id)).exchanges;
    console.log(`[requests] metadata?_summary=true: ${exchange?.responseBytes} B down`);
    expect(exchange?.responseBytes).toBeLessThan(2000);
  });
});

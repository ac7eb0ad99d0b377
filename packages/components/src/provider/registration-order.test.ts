// Registration order does not matter: an element connected before `<vnh-provider>` is defined
// (its define.js loaded first, the provider's in a later script) picks up the provider's client
// when the provider upgrades, and renders seeded data from the sandbox.
//
// This file imports no define entry statically and not shared/testing.ts (which defines
// `<vnh-provider>`): the first test registers the real tags itself, in the wrong order. The
// others register a fresh subclass pair per test, because registration is global to the page.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createHealthClient, type HealthClient } from '@vnhealth/core';
import { VnhProvider } from './provider.ts';
import { VnhPatientProfileCard } from '../patient-profile-card/patient-profile-card.ts';
import { ensureContextRoot } from '../shared/context-root.ts';
import type * as ContextRootModule from '../shared/context-root.ts';

const sandboxUrl = inject('sandboxUrl');
const mounted: Element[] = [];
let pair = 0;

afterEach(() => {
  for (const el of mounted.splice(0)) el.remove();
});

/** A card and a provider class under tags no other test uses, not yet registered. */
function freshTags(): {
  card: string;
  provider: string;
  define: (which: 'card' | 'provider') => void;
} {
  pair += 1;
  const card = `vnh-order-card-${pair}`;
  const provider = `vnh-order-provider-${pair}`;
  return {
    card,
    provider,
    define: (which) =>
      which === 'card'
        ? customElements.define(card, class extends VnhPatientProfileCard {})
        : customElements.define(provider, class extends VnhProvider {}),
  };
}

/** Put `markup` (tags not necessarily defined yet) in the page. */
function place(markup: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = markup;
  document.body.append(host);
  mounted.push(host);
  return host;
}

async function waitFor<T>(
  check: () => T,
  what: string,
  timeoutMs = 20_000,
): Promise<NonNullable<T>> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function part(el: Element, name: string): Element | null {
  return el.shadowRoot?.querySelector(`[part~="${name}"]`) ?? null;
}

/** The card rendered its "no client" error: its context request went out unanswered. */
async function expectNoClient(card: VnhPatientProfileCard): Promise<void> {
  await waitFor(() => part(card, 'error'), 'the no-client error');
  expect(card.resolvedClient).toBeUndefined();
}

/** A client on the sandbox that records the URLs it fetched. */
function countingClient(): { client: HealthClient; urls: string[] } {
  const urls: string[] = [];
  const client = createHealthClient({
    baseUrl: sandboxUrl,
    fetch: (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    },
  });
  return { client, urls };
}

describe('registration order', () => {
  it("the real entries: a card's define.js before the provider's", async () => {
    expect(customElements.get('vnh-provider'), 'nothing defined the provider yet').toBeUndefined();
    expect(customElements.get('vnh-patient-profile-card')).toBeUndefined();
    await import('../patient-profile-card/define.ts');
    const host = place(
      `<vnh-provider base-url="${sandboxUrl}"><vnh-patient-profile-card patient-id="vnh-pt-001"></vnh-patient-profile-card></vnh-provider>`,
    );
    const card = host.querySelector('vnh-patient-profile-card') as VnhPatientProfileCard;
    await expectNoClient(card);

    await import('./define.ts');
    const provider = host.querySelector('vnh-provider') as VnhProvider;
    const name = await waitFor(() => part(card, 'name'), "the patient's name");
    expect(name.textContent).toContain('Nguyễn Văn An');
    expect(card.resolvedClient).toBe(provider.resolvedClient);
    expect(part(card, 'error')).toBeNull();
  });

  it('a card connected before its provider is defined gets its client and renders seeded data', async () => {
    const tags = freshTags();
    tags.define('card');
    const host = place(
      `<${tags.provider} base-url="${sandboxUrl}" time-zone="UTC"><${tags.card} patient-id="vnh-pt-002"></${tags.card}></${tags.provider}>`,
    );
    const card = host.querySelector(tags.card) as VnhPatientProfileCard;
    await expectNoClient(card);
    expect(card.timeZone).toBe('Asia/Ho_Chi_Minh');

    tags.define('provider');
    const name = await waitFor(() => part(card, 'name'), "the patient's name");
    expect(name.textContent!.trim().length).toBeGreaterThan(0);
    expect(card.timeZone).toBe('UTC');
    const provider = host.querySelector(tags.provider) as VnhProvider;
    expect(card.resolvedClient).toBe(provider.resolvedClient);
  });

  it('nested providers defined late: the inner one wins what it sets, inherits the rest', async () => {
    const tags = freshTags();
    tags.define('card');
    const inner = countingClient();
    const host = place(
      `<${tags.provider} base-url="${sandboxUrl}" lang="en" time-zone="UTC"><div><${tags.provider} lang="vi"><${tags.card} patient-id="vnh-pt-001"></${tags.card}></${tags.provider}></div></${tags.provider}>`,
    );
    const [outerEl, innerEl] = [...host.querySelectorAll(tags.provider)] as VnhProvider[];
    const card = host.querySelector(tags.card) as VnhPatientProfileCard;
    await expectNoClient(card);

    tags.define('provider');
    await waitFor(() => part(card, 'name'), "the patient's name (through the outer client)");
    expect(card.resolvedClient).toBe(outerEl!.resolvedClient);
    expect(card.locale).toBe('vi');
    expect(card.timeZone).toBe('UTC');

    // The inner provider's own client takes over from the outer's.
    innerEl!.client = inner.client;
    await waitFor(() => card.resolvedClient === inner.client, "the inner provider's client");
    card.patientId = 'vnh-pt-003';
    await waitFor(() => inner.urls.length > 0, 'a request through the inner client');
    await waitFor(() => part(card, 'name'), "the second patient's name");
  });

  it('a provider upgraded inside another takes over the elements the outer one answered', async () => {
    const tags = freshTags();
    const innerTag = `${tags.provider}-inner`;
    tags.define('card');
    tags.define('provider');
    const host = place(
      `<${tags.provider} base-url="${sandboxUrl}" lang="en"><${innerTag} lang="vi" time-zone="UTC"><${tags.card} patient-id="vnh-pt-001"></${tags.card}></${innerTag}></${tags.provider}>`,
    );
    const outer = host.querySelector(tags.provider) as VnhProvider;
    const card = host.querySelector(tags.card) as VnhPatientProfileCard;
    await waitFor(() => part(card, 'name'), "the patient's name (through the outer provider)");
    expect(card.locale).toBe('en');
    expect(card.timeZone).toBe('Asia/Ho_Chi_Minh');

    customElements.define(innerTag, class extends VnhProvider {});
    await waitFor(() => card.locale === 'vi', "the inner provider's language");
    expect(card.timeZone).toBe('UTC');
    // The inner provider sets no client: it hands the outer one down.
    expect(card.resolvedClient).toBe(outer.resolvedClient);
    outer.lang = 'vi';
    outer.timeZone = 'Asia/Bangkok';
    await new Promise((r) => setTimeout(r, 50));
    expect(card.timeZone, 'the outer provider no longer answers the card').toBe('UTC');
  });

  it("an element's own client is not overridden by a provider that upgrades later", async () => {
    const tags = freshTags();
    tags.define('card');
    const own = countingClient();
    const host = place(
      `<${tags.provider} base-url="http://127.0.0.1:9/fhir/R4"></${tags.provider}>`,
    );
    const card = document.createElement(tags.card) as VnhPatientProfileCard;
    card.client = own.client;
    card.patientId = 'vnh-pt-001';
    host.firstElementChild!.append(card);
    const name = await waitFor(() => part(card, 'name'), "the patient's name");
    expect(name.textContent).toContain('Nguyễn Văn An');

    tags.define('provider');
    const provider = host.querySelector(tags.provider) as VnhProvider;
    await waitFor(() => provider.resolvedClient, 'the provider to make its client');
    await new Promise((r) => setTimeout(r, 100));
    expect(card.resolvedClient).toBe(own.client);
    expect(own.urls.length).toBeGreaterThan(0);
    expect(own.urls.every((url) => url.startsWith(sandboxUrl))).toBe(true);
    expect(part(card, 'error')).toBeNull();
  });

  it('attaches one ContextRoot per document, even from two copies of the module', async () => {
    const doc = document.implementation.createHTMLDocument('two copies');
    const added: string[] = [];
    const add = doc.documentElement.addEventListener.bind(doc.documentElement);
    doc.documentElement.addEventListener = ((type: string, ...rest: [EventListener]) => {
      added.push(type);
      add(type, ...rest);
    }) as typeof doc.documentElement.addEventListener;
    // A second instance of the module, as a second bundle or package copy would load it.
    const copy = (await import(
      /* @vite-ignore */ `${new URL('../shared/context-root.ts', import.meta.url).href}?copy=2`
    )) as typeof ContextRootModule;
    expect(copy.ensureContextRoot).not.toBe(ensureContextRoot);
    ensureContextRoot(doc);
    copy.ensureContextRoot(doc);
    ensureContextRoot(doc);
    expect(added.filter((t) => t === 'context-request')).toHaveLength(1);
    expect(added.filter((t) => t === 'context-provider')).toHaveLength(1);
  });
});

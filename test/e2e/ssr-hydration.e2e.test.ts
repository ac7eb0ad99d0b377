// Hydration of server-rendered elements in Chromium: a page rendered with
// `@vnhealth/components/ssr` (data fetched from the seeded sandbox with @vnhealth/core on the
// server) loads `@vnhealth/components/ssr/hydrate.js` and then the elements. Every element given
// its data takes over its declarative shadow DOM without changing a character of it (watched by a
// MutationObserver installed before the client script is let through) and sends no FHIR request;
// an element that will load sends exactly the requests it sends on a page rendered in the browser.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { html } from 'lit';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHealthClient } from '@vnhealth/core';
import { startSandbox, type Sandbox } from '@vnhealth/sandbox';
import '@vnhealth/components/define.js';
import { propertiesScript, renderToString } from '@vnhealth/components/ssr';
import { chromiumArgs, chromiumEnv, chromiumPath } from '../../scripts/chromium.ts';

let sandbox: Sandbox;
let server: Server;
let origin: string;
let browser: Browser;
let outDir: string;
let data: Awaited<ReturnType<typeof fetchData>>;

const TAGS = [
  'vnh-patient-profile-card',
  'vnh-health-record-summary',
  'vnh-vaccination-history',
  'vnh-vaccination-schedule',
  'vnh-appointment-list',
  'vnh-consult-booking',
] as const;

async function fetchData(baseUrl: string) {
  const health = createHealthClient({ baseUrl });
  const [summary, child, history, appointments, doctors] = await Promise.all([
    health.records.getSummary('vnh-pt-001'),
    health.records.getPatient('vnh-pt-003'),
    health.vaccination.getHistory('vnh-pt-003'),
    health.telemedicine.listAppointments('vnh-pt-001'),
    health.telemedicine.findServices({ specialty: 'pediatrics', mode: 'video' }),
  ]);
  return { summary, child, immunizations: history.immunizations, appointments, doctors };
}

function page(body: string, lang: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>SSR</title><link rel="icon" href="data:,">
<script type="module" src="/client.js"></script></head><body>${body}<p id="end">end</p></body></html>`;
}

/** Every element with its data, rendered on the server; the same data in the properties script. */
async function dataPage(lang: string): Promise<string> {
  const { summary, child, immunizations, appointments, doctors } = data;
  const body = await renderToString(
    html`<vnh-provider base-url=${sandbox.baseUrl} lang=${lang}>
      <vnh-patient-profile-card id="card" .summary=${summary}></vnh-patient-profile-card>
      <vnh-health-record-summary id="record" .summary=${summary}></vnh-health-record-summary>
      <vnh-vaccination-history id="history" .patient=${child} .immunizations=${immunizations}>
      </vnh-vaccination-history>
      <vnh-vaccination-schedule id="schedule" .patient=${child} .immunizations=${immunizations}>
      </vnh-vaccination-schedule>
      <vnh-appointment-list id="appointments" .appointments=${appointments}></vnh-appointment-list>
      <vnh-consult-booking
        id="booking"
        patient-id="vnh-pt-001"
        specialty="pediatrics"
        mode="video"
        .offerings=${doctors}
      ></vnh-consult-booking>
    </vnh-provider>`,
  );
  const properties = propertiesScript({
    card: { summary },
    record: { summary },
    history: { patient: child, immunizations },
    schedule: { patient: child, immunizations },
    appointments: { appointments },
    booking: { offerings: doctors },
  });
  return page(body + properties, lang);
}

const loadingCard = (baseUrl: string) =>
  html`<vnh-provider base-url=${baseUrl}
    ><vnh-patient-profile-card patient-id="vnh-pt-001"></vnh-patient-profile-card
  ></vnh-provider>`;

beforeAll(async () => {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('No Chromium: install one or set CHROMIUM_PATH.');
  outDir = await mkdtemp(join(tmpdir(), 'vnh-ssr-e2e-'));
  [sandbox, browser] = await Promise.all([
    startSandbox({ port: 0, seed: 42, patients: 0, quiet: true }),
    chromium.launch({ executablePath, args: chromiumArgs, env: chromiumEnv() }),
    build({
      stdin: {
        contents: `import '@vnhealth/components/ssr/hydrate.js';\nimport '@vnhealth/components/define.js';`,
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      conditions: ['vnhealth-source'],
      outdir: outDir,
      entryNames: 'client',
      logLevel: 'silent',
    }),
  ]);
  data = await fetchData(sandbox.baseUrl);
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (type: string, text: string) => {
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8` });
      res.end(text);
    };
    const respond = async () => {
      if (/^\/[\w.-]+\.js$/.test(url.pathname)) {
        return send('text/javascript', await readFile(join(outDir, url.pathname), 'utf8'));
      }
      const lang = url.searchParams.get('lang') ?? 'vi';
      if (url.pathname === '/data') return send('text/html', await dataPage(lang));
      if (url.pathname === '/will-load') {
        return send('text/html', page(await renderToString(loadingCard(sandbox.baseUrl)), lang));
      }
      if (url.pathname === '/browser-only') {
        // The same markup, not server-rendered: what the card requests on its own.
        return send(
          'text/html',
          page(
            `<vnh-provider base-url="${sandbox.baseUrl}"><vnh-patient-profile-card patient-id="vnh-pt-001"></vnh-patient-profile-card></vnh-provider>`,
            lang,
          ),
        );
      }
      res.writeHead(404).end();
    };
    respond().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await sandbox?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  fhirRequests: string[];
  problems: string[];
  /** Let the client script through (it is held until then). */
  release(): void;
}

async function open(path: string): Promise<Opened> {
  const page = await browser.newPage();
  const fhirRequests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(sandbox.baseUrl)) fhirRequests.push(`${r.method()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(`${origin}/client.js`, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(`${origin}${path}`, { waitUntil: 'commit' });
  await page.waitForFunction(() => document.getElementById('end') !== null);
  return { page, fhirRequests, problems, release };
}

/** Wait until every vnhealth element on the page is defined, updated and idle. */
async function settled(page: Page, tags: readonly string[]): Promise<void> {
  await page.waitForFunction(
    (names) =>
      names.every((n) => {
        const el = document.querySelector(n) as
          (HTMLElement & { hasUpdated?: boolean; isUpdatePending?: boolean }) | null;
        return !!customElements.get(n) && !!el?.hasUpdated && !el.isUpdatePending;
      }),
    [...tags],
    { timeout: 30_000 },
  );
  // The tasks started by the first update end in a later one: let them.
  await page.waitForTimeout(500);
  await page.waitForFunction(
    (names) =>
      names.every(
        (n) =>
          !(document.querySelector(n) as HTMLElement & { isUpdatePending?: boolean })
            .isUpdatePending,
      ),
    [...tags],
  );
}

describe.each(['vi', 'en'])('a server-rendered page with data (%s)', (lang) => {
  it('hydrates every element without changing its text and without a FHIR request', async () => {
    const { page, fhirRequests, problems, release } = await open(`/data?lang=${lang}`);
    try {
      // Before any script: the server's declarative shadow DOM, with the data.
      const before = await page.evaluate((tags) => {
        const text = (tag: string) =>
          (document.querySelector(tag)?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
        const log: string[] = [];
        (window as unknown as { vnhMutations: string[] }).vnhMutations = log;
        for (const tag of tags) {
          const root = document.querySelector(tag)?.shadowRoot;
          if (!root) continue;
          new MutationObserver((records) => {
            for (const r of records) {
              if (r.type === 'characterData') log.push(`${tag}: text "${r.oldValue}" changed`);
              for (const n of r.removedNodes) log.push(`${tag}: removed "${n.textContent}"`);
              for (const n of r.addedNodes) log.push(`${tag}: added "${n.textContent}"`);
            }
          }).observe(root, {
            childList: true,
            characterData: true,
            characterDataOldValue: true,
            subtree: true,
          });
        }
        return Object.fromEntries(tags.map((t) => [t, text(t)]));
      }, TAGS);
      expect(before['vnh-patient-profile-card']).toContain('Nguyễn Văn An');
      expect(before['vnh-vaccination-history']).toContain('Lê Minh Khoa');
      expect(before['vnh-consult-booking']).toContain(data.doctors[0]!.practitionerName);

      release();
      await settled(page, ['vnh-provider', ...TAGS]);

      const after = await page.evaluate((tags) => {
        const text = (tag: string) =>
          (document.querySelector(tag)?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
        return {
          text: Object.fromEntries(tags.map((t) => [t, text(t)])),
          mutations: (window as unknown as { vnhMutations: string[] }).vnhMutations,
        };
      }, TAGS);
      expect(after.mutations).toEqual([]);
      expect(after.text).toEqual(before);
      expect(fhirRequests).toEqual([]);

      // Hydrated, not merely left alone: the card's controls answer.
      const reveal = page.locator('vnh-patient-profile-card [part="reveal-button"]').first();
      await reveal.click();
      await expect.poll(() => reveal.getAttribute('aria-pressed')).toBe('true');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('a server-rendered element that will load', () => {
  async function requestsOf(path: string): Promise<{ requests: string[]; opened: Opened }> {
    const opened = await open(path);
    opened.release();
    await expect
      .poll(
        () =>
          opened.page.evaluate(
            () => document.querySelector('vnh-patient-profile-card')?.shadowRoot?.textContent ?? '',
          ),
        { timeout: 30_000 },
      )
      .toContain('Nguyễn Văn An');
    await settled(opened.page, ['vnh-provider', 'vnh-patient-profile-card']);
    return { requests: [...opened.fhirRequests].sort(), opened };
  }

  it('shows the skeleton first, then loads with exactly the requests it sends unrendered', async () => {
    const baseline = await requestsOf('/browser-only');
    await baseline.opened.page.close();
    expect(baseline.requests.length).toBeGreaterThan(0);

    const opened = await open('/will-load');
    const skeleton = await opened.page.evaluate(() => {
      const root = document.querySelector('vnh-patient-profile-card')?.shadowRoot;
      return {
        busy: !!root?.querySelector('[aria-busy="true"]'),
        text: root?.textContent ?? '',
      };
    });
    expect(skeleton.busy).toBe(true);
    expect(skeleton.text).toContain('Đang tải');
    expect(skeleton.text).not.toContain('Chưa có dữ liệu.');
    await opened.page.close();

    const ssr = await requestsOf('/will-load');
    expect(ssr.requests).toEqual(baseline.requests);
    expect(ssr.opened.problems).toEqual([]);
    await ssr.opened.page.close();
  });
});

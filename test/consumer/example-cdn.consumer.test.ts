// examples/cdn as a user gets it: copied out, installed from the packed tarballs, served by its
// README's `npm start` (a static file server, no build), against the packed sandbox's CLI. In
// Chromium, under the page's strict CSP (Trusted Types included): the one module script shows
// the seeded patient and the vaccination history; elements added later are defined by the
// autoloader, in the document and in a watched shadow root; `vnhealth.js` alone does the same
// with every element in one file. Every page fails on a console error, an uncaught error, a
// failed or erroring request (a bare `lit` import is one) or a CSP violation.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { installExample } from './examples.ts';
import {
  consumerEnv,
  launchChromium,
  root,
  toolVersion,
  startSandboxCli,
  startService,
  type SandboxCli,
  type Service,
} from './harness.ts';

const patientName = 'Nguyễn Văn An';
const cdn = '/node_modules/@vnhealth/components/dist/cdn/';

const env = consumerEnv(24);
let dir: string;
let sandbox: SandboxCli;
let browser: Browser;
let server: Service;
let origin: string;

/** A port nothing listens on right now (the README's server takes `-p`, not port 0). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  dir = installExample('cdn', inject('tarballs'));
  const port = await freePort();
  const started = await Promise.allSettled([
    startSandboxCli(dir, env, 0),
    launchChromium(),
    // The README's command: `npm start` (http-server on this folder), on a port of ours.
    startService('npm', ['start', '--', '-p', String(port)], {
      cwd: dir,
      env,
      ready: /Available on:\s+(http:\/\/127\.0\.0\.1:\d+)/,
      timeoutMs: 60_000,
    }),
  ]);
  if (started[0].status === 'fulfilled') sandbox = started[0].value;
  if (started[1].status === 'fulfilled') browser = started[1].value;
  if (started[2].status === 'fulfilled') server = started[2].value;
  for (const s of started) if (s.status === 'rejected') throw s.reason;
  origin = server.match[1]!;
  expect(origin).toBe(`http://127.0.0.1:${port}`);
});

afterAll(async () => {
  await Promise.all([sandbox?.stop(), browser?.close(), server?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What went wrong on a page: each list must stay empty. */
interface Watched {
  errors: string[];
  failed: string[];
  scripts: () => string[];
  csp: () => Promise<string[]>;
  /** Resolves once no request has been in flight for a second (lazy validation included). */
  settled: () => Promise<void>;
}

/** Open a page that records console errors, failed requests and CSP violations. */
async function openWatched(page: Page, url: string): Promise<Watched> {
  const errors: string[] = [];
  const failed: string[] = [];
  const scripts: string[] = [];
  let inFlight = 0;
  let lastChange = Date.now();
  const change = (delta: number) => {
    inFlight += delta;
    lastChange = Date.now();
  };
  page.on('request', () => change(1));
  page.on('requestfinished', () => change(-1));
  page.on('requestfailed', () => change(-1));
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('requestfailed', (request) =>
    failed.push(`${request.url()} (${request.failure()?.errorText})`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`HTTP ${response.status()} ${response.url()}`);
    if (response.request().resourceType() === 'script')
      scripts.push(new URL(response.url()).pathname);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  await page.goto(url);
  return {
    errors,
    failed,
    scripts: () => [...scripts],
    csp: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    settled: async () => {
      const deadline = Date.now() + 30_000;
      while (inFlight > 0 || Date.now() - lastChange < 1000) {
        if (Date.now() > deadline)
          throw new Error(`${inFlight} requests still in flight after 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

async function expectClean(page: Page, watched: Watched): Promise<void> {
  // Let what the page started settle before reading the lists.
  await watched.settled();
  expect(watched.errors, 'console and uncaught errors').toEqual([]);
  expect(watched.failed, 'failed requests').toEqual([]);
  expect(await watched.csp(), 'CSP violations').toEqual([]);
}

/** The text of an element's shadow root, whitespace folded. */
const shadowText = (page: Page, selector: string): Promise<string> =>
  page.evaluate(
    (s) =>
      (document.querySelector(s)?.shadowRoot?.textContent ?? '(no shadow root)')
        .replace(/\s+/g, ' ')
        .trim(),
    selector,
  );

describe('examples/cdn: no build, one module script, strict CSP', () => {
  test(`npm start → the page shows ${patientName} and the vaccination history, nothing fails`, async () => {
    const page = await browser.newPage();
    try {
      const watched = await openWatched(
        page,
        `${origin}/?fhir=${encodeURIComponent(sandbox.baseUrl)}`,
      );
      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("require-trusted-types-for 'script'");
      await page
        .locator('vnh-patient-profile-card')
        .getByText(patientName)
        .first()
        .waitFor({ timeout: 60_000 });
      const history = page.locator('vnh-vaccination-history');
      await history.locator('[part~="summary"]').waitFor({ timeout: 60_000 });
      expect(await shadowText(page, 'vnh-vaccination-history')).not.toContain('Chưa có dữ liệu');
      await expectClean(page, watched);
      // The autoloader and the chunks of the elements on the page, all from the CDN folder.
      const scripts = watched.scripts();
      expect(scripts[0]).toBe('/main.js');
      expect(scripts).toContain(`${cdn}autoloader.js`);
      expect(scripts.filter((s) => s !== '/main.js' && !s.startsWith(cdn))).toEqual([]);
      expect(scripts.some((s) => s.includes('/chunks/patient-profile-card-'))).toBe(true);
      expect(scripts.some((s) => s.includes('/chunks/consult-booking-'))).toBe(false);
    } finally {
      await page.close();
    }
  });

  test('elements added to the page later, or to a watched shadow root, are defined and load', async () => {
    const page = await browser.newPage();
    try {
      const watched = await openWatched(
        page,
        `${origin}/?fhir=${encodeURIComponent(sandbox.baseUrl)}`,
      );
      await page
        .locator('vnh-patient-profile-card')
        .getByText(patientName)
        .first()
        .waitFor({ timeout: 60_000 });
      const before = await page.evaluate(() => ({
        summary: Boolean(customElements.get('vnh-health-record-summary')),
        appointments: Boolean(customElements.get('vnh-appointment-list')),
      }));
      expect(before).toEqual({ summary: false, appointments: false });
      // Added to the document, inside the provider: the autoloader's own observer defines it.
      await page.evaluate(() => {
        const summary = document.createElement('vnh-health-record-summary');
        summary.setAttribute('patient-id', 'vnh-pt-001');
        document.querySelector('vnh-provider')!.append(summary);
      });
      await page.waitForFunction(() => customElements.get('vnh-health-record-summary'), null, {
        timeout: 30_000,
      });
      await page
        .locator('vnh-health-record-summary')
        .locator('[part~="entry-title"]')
        .first()
        .waitFor({ timeout: 60_000 });
      // Inside a shadow root of the page's own: `watch(root)` from the same autoloader module.
      // (A string: vitest would rewrite an `import()` inside a function.)
      const defined = await page.evaluate(`(async () => {
        const { watch } = await import(${JSON.stringify(`${cdn}autoloader.js`)});
        const host = document.createElement('div');
        document.querySelector('vnh-provider').append(host);
        const root = host.attachShadow({ mode: 'open' });
        const stop = watch(root);
        root.append(document.createElement('vnh-appointment-list'));
        await customElements.whenDefined('vnh-appointment-list');
        stop();
        return root.querySelector('vnh-appointment-list') instanceof customElements.get('vnh-appointment-list');
      })()`);
      expect(defined).toBe(true);
      await expectClean(page, watched);
    } finally {
      await page.close();
    }
  });

  test(`vnhealth.js alone (one script tag, every element in one file) shows ${patientName}`, async () => {
    // A page of the test's own beside the example's, with the example's CSP.
    const example = readFileSync(join(dir, 'index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/.exec(example)?.[0];
    if (!meta) throw new Error('examples/cdn/index.html has no CSP meta');
    writeFileSync(
      join(dir, 'bundle.html'),
      `<!doctype html><html lang="vi"><head><meta charset="utf-8">${meta}<title>bundle</title>` +
        '<link rel="icon" href="data:,">' +
        `<script type="module" src="${cdn}vnhealth.js"></script></head><body>` +
        `<vnh-provider base-url="${sandbox.baseUrl}" lang="vi">` +
        '<vnh-patient-profile-card patient-id="vnh-pt-001"></vnh-patient-profile-card>' +
        '</vnh-provider></body></html>',
    );
    const page = await browser.newPage();
    try {
      const watched = await openWatched(page, `${origin}/bundle.html`);
      await page
        .locator('vnh-patient-profile-card')
        .getByText(patientName)
        .first()
        .waitFor({ timeout: 60_000 });
      // Every element is registered by the one file.
      const tags = await page.evaluate(() =>
        [
          'vnh-provider',
          'vnh-patient-profile-card',
          'vnh-health-record-summary',
          'vnh-vaccination-history',
          'vnh-consult-booking',
          'vnh-vaccination-schedule',
          'vnh-appointment-list',
        ].filter((tag) => !customElements.get(tag)),
      );
      expect(tags, 'tags vnhealth.js did not register').toEqual([]);
      await expectClean(page, watched);
      const scripts = watched.scripts();
      expect(scripts[0]).toBe(`${cdn}vnhealth.js`);
      // Only the bundle's own lazy chunks after it (English tables, the validator…).
      expect(scripts.slice(1).filter((s) => !s.startsWith(`${cdn}chunks/bundle-`))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test("a module that imports addTranslations from vnhealth.js: the card shows the page's words", async () => {
    // As docs/no-build.md says: the page's own module imports the bundle and adds its words.
    writeFileSync(
      join(dir, 'words.js'),
      `import { addTranslations } from '${cdn}vnhealth.js';\n` +
        "addTranslations('vi', { 'vnh-patient-profile-card': { age: 'Tuổi (năm)' } });\n",
    );
    const example = readFileSync(join(dir, 'index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/.exec(example)![0];
    writeFileSync(
      join(dir, 'words.html'),
      `<!doctype html><html lang="vi"><head><meta charset="utf-8">${meta}<title>words</title>` +
        '<link rel="icon" href="data:,"><script type="module" src="/words.js"></script></head>' +
        `<body><vnh-provider base-url="${sandbox.baseUrl}" lang="vi">` +
        '<vnh-patient-profile-card patient-id="vnh-pt-001"></vnh-patient-profile-card>' +
        '</vnh-provider></body></html>',
    );
    const page = await browser.newPage();
    try {
      const watched = await openWatched(page, `${origin}/words.html`);
      const card = page.locator('vnh-patient-profile-card');
      await card.getByText(patientName).first().waitFor({ timeout: 60_000 });
      expect(await shadowText(page, 'vnh-patient-profile-card')).toContain('Tuổi (năm)');
      await expectClean(page, watched);
    } finally {
      await page.close();
    }
  });

  test(`docs/no-build.md's import map loads two define.js files unbundled and shows ${patientName}`, async () => {
    const doc = readFileSync(join(root, 'docs', 'no-build.md'), 'utf8');
    const section = doc.split(/^## /m).find((s) => s.startsWith('Cherry-picking'));
    const block = section && /^```html\n([\s\S]*?)^```$/m.exec(section)?.[1];
    if (!block) throw new Error('docs/no-build.md has no html block under "Cherry-picking"');
    // Each CDN URL pins the version this workspace builds and tests with; here it is the
    // installed package's folder instead.
    const pinned: string[] = [];
    const html = block.replace(
      /https:\/\/cdn\.jsdelivr\.net\/npm\/((?:@[^/@]+\/)?[^/@]+)@([^/]+)\//g,
      (_, name: string, version: string) => {
        pinned.push(name);
        const built = name.startsWith('@vnhealth/')
          ? (
              JSON.parse(
                readFileSync(join(root, 'packages', name.slice(10), 'package.json'), 'utf8'),
              ) as { version: string }
            ).version
          : toolVersion(name);
        expect(version, `the import map's version of ${name}`).toBe(built);
        return `/node_modules/${name}/`;
      },
    );
    expect(pinned).toContain('lit');
    // Inline scripts (the map, the module) are allowed by their hashes, as the doc says.
    const hashes = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map(
      (m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`,
    );
    expect(hashes).toHaveLength(2);
    const csp =
      `default-src 'none'; script-src 'self' ${hashes.join(' ')}; connect-src ${sandbox.origin}; img-src data:; ` +
      "base-uri 'none'; require-trusted-types-for 'script'; trusted-types lit-html";
    writeFileSync(
      join(dir, 'importmap.html'),
      `<!doctype html><html lang="vi"><head><meta charset="utf-8">` +
        `<meta http-equiv="Content-Security-Policy" content="${csp}">` +
        `<title>import map</title><link rel="icon" href="data:,">${html}</head><body>` +
        `<vnh-provider base-url="${sandbox.baseUrl}" lang="vi">` +
        '<vnh-patient-profile-card patient-id="vnh-pt-001"></vnh-patient-profile-card>' +
        '</vnh-provider></body></html>',
    );
    const page = await browser.newPage();
    try {
      const watched = await openWatched(page, `${origin}/importmap.html`);
      await page
        .locator('vnh-patient-profile-card')
        .getByText(patientName)
        .first()
        .waitFor({ timeout: 60_000 });
      await expectClean(page, watched);
      expect(watched.scripts().some((s) => s.startsWith(cdn))).toBe(false);
    } finally {
      await page.close();
    }
  });
});

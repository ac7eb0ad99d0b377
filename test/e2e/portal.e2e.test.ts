// End to end: the demo portal against the seeded sandbox, in Debian's Chromium, checking what a
// person sees. Servers start exactly as `npm start` starts them (scripts/start.ts).
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { systemsFor } from '@vnhealth/core';
import { chromiumArgs, chromiumEnv, chromiumPath } from '../../scripts/chromium.ts';
import {
  startPortal,
  workspaceViteConfig,
  startSandboxServer,
  type RunningPortal,
  type RunningSandbox,
} from '../../scripts/start.ts';

const require = createRequire(import.meta.url);
const resultsDir = join(process.cwd(), 'test-results');
mkdirSync(resultsDir, { recursive: true });

let sandbox: RunningSandbox;
let portal: RunningPortal;
let browser: Browser;
let context: BrowserContext;
let current: Page | undefined;

/** Generous waits: this machine is shared, and a first dev-server load transforms every module. */
const wait = { timeout: 30_000, interval: 250 };

function poll<T>(fn: () => T | Promise<T>, options: { timeout: number; interval: number } = wait) {
  return expect.poll(fn, options);
}

/** Everything a page reported that a person or a developer would call broken. */
interface Problems {
  consoleErrors: string[];
  pageErrors: string[];
}

async function openPage(url = portal.url): Promise<{ page: Page; problems: Problems }> {
  // One context for the file keeps the HTTP cache warm; each test gets a fresh page.
  const page = await context.newPage();
  current = page;
  const problems: Problems = { consoleErrors: [], pageErrors: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  await page.goto(url);
  return { page, problems };
}

function card(page: Page): Locator {
  return page.locator('vnh-patient-profile-card');
}

/** The patient's CCCD as the sandbox stores it. */
async function cccdOf(patientId: string): Promise<string> {
  const response = await fetch(`${sandbox.baseUrl}/Patient/${patientId}`);
  const patient = (await response.json()) as { identifier?: { system?: string; value?: string }[] };
  const systems = systemsFor('cccd');
  const cccd = patient.identifier?.find((i) => i.system && systems.includes(i.system))?.value;
  if (!cccd) throw new Error(`${patientId} has no CCCD in the sandbox`);
  return cccd;
}

/** The visible text of an element, its shadow tree included (what a person reads). */
async function visibleText(locator: Locator): Promise<string> {
  return locator.evaluate((host) => {
    const parts: string[] = [];
    const walk = (node: Node): void => {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement;
        if (parent && parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
          parts.push(node.textContent ?? '');
        }
        return;
      }
      if (node instanceof Element) {
        if (node.shadowRoot) walk(node.shadowRoot);
        if (node instanceof HTMLSlotElement) {
          for (const assigned of node.assignedNodes({ flatten: true })) walk(assigned);
        }
      }
      for (const child of node.childNodes) walk(child);
    };
    walk(host);
    return parts.join(' ').replace(/\s+/g, ' ');
  });
}

/** Background colours a person sees: the page and the first opaque box inside the card. */
async function colours(page: Page): Promise<{ page: string; card: string }> {
  const pageBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const cardBg = await card(page).evaluate((host) => {
    const opaque = (el: Element): string | undefined => {
      const bg = getComputedStyle(el).backgroundColor;
      return bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent' ? bg : undefined;
    };
    const own = opaque(host);
    if (own) return own;
    for (const el of host.shadowRoot?.querySelectorAll('*') ?? []) {
      const bg = opaque(el);
      if (bg) return bg;
    }
    return 'none';
  });
  return { page: pageBg, card: cardBg };
}

/** Runs axe-core on the whole page (it walks open shadow roots). */
async function axe(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run(
          context: Document,
          options: object,
        ): Promise<{
          violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[];
        }>;
      };
    };
    const result = await w.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
}

async function waitForName(page: Page, name: string): Promise<void> {
  await poll(() => visibleText(card(page)), wait).toContain(name);
}

async function hasElement(page: Page, tag: string): Promise<boolean> {
  return page.evaluate((t) => customElements.get(t) !== undefined, tag);
}

beforeAll(async () => {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('No Chromium: install one or set CHROMIUM_PATH.');
  [sandbox, browser] = await Promise.all([
    startSandboxServer({ port: 0, quiet: true }),
    chromium.launch({ executablePath, args: chromiumArgs, env: chromiumEnv() }),
  ]);
  portal = await startPortal({ sandboxUrl: sandbox.baseUrl, quiet: true, watch: false });
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
});

afterEach(async () => {
  await current?.close();
  current = undefined;
});

afterAll(async () => {
  await Promise.allSettled([context?.close(), browser?.close(), portal?.close(), sandbox?.close()]);
});

describe('demo portal (dev server, npm start)', () => {
  test('shows real seeded patients in Vietnamese with a masked CCCD', async () => {
    const { page, problems } = await openPage();
    await poll(() => page.getAttribute('html', 'lang')).toBe('vi');
    await poll(() => page.locator('#page-title').textContent()).toBe('Thông tin chung');
    await poll(() => page.locator('.brand-name').textContent()).toBe(
      'Bệnh viện Đa khoa tỉnh Trà Vinh',
    );
    const list = page.getByRole('navigation', { name: 'Bệnh nhân' });
    await poll(() => list.getByRole('link').count()).toBe(5);
    await poll(() => list.textContent()).toContain('Trần Thị Bình');

    await waitForName(page, 'Nguyễn Văn An');
    const cccd = await cccdOf('vnh-pt-001');
    const text = (await visibleText(card(page))).replace(/\s/g, '');
    expect(text).not.toContain(cccd);
    expect(text).toContain(cccd.slice(-4));
    expect(text).toMatch(/[•*]{4,}/);

    await page.screenshot({ path: join(resultsDir, 'portal-vi-light.png'), fullPage: true });
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });

  test('the page is axe-clean in both themes', async () => {
    const { page } = await openPage();
    await waitForName(page, 'Nguyễn Văn An');
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('Giao diện').selectOption('dark');
    await poll(() => page.getAttribute('html', 'data-theme')).toBe('dark');
    expect(await axe(page)).toEqual([]);
  });

  test('reveals the CCCD by keyboard', async () => {
    const { page } = await openPage();
    await waitForName(page, 'Nguyễn Văn An');
    const cccd = await cccdOf('vnh-pt-001');
    const reveal = card(page)
      .getByRole('button', { name: /cccd|hiện|reveal|show/i })
      .first();
    // Tab through the page until the reveal control has focus: it must be reachable by keyboard.
    let focused = false;
    for (let i = 0; i < 40 && !focused; i += 1) {
      await page.keyboard.press('Tab');
      focused = await reveal.evaluate((el) => el.matches(':focus'));
    }
    expect(focused, 'the reveal control is reachable with Tab').toBe(true);
    await page.keyboard.press('Enter');
    await poll(async () => (await visibleText(card(page))).replace(/\s/g, '')).toContain(cccd);
    // The host page recorded the reveal (the event carries the kind and patient, not the number).
    await poll(() => page.locator('#audit').textContent()).toContain(
      'đã xem số CCCD của bệnh nhân vnh-pt-001',
    );
    expect(await page.locator('#audit').textContent()).not.toContain(cccd);
  });

  test('switches to English', async () => {
    const { page, problems } = await openPage();
    await waitForName(page, 'Nguyễn Văn An');
    const before = await visibleText(card(page));
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await poll(() => page.getAttribute('html', 'lang')).toBe('en');
    await poll(() => page.getAttribute('#provider', 'lang')).toBe('en');
    await poll(() => page.locator('.brand-name').textContent()).toBe(
      'Tra Vinh Provincial General Hospital',
    );
    await poll(() => page.locator('#page-title').textContent()).toBe('Overview');
    await poll(() => page.getByLabel('Language').inputValue()).toBe('en');
    // The card follows the provider: its labels change, the name (Vietnamese) stays.
    await poll(() => visibleText(card(page))).not.toBe(before);
    expect(await visibleText(card(page))).toContain('Nguyễn Văn An');
    expect(problems.consoleErrors).toEqual([]);
  });

  test('dark mode changes the colours of the page and of the card', async () => {
    const { page } = await openPage();
    await waitForName(page, 'Nguyễn Văn An');
    const light = await colours(page);
    await page.getByLabel('Giao diện').selectOption('dark');
    await poll(() => page.getAttribute('#provider', 'theme')).toBe('dark');
    await poll(() => colours(page).then((c) => c.page)).not.toBe(light.page);
    await poll(() => colours(page).then((c) => c.card)).not.toBe(light.card);
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await poll(() => page.getAttribute('html', 'lang')).toBe('en');
    await page.screenshot({ path: join(resultsDir, 'portal-en-dark.png'), fullPage: true });
  });

  test('opens each patient from the list', async () => {
    const { page } = await openPage();
    await waitForName(page, 'Nguyễn Văn An');
    await page.getByRole('link', { name: /Trần Thị Bình/ }).click();
    await poll(() => page.url()).toContain('#/patient/vnh-pt-002');
    await waitForName(page, 'Trần Thị Bình');
    await poll(() =>
      page.getByRole('link', { name: /Trần Thị Bình/ }).getAttribute('aria-current'),
    ).toBe('page');
  });

  test('shows the error state when the sandbox stops, and Retry works after a restart', async () => {
    const { page } = await openPage();
    await waitForName(page, 'Nguyễn Văn An');
    const port = sandbox.port;
    await sandbox.close();
    try {
      await page.getByRole('link', { name: /Lê Minh Khoa/ }).click();
      const retry = card(page).getByRole('button', { name: /thử lại|retry/i });
      await poll(() => retry.isVisible(), { ...wait, timeout: 60_000 }).toBe(true);
      const text = await visibleText(card(page));
      expect(text).toContain('Không tải được dữ liệu');
      expect(text).not.toContain('Lê Minh Khoa');
    } finally {
      sandbox = await startSandboxServer({ port, quiet: true });
    }
    expect(sandbox.port).toBe(port);
    await card(page)
      .getByRole('button', { name: /thử lại|retry/i })
      .click();
    await waitForName(page, 'Lê Minh Khoa');
  });

  test('opens a patient’s health record summary', async () => {
    const { page } = await openPage(`${portal.url}#/patient/vnh-pt-001/record`);
    expect(
      await hasElement(page, 'vnh-health-record-summary'),
      '<vnh-health-record-summary> is registered on the page',
    ).toBe(true);
    const summary = page.locator('vnh-health-record-summary');
    await poll(() => visibleText(summary), wait).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    await poll(() => page.locator('#page-title').textContent()).toBe('Tóm tắt hồ sơ sức khỏe');
  });

  test('books a consult end to end and sees it in the appointment list', async () => {
    const { page, problems } = await openPage(`${portal.url}#/patient/vnh-pt-001/booking`);
    await poll(() => page.locator('#page-title').textContent()).toBe('Đặt lịch khám từ xa');
    expect(
      await hasElement(page, 'vnh-consult-booking'),
      '<vnh-consult-booking> is registered on the page',
    ).toBe(true);
    const booking = page.locator('vnh-consult-booking');
    const reason = `Đau đầu kéo dài ba ngày (e2e ${Date.now().toString(36)})`;

    await booking.getByRole('button', { name: 'Khám từ xa qua video' }).click(wait);
    await booking.getByRole('button', { name: 'Nội khoa' }).click(wait);
    await booking
      .getByRole('button', { name: /^Chọn bác sĩ/ })
      .first()
      .click(wait);
    const nearest = booking.getByRole('button', { name: 'Đến ngày gần nhất còn suất khám' });
    await booking.locator('button.day').first().waitFor(wait);
    if (await nearest.isVisible()) await nearest.click();
    else await booking.locator('button.day[aria-disabled="false"]').first().click(wait);
    await booking.locator('[part="slot"]').first().click(wait);
    await booking.getByLabel('Lý do khám').fill(reason, wait);
    await booking.getByLabel('Số điện thoại').fill('0912345678');
    await booking.getByRole('button', { name: 'Tiếp tục' }).click();
    await booking.getByRole('button', { name: 'Xác nhận đặt lịch' }).click(wait);
    await poll(() => visibleText(booking)).toContain('Đặt lịch khám thành công.');
    const confirmation = await visibleText(booking);
    const when = /(\d{2}\/\d{2}\/\d{4} \d{2}:\d{2})/.exec(confirmation)?.[1];
    expect(when, 'the confirmation shows the date and time').toBeDefined();

    // The portal points to the appointment list, where the new appointment is.
    await page.getByRole('link', { name: /Lịch hẹn mới có trong mục Lịch hẹn/ }).click(wait);
    await poll(() => page.locator('#page-title').textContent()).toBe('Lịch hẹn');
    const list = page.locator('vnh-appointment-list');
    await poll(() => visibleText(list)).toContain(reason);
    expect(await visibleText(list)).toContain(when!);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });

  test('a child’s vaccination history highlights an overdue dose', async () => {
    const { page } = await openPage(`${portal.url}#/patient/vnh-pt-003/vaccination`);
    expect(
      await hasElement(page, 'vnh-vaccination-history'),
      '<vnh-vaccination-history> is registered on the page',
    ).toBe(true);
    const history = page.locator('vnh-vaccination-history');
    await poll(() => visibleText(history), wait).toMatch(/quá hạn/i);
    // Highlighted: the overdue badge is coloured, unlike the table's ordinary text.
    const look = await history.evaluate((host) => {
      const found: Element[] = [];
      const walk = (root: ParentNode): void => {
        for (const el of root.querySelectorAll('*')) {
          if (el.shadowRoot) walk(el.shadowRoot);
          if (el.children.length === 0 && el.textContent?.trim() === 'Quá hạn') found.push(el);
        }
      };
      walk(host.shadowRoot ?? host);
      const badge = found[0]?.closest('[part], [class]') ?? found[0];
      if (!badge) return undefined;
      const style = getComputedStyle(badge);
      return {
        color: style.color,
        background: style.backgroundColor,
        border: style.borderColor,
        text: getComputedStyle(host).color,
      };
    });
    expect(look, 'an overdue badge is shown').toBeDefined();
    const plain = [look!.text, 'rgba(0, 0, 0, 0)'];
    expect(
      !plain.includes(look!.color) || !plain.includes(look!.background),
      `overdue badge ${JSON.stringify(look)} stands out`,
    ).toBe(true);
  });

  test('an adult’s vaccination page reads as an adult’s: no infant doses, nothing overdue', async () => {
    const { page, problems } = await openPage(`${portal.url}#/patient/vnh-pt-001/vaccination`);
    const history = page.locator('vnh-vaccination-history');
    await poll(() => visibleText(history), wait).toContain('Quá tuổi tiêm, không còn trong lịch');
    const text = await visibleText(history);
    // Nguyễn Văn An, born 14/05/1968: the adult schedule, childhood diseases aged out.
    expect(text).toContain('14/05/1968');
    expect(text).toMatch(/Quá tuổi tiêm, không còn trong lịch: Lao \(BCG\)/);
    expect(text).toContain('Có thể tiêm ngay');
    expect(text).toContain('Chưa đối chiếu');
    for (const word of ['Quá hạn', 'của bé', 'trẻ', 'Sơ sinh', 'DPT-VGB-Hib', '1968 ·']) {
      expect(text, `no “${word}” for an adult`).not.toContain(word);
    }
    expect(text).toMatch(/0 mũi quá hạn · 0 mũi đến hạn · \d+ mũi theo lịch chưa đối chiếu/);
    const schedule = page.locator('vnh-vaccination-schedule');
    await poll(() => visibleText(schedule), wait).toContain('Cần tiêm ngay');
    const plan = await visibleText(schedule);
    expect(plan).not.toContain('của bé');
    expect(plan).not.toContain('Quá hạn');
    expect(plan).toContain('Zona thần kinh');
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });

  test('a route change back to a section within the cache TTL sends no FHIR request', async () => {
    const { page } = await openPage(`${portal.url}#/patient/vnh-pt-003/vaccination`);
    const history = page.locator('vnh-vaccination-history');
    await poll(() => visibleText(history), wait).toMatch(/quá hạn/i);
    await poll(() => visibleText(card(page)), wait).toContain('Lê Minh Khoa');
    await page.waitForLoadState('networkidle');
    const fhir: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(sandbox.baseUrl) && request.method() !== 'OPTIONS') {
        fhir.push(`${request.method()} ${request.url().slice(sandbox.baseUrl.length)}`);
      }
    });
    // Away (the card alone) and back: the elements are new, the provider's client is not.
    await page.evaluate(() => (location.hash = '#/patient/vnh-pt-003'));
    await poll(() => page.locator('vnh-vaccination-history').count(), wait).toBe(0);
    await page.evaluate(() => (location.hash = '#/patient/vnh-pt-003/vaccination'));
    await poll(() => visibleText(page.locator('vnh-vaccination-history')), wait).toMatch(
      /quá hạn/i,
    );
    await page.waitForLoadState('networkidle');
    expect(fhir).toEqual([]);
  });
});

// ---- the production build under a strict CSP --------------------------------------------------

const mime: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** A static file server for the built portal that sends the CSP as a header too. */
function serveStatic(dir: string, csp: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
    res.writeHead(200, {
      'content-type': mime[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': csp,
    });
    // A request that arrives while the test removes the folder (a keep-alive connection outlives
    // close()) fails as a response, never as an unhandled stream error.
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/`, server });
    });
  });
}

describe('demo portal (production build)', () => {
  test('runs under a strict CSP with no console errors and no CSP violations', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'vnh-portal-'));
    const { build } = await import('vite');
    const { contentSecurityPolicy } = await import('../../examples/portal/vite.config.ts');
    process.env.VITE_SANDBOX_URL = sandbox.baseUrl;
    await build({
      ...(await workspaceViteConfig()),
      logLevel: 'error',
      build: { outDir, emptyOutDir: true },
    });
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style[\s>]|\sstyle=/);

    const { url, server } = await serveStatic(outDir, contentSecurityPolicy);
    try {
      const { page, problems } = await openPage('about:blank');
      await page.addInitScript(() => {
        const w = window as unknown as { __csp: string[] };
        w.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      await page.goto(url);
      await waitForName(page, 'Nguyễn Văn An');
      await page.getByLabel('Ngôn ngữ').selectOption('en');
      await page.getByLabel('Theme').selectOption('dark');
      await page.getByRole('link', { name: /Trần Thị Bình/ }).click();
      await waitForName(page, 'Trần Thị Bình');
      const violations = await page.evaluate(
        () => (window as unknown as { __csp: string[] }).__csp,
      );
      expect(violations).toEqual([]);
      expect(problems.pageErrors).toEqual([]);
      expect(problems.consoleErrors).toEqual([]);
    } finally {
      server.close();
      server.closeAllConnections();
      await rm(outDir, { recursive: true, force: true });
    }
  });
});

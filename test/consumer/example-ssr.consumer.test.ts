// examples/ssr as a user gets it: copied out, installed from the packed tarballs, `npm run build`
// and `npm start` per its README on Node 24 against the packed sandbox's CLI. In Chromium with
// JavaScript disabled the server's HTML already shows the patient (declarative shadow DOM); with
// JavaScript the elements hydrate without a FHIR request and without a console error.
import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { installExample } from './examples.ts';
import {
  consumerEnv,
  launchChromium,
  run,
  startSandboxCli,
  startService,
  type SandboxCli,
  type Service,
} from './harness.ts';

const env = consumerEnv(24);
const TAGS = [
  'vnh-provider',
  'vnh-patient-profile-card',
  'vnh-health-record-summary',
  'vnh-vaccination-history',
  'vnh-vaccination-schedule',
];
let dir: string;
let sandbox: SandboxCli;
let server: Service;
let url: string;
let browser: Browser;

beforeAll(async () => {
  dir = installExample('ssr', inject('tarballs'));
  const build = await run('npm', ['run', 'build'], { cwd: dir, env });
  expect(build.code, build.stdout + build.stderr).toBe(0);
  [sandbox, browser] = await Promise.all([startSandboxCli(dir, env, 0), launchChromium()]);
  server = await startService('npm', ['start'], {
    cwd: dir,
    env: { ...env, SANDBOX_URL: sandbox.baseUrl, PORT: '0' },
    ready: /Listening on (http:\/\/[\d.]+:\d+)/,
  });
  url = server.match[1]!;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('without JavaScript: the server HTML shows the patient in declarative shadow DOM', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(url);
    // In the shadow roots (locators pierce them; the hosts have no text of their own).
    const name = page.locator('vnh-patient-profile-card [part="name"]');
    await expect.poll(() => name.textContent()).toContain('Nguyễn Văn An');
    expect(await page.locator('vnh-vaccination-history .child-name').textContent()).toContain(
      'Lê Minh Khoa',
    );
    // Nothing ran: no element is defined.
    expect(await page.evaluate(() => customElements.get('vnh-patient-profile-card'))).toBe(
      undefined,
    );
  } finally {
    await context.close();
  }
});

test('with JavaScript: hydrates with no FHIR request and no console error', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const fhir: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(sandbox.baseUrl)) fhir.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${url}/?lang=en`);
    await page.waitForFunction(
      (tags) =>
        tags.every((t) => {
          const el = document.querySelector(t) as HTMLElement & { hasUpdated?: boolean };
          return !!customElements.get(t) && !!el?.hasUpdated;
        }),
      TAGS,
      { timeout: 30_000 },
    );
    const card = page.locator('vnh-patient-profile-card');
    expect(await card.locator('[part="name"]').textContent()).toContain('Nguyễn Văn An');
    expect(await page.locator('vnh-vaccination-history #title').textContent()).toContain(
      'Vaccination history',
    );
    // Hydrated: the card's controls work.
    const reveal = card.locator('[part="reveal-button"]').first();
    await reveal.click();
    await expect.poll(() => reveal.getAttribute('aria-pressed')).toBe('true');
    await page.waitForTimeout(500);
    expect(fhir).toEqual([]);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

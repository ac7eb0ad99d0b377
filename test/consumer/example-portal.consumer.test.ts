// examples/portal as a user gets it: copied out, installed from the packed tarballs (Vite from the
// registry, as its package.json says), `npm run build` per its README, the built page served
// statically against the packed sandbox's CLI: Chromium shows the seeded patients under the
// page's strict CSP, with no console error and no CSP violation.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { installExample } from './examples.ts';
import {
  consumerEnv,
  launchChromium,
  run,
  serveStatic,
  startSandboxCli,
  type SandboxCli,
} from './harness.ts';

const env = consumerEnv(24);
let dir: string;
let sandbox: SandboxCli;
let browser: Browser;

beforeAll(async () => {
  dir = installExample('portal', inject('tarballs'));
  [sandbox, browser] = await Promise.all([startSandboxCli(dir, env, 0), launchChromium()]);
});

afterAll(async () => {
  await Promise.all([sandbox?.stop(), browser?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('npm run build → the built portal shows Nguyễn Văn An and Trần Thị Bình under its CSP, no errors', async () => {
  const build = await run('npm', ['run', 'build'], {
    cwd: dir,
    env: { ...env, VITE_SANDBOX_URL: sandbox.baseUrl },
  });
  expect(build.code, build.stdout + build.stderr).toBe(0);
  const server = await serveStatic(join(dir, 'dist'));
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await page.goto(`${server.url}/`);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toContain("script-src 'self'");
    const card = page.locator('vnh-patient-profile-card');
    await card.getByText('Nguyễn Văn An').first().waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: /Trần Thị Bình/ }).click();
    await card.getByText('Trần Thị Bình').first().waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
    await server.close();
  }
});

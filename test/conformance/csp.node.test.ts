/**
 * Validation works under `Content-Security-Policy: script-src 'self'` (no eval): a small bundle is
 * served from node:http with that header and run in Debian's Chromium through playwright-core.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumEnv, chromiumPath } from '../../scripts/chromium.ts';

const executablePath = chromiumPath();
let server: Server;
let browser: Browser | undefined;
let base = '';

beforeAll(async () => {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./csp-entry.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['vnhealth-source'],
    write: false,
    minify: true,
  });
  const js = out.outputFiles[0]!.text;
  const html =
    '<!doctype html><meta charset="utf-8"><title>csp</title><script type="module" src="/app.js"></script>';
  server = createServer((req, res) => {
    res.setHeader('Content-Security-Policy', "script-src 'self'");
    if (req.url === '/app.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (!executablePath) throw new Error('No Chromium: install one or set CHROMIUM_PATH.');
  browser = await chromium.launch({ executablePath, args: chromiumArgs, env: chromiumEnv() });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe("validation under CSP script-src 'self' (Chromium)", () => {
  it('validates without eval and reports no CSP violation', async () => {
    const page = await browser!.newPage();
    const console: string[] = [];
    page.on('console', (m) => console.push(m.text()));
    await page.goto(base + '/');
    const results = await page.waitForFunction(
      () => (window as unknown as { __results?: unknown }).__results,
    );
    const r = (await results.jsonValue()) as Record<string, unknown>;
    expect(r.evalBlocked, 'the page must forbid eval for this test to mean anything').toBe(true);
    expect(r.violationsDuringValidation).toEqual([]);
    expect(r.jitless).toBe(true);
    expect(r.okValid).toBe(true);
    expect(r.sameObject).toBe(true);
    expect(r.objectParse).toBe(true);
    expect(r.invalidPaths).toEqual(
      expect.arrayContaining([
        'Immunization.status code-invalid',
        'Immunization.occurrence[x] choice',
        'Immunization.extension[0].url required',
      ]),
    );
    // Only the canary's eval may have been refused.
    expect(console.filter((t) => /Content Security Policy/i.test(t)).length).toBeLessThanOrEqual(1);
    await page.close();
  });
});

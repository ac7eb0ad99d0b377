import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/**
 * Where to find a Chromium: `CHROMIUM_PATH`, Debian's `/usr/bin/chromium`, or Playwright's own
 * download. Returns undefined when none exists, so callers can explain how to install one.
 */
export function chromiumPath(): string | undefined {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  for (const candidate of candidates) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright has no browser of its own here.
  }
  return undefined;
}

/** Chromium flags this closed network needs (no background calls to Google's hosts). */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

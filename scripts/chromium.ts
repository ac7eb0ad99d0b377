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

/**
 * The environment to launch Chromium with: this process's, without faketime's variables.
 * Chromium misbehaves under faketime, so in a clock run (`npm run test:clock`) the browser keeps
 * the real clock while the test process and the sandbox run on the faked one.
 */
export function chromiumEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || key.startsWith('FAKETIME')) continue;
    if (key === 'LD_PRELOAD') {
      const kept = value
        .split(/[:\s]+/)
        .filter((lib) => lib && !lib.includes('libfaketime'))
        .join(':');
      if (kept) clean[key] = kept;
      continue;
    }
    clean[key] = value;
  }
  return clean;
}

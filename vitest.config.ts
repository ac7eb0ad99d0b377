import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { chromiumArgs, chromiumPath } from './scripts/chromium.ts';
import { fhirProxyCommands } from './test/setup/fhir-proxy.ts';

const executablePath = chromiumPath();

/**
 * A clock run (`npm run test:clock`) sets VNH_CLOCK_START: browser pages then read that instant's
 * time (test/setup/browser-clock.ts), as the sandbox's seed does (test/setup/sandbox-global.ts).
 * Chromium cannot run under faketime, so the distance to the real clock is handed to the pages.
 */
const clockStart = process.env.VNH_CLOCK_START;
if (clockStart && Number.isNaN(Date.parse(clockStart)))
  throw new Error(`VNH_CLOCK_START is not an instant: ${clockStart}`);
const clock = {
  provide: { clockOffsetMs: clockStart ? Date.parse(clockStart) - Date.now() : 0 },
  setupFiles: ['test/setup/browser-clock.ts'],
};

/** A fresh browser block per project (vitest refuses a shared one). */
function browser() {
  return {
    enabled: true,
    headless: true,
    provider: playwright({
      launchOptions: {
        ...(executablePath ? { executablePath } : {}),
        args: chromiumArgs,
      },
    }),
    instances: [{ browser: 'chromium' as const }],
  };
}

const optimizeDeps = {
  include: [
    'lit',
    'lit/decorators.js',
    'lit/directive-helpers.js',
    'lit/directives/class-map.js',
    'lit/directives/if-defined.js',
    'lit/directives/live.js',
    'lit/directives/repeat.js',
    'lit/directives/style-map.js',
    'lit/directives/unsafe-svg.js',
    'zod/mini',
    'axe-core',
  ],
};

export default defineConfig({
  resolve: { conditions: ['vnhealth-source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['vnhealth-source', ...defaultServerConditions] } },
  optimizeDeps,
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'packages/core/src/**/*.test.ts',
            'packages/sandbox/src/**/*.test.ts',
            'test/**/*.node.test.ts',
            'bench/**/*.test.ts',
          ],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['packages/components/src/**/*.test.ts', 'test/**/*.browser.test.ts'],
          globalSetup: ['test/setup/sandbox-global.ts'],
          ...clock,
          // A counting proxy in front of the sandbox, for request and byte budgets.
          browser: { ...browser(), commands: fhirProxyCommands },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        // What users install: the packed tarballs in fresh folders outside the workspace. No
        // `extends`: the root's `vnhealth-source` conditions must not reach these tests (they run
        // bundlers, tsc and Node in the consumer folders as child processes anyway).
        test: {
          name: 'consumer',
          environment: 'node',
          include: ['test/consumer/**/*.consumer.test.ts'],
          globalSetup: ['test/consumer/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
      {
        extends: true,
        plugins: [
          storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) }),
        ],
        test: {
          name: 'storybook',
          // The `Live/…` stories load from a sandbox of their own (storybook-sandbox.ts hands
          // its URL to the page).
          globalSetup: ['test/setup/sandbox-global.ts'],
          ...clock,
          setupFiles: [...clock.setupFiles, 'test/setup/storybook-sandbox.ts'],
          browser: browser(),
          testTimeout: 30_000,
        },
      },
    ],
  },
});

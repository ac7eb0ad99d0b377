// The root README's "Using the components" snippet, copied verbatim into a plain page of a fresh
// consumer folder that installed the tarballs, against the packed sandbox's CLI: under the Vite
// dev server, a Vite production build and an esbuild bundle, Chromium shows the seeded patient.
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { installConsumer } from '../../scripts/pack.ts';
import {
  consumerEnv,
  ensureDir,
  htmlPage,
  isInside,
  isPortFree,
  launchChromium,
  readmeComponentsSnippet,
  run,
  serveStatic,
  startSandboxCli,
  startService,
  toolVersion,
  workspaceTool,
  type SandboxCli,
  type Service,
} from './harness.ts';

/** The seeded demo patient the README's snippet shows (sandbox seed, `demoPatients.an`). */
const patientName = 'Nguyễn Văn An';

const env = consumerEnv(24);
let dir: string;
let sandbox: SandboxCli;
let browser: Browser;
/** The README snippet, with the sandbox's origin in `base-url` only when the README's port was taken. */
let snippet: string;

beforeAll(async () => {
  const readme = readmeComponentsSnippet();
  const baseUrl = /base-url="([^"]+)"/.exec(readme)?.[1];
  if (!baseUrl) throw new Error('The README snippet sets no base-url on <vnh-provider>');
  const readmeOrigin = new URL(baseUrl).origin;
  const readmePort = Number(new URL(baseUrl).port);

  dir = installConsumer('readme-page', {
    tarballs: {
      '@vnhealth/core': inject('tarballs')['@vnhealth/core'],
      '@vnhealth/components': inject('tarballs')['@vnhealth/components'],
      '@vnhealth/sandbox': inject('tarballs')['@vnhealth/sandbox'],
    },
  });
  // Keep whatever started, so afterAll stops it even when the other one failed.
  const [started, launched] = await Promise.allSettled([
    startSandboxOnPreferredPort(readmePort),
    launchChromium(),
  ]);
  if (started.status === 'fulfilled') sandbox = started.value;
  if (launched.status === 'fulfilled') browser = launched.value;
  if (started.status === 'rejected') throw started.reason;
  if (launched.status === 'rejected') throw launched.reason;
  const verbatim = sandbox.port === readmePort;
  snippet = verbatim ? readme : readme.replaceAll(readmeOrigin, sandbox.origin);
  console.log(
    verbatim
      ? `consumer: sandbox on the README's port ${readmePort}; snippet verbatim`
      : `consumer: port ${readmePort} is taken; sandbox on ${sandbox.port}, base-url origin → ${sandbox.origin}`,
  );
  writeFileSync(join(dir, 'index.html'), htmlPage(snippet));
});

/** The packed sandbox CLI on `port` when it is free (also if it was taken meanwhile: any port). */
async function startSandboxOnPreferredPort(port: number): Promise<SandboxCli> {
  if (!(await isPortFree(port))) return startSandboxCli(dir, env, 0);
  try {
    return await startSandboxCli(dir, env, port);
  } catch (error) {
    if (!/is in use/.test(String(error))) throw error;
    return startSandboxCli(dir, env, 0);
  }
}

afterAll(async () => {
  await Promise.all([sandbox?.stop(), browser?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Open `url`; wait until the card's shadow root shows the seeded patient; no uncaught errors. */
async function expectCardShowsPatient(url: string): Promise<{ requests: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  try {
    await page.goto(url);
    const card = page.locator('vnh-patient-profile-card');
    const shown = await card
      .getByText(patientName)
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 })
      .then(() => true)
      .catch(() => false);
    const state = await page.evaluate(() => {
      const el = document.querySelector('vnh-patient-profile-card');
      return {
        defined: Boolean(customElements.get('vnh-patient-profile-card')),
        provider: Boolean(customElements.get('vnh-provider')),
        shadowText: (el?.shadowRoot?.textContent ?? '(no shadow root)').replace(/\s+/g, ' ').trim(),
      };
    });
    expect(
      { shown, ...state, errors },
      `the card at ${url} should show ${patientName}; it shows "${state.shadowText.slice(0, 300)}"`,
    ).toMatchObject({ shown: true, defined: true, provider: true, errors: [] });
    expect(state.shadowText).toContain(patientName);
    return { requests };
  } finally {
    await page.close();
  }
}

/** Every path a sourcemap names, resolved: they must all lie in the consumer folder. */
function sourcemapSources(outDir: string): string[] {
  const sources: string[] = [];
  for (const file of readdirSync(outDir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.js.map')) continue;
    const map = JSON.parse(readFileSync(join(outDir, file), 'utf8')) as { sources: string[] };
    const base = join(outDir, file, '..');
    sources.push(...map.sources.map((s) => resolve(base, s)));
  }
  return sources;
}

const vite = `Vite ${toolVersion('vite')}`;
const esbuild = `esbuild ${toolVersion('esbuild')}`;

describe('README "Using the components" snippet in a fresh folder with the packed tarballs, packed sandbox CLI on Node 24', () => {
  test(`${vite} dev server (plain index.html) → Chromium shows the card with ${patientName}`, async () => {
    let server: Service | undefined;
    try {
      server = await startService(
        'node',
        [workspaceTool('vite/bin/vite.js'), '--host', '127.0.0.1', '--port', '0', '--strictPort'],
        { cwd: dir, env, ready: /Local:\s+(http:\/\/127\.0\.0\.1:\d+\/)/, timeoutMs: 60_000 },
      );
      const { requests } = await expectCardShowsPatient(server.match[1]!);
      // Resolution happened in the consumer folder: the pre-bundled dependency came from its
      // node_modules, and nothing but Vite's own client was served from outside the Vite root
      // (`/@fs/…`: Vite runs from the workspace, the app's imports do not).
      const metadata = JSON.parse(
        readFileSync(join(dir, 'node_modules/.vite/deps/_metadata.json'), 'utf8'),
      ) as { optimized: Record<string, { src: string }> };
      const define = metadata.optimized['@vnhealth/components/define.js'];
      expect(define, 'Vite pre-bundled @vnhealth/components/define.js').toBeDefined();
      const src = resolve(dir, 'node_modules/.vite/deps', define!.src);
      expect(isInside(src, join(dir, 'node_modules/@vnhealth/components'))).toBe(true);
      const outside = requests
        .filter((r) => new URL(r).pathname.startsWith('/@fs/'))
        .map((r) => new URL(r).pathname.slice('/@fs'.length))
        .filter((p) => !isInside(p, workspaceTool('vite/dist/client')));
      expect(outside).toEqual([]);
    } finally {
      await server?.stop();
    }
  });

  test(`${vite} production build (vite build) + static server → Chromium shows the card with ${patientName}`, async () => {
    const build = await run('node', [workspaceTool('vite/bin/vite.js'), 'build', '--sourcemap'], {
      cwd: dir,
      env,
    });
    expect(build.code, build.stdout + build.stderr).toBe(0);
    const outDir = join(dir, 'dist');
    const server = await serveStatic(outDir);
    try {
      await expectCardShowsPatient(`${server.url}/`);
    } finally {
      await server.close();
    }
    // Resolution happened in the consumer folder: every bundled module lies inside it.
    const sources = sourcemapSources(outDir);
    expect(sources.some((s) => s.includes('/node_modules/@vnhealth/components/'))).toBe(true);
    expect(sources.filter((s) => !isInside(s, dir))).toEqual([]);
  });

  test(`${esbuild} --bundle --minify of the snippet's script (moved to main.js) + static server → Chromium shows the card with ${patientName}`, async () => {
    const script = /<script type="module">\n([\s\S]*?)<\/script>\n?/.exec(snippet);
    if (!script?.[1]) throw new Error('The README snippet has no inline module script');
    const pageDir = ensureDir(join(dir, 'esbuild-page'));
    const outDir = ensureDir(join(pageDir, 'out'));
    writeFileSync(join(pageDir, 'main.js'), script[1]);
    writeFileSync(
      join(outDir, 'index.html'),
      htmlPage(snippet.replace(script[0], '<script type="module" src="./main.js"></script>\n')),
    );
    const build = await run(
      workspaceTool('.bin/esbuild'),
      ['main.js', '--bundle', '--minify', '--format=esm', '--outdir=out', '--metafile=meta.json'],
      { cwd: pageDir, env },
    );
    expect(build.code, build.stdout + build.stderr).toBe(0);
    const server = await serveStatic(outDir);
    try {
      await expectCardShowsPatient(`${server.url}/`);
    } finally {
      await server.close();
    }
    const meta = JSON.parse(readFileSync(join(pageDir, 'meta.json'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const inputs = Object.keys(meta.inputs).map((p) => resolve(pageDir, p));
    expect(inputs.some((p) => p.includes('/node_modules/@vnhealth/components/'))).toBe(true);
    expect(inputs.filter((p) => !isInside(p, dir))).toEqual([]);
  });
});

// The examples (`examples/<name>/`) as a user gets them: the folder copied out of the repository,
// every `@vnhealth/*` dependency pointed at this run's packed tarballs, `npm install`ed.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { installConsumer, publicPackages, root, type Tarballs } from '../../scripts/pack.ts';
import { launchChromium, startSandboxCli, type SandboxCli } from './harness.ts';

interface ExampleManifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [field: string]: unknown;
}

/** Folders never copied: what an install or a build leaves in a working copy. */
const generated = new Set(['node_modules', 'dist', '.angular', '.vite']);

/** `examples/<name>` in the repository. */
export function exampleDir(name: string): string {
  return join(root, 'examples', name);
}

/**
 * Copy `examples/<name>` (without node_modules or build output) to a fresh folder outside the
 * workspace and install it: its `@vnhealth/*` dependencies come from `tarballs` (and
 * `@vnhealth/core` always, which the components depend on), everything else from the registry
 * as its package.json says. Returns the folder. Throws when the example names a `@vnhealth`
 * package that is not published.
 */
export function installExample(name: string, tarballs: Tarballs): string {
  const source = exampleDir(name);
  const manifest = JSON.parse(
    readFileSync(join(source, 'package.json'), 'utf8'),
  ) as ExampleManifest;
  const dir = mkdtempSync(join(tmpdir(), `vnh-example-${name}-`));
  cpSync(source, dir, {
    recursive: true,
    filter: (path) =>
      !relative(source, path)
        .split(sep)
        .some((part) => generated.has(part)),
  });

  const ours = new Set<keyof Tarballs>(['@vnhealth/core']);
  const strip = (deps: Record<string, string> | undefined) =>
    Object.fromEntries(
      Object.entries(deps ?? {}).filter(([pkg]) => {
        if (!pkg.startsWith('@vnhealth/')) return true;
        if (!(pkg in publicPackages))
          throw new Error(`examples/${name} depends on ${pkg}, which is not a published package`);
        ours.add(pkg as keyof Tarballs);
        return false;
      }),
    );
  const dependencies = strip(manifest.dependencies);
  const devDependencies = strip(manifest.devDependencies);
  return installConsumer(`example-${name}`, {
    dir,
    tarballs: Object.fromEntries([...ours].map((pkg) => [pkg, tarballs[pkg]])),
    manifest: { ...manifest, dependencies: undefined, devDependencies },
    dependencies,
  });
}

/** The running pieces of {@link useExample}, set once its `beforeAll` has run. */
export interface ExampleRun {
  /** The installed example's folder. */
  dir: string;
  /** The packed sandbox's CLI, started from the example's own install. */
  sandbox: SandboxCli;
  browser: Browser;
}

/**
 * Register the `beforeAll`/`afterAll` of an example's test file: {@link installExample}, the
 * packed sandbox's CLI from that folder (port 0, `sandboxArgs` added) and Chromium, all stopped
 * and removed afterwards. Read the returned object's fields inside the tests.
 */
export function useExample(
  name: string,
  env: NodeJS.ProcessEnv,
  options: { sandboxArgs?: string[] } = {},
): ExampleRun {
  const run = {} as ExampleRun;
  beforeAll(async () => {
    run.dir = installExample(name, inject('tarballs'));
    // Keep whatever started, so afterAll stops it even when the other one failed.
    const [sandbox, browser] = await Promise.allSettled([
      startSandboxCli(run.dir, env, 0, options.sandboxArgs),
      launchChromium(),
    ]);
    if (sandbox.status === 'fulfilled') run.sandbox = sandbox.value;
    if (browser.status === 'fulfilled') run.browser = browser.value;
    if (sandbox.status === 'rejected') throw sandbox.reason;
    if (browser.status === 'rejected') throw browser.reason;
  });
  afterAll(async () => {
    await Promise.all([run.sandbox?.stop(), run.browser?.close()]);
    if (run.dir) rmSync(run.dir, { recursive: true, force: true });
  });
  return run;
}

// Pack the public workspace packages the way `npm publish` would, and install the tarballs into a
// fresh folder outside the workspace: what a user gets from the registry, with no source
// condition and no workspace links. Used by the consumer tests (test/consumer/) and the bundle
// budgets (bench/size.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The packages users install, in dependency order, with their workspace folders. */
export const publicPackages = {
  '@vnhealth/core': 'packages/core',
  '@vnhealth/components': 'packages/components',
  '@vnhealth/sandbox': 'packages/sandbox',
} as const;

export type PublicPackage = keyof typeof publicPackages;

/** Absolute paths of the packed tarballs, per package name. */
export type Tarballs = Record<PublicPackage, string>;

/**
 * `npm pack` every public package into `outDir` (created if missing). The packages must be built
 * (`npm run build`): a missing `dist/` throws instead of packing a package without code.
 */
export function packWorkspace(outDir: string): Tarballs {
  mkdirSync(outDir, { recursive: true });
  const tarballs = {} as Tarballs;
  for (const [name, folder] of Object.entries(publicPackages) as [PublicPackage, string][]) {
    const dir = join(root, folder);
    if (!existsSync(join(dir, 'dist')))
      throw new Error(`${name} has no dist/: run \`npm run build\` before packing.`);
    const out = execFileSync(
      'npm',
      ['pack', '--json', '--ignore-scripts', '--pack-destination', outDir],
      { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const [info] = JSON.parse(out) as { filename: string }[];
    if (!info) throw new Error(`npm pack printed no file for ${name}`);
    tarballs[name] = resolve(outDir, info.filename);
  }
  return tarballs;
}

/** Options of {@link installConsumer}. */
export interface ConsumerOptions {
  /** The tarballs to install (all of {@link packWorkspace}'s, or some). */
  tarballs: Partial<Tarballs>;
  /** Other dependencies from the registry, `{ name: range }` (bundlers, typescript, react…). */
  dependencies?: Record<string, string>;
  /** Extra package.json fields (`type`, `scripts`…). @default { type: 'module' } */
  manifest?: Record<string, unknown>;
  /** Folder to install into. @default a new folder under the OS temp dir */
  dir?: string;
}

/**
 * Create a consumer project: a package.json whose dependencies are the tarballs (and
 * `overrides`, so a package's own dependency on another vnhealth package resolves to the tarball,
 * never to the registry), then `npm install`. Returns the project folder. The folder is outside
 * the workspace, so nothing resolves to workspace sources or symlinks.
 */
export function installConsumer(name: string, options: ConsumerOptions): string {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), `vnh-consumer-${name}-`));
  mkdirSync(dir, { recursive: true });
  if (!relative(root, dir).startsWith('..'))
    throw new Error(`A consumer folder must be outside the workspace, got ${dir}`);
  const files = Object.fromEntries(
    Object.entries(options.tarballs).map(([pkg, tgz]) => [pkg, `file:${tgz}`]),
  );
  const manifest = {
    name: `vnh-consumer-${name}`,
    private: true,
    type: 'module',
    ...options.manifest,
    dependencies: { ...files, ...options.dependencies },
    overrides: files,
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: withoutWorkspaceNpmEnv() },
  );
  for (const pkg of Object.keys(options.tarballs)) {
    const installed = JSON.parse(
      readFileSync(join(dir, 'node_modules', pkg, 'package.json'), 'utf8'),
    ) as { version: string };
    const packed = JSON.parse(
      readFileSync(join(root, publicPackages[pkg as PublicPackage], 'package.json'), 'utf8'),
    ) as { version: string };
    if (installed.version !== packed.version)
      throw new Error(`${pkg} in ${dir} is ${installed.version}, packed ${packed.version}`);
  }
  return dir;
}

/**
 * The environment without the variables `npm run` sets for the workspace (`npm_config_*`,
 * `npm_package_*`, `INIT_CWD`), so a nested `npm install` behaves as in a user's shell.
 */
export function withoutWorkspaceNpmEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^npm_(config|package|lifecycle)_/i.test(key) || key === 'INIT_CWD') continue;
    clean[key] = value;
  }
  return clean;
}

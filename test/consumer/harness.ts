// What the consumer tests share: a Node-specific environment for a consumer folder, child
// processes (commands and long-running servers), a static file server, Chromium, and the README's
// embed snippet. Everything here runs tools the way a user's shell would, from the consumer folder.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createReadStream,
  mkdirSync,
  readFileSync,
  realpathSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { delimiter, extname, join, normalize, relative, sep } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.ts';
import { root, withoutWorkspaceNpmEnv } from '../../scripts/pack.ts';

export { root };

/** The Node binaries the matrix runs on: the workspace's `node` devDependency and the machine's. */
export const nodeBinaries = {
  24: join(root, 'node_modules', '.bin', 'node'),
  20: '/usr/bin/node',
} as const;

export type NodeMajor = keyof typeof nodeBinaries;

/**
 * Make, under `dir`, one folder per Node major holding only a `node` symlink to that Node (the
 * consumer project's global setup does this once per run and removes `dir` afterwards).
 */
export function makeNodeShims(dir: string): Record<NodeMajor, string> {
  const shims = {} as Record<NodeMajor, string>;
  for (const major of Object.keys(nodeBinaries).map(Number) as NodeMajor[]) {
    const bin = join(dir, `node${major}`);
    mkdirSync(bin, { recursive: true });
    symlinkSync(realpathSync(nodeBinaries[major]), join(bin, 'node'));
    shims[major] = bin;
  }
  return shims;
}

/**
 * The environment of a user's shell in a consumer folder, with `node` (and so `npx`, `npm` and
 * every `#!/usr/bin/env node` bin) resolving to the given Node: the folder holding only a `node`
 * symlink ({@link makeNodeShims}, `inject('nodeShims')`) goes first on PATH, and every PATH entry
 * inside the workspace (its node_modules/.bin, which `npm test` adds) is dropped, so no workspace
 * tool leaks in. npm's own variables are dropped too. `NO_COLOR` keeps output parseable.
 */
export function consumerEnv(node: NodeMajor): NodeJS.ProcessEnv {
  const bin = inject('nodeShims')[node];
  const path = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => entry && relative(root, entry).startsWith('..'));
  return {
    ...withoutWorkspaceNpmEnv(),
    PATH: [bin, ...path].join(delimiter),
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
}

/** The version of a workspace devDependency (the tools the tests run from the workspace). */
export function toolVersion(name: string): string {
  const manifest = JSON.parse(
    readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'),
  ) as { version: string };
  return manifest.version;
}

/** A workspace tool's JavaScript entry, run with the consumer's `node` (e.g. vite's bin). */
export function workspaceTool(path: string): string {
  return join(root, 'node_modules', path);
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Kill the command (and its children) after this long. @default 120_000 */
  timeoutMs?: number;
}

/** Run a command to completion; never throws on a non-zero exit (the caller asserts on it). */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A long-running child process (a server) that printed what it was waiting for. */
export interface Service {
  /** The first match of `ready` in the process's stdout or stderr. */
  match: RegExpMatchArray;
  /** Everything printed so far. */
  output(): string;
  /** SIGTERM the process group, SIGKILL after 5 s; resolves when it has exited. */
  stop(): Promise<void>;
}

/**
 * Start a server in its own process group and wait until its output matches `ready`. Rejects
 * (and kills it) when it exits first or does not get ready within `timeoutMs`, with its output.
 */
export function startService(
  command: string,
  args: string[],
  options: RunOptions & { ready: RegExp },
): Promise<Service> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };
  return new Promise<Service>((resolve, reject) => {
    const describe = `\`${command} ${args.join(' ')}\` in ${options.cwd}`;
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${describe} was not ready in ${options.timeoutMs} ms:\n${output}`));
    }, options.timeoutMs ?? 60_000);
    const onData = (chunk: string) => {
      output += chunk;
      const match = stripAnsi(output).match(options.ready);
      if (match) {
        clearTimeout(timer);
        resolve({ match, output: () => output, stop });
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${describe} exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** A running packed sandbox CLI. */
export interface SandboxCli extends Service {
  /** FHIR base URL it printed, e.g. `http://127.0.0.1:8787/fhir/R4`. */
  baseUrl: string;
  origin: string;
  port: number;
}

/**
 * npx's arguments for the packed sandbox's bin: `--yes=false` makes npx fail rather than install
 * a package of that name from the registry when the bin is missing from the consumer folder.
 */
export const sandboxBin = ['--yes=false', 'vnhealth-sandbox'];

/**
 * `npx vnhealth-sandbox --port <port> --quiet [...args]` from the consumer folder (the installed
 * tarball's bin), on whatever Node `env` puts first; resolves once it printed its FHIR base URL.
 * `args` are more CLI options (`['--now', '2026-11-28']`).
 */
export async function startSandboxCli(
  dir: string,
  env: NodeJS.ProcessEnv,
  port: number,
  args: string[] = [],
): Promise<SandboxCli> {
  const service = await startService(
    'npx',
    [...sandboxBin, '--port', String(port), '--quiet', ...args],
    {
      cwd: dir,
      env,
      ready: /(http:\/\/[^\s]+\/fhir\/R4)\b/,
      timeoutMs: 90_000,
    },
  );
  const baseUrl = service.match[1]!;
  const url = new URL(baseUrl);
  return { ...service, baseUrl, origin: url.origin, port: Number(url.port) };
}

/**
 * Whether nothing listens on `port` on either loopback address (a browser may try `localhost`
 * on ::1 first, so a server there would answer a page meant for ours).
 */
export async function isPortFree(port: number): Promise<boolean> {
  for (const host of ['127.0.0.1', '::1']) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createNetServer();
      server.once('error', (error: NodeJS.ErrnoException) =>
        // No IPv6 loopback on this machine: nothing can listen there either.
        resolve(error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT'),
      );
      server.listen(port, host, () => server.close(() => resolve(true)));
    });
    if (!free) return false;
  }
  return true;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** A static file server for `dir` on 127.0.0.1 (a free port); `/x/` serves `x/index.html`. */
export async function serveStatic(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createHttpServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    let file = join(dir, path);
    if (!file.startsWith(dir + sep) && file !== dir) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      statSync(file);
    } catch {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Debian's (or `CHROMIUM_PATH`'s) Chromium; throws, never skips, when there is none. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new Error(
      'No Chromium: install it (`apt-get install -y chromium`) or set CHROMIUM_PATH.',
    );
  return chromium.launch({ executablePath, args: chromiumArgs });
}

/**
 * The root README's embed snippet: the first ```html block under "## Using the components",
 * verbatim. Throws when the section or the block is gone, so a README edit breaks the test.
 */
export function readmeComponentsSnippet(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Using the components\n'));
  if (!section) throw new Error('README.md has no "## Using the components" section');
  const block = /^```html\n([\s\S]*?)^```$/m.exec(section);
  if (!block?.[1]) throw new Error('"## Using the components" in README.md has no ```html block');
  return block[1];
}

/** A minimal HTML page around a body fragment (the README snippet is a fragment). */
export function htmlPage(body: string): string {
  return `<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n<title>vnhealth consumer</title>\n</head>\n<body>\n${body}</body>\n</html>\n`;
}

/**
 * What went wrong on `page` from now on, as it happens: uncaught exceptions, console errors and
 * (with `responses`) HTTP responses of 400 or more. The array fills while the page runs.
 */
export function pageProblems(page: Page, options: { responses?: boolean } = {}): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  if (options.responses)
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
  return problems;
}

/** Make `path` (and parents) exist; returns it. */
export function ensureDir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}

/** Whether `path` lies inside `dir` (after resolving symlinks when it exists). */
export function isInside(path: string, dir: string): boolean {
  let real = path;
  try {
    real = realpathSync(path);
  } catch {
    // Keep the path as given.
  }
  const rel = relative(realpathSync(dir), real);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep);
}

// Checks shell commands in the docs against the repository: `npm run <script>` (and `npm start`,
// `npm test`) names a script of the package it runs in, `-w <package>` names a workspace
// package, `node <file>` names a file that exists, `npx <bin>` a bin that is installed,
// `npx vitest --project <name>` a vitest project, and every option given to the sandbox CLI
// (`vnhealth-sandbox`, `npm run sandbox -- …`, `node packages/sandbox/src/cli.ts`) is in its help.
import type { Finding } from './html.ts';
import type { WorkspacePackage } from './workspace.ts';

export interface ShellContext {
  root: WorkspacePackage;
  packages: ReadonlyMap<string, WorkspacePackage>;
  /** Options the sandbox CLI's `--help` lists (`--port`, `-h` …). */
  sandboxFlags: ReadonlySet<string>;
  vitestProjects: ReadonlySet<string>;
  /** Whether a repository-relative path exists. */
  exists(path: string): boolean;
  /** Whether `npx <bin>` finds a bin in the workspace. */
  hasBin(bin: string): boolean;
}

const SANDBOX_CLI = 'packages/sandbox/src/cli.ts';
/** npm commands that need no script. */
const NPM_BUILTINS = new Set([
  'ci',
  'install',
  'i',
  'pack',
  'publish',
  'view',
  'ls',
  'exec',
  'init',
  'version',
]);
const NPM_SCRIPT_ALIASES = new Set(['start', 'test', 'stop', 'restart']);

/** Split a command line into words, honouring quotes; `#` starts a comment. */
function words(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (c === '#' && !started && current === '') {
      break;
    } else if (/\s/.test(c)) {
      if (started || current) out.push(current);
      current = '';
      started = false;
    } else if ('&|;'.includes(c)) {
      if (started || current) out.push(current);
      current = '';
      started = false;
      out.push(c === ';' ? ';' : line[i + 1] === c ? (i++, c + c) : c);
    } else {
      current += c;
      started = true;
    }
  }
  if (started || current) out.push(current);
  return out;
}

/** The simple commands of a snippet, each with its 0-based line. */
export function commandsOf(code: string): { argv: string[]; line: number }[] {
  const commands: { argv: string[]; line: number }[] = [];
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const start = i;
    let text = lines[i]!;
    while (text.endsWith('\\') && i + 1 < lines.length)
      text = text.slice(0, -1) + ' ' + lines[++i]!;
    let argv: string[] = [];
    for (const word of [...words(text), ';']) {
      if (['&&', '||', '|', ';', '&'].includes(word)) {
        if (argv.length) commands.push({ argv, line: start });
        argv = [];
      } else argv.push(word);
    }
  }
  return commands;
}

const isPlaceholder = (word: string): boolean => /[<>…]/.test(word);

function checkSandboxFlags(
  args: string[],
  ctx: ShellContext,
  line: number,
  findings: Finding[],
): void {
  for (const arg of args) {
    if (!arg.startsWith('-') || arg === '--') continue;
    const flag = arg.split('=')[0]!;
    if (!ctx.sandboxFlags.has(flag)) {
      findings.push({
        line,
        message: `vnhealth-sandbox has no option ${flag} (its help lists ${[...ctx.sandboxFlags].join(', ')})`,
      });
    }
  }
}

const runsSandbox = (script: string): boolean =>
  script.includes(SANDBOX_CLI) || /\bvnhealth-sandbox\b/.test(script);

function checkNpm(
  argv: string[],
  ctx: ShellContext,
  base: WorkspacePackage,
  line: number,
  findings: Finding[],
): void {
  let pkg: WorkspacePackage = base;
  let command: string | undefined;
  let script: string | undefined;
  let i = 1;
  for (; i < argv.length; i += 1) {
    const word = argv[i]!;
    if (word === '--') break;
    const workspace =
      word === '-w' || word === '--workspace' ? argv[++i] : /^--workspace=(.+)$/.exec(word)?.[1];
    if (workspace !== undefined) {
      const found =
        ctx.packages.get(workspace) ??
        [...ctx.packages.values()].find((p) => p.dir === workspace.replace(/\/$/, ''));
      if (!found) {
        findings.push({ line, message: `npm ${argv[1]}: no workspace package "${workspace}"` });
        return;
      }
      pkg = found;
    } else if (word.startsWith('-')) continue;
    else if (!command) command = word;
    else if ((command === 'run' || command === 'run-script') && !script) script = word;
  }
  const rest = argv.slice(i + 1);
  if (!command) return;
  if (NPM_SCRIPT_ALIASES.has(command)) script = command;
  else if (command !== 'run' && command !== 'run-script') {
    if (!NPM_BUILTINS.has(command))
      findings.push({ line, message: `npm ${command}: not an npm command the docs should use` });
    return;
  }
  if (!script || isPlaceholder(script)) return;
  const body = pkg.scripts[script];
  const where = pkg.dir ? `${pkg.name} (${pkg.dir}/package.json)` : 'the root package.json';
  if (body === undefined) {
    findings.push({
      line,
      message: `npm run ${script}: no script "${script}" in ${where} (it has ${Object.keys(pkg.scripts).join(', ')})`,
    });
    return;
  }
  if (runsSandbox(body)) checkSandboxFlags(rest, ctx, line, findings);
}

/**
 * Check one shell snippet (or one inline command), run in `base`'s folder: the root, or an
 * example's own folder for the docs inside it (its scripts, its files, its dependencies' bins).
 */
export function checkShell(
  code: string,
  ctx: ShellContext,
  base: WorkspacePackage = ctx.root,
): { findings: Finding[]; checked: number } {
  const findings: Finding[] = [];
  let checked = 0;
  for (const { argv: full, line } of commandsOf(code)) {
    let argv = full;
    while (argv.length && (/^[A-Z_][A-Z0-9_]*=/.test(argv[0]!) || argv[0] === 'sudo'))
      argv = argv.slice(1);
    const [cmd, first] = argv;
    if (cmd === 'npm') {
      checked += 1;
      checkNpm(argv, ctx, base, line, findings);
    } else if (cmd === 'npx' && first && !isPlaceholder(first)) {
      checked += 1;
      if (!ctx.hasBin(first) && !base.dependencies.has(first))
        findings.push({ line, message: `npx ${first}: no such bin in the workspace` });
      if (first === 'vnhealth-sandbox') checkSandboxFlags(argv.slice(2), ctx, line, findings);
      if (first === 'vitest') {
        argv.forEach((w, k) => {
          const project = w === '--project' ? argv[k + 1] : /^--project=(.+)$/.exec(w)?.[1];
          if (
            project !== undefined &&
            !isPlaceholder(project) &&
            !ctx.vitestProjects.has(project)
          ) {
            findings.push({
              line,
              message: `vitest has no project "${project}" (projects: ${[...ctx.vitestProjects].join(', ')})`,
            });
          }
        });
      }
    } else if (cmd === 'node' && first) {
      checked += 1;
      const file = argv.slice(1).find((w) => !w.startsWith('-'));
      if (file && !isPlaceholder(file) && !ctx.exists(base.dir ? `${base.dir}/${file}` : file))
        findings.push({ line, message: `node ${file}: no such file` });
      if (file === SANDBOX_CLI)
        checkSandboxFlags(argv.slice(argv.indexOf(file) + 1), ctx, line, findings);
    }
  }
  return { findings, checked };
}

/** Whether an inline code span is a command this checker understands. */
export function isInlineCommand(code: string): boolean {
  return /^(?:[A-Z_][A-Z0-9_]*=\S+\s+)*(npm|npx|node)\s/.test(code);
}

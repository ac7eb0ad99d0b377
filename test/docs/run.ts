// Runs a `<!-- doc-test: run -->` snippet as a user would: a module file run by the
// workspace's Node 24 (type stripping for TypeScript) with `@vnhealth/*` resolved to source,
// against a real sandbox whose base URL replaces the documented `http://localhost:8787/fhir/R4`.
// A `// → text` comment after a statement states output the run must print, in order.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The base URL the docs write; runs get the test's sandbox instead. */
export const DOCUMENTED_BASE_URL = 'http://localhost:8787/fhir/R4';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The `// → …` texts the snippet promises, and whether the output has them in that order. */
  expected: string[];
  missing: string[];
}

/** The texts a snippet's `// → …` comments promise. */
export function expectedOutput(code: string): string[] {
  return [...code.matchAll(/\/\/\s*→\s*(.+?)\s*$/gm)].map((m) => m[1]!);
}

function inOrder(output: string, expected: string[]): string[] {
  let from = 0;
  const missing: string[] = [];
  for (const text of expected) {
    const at = output.indexOf(text, from);
    if (at < 0) missing.push(text);
    else from = at + text.length;
  }
  return missing;
}

/** Run one snippet; `name` names its (temporary) file under test-results/doc-blocks/. */
export async function runSnippet(
  root: string,
  name: string,
  lang: string,
  code: string,
  baseUrl: string,
  timeoutMs = 60_000,
): Promise<RunResult> {
  const dir = join(root, 'test-results', 'doc-blocks');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.${lang === 'js' || lang === 'javascript' ? 'mjs' : 'mts'}`);
  writeFileSync(file, code.replaceAll(DOCUMENTED_BASE_URL, baseUrl));
  const node = join(root, 'node_modules', '.bin', 'node');
  const child = spawn(node, ['--conditions=vnhealth-source', file], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code_ = await new Promise<number | null>((resolve) => child.on('close', resolve)).finally(
    () => {
      clearTimeout(timer);
      // Gone once run: a leftover would be linted as if it were source.
      rmSync(file, { force: true });
    },
  );
  const expected = expectedOutput(code);
  return { code: code_, stdout, stderr, expected, missing: inOrder(stdout, expected) };
}

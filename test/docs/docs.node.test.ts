// Docs that cannot rot: every fenced code block of every README.md and docs/**/*.md is checked
// against the code, by language (see test/docs/markdown.ts for the `doc-test` directives):
//   ts, tsx, js  type-checked in one program with the workspace's strict options and sources;
//                `<!-- doc-test: run -->` blocks also run on Node 24 against a real sandbox
//   html         tags, attributes, values and slots checked against the Custom Elements
//                Manifest; module scripts type-checked; import specifiers within `exports`
//   css          `::part()` names and `--vnh-*` properties exist
//   sh, bash     npm scripts, workspaces, files, bins, vitest projects, sandbox CLI options
//   json         parses
// Inline code that is a command (`npm run size`) or a `--vnh-*` name is checked the same way.
// Any other block fails unless it opts out with `<!-- doc-test: skip — reason -->`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseStyles, tokens } from '@vnhealth/components';
import { startSandbox, type Sandbox } from '@vnhealth/sandbox';
import { collectDocs, where, type CodeBlock } from './markdown.ts';
import { checkCss, checkHtml, type DocsApi } from './html.ts';
import { customPropertiesIn, elementsOf, generateManifest } from './manifest.ts';
import { checkShell, isInlineCommand, type ShellContext } from './shell.ts';
import { importSpecifiers, snippetPath, typecheckSnippets, type Snippet } from './typecheck.ts';
import { runSnippet } from './run.ts';
import { exportProblem, loadWorkspace } from './workspace.ts';
import { checkSection, elementSections } from './element-sections.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const docs = collectDocs(root);
const workspace = loadWorkspace(root);

const TS = new Set(['ts', 'typescript', 'tsx', 'js', 'javascript']);
const SHELL = new Set(['sh', 'bash', 'shell']);
const KINDS = ['ts', 'html', 'css', 'sh', 'json'] as const;
type Kind = (typeof KINDS)[number];

function kindOf(block: CodeBlock): Kind | undefined {
  if (TS.has(block.lang)) return 'ts';
  if (SHELL.has(block.lang)) return 'sh';
  if (block.lang === 'html' || block.lang === 'css' || block.lang === 'json') return block.lang;
  return undefined;
}

const checked = docs.blocks.filter((b) => !b.directives.skip);
const optedOut = docs.blocks.filter((b) => b.directives.skip);
const ofKind = (kind: Kind): CodeBlock[] => checked.filter((b) => kindOf(b) === kind);
const runnable = checked.filter((b) => b.directives.run);

/** `file:line: message` lines, for a failure that names every place at once. */
const report = (problems: { file: string; line: number; message: string }[]): string[] =>
  problems.map((p) => `${where(p)}: ${p.message}`);

const at = (block: CodeBlock, line: number): { file: string; line: number } => ({
  file: block.file,
  line: block.line + 1 + line,
});

// The API the HTML and CSS snippets are held to, generated once.
let api: DocsApi;
beforeAll(() => {
  const elements = elementsOf(generateManifest(root));
  const names = new Set([
    ...customPropertiesIn(tokens.cssText),
    ...baseStyles.flatMap((sheet) => [...customPropertiesIn(sheet.cssText)]),
  ]);
  for (const el of elements.values()) for (const p of el.cssProperties) names.add(p);
  api = { elements, tokens: names };
}, 60_000);

afterAll(() => {
  const counts = KINDS.map((k) => `${k} ${ofKind(k).length}`).join(', ');
  console.log(
    `doc-test: ${docs.files.length} files, ${docs.blocks.length} blocks — ${counts}; ` +
      `${runnable.length} run against the sandbox; ${optedOut.length} opted out:\n` +
      optedOut
        .map((b) => `  ${where(b)} (${b.lang || 'no language'}): ${b.directives.skip}`)
        .join('\n'),
  );
});

describe('docs: every code block is checked', () => {
  it('finds the docs and their blocks', () => {
    expect(docs.files).toContain('README.md');
    expect(docs.files).toContain('packages/components/README.md');
    expect(docs.blocks.length).toBeGreaterThan(10);
  });

  it('has well-formed doc-test directives and fences', () => {
    expect(report(docs.problems)).toEqual([]);
  });

  it('has a checker for every block, or an opt-out with its reason', () => {
    const unchecked = checked
      .filter((b) => !kindOf(b))
      .map(
        (b) =>
          `${where(b)}: no checker for "${b.lang || 'a block without a language'}"; name its language, or opt out with <!-- doc-test: skip — reason -->`,
      );
    const misplaced = checked
      .filter((b) => (b.directives.run || b.directives.as) && kindOf(b) !== 'ts')
      .map((b) => `${where(b)}: run/as apply to ts/js blocks only`);
    expect([...unchecked, ...misplaced]).toEqual([]);
  });
});

describe('docs: TypeScript and JavaScript', () => {
  it('type-check ts/js blocks and HTML module scripts in one strict program', () => {
    const snippets: Snippet[] = [];
    for (const block of ofKind('ts')) {
      snippets.push({
        path: block.directives.as
          ? join(root, block.directives.as)
          : snippetPath(root, block.file, block.line, block.lang),
        code: block.code,
        place: (line) => at(block, line),
      });
    }
    for (const block of ofKind('html')) {
      checkHtml(block.code, api).scripts.forEach((script) => {
        snippets.push({
          path: snippetPath(root, block.file, block.line + script.line, 'js'),
          code: script.code,
          place: (line) => at(block, script.line + line),
        });
      });
    }
    expect(snippets.length).toBeGreaterThan(0);
    expect(report(typecheckSnippets(root, snippets))).toEqual([]);
  }, 60_000);

  it('import only what the packages export', () => {
    const problems: string[] = [];
    const scan = (block: CodeBlock, code: string, offset: number): void => {
      for (const { specifier, line } of importSpecifiers(code)) {
        const problem = exportProblem(specifier, workspace.packages);
        if (problem) problems.push(`${where(at(block, offset + line))}: ${problem}`);
      }
    };
    for (const block of ofKind('ts')) scan(block, block.code, 0);
    for (const block of ofKind('html')) {
      for (const script of checkHtml(block.code, api).scripts)
        scan(block, script.code, script.line);
    }
    expect(problems).toEqual([]);
  });

  it('listen only for events an element fires', () => {
    const fired = new Set([...api.elements.values()].flatMap((el) => [...el.events]));
    const problems: string[] = [];
    for (const block of [...ofKind('ts'), ...ofKind('html')]) {
      block.code.split('\n').forEach((text, line) => {
        for (const m of text.matchAll(/addEventListener\(\s*['"](vnh-[a-z-]+)['"]/g)) {
          if (!fired.has(m[1]!))
            problems.push(`${where(at(block, line))}: no element fires "${m[1]}"`);
        }
      });
    }
    expect(problems).toEqual([]);
  });
});

describe('docs: runnable blocks against a real sandbox', () => {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    // The snippets run with the real clock, so the seed is laid out from the same day.
    if (runnable.length)
      sandbox = await startSandbox({
        port: 0,
        seed: 42,
        patients: 20,
        now: new Date(),
        quiet: true,
      });
  }, 60_000);
  afterAll(async () => {
    await sandbox?.close();
  });

  it('has runnable blocks', () => {
    expect(runnable.length).toBeGreaterThan(0);
  });

  for (const block of runnable) {
    it(`${where(block)} runs on Node 24 and exits cleanly`, async () => {
      const name = `${block.file.replaceAll('/', '__')}.L${block.line}`;
      const result = await runSnippet(root, name, block.lang, block.code, sandbox!.baseUrl);
      const output = `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
      expect(result.code, `${where(block)}: ${output}`).toBe(0);
      expect(result.missing, `${where(block)}: promised output missing\n${output}`).toEqual([]);
    }, 90_000);
  }
});

describe('docs: HTML and CSS', () => {
  it('use only elements, attributes, values and slots that exist', () => {
    const problems = ofKind('html').flatMap((block) =>
      checkHtml(block.code, api).findings.map((f) => `${where(at(block, f.line))}: ${f.message}`),
    );
    expect(problems).toEqual([]);
  });

  it('name only parts and custom properties that exist', () => {
    const problems = ofKind('css').flatMap((block) =>
      checkCss(block.code, api).map((f) => `${where(at(block, f.line))}: ${f.message}`),
    );
    for (const span of docs.inline) {
      if (/^--vnh-[a-z0-9-]+$/.test(span.code) && !api.tokens.has(span.code)) {
        problems.push(
          `${where(span)}: ${span.code} is neither a design token nor an element's custom property`,
        );
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('docs: the components README, one section per element', () => {
  const file = 'packages/components/README.md';
  const sections = elementSections(readFileSync(join(root, file), 'utf8'));

  it('has a section for every element, and only for elements', () => {
    const documented = sections.map((s) => s.tag).sort();
    expect(documented).toEqual([...api.elements.keys()].sort());
  });

  it('names every attribute, event, slot, part and CSS property, and no other', () => {
    const problems = sections.flatMap((section) => {
      const el = api.elements.get(section.tag);
      return el ? checkSection(section, el).map((p) => `${file}:${p.line}: ${p.message}`) : [];
    });
    expect(problems).toEqual([]);
  });

  it('tells how to register each element with an entry that registers it', () => {
    const problems: string[] = [];
    for (const section of sections) {
      const text = section.lines.join('\n');
      const entry = /import '(@vnhealth\/components\/([a-z-]+)\/define\.js)'/.exec(text);
      if (!entry) {
        problems.push(
          `${file}:${section.line}: <${section.tag}>: no "import '@vnhealth/components/<element>/define.js'"`,
        );
        continue;
      }
      const problem = exportProblem(entry[1]!, workspace.packages);
      const source = join(root, 'packages/components/src', entry[2]!, 'define.ts');
      if (problem) problems.push(`${file}:${section.line}: ${problem}`);
      else if (!existsSync(source) || !readFileSync(source, 'utf8').includes(`'${section.tag}'`)) {
        problems.push(`${file}:${section.line}: ${entry[1]} does not register <${section.tag}>`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('docs: commands', () => {
  const help = execFileSync(
    join(root, 'node_modules', '.bin', 'node'),
    ['packages/sandbox/src/cli.ts', '--help'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  const ctx: ShellContext = {
    root: workspace.root,
    packages: workspace.packages,
    sandboxFlags: new Set(help.match(/(?<=^\s*|,\s*)--?[a-z][a-z-]*/gm) ?? []),
    vitestProjects: new Set(
      [
        ...readFileSync(join(root, 'vitest.config.ts'), 'utf8').matchAll(/\bname: '([a-z0-9-]+)'/g),
      ].map((m) => m[1]!),
    ),
    exists: (path) => existsSync(join(root, path)),
    hasBin: (bin) =>
      existsSync(join(root, 'node_modules', '.bin', bin)) ||
      [...workspace.packages.values()].some((p) => p.bins.has(bin)),
  };

  /** The package a doc's commands run in: its example's folder, else the root. */
  const baseOf = (file: string) =>
    workspace.examples.get(file.split('/').slice(0, 2).join('/')) ?? workspace.root;

  it('reads the sandbox CLI options from its help', () => {
    expect([...ctx.sandboxFlags]).toEqual(expect.arrayContaining(['--port', '--seed', '--help']));
  });

  it('name npm scripts, workspaces, files, bins and CLI options that exist', () => {
    const problems: string[] = [];
    for (const block of ofKind('sh')) {
      const base =
        block.directives.in === undefined
          ? baseOf(block.file)
          : block.directives.in === '.'
            ? workspace.root
            : workspace.examples.get(block.directives.in);
      if (!base) {
        problems.push(`${where(block)}: doc-test: in ${block.directives.in}: no such package`);
        continue;
      }
      for (const f of checkShell(block.code, ctx, base).findings)
        problems.push(`${where(at(block, f.line))}: ${f.message}`);
    }
    // Inline commands in ADRs are left alone: an ADR records what was true when it was decided.
    const inline = docs.inline.filter(
      (s) => isInlineCommand(s.code) && !s.file.startsWith('docs/decisions/'),
    );
    for (const span of inline) {
      for (const f of checkShell(span.code, ctx, baseOf(span.file)).findings)
        problems.push(`${where(span)}: ${f.message}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('docs: JSON', () => {
  it('parses', () => {
    const problems: string[] = [];
    for (const block of ofKind('json')) {
      try {
        JSON.parse(block.code);
      } catch (e) {
        problems.push(`${where(block)}: ${(e as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('docs: links', () => {
  const links = docs.files.flatMap((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    return text.split('\n').flatMap((line, i) =>
      [...line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)|^\[[^\]]+\]:\s*(\S+)/g)].map((m) => ({
        file,
        line: i + 1,
        target: (m[1] ?? m[2])!,
      })),
    );
  });
  const published = [...workspace.packages.values()]
    .filter((p) => !p.private)
    .map((p) => `${p.dir}/README.md`);

  it('published READMEs link only to absolute URLs (nothing outside the tarball)', () => {
    const problems = links
      .filter((l) => published.includes(l.file) && !/^(https:|#|mailto:)/.test(l.target))
      .map(
        (l) => `${where(l)}: "${l.target}" is relative; on npm and in the tarball it leads nowhere`,
      );
    expect(problems).toEqual([]);
  });

  it('link to workspace packages by their npm page in published READMEs', () => {
    const problems = links
      .filter(
        (l) =>
          published.includes(l.file) &&
          /^https:\/\/www\.npmjs\.com\/package\/@vnhealth\//.test(l.target),
      )
      .filter(
        (l) => !workspace.packages.has(l.target.replace('https://www.npmjs.com/package/', '')),
      )
      .map((l) => `${where(l)}: no package ${l.target}`);
    expect(problems).toEqual([]);
  });

  it('relative links in the repository docs point at files that exist', () => {
    const problems = links
      .filter((l) => !/^[a-z]+:|^#/.test(l.target))
      .filter((l) => !existsSync(join(root, l.file, '..', l.target.split('#')[0]!)))
      .map(
        (l) =>
          `${where(l)}: "${l.target}" does not exist (${relative(root, join(root, l.file, '..', l.target))})`,
      );
    expect(problems).toEqual([]);
  });
});

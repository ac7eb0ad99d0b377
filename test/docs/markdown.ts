// Collects the code of the repository's docs: every fenced code block of every README.md and
// docs/**/*.md that git tracks (so a new doc is covered the day it is added), with the
// `doc-test` directive written just before it, and the inline code spans that are commands.
//
// Directives are HTML comments on the line before a fence (blank lines between are allowed):
//   <!-- doc-test: run -->                  run the block against a real sandbox (ts/js)
//   <!-- doc-test: as <path> -->            type-check the block as that repository file
//                                           (its relative imports resolve from there)
//   <!-- doc-test: in <dir> -->             check a shell block's commands as run in that
//                                           folder (`.` = the repository root; by default an
//                                           example's README runs in its own folder)
//   <!-- doc-test: skip — <reason> -->      opt out; the reason is required and is listed
// Several directives may share one comment, separated by `;`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a `doc-test` comment asks for the block after it. */
export interface Directives {
  run: boolean;
  /** The repository path the block is checked as (`as <path>`). */
  as: string | undefined;
  /** Why the block is not checked (`skip — <reason>`). */
  skip: string | undefined;
  /** The folder a shell block's commands run in (`in <dir>`). */
  in?: string | undefined;
}

/** One fenced code block. */
export interface CodeBlock {
  /** Repository-relative path of the Markdown file. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The first word of the info string, lower-cased (`ts`, `html`, `sh`); '' when none. */
  lang: string;
  /** The code, without the fences and without the fence's indentation. */
  code: string;
  directives: Directives;
}

/** An inline code span (`` `npm run size` ``) outside code blocks. */
export interface InlineCode {
  file: string;
  line: number;
  code: string;
}

/** A mistake in the docs' own markup (an unknown directive, an unclosed fence …). */
export interface MarkupProblem {
  file: string;
  line: number;
  message: string;
}

export interface ParsedDoc {
  blocks: CodeBlock[];
  inline: InlineCode[];
  problems: MarkupProblem[];
}

/** `file:line`, the way every failure names a place. */
export function where(place: { file: string; line: number }): string {
  return `${place.file}:${place.line}`;
}

const FENCE = /^( {0,3})(`{3,}|~{3,})\s*([^`\s]*)?([^`]*)$/;
const DIRECTIVE = /^\s*<!--\s*doc-test:(.*?)-->\s*$/;

function parseDirectives(
  text: string,
  file: string,
  line: number,
  problems: MarkupProblem[],
): Directives {
  const directives: Directives = { run: false, as: undefined, skip: undefined };
  // `skip` takes the rest of the comment as its reason, `;` included.
  const skipAt = text.search(/(^|;)\s*skip\b/);
  const parts = (skipAt < 0 ? text : text.slice(0, skipAt)).split(';');
  if (skipAt >= 0) parts.push(text.slice(skipAt).replace(/^;/, ''));
  for (const part of parts.map((p) => p.trim()).filter(Boolean)) {
    if (part === 'run') directives.run = true;
    else if (part.startsWith('as ')) directives.as = part.slice(3).trim();
    else if (part.startsWith('in ')) directives.in = part.slice(3).trim();
    else if (/^skip\b/.test(part)) {
      const reason = part.replace(/^skip\s*[—–:-]?\s*/, '').trim();
      if (!reason) problems.push({ file, line, message: 'doc-test: skip needs a reason' });
      directives.skip = reason || '(no reason)';
    } else problems.push({ file, line, message: `unknown doc-test directive "${part}"` });
  }
  return directives;
}

/** Parse one Markdown text into its code blocks, inline code spans and markup problems. */
export function parseMarkdown(file: string, text: string): ParsedDoc {
  const lines = text.split('\n');
  const blocks: CodeBlock[] = [];
  const inline: InlineCode[] = [];
  const problems: MarkupProblem[] = [];
  let pending: { line: number; directives: Directives } | undefined;

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const directive = DIRECTIVE.exec(line);
    if (directive) {
      if (pending)
        problems.push({ file, line: pending.line, message: 'directive without a block' });
      pending = { line: i + 1, directives: parseDirectives(directive[1]!, file, i + 1, problems) };
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      const [, indent = '', fence = '', lang = ''] = open;
      const body: string[] = [];
      let j = i + 1;
      const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
      while (j < lines.length && !close.test(lines[j]!)) {
        const content = lines[j]!;
        body.push(content.startsWith(indent) ? content.slice(indent.length) : content.trimStart());
        j += 1;
      }
      if (j >= lines.length) problems.push({ file, line: i + 1, message: 'unclosed code fence' });
      blocks.push({
        file,
        line: i + 1,
        lang: lang.toLowerCase(),
        code: body.join('\n'),
        directives: pending?.directives ?? { run: false, as: undefined, skip: undefined },
      });
      pending = undefined;
      i = j;
      continue;
    }
    if (line.trim() !== '' && pending) {
      problems.push({ file, line: pending.line, message: 'directive not followed by a block' });
      pending = undefined;
    }
    if (
      /^ {4,}\S/.test(line) &&
      (i === 0 || lines[i - 1]!.trim() === '') &&
      !/^\s*[-*\d]/.test(line)
    ) {
      problems.push({ file, line: i + 1, message: 'indented code block: use a fenced block' });
    }
    for (const span of line.matchAll(/(?<!`)`([^`]+)`(?!`)/g)) {
      inline.push({ file, line: i + 1, code: span[1]! });
    }
  }
  if (pending) problems.push({ file, line: pending.line, message: 'directive without a block' });
  return { blocks, inline, problems };
}

/**
 * The Markdown files the doc test covers: every README.md and docs/**\/*.md that git tracks or
 * would track (untracked but not ignored), so a new doc is covered before it is committed.
 */
export function docFiles(root: string): string[] {
  const args = ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--'];
  const out = execFileSync('git', [...args, ':(glob)**/README.md', ':(glob)docs/**/*.md'], {
    cwd: root,
    encoding: 'utf8',
  });
  const files = new Set(out.split('\0').filter((f) => f && existsSync(join(root, f))));
  return [...files].sort();
}

/** Parse every doc file. */
export function collectDocs(root: string): ParsedDoc & { files: string[] } {
  const files = docFiles(root);
  const all: ParsedDoc = { blocks: [], inline: [], problems: [] };
  for (const file of files) {
    const doc = parseMarkdown(file, readFileSync(join(root, file), 'utf8'));
    all.blocks.push(...doc.blocks);
    all.inline.push(...doc.inline);
    all.problems.push(...doc.problems);
  }
  return { ...all, files };
}

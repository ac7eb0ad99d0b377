// Build-time minification of Lit's tagged templates (used by tsup.config.ts). esbuild minifies the
// JavaScript around them but keeps a template literal's text as written, so the indentation of
// every `html` template and the comments and spaces of every `css` block would ship to users.
//
// - `css` blocks without `${}` go through esbuild's CSS minifier (the same rules, shorter: no
//   comments, no spaces, `0.5rem` → `.5rem`, `#ffffff` → `#fff`), on the text Lit reads (the
//   cooked string), and are written back escaped for a template literal.
// - `html` and `svg` templates: every run of whitespace that holds a line break becomes those
//   line breaks alone (the indentation goes). HTML renders any run of whitespace as one space,
//   and no element of ours uses `white-space: pre*` on template text, so nothing changes on
//   screen; line numbers stay, so the source maps still point at the right lines.
//
// test/packages/minify-templates.node.test.ts checks both on every source file.
import { readFile } from 'node:fs/promises';
import { transform, type Plugin } from 'esbuild';
import ts from 'typescript';

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The raw text ranges of a template literal's parts (between `` ` ``, `${` and `}`). */
function literalParts(template: ts.TemplateLiteral): { start: number; end: number }[] {
  if (ts.isNoSubstitutionTemplateLiteral(template))
    return [{ start: template.getStart() + 1, end: template.end - 1 }];
  const parts = [{ start: template.head.getStart() + 1, end: template.head.end - 2 }];
  for (const span of template.templateSpans) {
    const tail = ts.isTemplateTail(span.literal);
    parts.push({ start: span.literal.getStart() + 1, end: span.literal.end - (tail ? 1 : 2) });
  }
  return parts;
}

/**
 * `html`/`svg` text: a run of HTML whitespace (space, tab, CR, LF; not a no-break space) that
 * holds line breaks becomes the line breaks alone.
 */
export function collapseMarkup(raw: string): string {
  return raw.replace(/[ \t\r]*\n[ \t\r\n]*/g, (run) => '\n'.repeat(run.split('\n').length - 1));
}

/** Text as a template literal's raw part whose cooked value is `text`. */
export function toTemplateRaw(text: string): string {
  return text.replace(/[\\`]|\$\{/g, (c) => `\\${c}`);
}

/** A `css` block's text (as Lit reads it), minified by esbuild; `undefined` on any warning. */
export async function minifyCss(text: string): Promise<string | undefined> {
  const { code, warnings } = await transform(text, {
    loader: 'css',
    minify: true,
    charset: 'utf8',
  });
  return warnings.length ? undefined : code.trim();
}

/** The tagged templates this module rewrites, in source order. */
export function litTemplates(file: ts.SourceFile): { tag: string; template: ts.TemplateLiteral }[] {
  const found: { tag: string; template: ts.TemplateLiteral }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag)) {
      const tag = node.tag.text;
      if (tag === 'css' || tag === 'html' || tag === 'svg')
        found.push({ tag, template: node.template });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Minify the `css`, `html` and `svg` tagged templates of one TypeScript module. */
export async function minifyTemplates(source: string, fileName: string): Promise<string> {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const jobs: Promise<Edit | undefined>[] = [];
  for (const { tag, template } of litTemplates(file)) {
    if (tag === 'css') {
      if (!ts.isNoSubstitutionTemplateLiteral(template)) continue;
      const [part] = literalParts(template);
      jobs.push(
        minifyCss(template.text).then((css) =>
          css === undefined ? undefined : { ...part!, text: toTemplateRaw(css) },
        ),
      );
    } else {
      for (const part of literalParts(template))
        jobs.push(
          Promise.resolve({ ...part, text: collapseMarkup(source.slice(part.start, part.end)) }),
        );
    }
  }
  const edits = (await Promise.all(jobs))
    .filter((e): e is Edit => e !== undefined)
    .sort((a, b) => b.start - a.start);
  let out = source;
  for (const edit of edits) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** The esbuild plugin: every `.ts` module under `src/` has its templates minified. */
export const minifyTemplatesPlugin: Plugin = {
  name: 'vnh-minify-templates',
  setup(build) {
    build.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => ({
      contents: await minifyTemplates(await readFile(args.path, 'utf8'), args.path),
      loader: 'ts',
    }));
  },
};

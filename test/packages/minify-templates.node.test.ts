// The build-time minification of Lit templates (packages/components/minify-templates.ts): what Lit
// reads from every template of every source file is unchanged but for whitespace (html, svg) or
// is the same stylesheet minified (css).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  collapseMarkup,
  litTemplates,
  minifyCss,
  minifyTemplates,
  toTemplateRaw,
} from '../../packages/components/minify-templates.ts';
import { root } from './published-files.ts';

const src = join(root, 'packages', 'components', 'src');
const sources = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !/\.(test|stories|fixtures)\.ts$/.test(f))
  .map((f) => join(src, f));

/** The cooked text of each part of each Lit template (what the tag function receives). */
function cookedParts(code: string, fileName: string) {
  const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.ES2022, true);
  return litTemplates(file).map(({ tag, template }) => ({
    tag,
    parts: ts.isNoSubstitutionTemplateLiteral(template)
      ? [template.text]
      : [template.head.text, ...template.templateSpans.map((s) => s.literal.text)],
  }));
}

/** What a template literal with this raw text cooks to. */
const cook = (raw: string): string => (new Function(`return \`${raw}\`;`) as () => string)();

describe('minify-templates', () => {
  it('collapses indentation after line breaks, keeping the line breaks and other spaces', () => {
    expect(collapseMarkup('<a>\n      <b>x  y</b>\n\n    </a>')).toBe('<a>\n<b>x  y</b>\n\n</a>');
    expect(collapseMarkup('a \u00a0\n  b')).toBe('a \u00a0\nb');
    expect(collapseMarkup('<p>${x} ${y}</p>')).toBe('<p>${x} ${y}</p>');
  });

  it('writes minified CSS back so the template cooks to exactly that CSS', async () => {
    const css = await minifyCss(".a::after {\n  content: '·';\n  margin: 0.50rem; /* note */\n}\n");
    expect(css).toBe('.a:after{content:"\u00b7";margin:.5rem}');
    for (const text of ['\\b7', 'a`b', 'x${y}', 'content: "\\201C"']) {
      expect(cook(toTemplateRaw(text))).toBe(text);
    }
  });

  it('leaves what Lit reads unchanged but for whitespace (html) or minification (css)', async () => {
    let before = 0;
    let after = 0;
    for (const path of sources) {
      const name = relative(root, path);
      const code = readFileSync(path, 'utf8');
      const out = await minifyTemplates(code, path);
      const original = cookedParts(code, path);
      // The shrink is measured over the files that hold templates (the others cannot shrink).
      if (original.length) {
        before += code.length;
        after += out.length;
      }
      const minified = cookedParts(out, path);
      // The ratio is over the modules that have templates (the others are left as they are).
      if (original.length) {
        before += code.length;
        after += out.length;
      }
      expect(minified.length, name).toBe(original.length);
      const hasCss = original.some((t) => t.tag === 'css');
      if (!hasCss)
        expect(out.split('\n').length, `${name}: line numbers kept`).toBe(code.split('\n').length);
      for (const [i, t] of original.entries()) {
        const m = minified[i]!;
        expect(m.parts.length, `${name} template ${i}: same expressions`).toBe(t.parts.length);
        if (t.tag === 'css' && t.parts.length === 1) {
          expect(m.parts[0], `${name} css ${i}`).toBe(await minifyCss(t.parts[0]!));
        } else {
          expect(m.parts, `${name} ${t.tag} ${i}`).toEqual(t.parts.map((p) => collapseMarkup(p)));
        }
      }
    }
    expect(after, 'the sources with templates shrink').toBeLessThan(before * 0.93);
  });
});

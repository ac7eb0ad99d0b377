// Checks HTML and CSS snippets against the elements' manifest: every `vnh-*` tag exists, every
// attribute on it is one it declares (or a global HTML attribute) with a value its type allows,
// every `slot="…"` names a slot of the parent element, `::part()` names a part of that element,
// and every `--vnh-*` custom property is a token or an element's declared property. Module
// scripts are handed back for type-checking.
import { parse, parseFragment, type DefaultTreeAdapterTypes as T } from 'parse5';
import type { ElementApi } from './manifest.ts';

/** The elements by tag, and every `--vnh-*` name a page may set (tokens and element properties). */
export interface DocsApi {
  elements: ReadonlyMap<string, ElementApi>;
  tokens: ReadonlySet<string>;
}

/** A problem at a 0-based line of the snippet. */
export interface Finding {
  line: number;
  message: string;
}

/** An inline `<script type="module">`: its code and the 0-based snippet line it starts on. */
export interface ModuleScript {
  code: string;
  line: number;
}

const GLOBAL_ATTRIBUTES = new Set([
  'accesskey', 'autocapitalize', 'autofocus', 'class', 'contenteditable', 'dir', 'draggable',
  'enterkeyhint', 'exportparts', 'hidden', 'id', 'inert', 'inputmode', 'is', 'lang', 'nonce',
  'part', 'popover', 'role', 'slot', 'spellcheck', 'style', 'tabindex', 'title', 'translate',
]); // prettier-ignore

/** String literals of a type text like `'full' | 'compact' | undefined`; undefined if not only that. */
function literalUnion(type: string): Set<string> | undefined {
  const members = type
    .split('|')
    .map((m) => m.trim())
    .filter((m) => m && m !== 'undefined' && m !== 'null');
  if (!members.length || !members.every((m) => /^(['"]).*\1$/.test(m))) return undefined;
  return new Set(members.map((m) => m.slice(1, -1)));
}

function checkValue(tag: string, name: string, value: string, type: string): string | undefined {
  const t = type.replace(/\s*\|\s*undefined/g, '').trim();
  if (t === 'boolean' && value !== '' && value !== name) {
    return `<${tag} ${name}="${value}">: a boolean attribute takes no value (its presence means true)`;
  }
  if (t === 'number' && (value.trim() === '' || Number.isNaN(Number(value)))) {
    return `<${tag} ${name}="${value}">: not a number`;
  }
  const literals = literalUnion(type);
  if (literals && !literals.has(value)) {
    return `<${tag} ${name}="${value}">: expected one of ${[...literals].map((l) => `"${l}"`).join(', ')}`;
  }
  return undefined;
}

function isElement(node: T.Node): node is T.Element {
  return 'tagName' in node;
}

/** Check one HTML snippet. */
export function checkHtml(
  code: string,
  api: DocsApi,
): { findings: Finding[]; scripts: ModuleScript[]; tags: string[] } {
  const { elements } = api;
  const findings: Finding[] = [];
  const scripts: ModuleScript[] = [];
  const tags: string[] = [];
  const options = {
    sourceCodeLocationInfo: true,
    onParseError: (e: { code: string; startLine: number }) =>
      findings.push({ line: e.startLine - 1, message: `HTML parse error: ${e.code}` }),
  };
  const tree: T.ParentNode = /<!doctype|<html[\s>]/i.test(code)
    ? parse(code, options)
    : parseFragment(code, options);

  const walk = (node: T.ParentNode, parent: ElementApi | undefined): void => {
    for (const child of node.childNodes) {
      const line = (child.sourceCodeLocation?.startLine ?? 1) - 1;
      if (!isElement(child)) {
        if (
          parent &&
          child.nodeName === '#text' &&
          /\S/.test((child as T.TextNode).value) &&
          !parent.slots.has('')
        ) {
          findings.push({
            line,
            message: `<${parent.tag}> has no default slot: this text is not shown`,
          });
        }
        continue;
      }
      const slot = child.attrs.find((a) => a.name === 'slot')?.value;
      if (parent) {
        if (slot !== undefined && !parent.slots.has(slot)) {
          findings.push({
            line,
            message: `<${parent.tag}> has no slot "${slot}" (slots: ${[...parent.slots].map((s) => s || '(default)').join(', ') || 'none'})`,
          });
        } else if (slot === undefined && !parent.slots.has('')) {
          findings.push({
            line,
            message: `<${parent.tag}> has no default slot: <${child.tagName}> needs slot="…"`,
          });
        }
      }
      let el: ElementApi | undefined;
      if (child.tagName.startsWith('vnh-')) {
        tags.push(child.tagName);
        el = elements.get(child.tagName);
        if (!el) {
          findings.push({
            line,
            message: `<${child.tagName}> is not an element of @vnhealth/components (known: ${[...elements.keys()].join(', ')})`,
          });
        } else {
          for (const attr of child.attrs) {
            const attrLine =
              (child.sourceCodeLocation?.attrs?.[attr.name]?.startLine ?? line + 1) - 1;
            if (GLOBAL_ATTRIBUTES.has(attr.name) || /^(aria|data)-/.test(attr.name)) continue;
            const type = el.attributes.get(attr.name);
            if (type === undefined) {
              findings.push({
                line: attrLine,
                message: `<${child.tagName}> has no attribute "${attr.name}"`,
              });
              continue;
            }
            const problem = checkValue(child.tagName, attr.name, attr.value, type);
            if (problem) findings.push({ line: attrLine, message: problem });
          }
        }
      }
      if (child.tagName === 'script') {
        const type = child.attrs.find((a) => a.name === 'type')?.value;
        const text = child.childNodes[0];
        if (type === 'module' && text && !isElement(text)) {
          scripts.push({
            code: (text as T.TextNode).value,
            line: (text.sourceCodeLocation?.startLine ?? 1) - 1,
          });
        } else if (type === 'importmap' && text && !isElement(text)) {
          // An import map is JSON with an `imports` object of URL strings.
          try {
            const map = JSON.parse((text as T.TextNode).value) as { imports?: unknown };
            const imports = map.imports as Record<string, unknown> | undefined;
            if (!imports || Object.values(imports).some((url) => typeof url !== 'string'))
              throw new Error('no "imports" object of strings');
          } catch (error) {
            findings.push({ line, message: `import map: ${(error as Error).message}` });
          }
        } else if (type !== 'module' && text) {
          findings.push({
            line,
            message: 'inline scripts here are modules: write <script type="module">',
          });
        }
        continue;
      }
      if (child.tagName === 'style') {
        const text = child.childNodes[0];
        if (text && !isElement(text)) {
          const base = (text.sourceCodeLocation?.startLine ?? 1) - 1;
          for (const f of checkCss((text as T.TextNode).value, api))
            findings.push({ ...f, line: base + f.line });
        }
        continue;
      }
      const content = child.tagName === 'template' ? (child as T.Template).content : child;
      walk(content, el);
    }
  };
  walk(tree, undefined);
  return { findings, scripts, tags };
}

/** Check one CSS snippet: `<tag>::part(name)` and `--vnh-*` names. */
export function checkCss(code: string, { elements, tokens }: DocsApi): Finding[] {
  const findings: Finding[] = [];
  const lines = code.split('\n');
  lines.forEach((text, line) => {
    for (const m of text.matchAll(/(vnh-[a-z-]+)[^\s,{]*::part\(([^)]*)\)/g)) {
      const api = elements.get(m[1]!);
      if (!api)
        findings.push({ line, message: `<${m[1]}> is not an element of @vnhealth/components` });
      else {
        for (const part of m[2]!.trim().split(/\s+/)) {
          if (!api.parts.has(part))
            findings.push({ line, message: `<${m[1]}> has no part "${part}"` });
        }
      }
    }
    for (const m of text.matchAll(/--vnh-[a-z0-9-]+/g)) {
      if (!tokens.has(m[0]))
        findings.push({
          line,
          message: `${m[0]} is neither a design token nor an element's custom property`,
        });
    }
  });
  return findings;
}

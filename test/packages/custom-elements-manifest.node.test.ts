// The Custom Elements Manifest of @vnhealth/components says what the source does: every element
// a define.ts registers (with its tag and a custom-element-definition), every event the element
// dispatches (name and class, with the class's public fields), every `part`, slot and
// `--vnh-<element>-*` custom property it renders, and nothing private or internal. The manifest
// is generated fresh from the current source (the analyzer with the package's config), so the
// test never reads a stale custom-elements.json.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageDir } from './published-files.ts';

const dir = packageDir('@vnhealth/components');
const src = join(dir, 'src');

interface Item {
  name: string;
  privacy?: string;
  static?: boolean;
  type?: { text: string };
  description?: string;
  default?: string;
}
interface Declaration extends Item {
  summary?: string;
  kind: string;
  tagName?: string;
  customElement?: boolean;
  members?: (Item & { kind: string })[];
  attributes?: Item[];
  events?: Item[];
  slots?: Item[];
  cssParts?: Item[];
  cssProperties?: Item[];
}
interface Module {
  path: string;
  declarations?: Declaration[];
  exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[];
}

/** Run the analyzer with the package's config, writing nothing. */
function analyze(): { modules: Module[] } {
  const out = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { cli } = await import('@custom-elements-manifest/analyzer/cli.js');
       const manifest = await cli({ argv: ['analyze', '--quiet'], cwd: process.cwd(), noWrite: true });
       process.stdout.write(JSON.stringify(manifest));`,
    ],
    { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(out) as { modules: Module[] };
}

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, read(path), ts.ScriptTarget.Latest, true);
}

/** An element as its source defines it. */
interface SourceElement {
  tag: string;
  className: string;
  /** src/<el>/<el>.ts */
  file: string;
  stylesFile: string;
}

/** Every `defineElement('tag', Class)` in a src/<el>/define.ts. */
function sourceElements(): SourceElement[] {
  const elements: SourceElement[] = [];
  for (const folder of readdirSync(src)) {
    let define: string;
    try {
      define = read(join(src, folder, 'define.ts'));
    } catch {
      continue;
    }
    const call = /defineElement\('([a-z-]+)', (\w+)\)/.exec(define);
    const from = /import \{ (\w+) \} from '\.\/([\w-]+\.ts)'/.exec(define);
    if (!call || !from || from[1] !== call[2])
      throw new Error(`src/${folder}/define.ts: no defineElement(tag, Class) of an imported class`);
    elements.push({
      tag: call[1]!,
      className: call[2]!,
      file: join(src, folder, from[2]!),
      stylesFile: join(src, folder, from[2]!.replace(/\.ts$/, '.styles.ts')),
    });
  }
  return elements;
}

/** The static `part` names in a template source (dynamic ones like `entry-${kind}` skipped). */
function partNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\bpart="([^"]*)"/g))
    for (const token of match[1]!.split(/\s+/))
      if (token && !token.includes('$')) names.push(token);
  return names;
}

/** The parts each exported render helper of shared/states.ts renders. */
function helperParts(): Map<string, string[]> {
  const file = parse(join(src, 'shared', 'states.ts'));
  const parts = new Map<string, string[]>();
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name)
      parts.set(statement.name.text, partNames(statement.getText(file)));
  }
  return parts;
}

/**
 * The element's file and the modules of its folder it imports, directly or through one another
 * (e.g. vaccination-history's rows, consult-booking's calendar and step templates).
 */
function localModules(element: SourceElement): string[] {
  const files = [element.file];
  for (let i = 0; i < files.length; i++) {
    for (const [, local] of read(files[i]!).matchAll(/from '\.\/([\w-]+\.ts)'/g)) {
      const path = join(dirname(element.file), local!);
      if (!files.includes(path) && !/\.(i18n|en|styles)\.ts$/.test(path)) files.push(path);
    }
  }
  return files;
}

/** The parts an element renders: its local modules' templates and the shared helpers they call. */
function renderedParts(element: SourceElement): Set<string> {
  const parts = new Set<string>();
  for (const file of localModules(element)) {
    const text = read(file);
    for (const n of partNames(text)) parts.add(n);
    for (const [helper, names] of helperParts())
      if (new RegExp(`\\b${helper}\\(`).test(text)) names.forEach((n) => parts.add(n));
  }
  return parts;
}

/** The classes its local modules declare (an element's events may live in their own module). */
function localClasses(element: SourceElement): Map<string, ts.ClassDeclaration> {
  const classes = new Map<string, ts.ClassDeclaration>();
  for (const file of localModules(element))
    for (const [name, declaration] of classesOf(parse(file))) classes.set(name, declaration);
  return classes;
}

/** Classes declared in a file, by name. */
function classesOf(file: ts.SourceFile): Map<string, ts.ClassDeclaration> {
  const classes = new Map<string, ts.ClassDeclaration>();
  for (const statement of file.statements)
    if (ts.isClassDeclaration(statement) && statement.name)
      classes.set(statement.name.text, statement);
  return classes;
}

/** The event name an event class passes to `super(…)` (a literal or `X.eventName`). */
function superEventName(declaration: ts.ClassDeclaration): string | undefined {
  let name: string | undefined;
  const statics = new Map<string, string>();
  for (const member of declaration.members) {
    if (ts.isPropertyDeclaration(member) && member.initializer) {
      const init = ts.isAsExpression(member.initializer)
        ? member.initializer.expression
        : member.initializer;
      if (ts.isStringLiteral(init)) statics.set(member.name.getText(), init.text);
    }
  }
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) {
      const first = node.arguments[0];
      if (first && ts.isStringLiteral(first)) name = first.text;
      else if (first && ts.isPropertyAccessExpression(first)) name = statics.get(first.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(declaration);
  return name;
}

/** Every event an element's file creates (`new XEvent(…)`, `new CustomEvent('x')`), by name. */
function dispatchedEvents(element: SourceElement): Map<string, string> {
  const file = parse(element.file);
  const classes = localClasses(element);
  const events = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
      const className = node.expression.text;
      if (/Event$/.test(className)) {
        const first = node.arguments?.[0];
        const declared = classes.get(className);
        const name =
          first && ts.isStringLiteral(first)
            ? first.text
            : declared
              ? superEventName(declared)
              : undefined;
        if (!name) throw new Error(`${element.file}: cannot tell the name of new ${className}(…)`);
        events.set(name, className);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return events;
}

/** The public instance and static fields an event class declares. */
function publicFields(declaration: ts.ClassDeclaration): string[] {
  return declaration.members
    .filter(
      (m): m is ts.PropertyDeclaration =>
        ts.isPropertyDeclaration(m) &&
        !ts.isPrivateIdentifier(m.name) &&
        !(ts.getCombinedModifierFlags(m) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)),
    )
    .map((m) => m.name.getText());
}

let manifest: { modules: Module[] };
const elements = sourceElements();

function declarationOf(tag: string): Declaration {
  for (const mod of manifest.modules)
    for (const d of mod.declarations ?? []) if (d.tagName === tag) return d;
  throw new Error(`the manifest has no declaration with tagName ${tag}`);
}

function names(items: Item[] | undefined): string[] {
  return (items ?? []).map((i) => i.name).sort();
}

beforeAll(() => {
  manifest = analyze();
}, 60_000);

describe('custom-elements.json', () => {
  it('finds the seven elements in the source (the scan is not blind)', () => {
    expect(elements.map((e) => e.tag).sort()).toEqual([
      'vnh-appointment-list',
      'vnh-consult-booking',
      'vnh-health-record-summary',
      'vnh-patient-profile-card',
      'vnh-provider',
      'vnh-vaccination-history',
      'vnh-vaccination-schedule',
    ]);
    expect(renderedParts(elements.find((e) => e.tag === 'vnh-patient-profile-card')!)).toContain(
      'retry',
    );
    expect(dispatchedEvents(elements.find((e) => e.tag === 'vnh-consult-booking')!)).toEqual(
      new Map([
        ['change', 'ConsultBookingChangeEvent'],
        ['vnh-booked', 'ConsultBookedEvent'],
        ['vnh-booking-failed', 'ConsultBookingFailedEvent'],
        ['vnh-mode-change', 'ConsultModeChangeEvent'],
      ]),
    );
  });

  it.each(elements)(
    '$tag: a tagName and a custom-element-definition in its define module',
    (el) => {
      expect(declarationOf(el.tag).name).toBe(el.className);
      const definitions = manifest.modules
        .flatMap((m) => (m.exports ?? []).map((e) => ({ ...e, path: m.path })))
        .filter((e) => e.kind === 'custom-element-definition' && e.name === el.tag);
      expect(definitions).toHaveLength(1);
      expect(definitions[0]!.path).toMatch(/^src\/[a-z-]+\/define\.ts$/);
      expect(definitions[0]!.declaration.name).toBe(el.className);
      expect(definitions[0]!.declaration.module).toBe(`/${el.file.slice(dir.length + 1)}`);
    },
  );

  it.each(elements)('$tag: exactly the events it dispatches, with their classes', (el) => {
    const dispatched = dispatchedEvents(el);
    const declared = declarationOf(el.tag).events ?? [];
    expect(names(declared)).toEqual([...dispatched.keys()].sort());
    for (const event of declared) {
      expect(event.type?.text, event.name).toBe(dispatched.get(event.name));
      expect(event.description, `${event.name} has a description`).toBeTruthy();
    }
    // Each event class is in the manifest with its public fields (its payload).
    const sourceClasses = localClasses(el);
    for (const className of new Set(dispatched.values())) {
      const source = sourceClasses.get(className);
      if (!source) continue; // a built-in Event / CustomEvent
      const inManifest = manifest.modules
        .flatMap((m) => m.declarations ?? [])
        .find((d) => d.name === className);
      expect(inManifest, `${className} in the manifest`).toBeDefined();
      expect(names(inManifest!.members)).toEqual(publicFields(source).sort());
      for (const field of inManifest!.members ?? [])
        expect(field.type?.text, `${className}.${field.name} has a type`).toBeTruthy();
    }
  });

  it.each(elements)('$tag: exactly the parts it renders, each described', (el) => {
    const declared = declarationOf(el.tag).cssParts ?? [];
    expect(names(declared)).toEqual([...renderedParts(el)].sort());
    for (const part of declared) expect(part.description, part.name).toBeTruthy();
  });

  it.each(elements)('$tag: exactly its slots', (el) => {
    const slots = new Set<string>();
    for (const match of read(el.file).matchAll(/<slot(?:\s+name="([^"]+)")?[\s>]/g))
      slots.add(match[1] ?? '');
    expect(names(declarationOf(el.tag).slots)).toEqual([...slots].sort());
  });

  it.each(elements)('$tag: exactly its --vnh-<element>-* custom properties', (el) => {
    const prefix = `--vnh-${el.tag.replace(/^vnh-/, '')}-`;
    let styles = '';
    try {
      styles = read(el.stylesFile);
    } catch {
      // An element without a styles file (the provider) has no custom properties.
    }
    const used = new Set(
      [...styles.matchAll(new RegExp(`${prefix}[a-z0-9-]+`, 'g'))].map((m) => m[0]),
    );
    const declared = declarationOf(el.tag).cssProperties ?? [];
    expect(names(declared)).toEqual([...used].sort());
    for (const prop of declared) expect(prop.description, prop.name).toBeTruthy();
  });

  it.each(elements)('$tag: typed, described attributes and members', (el) => {
    const declaration = declarationOf(el.tag);
    for (const attr of declaration.attributes ?? []) {
      expect(attr.type?.text, `attribute ${attr.name} has a type`).toBeTruthy();
      expect(attr.description, `attribute ${attr.name} has a description`).toBeTruthy();
    }
    for (const member of declaration.members ?? []) {
      if (member.kind === 'field')
        expect(member.type?.text, `${el.tag}.${member.name} has a type`).toBeTruthy();
    }
    expect(declaration.summary, 'a summary').toBeTruthy();
    expect(declaration.description, 'a description').toBeTruthy();
  });

  it('publishes nothing private, protected or internal', () => {
    const leaks: string[] = [];
    for (const mod of manifest.modules) {
      if (/\.(test|stories|fixtures|i18n|styles)\.ts$|shared\/(testing|fixtures)/.test(mod.path))
        leaks.push(`module ${mod.path}`);
      for (const d of mod.declarations ?? []) {
        for (const list of [d.members, d.attributes, d.events] as (Item[] | undefined)[]) {
          for (const item of list ?? []) {
            if (item.privacy || item.name.startsWith('#'))
              leaks.push(`${d.name}.${item.name} (${item.privacy ?? '#'})`);
          }
        }
        for (const member of d.members ?? []) {
          if (['translations', 'loader', 'providedClient', 't', 'format'].includes(member.name))
            leaks.push(`${d.name}.${member.name}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('declares only what the package index exports', () => {
    const index = read(join(src, 'index.ts')) + read(join(src, 'shared', 'public.ts'));
    for (const mod of manifest.modules) {
      for (const d of mod.declarations ?? []) {
        const exported =
          new RegExp(`\\b${d.name}\\b`).test(index) ||
          new RegExp(`export (abstract )?(class|const|function) ${d.name}\\b`).test(
            read(join(dir, mod.path)),
          );
        expect(exported, `${d.name} (${mod.path}) is exported`).toBe(true);
        expect(d.name, `${mod.path}`).not.toMatch(/^(messages|styles|VaccinationElement)$/);
      }
    }
  });
});

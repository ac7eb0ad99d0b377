// The elements' public API as the Custom Elements Manifest states it, generated afresh from
// source by the analyzer's own CLI code with the exact arguments of the package's `analyze`
// script and its config file (so the docs are held to what IDEs and Storybook read, never to a
// stale file), in memory: `noWrite` leaves custom-elements.json alone, and running it in the
// package folder with the script's own arguments leaves package.json's `customElements` as is.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandsOf } from './shell.ts';

/** What the manifest says of one element. */
export interface ElementApi {
  tag: string;
  className: string;
  /** Attribute name → its type text (`'full' | 'compact'`, `boolean` …), '' when untyped. */
  attributes: Map<string, string>;
  properties: Set<string>;
  events: Set<string>;
  /** Slot names; '' is the default slot. */
  slots: Set<string>;
  parts: Set<string>;
  cssProperties: Set<string>;
  /** Defaults the manifest states: attribute name or CSS property → default text. */
  defaults: Map<string, string>;
}

interface CemDeclaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: { name: string; type?: { text: string }; default?: string }[];
  members?: { kind: string; name: string; privacy?: string; static?: boolean }[];
  events?: { name: string }[];
  slots?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string; default?: string }[];
}

interface Cem {
  modules: { path: string; declarations?: CemDeclaration[] }[];
}

const RUN_CLI = `
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
const manifest = await cli({ argv: JSON.parse(process.env.CEM_ARGV), cwd: process.cwd(), noWrite: true });
process.stdout.write(JSON.stringify(manifest));
`;

/** The manifest `npm run analyze -w @vnhealth/components` would write, built in memory. */
export function generateManifest(root: string): Cem {
  const dir = join(root, 'packages', 'components');
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [command] = commandsOf(pkg.scripts.analyze ?? '');
  if (command?.argv[0] !== 'cem' || command.argv[1] !== 'analyze') {
    throw new Error(
      `@vnhealth/components' analyze script is not "cem analyze …": ${pkg.scripts.analyze}`,
    );
  }
  const out = execFileSync(
    join(root, 'node_modules', '.bin', 'node'),
    ['--input-type=module', '-e', RUN_CLI],
    {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, CEM_ARGV: JSON.stringify([...command.argv.slice(1), '--quiet']) },
    },
  );
  return JSON.parse(out) as Cem;
}

/** The elements of a manifest, by tag. */
export function elementsOf(cem: Cem): Map<string, ElementApi> {
  const elements = new Map<string, ElementApi>();
  for (const mod of cem.modules) {
    for (const d of mod.declarations ?? []) {
      if (!d.tagName) continue;
      elements.set(d.tagName, {
        tag: d.tagName,
        className: d.name,
        attributes: new Map((d.attributes ?? []).map((a) => [a.name, a.type?.text ?? ''])),
        properties: new Set(
          (d.members ?? [])
            .filter((m) => m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public')
            .map((m) => m.name),
        ),
        events: new Set((d.events ?? []).map((e) => e.name)),
        slots: new Set((d.slots ?? []).map((s) => s.name)),
        parts: new Set((d.cssParts ?? []).map((p) => p.name)),
        cssProperties: new Set((d.cssProperties ?? []).map((p) => p.name)),
        defaults: new Map(
          [...(d.attributes ?? []), ...(d.cssProperties ?? [])]
            .filter((x) => x.default !== undefined)
            .map((x) => [x.name, x.default!]),
        ),
      });
    }
  }
  return elements;
}

/** Every `--vnh-*` name in a stylesheet text (declared or read with `var()`). */
export function customPropertiesIn(cssText: string): Set<string> {
  return new Set(cssText.match(/--vnh-[a-z0-9-]+/g) ?? []);
}

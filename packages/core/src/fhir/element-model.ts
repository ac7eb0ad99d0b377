/**
 * The validator's model of each type: the generated element table's spec of the type (see
 * scripts/generate-fhir.ts for the encoding), parsed on first use into properties by JSON name,
 * with their kinds, format checks, code sets and required-element bits resolved.
 */
import { DATATYPES, PRIMITIVES, RESOURCE_TYPES, type ElementTable } from './generated/model.ts';
import { formatOf, primitiveCheck } from './primitives.ts';

/** How a property's value is checked (plain constants: enums are not erasable TypeScript): a primitive. */
export const PRIMITIVE = 0;
/** A datatype or backbone element: an object walked with its own model. */
export const COMPLEX = 1;
/** Any resource, dispatched on its own `resourceType` (`contained`, `Bundle.entry.resource`). */
export const ANY_RESOURCE = 2;
/** A resource of one named type (`Bundle.entry.response.outcome`). */
export const RESOURCE = 3;

/** How the walk handles a key (plain constants, like the kinds): a single primitive value. */
export const ONE_PRIMITIVE = 0;
/** An array (of primitives or of objects). */
export const MANY = 1;
/** A single value that is not a primitive (a datatype, a backbone element, a resource). */
export const ONE = 2;
/** `_name` beside primitive `name`: its id and extensions. */
export const EXT = 3;
/** `_name` beside an element that is not a primitive: an unknown property. */
export const BAD_EXT = 4;

/**
 * One JSON property of a type (each variant of a choice is one, and so is each `_name`), with
 * everything the walk needs resolved, so a key costs one lookup.
 */
export interface Prop {
  /** Element name (without `[x]`), for messages. */
  n: string;
  /** The JSON name of the value (`valueString`; also for its `_valueString`). */
  name: string;
  /** The concrete type code. */
  t: string;
  k: number;
  /** How the walk handles the key: `ONE_PRIMITIVE`, `MANY`, `ONE`, `EXT` or `BAD_EXT`. */
  f: number;
  many: boolean;
  /** The field when it is a choice (shared by all its variants), to find a second variant. */
  choice: Prop[] | undefined;
  /** Allowed codes of a required binding. */
  codes: Set<string> | undefined;
  /**
   * The last string accepted as this property's value: values repeat (systems, codes, units), and
   * `===` costs less than the format's regex or the binding's hash lookup.
   */
  last: string | undefined;
  /** Whether `last` is kept: codes and the URI types (`uri`, `url`, `canonical`, `code`). */
  keep: boolean;
  /** The format of a primitive that `hasFormat` tests (0: `ok` tests it). */
  p: number;
  /** The format check of a primitive. */
  ok: ((value: unknown) => boolean) | undefined;
  /** The model of a complex type, resolved on first use. */
  m: TypeModel | undefined;
  /** The bit of its required element in `TypeModel.all` (0 when optional or past the 31st). */
  bit: number;
}

/** A type's properties and required elements, built from its spec on first use. */
export interface TypeModel {
  /** Required elements: the JSON names (and their `_name`) of which one must be present, the display name, the bit. */
  req: [string[], string, number][];
  /**
   * The bits of all required elements: what an object with every required element sets (-1 when
   * some have no bit).
   */
  all: number;
  /**
   * By JSON name, `_name` included (a Map: no inherited `toString` or `__proto__`).
   */
  props: Map<string, Prop>;
  /** Extension: ext-1 applies. */
  ext: boolean;
  /**
   * The keys of the last object walked, by position, and their properties: objects of one shape
   * repeat their keys in one order, so a key is most often found by `===` (see `lookup`).
   */
  seen: string[];
  /** The properties of `seen` (`undefined` for an unknown key). */
  seenProps: (Prop | undefined)[];
}

const INHERITED: Record<string, string> = {
  R: 'id?id,meta?Meta,implicitRules?uri,language?code,text?Narrative,contained*Resource,extension*Extension,modifierExtension*Extension',
  r: 'id?id,meta?Meta,implicitRules?uri,language?code',
  E: 'id?string,extension*Extension',
  B: 'id?string,extension*Extension,modifierExtension*Extension',
};
/** The supported resource types. */
export const SUPPORTED = new Set<string>(RESOURCE_TYPES);
/** Type name → its spec and the code lists of the table it came from; the datatypes from the start. */
export const specs = new Map<string, [string, readonly string[]]>(
  Object.entries(DATATYPES.types).map(([name, spec]) => [name, [spec, DATATYPES.codes]]),
);
/** The models built so far, by type name. */
export const models = new Map<string, TypeModel>();
/** The models of the supported resource types built so far (never a datatype's). */
const resourceModels = new Map<string, TypeModel>();
let lastType: string | undefined;
let lastModel: TypeModel | undefined;

/** The model of supported resource type `type` if it is built (the last one found is kept). */
export function resourceModel(type: string): TypeModel | undefined {
  if (type === lastType) return lastModel;
  const m = resourceModels.get(type);
  if (m !== undefined) {
    lastType = type;
    lastModel = m;
  }
  return m;
}
const upper = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const isPrimitiveType = (type: string) => type in PRIMITIVES || type === 'xhtml';

/** Make the types of an element table known to the validator (idempotent). */
export function registerTable(table: ElementTable): void {
  for (const [name, spec] of Object.entries(table.types)) specs.set(name, [spec, table.codes]);
}

/** Whether the element table of resource type `type` is registered. */
export const hasTable = (type: string): boolean => specs.has(type);

/** A property; every field set in one order: one hidden class for all keeps the walk's reads fast. */
const newProp = (n: string, name: string, t: string, k: number, f: number): Prop => ({
  n,
  name,
  t,
  k,
  f,
  many: false,
  choice: undefined,
  codes: undefined,
  last: undefined,
  keep: false,
  p: 0,
  ok: undefined,
  m: undefined,
  bit: 0,
});

/** The property of `m` named `key`, the key at position `at` of its object. */
export function lookup(m: TypeModel, key: string, at: number): Prop | undefined {
  if (m.seen[at] === key) return m.seenProps[at];
  const prop = m.props.get(key);
  // The first keys only: an object with thousands of keys does not grow the model.
  if (at < 64) {
    m.seen[at] = key;
    m.seenProps[at] = prop;
  }
  return prop;
}

/** The model of `type`, built on first use (an unknown type is a bare Element). */
export function model(type: string): TypeModel {
  let m = models.get(type);
  if (!m) {
    const [spec, codeLists] = specs.get(type) ?? ['E', []];
    const req: TypeModel['req'] = [];
    const props: TypeModel['props'] = new Map();
    let all = 0;
    for (const part of (INHERITED[spec[0]!] + ',' + spec.slice(1)).split(',')) {
      const match = /^(\w+)(\[x\])?([?!*+])([\w|]+)(?:=(\d+))?$/.exec(part);
      if (!match) continue;
      const [, n, choice, card, types, codes] = match as unknown as string[];
      const required = card === '!' || card === '+';
      // Presence of required elements is a bit per element, set while walking the keys.
      const bit = required && req.length < 31 ? 1 << req.length : 0;
      all |= bit;
      const variants: Prop[] = [];
      const names: string[] = [];
      for (const t of types!.split('|')) {
        const k = isPrimitiveType(t)
          ? PRIMITIVE
          : t === 'Resource'
            ? ANY_RESOURCE
            : SUPPORTED.has(t)
              ? RESOURCE
              : COMPLEX;
        const many = card === '*' || card === '+';
        const name = choice ? n + upper(t) : n!;
        const codeSet = codes ? new Set(codeLists[+codes]!.split(' ')) : undefined;
        const ok = k === PRIMITIVE ? primitiveCheck(t) : undefined;
        const flows = [
          many ? MANY : k === PRIMITIVE ? ONE_PRIMITIVE : ONE,
          k === PRIMITIVE ? EXT : BAD_EXT,
        ];
        const [prop, ext] = flows.map((f) => {
          const p = newProp(n!, name, t, k, f);
          p.many = many;
          p.choice = choice ? variants : undefined;
          p.codes = codeSet;
          p.p = k === PRIMITIVE ? formatOf(t) : 0;
          p.keep =
            codeSet !== undefined ||
            t === 'code' ||
            t === 'uri' ||
            t === 'url' ||
            t === 'canonical';
          p.ok = ok;
          p.bit = bit;
          return p;
        }) as [Prop, Prop];
        variants.push(prop);
        names.push(name, '_' + name);
        props.set(name, prop);
        props.set('_' + name, ext);
      }
      if (required) req.push([names, choice ? n + '[x]' : n!, bit]);
    }
    // Past 31 required elements, some have no bit: `-1` is never the bits found, so all are read.
    if (req.length > 31) all = -1;
    models.set(type, (m = { req, all, props, ext: type === 'Extension', seen: [], seenProps: [] }));
    if (SUPPORTED.has(type)) resourceModels.set(type, m);
  }
  return m;
}

/** What the `full` level's rules read of an element: its name, its concrete type, how it is checked. */
export interface ElementInfo {
  /** Element name (without `[x]`). */
  readonly n: string;
  /** The concrete type code (`Quantity`, `code`, a backbone's `PatientContact`). */
  readonly t: string;
  /** `PRIMITIVE`, `COMPLEX`, `ANY_RESOURCE` or `RESOURCE` (a resource of type `t`). */
  readonly k: number;
  readonly many: boolean;
  /** Set when the element is a choice (`value[x]`). */
  readonly choice: unknown;
}

/** The element of `type` (a registered resource, datatype or backbone) whose JSON name is `key`. */
export const elementOf = (type: string, key: string): ElementInfo | undefined =>
  model(type).props.get(key);

/** The JSON names of the elements of `type` (`_name` of each primitive's included). */
export const elementKeys = (type: string): Iterable<string> => model(type).props.keys();

/**
 * The shape of the generated invariant tables (`generated/invariants/*.ts`, written by
 * scripts/generate-fhir-invariants.ts) and the registry the run-time walk reads them from.
 */
import type { Coll } from './fhirpath.ts';

/** An invariant's test, called with the element (`t`), `%resource` (`r`) and `%rootResource` (`rr`). */
export type Test = (t: unknown, r: unknown, rr: unknown) => boolean;

/**
 * One compiled invariant: its severity, the definitions' human text and the test (true when the
 * element passes); and, when the test reads nothing but some elements of its focus, their names
 * (`contained` for dom-2): while none is there, the answer is known without evaluating it.
 */
export type Invariant = readonly [
  severity: 'error' | 'warning',
  human: string,
  test: Test,
  reads?: readonly string[],
];

/**
 * `invariant` with a test that evaluates only when an element it reads is there, and otherwise
 * answers as it does on an element without any (worked out once, on `{}`).
 */
function guarded(invariant: Invariant): Invariant {
  const [severity, human, test, reads] = invariant;
  if (!reads?.length) return invariant;
  const absent = test({}, {}, {});
  const present = (t: Record<string, unknown>) => {
    for (const name of reads) if (t[name] != null || t[`_${name}`] != null) return true;
    return false;
  };
  if (reads.length === 1) {
    const [name] = reads as [string];
    const under = `_${name}`;
    return [
      severity,
      human,
      (t, r, rr) =>
        (t as Record<string, unknown>)[name] != null ||
        (t as Record<string, unknown>)[under] != null
          ? test(t, r, rr)
          : absent,
      reads,
    ];
  }
  return [
    severity,
    human,
    (t, r, rr) => (present(t as Record<string, unknown>) ? test(t, r, rr) : absent),
    reads,
  ];
}

/**
 * A generated table: the invariants by key, and per type `[walk, self, props]`: the walk as
 * `property:Type,…` (the complex-typed JSON properties), the keys that apply to the type itself
 * (`per-1,…`) and those of its properties (`address=org-2,…`, keys joined by `|`).
 */
export interface InvariantTable {
  invariants: Record<string, Invariant>;
  types: Record<string, readonly [walk: string, self: string, props: string]>;
}

/** `[key, invariant]` pairs. */
export type Rules = readonly (readonly [string, Invariant])[];

/** A complex-typed JSON property of a type, as the walk meets it. */
export interface Child {
  /** The property's type (`Resource` for a contained resource or a Bundle entry's). */
  readonly type: string;
  /** The invariants evaluated on each of its items. */
  readonly rules: Rules | undefined;
  /** The rules of `type`, looked up at the first item met (a table may register later). */
  typeRules: TypeRules | undefined;
}

/** A type ready for the walk. */
export interface TypeRules {
  /** `[key, invariant]` for the type itself. */
  self: Rules;
  /** Per complex-typed JSON property, by name; an object without a prototype (read per key). */
  children: Readonly<Record<string, Child | undefined>>;
}

const registry = new Map<string, TypeRules>();
const invariants = new Map<string, Invariant>();

/**
 * Add a generated table's types to the registry (a no-op for types already there). The datatypes'
 * table comes first: it holds the invariants several resources share (dom-*).
 */
export function registerInvariants(table: InvariantTable): void {
  for (const [key, invariant] of Object.entries(table.invariants))
    invariants.set(key, guarded(invariant));
  const rule = (key: string) => {
    const invariant = invariants.get(key);
    if (!invariant)
      throw new Error(`Invariant ${key} is not registered; register datatypes first.`);
    return [key, invariant] as const;
  };
  for (const [name, [walk, self, props]] of Object.entries(table.types)) {
    if (registry.has(name)) continue;
    const propRules = new Map(
      props
        ? props.split(',').map((p) => {
            const [prop, keys] = p.split('=') as [string, string];
            return [prop, keys.split('|').map(rule)] as const;
          })
        : [],
    );
    const children = Object.create(null) as Record<string, Child | undefined>;
    if (walk)
      for (const w of walk.split(',')) {
        const [prop, type] = w.split(':') as [string, string];
        children[prop] = { type, rules: propRules.get(prop), typeRules: undefined };
      }
    registry.set(name, { self: self ? self.split(',').map(rule) : [], children });
  }
}

/** The rules of type `name`, when its table is registered. */
export function rulesOf(name: string): TypeRules | undefined {
  return registry.get(name);
}

/** The collection helpers' type, re-exported for the generated files. */
export type { Coll };

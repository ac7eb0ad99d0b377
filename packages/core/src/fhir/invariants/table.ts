/**
 * The shape of the generated invariant tables (`generated/invariants/*.ts`, written by
 * scripts/generate-fhir-invariants.ts) and the registry the run-time walk reads them from.
 */
import type { Coll } from './fhirpath.ts';

/**
 * One compiled invariant: its severity, the definitions' human text and the test, called with the
 * element (`t`), `%resource` (`r`) and `%rootResource` (`rr`); true when the element passes.
 */
export type Invariant = readonly [
  severity: 'error' | 'warning',
  human: string,
  test: (t: unknown, r: unknown, rr: unknown) => boolean,
];

/**
 * A generated table: the invariants by key, and per type `[walk, self, props]`: the walk as
 * `property:Type,…` (the complex-typed JSON properties), the keys that apply to the type itself
 * (`per-1,…`) and those of its properties (`address=org-2,…`, keys joined by `|`).
 */
export interface InvariantTable {
  invariants: Record<string, Invariant>;
  types: Record<string, readonly [walk: string, self: string, props: string]>;
}

/** A type ready for the walk. */
export interface TypeRules {
  /** `[JSON property, its type]` for every complex-typed property. */
  walk: readonly (readonly [string, string])[];
  /** `[key, invariant]` for the type itself. */
  self: readonly (readonly [string, Invariant])[];
  /** Per property, `[key, invariant]` evaluated on each of its items. */
  props: ReadonlyMap<string, readonly (readonly [string, Invariant])[]>;
}

const registry = new Map<string, TypeRules>();

/** Add a generated table's types to the registry (a no-op for types already there). */
export function registerInvariants(table: InvariantTable): void {
  const rule = (key: string) => [key, table.invariants[key]!] as const;
  for (const [name, [walk, self, props]] of Object.entries(table.types)) {
    if (registry.has(name)) continue;
    registry.set(name, {
      walk: walk ? walk.split(',').map((w) => w.split(':') as [string, string]) : [],
      self: self ? self.split(',').map(rule) : [],
      props: new Map(
        props
          ? props.split(',').map((p) => {
              const [prop, keys] = p.split('=') as [string, string];
              return [prop, keys.split('|').map(rule)];
            })
          : [],
      ),
    });
  }
}

/** The rules of type `name`, when its table is registered. */
export function rulesOf(name: string): TypeRules | undefined {
  return registry.get(name);
}

/** The collection helpers' type, re-exported for the generated files. */
export type { Coll };

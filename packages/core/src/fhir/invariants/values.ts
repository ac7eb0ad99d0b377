/**
 * The values the FHIRPath helpers share: collections, the boolean singletons, JSON equality
 * (`same`) and its hash key (`keyOf`).
 */

/** A FHIRPath collection. */
export type Coll = readonly unknown[];

/** The collections `true`, `false` and empty (shared, never changed). */
export const T: Coll = [true];
/** `false`. */
export const F: Coll = [false];
/** The empty collection. */
export const E: Coll = [];
/** `true` or `false` as a collection. */
export const bool = (b: boolean): Coll => (b ? T : F);

/** Whether `v` is a JSON object (a complex element or a resource). */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The single boolean of `c` (`undefined` for an empty collection). */
export function single(c: Coll): unknown {
  return c.length === 1 ? c[0] : c.length === 0 ? undefined : true;
}

/** Add `v` to `out`: an array's non-null items, a single value, or nothing. */
export function push(out: unknown[], v: unknown): void {
  if (v === undefined || v === null) return;
  if (Array.isArray(v)) {
    for (const x of v) if (x !== null && x !== undefined) out.push(x);
  } else out.push(v);
}

/** Deep equality of two JSON values (FHIRPath `=` on complex types compares member by member). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** A key equal for `same` values: the value itself for primitives, canonical JSON for objects. */
export function keyOf(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  const canon = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(canon);
    if (typeof x !== 'object' || x === null) return x;
    const o = x as Record<string, unknown>;
    return Object.keys(o)
      .sort()
      .map((k) => [k, canon(o[k])]);
  };
  return `\u0000${JSON.stringify(canon(v))}`;
}

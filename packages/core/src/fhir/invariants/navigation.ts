/**
 * FHIRPath navigation over JSON for the compiled invariants: children (`name`, choice elements,
 * a primitive's `_name`), type filters, `extension(url)`, `children()` and `descendants()` (cached
 * for one check, with what is derived from them).
 */
import { bool, E, F, isObject, push, T, type Coll } from './values.ts';

/** `c.name`: the element `name` of every item. */
export function child(c: Coll, name: string): Coll {
  if (c.length === 1) return get(c[0], name);
  if (c.length === 0) return E;
  if (derived?.has(c)) return memo(c, `.${name}`, () => childOf(c, name));
  return childOf(c, name);
}

function childOf(c: Coll, name: string): Coll {
  const out: unknown[] = [];
  for (const item of c) {
    const found = get(item, name);
    for (let i = 0; i < found.length; i++) out.push(found[i]);
  }
  return out;
}

const underscored = new Map<string, string>();
/** `_name`, the JSON property of a primitive's id and extensions. */
function under(name: string): string {
  let u = underscored.get(name);
  if (u === undefined) underscored.set(name, (u = `_${name}`));
  return u;
}

/**
 * `x.name` for a single item `x` (what `child([x], name)` gives, without the array); `u` is
 * `_name` (the generated code passes it).
 */
export function get(x: unknown, name: string, u?: string): Coll {
  if (!isObject(x)) return E;
  const v = x[name];
  if (v === undefined || v === null) {
    // A primitive with no value but an extension (`_end`) still exists; `hasValue()` is false.
    const ext = x[u ?? under(name)];
    return isObject(ext) ? [ext] : E;
  }
  return Array.isArray(v) ? (v.includes(null) ? v.filter((i) => i !== null) : v) : [v];
}

/** `x.name.exists()` for a single item `x`. */
export function has(x: unknown, name: string): Coll {
  if (!isObject(x)) return F;
  const v = x[name];
  if (v === undefined || v === null) return bool(isObject(x[under(name)]));
  return bool(!Array.isArray(v) || v.some((i) => i !== null));
}

/** `x.name.exists()` for a single item `x`, as a boolean (`u`: as for `get`). */
export function hasB(x: unknown, name: string, u?: string): boolean {
  if (!isObject(x)) return false;
  const v = x[name];
  if (v === undefined || v === null) return isObject(x[u ?? under(name)]);
  return !Array.isArray(v) || v.some((i) => i !== null);
}

/** `x.name.hasValue()` for a single item `x`, as a boolean. */
export function hasValue1(x: unknown, name: string): boolean {
  if (!isObject(x)) return false;
  const v = x[name];
  if (v === undefined || v === null) return false;
  if (!Array.isArray(v)) return !isObject(v);
  let found: unknown;
  let n = 0;
  for (const i of v) if (i !== null && n++ === 0) found = i;
  return n === 1 && !isObject(found);
}

/** `x.value` for a single item `x` and a choice element `value[x]` (`choice([x], name)`). */
export function choice1(x: unknown, name: string): Coll {
  if (!isObject(x)) return E;
  const v = x[name];
  if (v !== undefined) return choice([x], name);
  // One pass over the keys; most elements hold no variant, and then nothing is made.
  let out: unknown[] | undefined;
  for (const key in x)
    if (key.length > name.length && key.startsWith(name)) {
      const ch = key.charCodeAt(name.length);
      if (ch >= 65 && ch <= 90) push((out ??= []), x[key]);
    }
  return out ?? E;
}

/** `x.name.empty()` for a single item `x`. */
export const lacks = (x: unknown, name: string): Coll => (has(x, name) === T ? F : T);

/** `c.value` for a choice element `value[x]`: whichever of `valueQuantity`, `valueString`… is there. */
export function choice(c: Coll, name: string): Coll {
  const out: unknown[] = [];
  for (const item of c) {
    if (!isObject(item)) continue;
    if (item[name] !== undefined) {
      push(out, item[name]);
      continue;
    }
    for (const key in item) {
      if (key.length > name.length && key.startsWith(name)) {
        const ch = key.charCodeAt(name.length);
        if (ch >= 65 && ch <= 90) push(out, item[key]);
      }
    }
  }
  return out;
}

/** The resources of `c` (objects with a `resourceType`). */
export function resources(c: Coll): Coll {
  return c.filter((v) => isObject(v) && typeof v.resourceType === 'string');
}

/** `c.ofType(Type)` for a resource type, and the leading type name of `Appointment.status`. */
export function ofResource(c: Coll, type: string): Coll {
  return c.filter((v) => isObject(v) && v.resourceType === type);
}

/** `x.ofType(string)` for a single item `x`. */
export function ofJs1(x: unknown, js: 'string' | 'number' | 'boolean'): Coll {
  return typeof x === js ? [x] : E;
}

/** `c.ofType(string)` on untyped JSON: the items whose JavaScript type fits the primitive. */
export function ofJs(c: Coll, js: 'string' | 'number' | 'boolean'): Coll {
  if (derived?.has(c)) return memo(c, js, () => c.filter((v) => typeof v === js));
  return c.filter((v) => typeof v === js);
}

/** `extension(url)`. */
export function extension(c: Coll, url: Coll): Coll {
  return child(c, 'extension').filter((e) => isObject(e) && e.url === url[0]);
}

/** `children()`: every child element of every item. */
export function children(c: Coll): Coll {
  const out: unknown[] = [];
  for (const item of c) childrenInto(out, item);
  return out;
}

/** Add the child elements of `item` (when an object) to `out`. */
function childrenInto(out: unknown[], item: unknown): void {
  if (!isObject(item)) return;
  for (const key in item) if (key !== 'resourceType' && key[0] !== '_') push(out, item[key]);
}

/**
 * The cached `descendants()` collections, and what was computed from them, for this check; made
 * at the first `descendants()` (most resources need none: no contained resources).
 */
let descendantsCache: WeakMap<object, Coll> | undefined;
let derived: WeakMap<Coll, Map<string, Coll>> | undefined;

function memo(c: Coll, key: string, compute: () => Coll): Coll {
  const results = derived!.get(c)!;
  let found = results.get(key);
  if (!found) results.set(key, (found = compute()));
  return found;
}

/**
 * Forget the cached `descendants()` (called at the start of each check: the cache holds for one
 * check of a resource that nothing changes meanwhile).
 */
export function resetCache(): void {
  descendantsCache = undefined;
  derived = undefined;
}

/** `descendants()`: children, recursively (cached per element for the current check). */
export function descendants(c: Coll): Coll {
  if (c.length === 1 && isObject(c[0])) {
    descendantsCache ??= new WeakMap();
    let found = descendantsCache.get(c[0]);
    if (!found) {
      descendantsCache.set(c[0], (found = collectDescendants(c)));
      (derived ??= new WeakMap()).set(found, new Map());
    }
    return found;
  }
  return collectDescendants(c);
}

function collectDescendants(c: Coll): Coll {
  // Level by level: the children of each item in turn, appended behind the items.
  const out: unknown[] = [];
  for (const item of c) childrenInto(out, item);
  for (let i = 0; i < out.length; i++) childrenInto(out, out[i]);
  return out;
}

/**
 * The FHIRPath functions and operators that the compiled invariants
 * (`generated/invariants/*.ts`, from scripts/fhirpath-compile.ts) call. A collection is an array
 * of JSON values: a primitive is its JSON value, a complex element its object. Empty collections
 * propagate as the FHIRPath specification says; a boolean result is `[true]`, `[false]` or `[]`.
 * Pure functions, no state, nothing evaluated from strings.
 */
import { compareFhirDates } from './dates.ts';

/** A FHIRPath collection. */
export type Coll = readonly unknown[];

const T: Coll = [true];
const F: Coll = [false];
const E: Coll = [];
const bool = (b: boolean): Coll => (b ? T : F);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The single boolean of `c` (`undefined` for an empty collection). */
function single(c: Coll): unknown {
  return c.length === 1 ? c[0] : c.length === 0 ? undefined : true;
}

function push(out: unknown[], v: unknown): void {
  if (v === undefined || v === null) return;
  if (Array.isArray(v)) {
    for (const x of v) if (x !== null && x !== undefined) out.push(x);
  } else out.push(v);
}

/** `c.name`: the element `name` of every item. */
export function child(c: Coll, name: string): Coll {
  if (c.length === 1) return get(c[0], name);
  if (derived.has(c)) return memo(c, `.${name}`, () => childOf(c, name));
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

/** `x.name` for a single item `x` (what `child([x], name)` gives, without the array). */
export function get(x: unknown, name: string): Coll {
  if (!isObject(x)) return E;
  const v = x[name];
  if (v === undefined || v === null) {
    // A primitive with no value but an extension (`_end`) still exists; `hasValue()` is false.
    const ext = x[under(name)];
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

/** `x.name.empty()` for a single item `x`. */
export const lacks = (x: unknown, name: string): Coll => not(has(x, name));

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

/** `c.ofType(string)` on untyped JSON: the items whose JavaScript type fits the primitive. */
export function ofJs(c: Coll, js: 'string' | 'number' | 'boolean'): Coll {
  if (derived.has(c)) return memo(c, js, () => c.filter((v) => typeof v === js));
  return c.filter((v) => typeof v === js);
}

/** `is(Type)`: empty for an empty input, else whether the items of that type are there. */
export const is = (input: Coll, ofType: Coll): Coll => (input.length ? bool(ofType.length > 0) : E);

/** `exists()`. */
export const exists = (c: Coll): Coll => bool(c.length > 0);
/** `empty()`. */
export const empty = (c: Coll): Coll => bool(c.length === 0);
/** `count()`. */
export const count = (c: Coll): Coll => [c.length];
/** `first()`. */
export const first = (c: Coll): Coll => (c.length ? [c[0]] : E);
/** `last()`. */
export const last = (c: Coll): Coll => (c.length ? [c[c.length - 1]] : E);
/** `hasValue()`: a single primitive with a value (JSON primitives always have one). */
export const hasValue = (c: Coll): Coll => bool(c.length === 1 && !isObject(c[0]));

/** `not()`. */
export function not(c: Coll): Coll {
  const v = single(c);
  return v === undefined ? E : bool(v !== true);
}

/** Deep equality of two JSON values (FHIRPath `=` on complex types compares member by member). */
function same(a: unknown, b: unknown): boolean {
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

/** `a = b`. */
export function eq(a: Coll, b: Coll): Coll {
  if (!a.length || !b.length) return E;
  if (a.length !== b.length) return F;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (typeof x === 'string' && typeof y === 'string' && x !== y) {
      const d = compareFhirDates(x, y);
      if (d === null) return E;
      if (d !== undefined) return bool(d === 0);
    }
    if (!same(x, y)) return F;
  }
  return T;
}

/** `a ~ b`: equality ignoring case and surrounding white space of strings. */
export function equiv(a: Coll, b: Coll): Coll {
  if (!a.length && !b.length) return T;
  if (a.length !== b.length) return F;
  const norm = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v);
  return bool(a.every((x, i) => same(norm(x), norm(b[i]))));
}

/**
 * The order of two singletons: numbers, strings (dates and times with partial precision, see
 * `compareFhirDates`) and quantities with the same unit. `undefined` when not comparable.
 */
function order(a: Coll, b: Coll): number | undefined {
  if (a.length !== 1 || b.length !== 1) return undefined;
  let x = a[0];
  let y = b[0];
  if (isObject(x) && isObject(y)) {
    // Quantities: compare the values when the units are the same.
    const ux = x.code ?? x.unit;
    const uy = y.code ?? y.unit;
    if (ux !== uy || (x.code !== undefined && x.system !== y.system)) return undefined;
    x = x.value;
    y = y.value;
  }
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'string' && typeof y === 'string') {
    const d = compareFhirDates(x, y);
    if (d === null) return undefined;
    if (d !== undefined) return d;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return undefined;
}

const compare =
  (test: (n: number) => boolean) =>
  (a: Coll, b: Coll): Coll => {
    const n = order(a, b);
    return n === undefined ? E : bool(test(n));
  };
/** `a < b`. */
export const lt = compare((n) => n < 0);
/** `a <= b`. */
export const le = compare((n) => n <= 0);
/** `a > b`. */
export const gt = compare((n) => n > 0);
/** `a >= b`. */
export const ge = compare((n) => n >= 0);

/** `a and b` (three-valued; `b` is evaluated only when needed). */
export function and(a: Coll, b: () => Coll): Coll {
  const x = single(a);
  if (x === false) return F;
  const y = single(b());
  if (y === false) return F;
  return x === undefined || y === undefined ? E : T;
}

/** `a or b` (three-valued). */
export function or(a: Coll, b: () => Coll): Coll {
  const x = single(a);
  if (x === true) return T;
  const y = single(b());
  if (y === true) return T;
  return x === undefined || y === undefined ? E : F;
}

/** `a xor b`. */
export function xor(a: Coll, b: Coll): Coll {
  const x = single(a);
  const y = single(b);
  return x === undefined || y === undefined ? E : bool(x !== y);
}

/** `a implies b`. */
export function implies(a: Coll, b: () => Coll): Coll {
  const x = single(a);
  if (x === false) return T;
  const y = single(b());
  if (y === true) return T;
  if (x === undefined) return E;
  return y === undefined ? E : F;
}

/** A key equal for `same` values: the value itself for primitives, canonical JSON for objects. */
function keyOf(v: unknown): unknown {
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

/** `a | b`: the union without duplicates (linear: hashed by `keyOf`). */
export function union(a: Coll, b: Coll): Coll {
  const seen = new Set<unknown>();
  const out: unknown[] = [];
  for (const list of [a, b]) {
    for (const v of list) {
      const k = keyOf(v);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(v);
      }
    }
  }
  return out;
}

/** `a & b`: string concatenation, an empty side counting as ''. */
export function concat(a: Coll, b: Coll): Coll {
  return [String(a[0] ?? '') + String(b[0] ?? '')];
}

/** `a + b` on numbers or strings. */
export function plus(a: Coll, b: Coll): Coll {
  if (a.length !== 1 || b.length !== 1) return E;
  const [x, y] = [a[0], b[0]];
  if (typeof x === 'number' && typeof y === 'number') return [x + y];
  if (typeof x === 'string' && typeof y === 'string') return [x + y];
  return E;
}

const arith = (op: (x: number, y: number) => number) => (a: Coll, b: Coll) =>
  a.length === 1 && b.length === 1 && typeof a[0] === 'number' && typeof b[0] === 'number'
    ? [op(a[0], b[0])]
    : E;
/** `a - b`. */
export const minus = arith((x, y) => x - y);
/** `a * b`. */
export const times = arith((x, y) => x * y);
/** Unary minus. */
export const negate = (c: Coll): Coll => (typeof c[0] === 'number' ? [-c[0]] : E);

/** `a in b` (and `b contains a`): membership of a single item. */
export function member(a: Coll, b: Coll): Coll {
  if (!a.length) return E;
  if (a.length > 1) return F;
  const x = a[0];
  if (typeof x !== 'object') return bool(b.includes(x));
  return bool(b.some((v) => same(v, x)));
}

/** `a in (b1 | b2 | …)`: membership in any of the operands, without building the union. */
export function memberOfAny(a: Coll, bs: readonly Coll[]): Coll {
  if (!a.length) return E;
  if (a.length > 1) return F;
  return bool(bs.some((b) => member(a, b)[0] === true));
}

/** `where(criteria)`. */
export function where(c: Coll, test: (x: unknown) => Coll): Coll {
  return c.filter((x) => single(test(x)) === true);
}

/** `select(projection)`. */
export function select(c: Coll, project: (x: unknown) => Coll): Coll {
  const out: unknown[] = [];
  for (const x of c) out.push(...project(x));
  return out;
}

/** `all(criteria)`. */
export function all(c: Coll, test: (x: unknown) => Coll): Coll {
  return bool(c.every((x) => single(test(x)) === true));
}

/** `isDistinct()`. */
export function isDistinct(c: Coll): Coll {
  return bool(union(c, E).length === c.length);
}

/** `distinct()`. */
export const distinct = (c: Coll): Coll => union(c, E);
/** `allTrue()`. */
export const allTrue = (c: Coll): Coll => bool(c.every((v) => v === true));
/** `allFalse()`. */
export const allFalse = (c: Coll): Coll => bool(c.every((v) => v === false));
/** `anyTrue()`. */
export const anyTrue = (c: Coll): Coll => bool(c.some((v) => v === true));
/** `anyFalse()`. */
export const anyFalse = (c: Coll): Coll => bool(c.some((v) => v === false));

/** `intersect(other)`. */
export function intersect(a: Coll, b: Coll): Coll {
  return union(
    a.filter((x) => b.some((y) => same(x, y))),
    E,
  );
}

/** `iif(criterion, then, else)`. */
export function iif(c: Coll, then: () => Coll, otherwise: () => Coll): Coll {
  return single(c) === true ? then() : otherwise();
}

const str = (c: Coll): string | undefined =>
  c.length === 1 && typeof c[0] === 'string' ? c[0] : undefined;

/** `toString()`. */
export function toStr(c: Coll): Coll {
  if (c.length !== 1) return E;
  const v = c[0];
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? [String(v)] : E;
}

/** `length()`. */
export const length = (c: Coll): Coll => (str(c) === undefined ? E : [str(c)!.length]);

const stringTest =
  (test: (s: string, arg: string) => boolean) =>
  (c: Coll, arg: Coll): Coll => {
    const s = str(c);
    const a = str(arg);
    return s === undefined || a === undefined ? E : bool(test(s, a));
  };
/** `startsWith(prefix)`. */
export const startsWith = stringTest((s, a) => s.startsWith(a));
/** `endsWith(suffix)`. */
export const endsWith = stringTest((s, a) => s.endsWith(a));
/** `contains(substring)` (the string function). */
export const containsStr = stringTest((s, a) => s.includes(a));

const regexes = new Map<string, RegExp>();
/** `matches(regex)`: the whole string matches (regex literals come from the definitions). */
export const matches = stringTest((s, a) => {
  let re = regexes.get(a);
  if (!re) regexes.set(a, (re = new RegExp(`^(?:${a})$`, 'su')));
  return re.test(s);
});

/** `substring(start[, length])`. */
export function substring(c: Coll, start: Coll, len: Coll): Coll {
  const s = str(c);
  const i = start[0];
  if (s === undefined || typeof i !== 'number' || i < 0 || i >= s.length) return E;
  const n = len[0];
  return [typeof n === 'number' ? s.slice(i, i + n) : s.slice(i)];
}

/** `index[n]`. */
export function index(c: Coll, n: Coll): Coll {
  const i = n[0];
  return typeof i === 'number' && i >= 0 && i < c.length ? [c[i]] : E;
}

/** `extension(url)`. */
export function extension(c: Coll, url: Coll): Coll {
  return child(c, 'extension').filter((e) => isObject(e) && e.url === url[0]);
}

/** `children()`: every child element of every item. */
export function children(c: Coll): Coll {
  const out: unknown[] = [];
  for (const item of c) {
    if (!isObject(item)) continue;
    for (const key in item) if (key !== 'resourceType' && key[0] !== '_') push(out, item[key]);
  }
  return out;
}

let descendantsCache = new WeakMap<object, Coll>();
/** The cached `descendants()` collections, and what was computed from them, for this check. */
let derived = new WeakMap<Coll, Map<string, Coll>>();

function memo(c: Coll, key: string, compute: () => Coll): Coll {
  const results = derived.get(c)!;
  let found = results.get(key);
  if (!found) results.set(key, (found = compute()));
  return found;
}

/**
 * Forget the cached `descendants()` (called at the start of each check: the cache holds for one
 * check of a resource that nothing changes meanwhile).
 */
export function resetCache(): void {
  descendantsCache = new WeakMap();
  derived = new WeakMap();
}

/** `descendants()`: children, recursively (cached per element for the current check). */
export function descendants(c: Coll): Coll {
  if (c.length === 1 && isObject(c[0])) {
    let found = descendantsCache.get(c[0]);
    if (!found) {
      descendantsCache.set(c[0], (found = collectDescendants(c)));
      derived.set(found, new Map());
    }
    return found;
  }
  return collectDescendants(c);
}

function collectDescendants(c: Coll): Coll {
  const out: unknown[] = [];
  let level = children(c);
  while (level.length) {
    out.push(...level);
    level = children(level);
  }
  return out;
}

/** Whether an invariant's result lets the element pass: only a single `false` fails it. */
export function passes(c: Coll): boolean {
  return !(c.length === 1 && c[0] === false);
}

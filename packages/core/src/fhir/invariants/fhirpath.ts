/**
 * The FHIRPath functions and operators that the compiled invariants
 * (`generated/invariants/*.ts`, from scripts/fhirpath-compile.ts) call. A collection is an array
 * of JSON values: a primitive is its JSON value, a complex element its object. Empty collections
 * propagate as the FHIRPath specification says; a boolean result is `[true]`, `[false]` or `[]`.
 * Pure functions (navigation in `navigation.ts`), nothing evaluated from strings.
 */
import { compareFhirDates } from './dates.ts';
import { bool, E, F, isObject, keyOf, same, single, T, type Coll } from './values.ts';

export * from './navigation.ts';
export type { Coll } from './values.ts';

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

/** Whether an invariant's result lets the element pass: only a single `false` fails it. */
export function passes(c: Coll): boolean {
  return !(c.length === 1 && c[0] === false);
}

/*
 * The boolean mode of the compiled invariants (scripts/fhirpath-compile.ts): the logic works on
 * single values (`single` of a collection: `true`, `false`, `undefined` for empty, …) with plain
 * JavaScript operators; these helpers are its collection functions.
 */

export { single } from './values.ts';

/** A boolean operator's single value (`true`, `false` or `undefined`) as a collection. */
export const fromB = (v: unknown): Coll => (v === undefined ? E : v ? T : F);

/** `exists()` as a boolean. */
export const existsB = (c: Coll): boolean => c.length > 0;

/** `hasValue()` as a boolean. */
export const hasValueB = (c: Coll): boolean => c.length === 1 && !isObject(c[0]);

/** `exists(criteria)` and `where(criteria).exists()`: stops at the first item that passes. */
export function some(c: Coll, test: (x: unknown) => unknown): boolean {
  for (let i = 0; i < c.length; i++) if (test(c[i]) === true) return true;
  return false;
}

/** `all(criteria)`: stops at the first item that does not pass. */
export function every(c: Coll, test: (x: unknown) => unknown): boolean {
  for (let i = 0; i < c.length; i++) if (test(c[i]) !== true) return false;
  return true;
}

/** `where(criteria)`, the criteria giving single values. */
export function whereB(c: Coll, test: (x: unknown) => unknown): Coll {
  if (!c.length) return E;
  const out: unknown[] = [];
  for (let i = 0; i < c.length; i++) if (test(c[i]) === true) out.push(c[i]);
  return out;
}

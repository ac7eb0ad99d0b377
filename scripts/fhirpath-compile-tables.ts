/**
 * The tables and the source-level rewrites of the FHIRPath compiler (scripts/fhirpath-compile.ts):
 * which helper each function and operator calls, the `%variables`, which sub-expressions depend
 * on no focus (lifted out of lambdas), and the peephole rewrites of the output.
 */
import {
  AndAtom,
  DotAtom,
  EqualsAtom,
  FunctionAtom,
  LiteralAtom,
  NotEqualsAtom,
  OrAtom,
  SymbolAtom,
  UnionAtom,
  type Atom,
} from '@medplum/core';

/** FHIR primitive type names, by the JavaScript type of their JSON value. */
export const PRIMITIVE_JS: Record<string, 'string' | 'number' | 'boolean'> = {
  boolean: 'boolean',
  integer: 'number',
  decimal: 'number',
  positiveInt: 'number',
  unsignedInt: 'number',
  ...Object.fromEntries(
    [
      'string',
      'uri',
      'url',
      'canonical',
      'code',
      'id',
      'oid',
      'uuid',
      'markdown',
      'base64Binary',
      'date',
      'dateTime',
      'instant',
      'time',
    ].map((n) => [n, 'string' as const]),
  ),
};

/** The helpers of the functions without arguments. */
export const FUNCTIONS_0: Record<string, string> = {
  empty: 'f.empty',
  not: 'f.not',
  count: 'f.count',
  first: 'f.first',
  last: 'f.last',
  hasValue: 'f.hasValue',
  isDistinct: 'f.isDistinct',
  distinct: 'f.distinct',
  allTrue: 'f.allTrue',
  allFalse: 'f.allFalse',
  anyTrue: 'f.anyTrue',
  anyFalse: 'f.anyFalse',
  toString: 'f.toStr',
  children: 'f.children',
  descendants: 'f.descendants',
  length: 'f.length',
};

/** The helpers of the comparison operators. */
export const COMPARE: Record<string, string> = {
  '<': 'f.lt',
  '<=': 'f.le',
  '>': 'f.gt',
  '>=': 'f.ge',
};

/** The helpers of the arithmetic operators. */
export const ARITH: Record<string, string> = { '+': 'f.plus', '-': 'f.minus', '*': 'f.times' };

/** The sources of the `%variables` (`t`, `r`, `rr`: see fhirpath-compile.ts). */
export const VARIABLES: Record<string, string> = {
  '%resource': '[r]',
  '%rootResource': '[rr]',
  '%context': '[t]',
  '%ucum': "['http://unitsofmeasure.org']",
};

/** `name` with its first letter upper case (`value` → `Value`). */
export const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Whether `atom` reads a `%variable` (so it is worth lifting out of a lambda). */
export function usesVariable(atom: Atom): boolean {
  if (atom instanceof SymbolAtom) return atom.name.startsWith('%');
  const { left, right } = atom as unknown as { left?: Atom; right?: Atom };
  return (!!left && usesVariable(left)) || (!!right && usesVariable(right));
}

/**
 * Whether `atom` depends on no focus: literals, `%variables` and navigation or literal-argument
 * functions on them, and operators over such operands.
 */
export function independent(atom: Atom): boolean {
  if (atom instanceof LiteralAtom) return true;
  if (atom instanceof SymbolAtom) return atom.name.startsWith('%') && atom.name in VARIABLES;
  if (atom instanceof DotAtom) {
    const right = atom.right;
    const step =
      (right instanceof SymbolAtom && !right.name.startsWith('$') && !right.name.startsWith('%')) ||
      (right instanceof FunctionAtom && right.args.every((a) => a instanceof LiteralAtom));
    return step && independent(atom.left);
  }
  if (
    atom instanceof AndAtom ||
    atom instanceof OrAtom ||
    atom instanceof EqualsAtom ||
    atom instanceof NotEqualsAtom ||
    atom instanceof UnionAtom
  )
    return independent(atom.left) && independent(atom.right);
  return false;
}

/**
 * Cheaper forms of the commonest shapes, with the same results: a child of a single variable
 * without wrapping it in an array first, and `exists()`/`empty()` of it without building the
 * collection.
 */
export function peephole(source: string, booleans = false): string {
  const out = source
    .replace(/f\.child\(\[(t|r|rr|x\d+)\], ("[^"\\]*")\)/g, 'f.get($1, $2)')
    .replace(/f\.ofJs\(\[(t|r|rr|x\d+)\], ("[^"\\]*")\)/g, 'f.ofJs1($1, $2)')
    .replace(/f\.exists\(f\.get\((\w+), ("[^"\\]*")\)\)/g, 'f.has($1, $2)')
    .replace(/f\.empty\(f\.get\((\w+), ("[^"\\]*")\)\)/g, 'f.lacks($1, $2)');
  if (!booleans) return out;
  // The boolean mode's single values of a single item's child, without the collection.
  return (
    out
      .replace(/f\.existsB\(f\.get\((\w+), ("[^"\\]*")\)\)/g, 'f.hasB($1, $2)')
      .replace(/f\.hasValueB\(f\.get\((\w+), ("[^"\\]*")\)\)/g, 'f.hasValue1($1, $2)')
      .replace(/f\.choice\(\[(t|r|rr|x\d+)\], ("[^"\\]*")\)/g, 'f.choice1($1, $2)')
      .replace(/f\.single\(f\.has\((\w+), ("[^"\\]*")\)\)/g, 'f.hasB($1, $2)')
      .replace(/f\.single\(f\.lacks\((\w+), ("[^"\\]*")\)\)/g, '!f.hasB($1, $2)')
      // `_name` written once, not looked up per call.
      .replace(/f\.(get|hasB)\((\w+), "([^"\\]*)"\)/g, 'f.$1($2, "$3", "_$3")')
  );
}

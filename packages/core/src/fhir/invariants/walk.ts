/**
 * The run-time walk of the invariant check: one pass over a resource, typed by the generated
 * walk tables, that applies each type's compiled invariants to every element of that type (per-1
 * to every Period, qty-3 to every Quantity, …), the property-level ones to each item of their
 * property, and ele-1 to every element. Contained resources and Bundle entries are checked
 * against their own type, with `%resource` and `%rootResource` as FHIRPath defines them.
 */
import type { ValidationIssue } from '../../errors.ts';
import { rulesOf, type Invariant, type Rules } from './table.ts';
import { messageVi } from './messages.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function report(
  issues: ValidationIssue[],
  path: string,
  key: string,
  [severity, human]: Invariant,
): void {
  issues.push({
    path,
    code: 'invariant',
    severity,
    message: `${human} (${key}).`,
    messageVi: messageVi(key),
    key,
  });
}

const ELE_1: Invariant = [
  'error',
  'All FHIR elements must have a @value or children',
  () => true, // tested inline by `hasContent`
];

/** ele-1 on a complex element: something besides `id` (FHIRPath: `children().count() > id.count()`). */
function hasContent(value: Json): boolean {
  for (const key in value) if (key !== 'id' && value[key] !== undefined) return true;
  return false;
}

/**
 * ele-1 on the primitives' extension objects (`_birthDate`, `_given[1]`): each needs the value
 * itself or an extension.
 */
function checkPrimitiveElements(value: Json, path: string, issues: ValidationIssue[]): void {
  for (const key in value) {
    if (key.charCodeAt(0) !== 95) continue; // '_'
    const name = key.slice(1);
    const ext = value[key];
    const own = value[name];
    const items = Array.isArray(ext) ? ext : [ext];
    items.forEach((item: unknown, i) => {
      if (!isObject(item)) return;
      const present = Array.isArray(own) ? own[i] != null : own != null;
      if (!present && !Array.isArray(item.extension))
        report(
          issues,
          Array.isArray(ext) ? `${path}.${name}[${i}]` : `${path}.${name}`,
          'ele-1',
          ELE_1,
        );
    });
  }
}

/**
 * Check `value` (an element of type `type` at `path`) and everything under it. `r` is the
 * resource that holds it, `rr` the root resource.
 */
export function visit(
  value: Json,
  type: string,
  path: string,
  r: Json,
  rr: Json,
  issues: ValidationIssue[],
): void {
  const rules = rulesOf(type);
  if (!rules) return;
  for (const entry of rules.self) {
    if (!entry[1][2](value, r, rr)) report(issues, path, entry[0], entry[1]);
  }
  let primitiveElements = false;
  for (const prop in value) {
    const child = rules.children.get(prop);
    if (!child) {
      if (prop.charCodeAt(0) === 95) primitiveElements = true; // '_birthDate'
      continue;
    }
    const v = value[prop];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (isObject(item))
          element(item, child[0], `${path}.${prop}[${i}]`, child[1], r, rr, issues);
      }
    } else if (isObject(v)) element(v, child[0], `${path}.${prop}`, child[1], r, rr, issues);
  }
  if (primitiveElements) checkPrimitiveElements(value, path, issues);
}

/** One item of a property: its property-level invariants, then the item itself. */
function element(
  item: Json,
  itemType: string,
  at: string,
  propRules: Rules | undefined,
  r: Json,
  rr: Json,
  issues: ValidationIssue[],
): void {
  if (propRules)
    for (const entry of propRules) {
      if (!entry[1][2](item, r, rr)) report(issues, at, entry[0], entry[1]);
    }
  if (itemType === 'Resource') {
    // A contained resource's root is its container; a Bundle entry's is itself.
    const contained = at.endsWith(']') && at.slice(0, at.lastIndexOf('[')).endsWith('.contained');
    checkResourceAt(item, at, contained ? rr : item, issues);
    return;
  }
  if (!hasContent(item)) report(issues, at, 'ele-1', ELE_1);
  visit(item, itemType, at, r, rr, issues);
}

/** Check a resource found at `path` (`Bundle.entry[0].resource`), its root resource being `rr`. */
export function checkResourceAt(
  resource: Json,
  path: string,
  rr: Json,
  issues: ValidationIssue[],
): void {
  const type = resource.resourceType;
  if (typeof type !== 'string') return;
  visit(resource, type, path, resource, rr, issues);
}

/**
 * The run-time walk of the invariant check: one pass over a resource, typed by the generated
 * walk tables, that applies each type's compiled invariants to every element of that type (per-1
 * to every Period, qty-3 to every Quantity, …), the property-level ones to each item of their
 * property, and ele-1 to every element. Contained resources and Bundle entries are checked
 * against their own type, with `%resource` and `%rootResource` as FHIRPath defines them.
 */
import type { ValidationIssue } from '../../errors.ts';
import { rulesOf, type Child, type Invariant, type Rules, type TypeRules } from './table.ts';
import { messageVi } from './messages.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The path of the element being visited, as a stack of segments (a property and its index, or
 * -1 for a single value), joined only when an issue is reported.
 */
class Path {
  readonly props: string[] = [];
  readonly indexes: number[] = [];
  readonly root: string;
  constructor(root: string) {
    this.root = root;
  }
  push(prop: string, index: number): void {
    this.props.push(prop);
    this.indexes.push(index);
  }
  pop(): void {
    this.props.pop();
    this.indexes.pop();
  }
  /** `Patient.identifier[1].period`, with `extra` (`.birthDate`) appended. */
  toString(extra = ''): string {
    let out = this.root;
    for (let k = 0; k < this.props.length; k++) {
      const i = this.indexes[k]!;
      out += i < 0 ? `.${this.props[k]}` : `.${this.props[k]}[${i}]`;
    }
    return out + extra;
  }
}

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
    message: `${human.replace(/\.$/, '')} (${key}).`,
    messageVi: messageVi(key),
    key,
  });
}

const ELE_1: Invariant = [
  'error',
  'All FHIR elements must have a @value or children',
  () => true, // tested inline by `hasContent`
];

/**
 * ele-1 on the primitives' extension objects (`_birthDate`, `_given[1]`): each needs the value
 * itself or an extension.
 */
function checkPrimitiveElements(value: Json, path: Path, issues: ValidationIssue[]): void {
  for (const key in value) {
    if (key.charCodeAt(0) !== 95) continue; // '_'
    const ext = value[key];
    if (Array.isArray(ext)) {
      let own: unknown;
      for (let i = 0; i < ext.length; i++) {
        const item: unknown = ext[i];
        if (!isObject(item) || Array.isArray(item.extension)) continue;
        own ??= value[key.slice(1)];
        const present = Array.isArray(own) ? own[i] != null : own != null;
        if (!present) report(issues, path.toString(`.${key.slice(1)}[${i}]`), 'ele-1', ELE_1);
      }
    } else if (isObject(ext) && !Array.isArray(ext.extension)) {
      const own = value[key.slice(1)];
      if (Array.isArray(own) ? own[0] == null : own == null)
        report(issues, path.toString(`.${key.slice(1)}`), 'ele-1', ELE_1);
    }
  }
}

/** ele-1 on an element of a type without rules (see `visit`). */
function hasContent(value: Json): boolean {
  for (const key in value) if (key !== 'id' && value[key] !== undefined) return true;
  return false;
}

/** One resource's walk: where it is, its `%resource` and `%rootResource`, the issues found. */
interface Walk {
  path: Path;
  r: Json;
  rr: Json;
  issues: ValidationIssue[];
}

/** Evaluate `rules` on `value` (at `walk.path`), reporting each that fails. */
function apply(rules: Rules, value: Json, walk: Walk): void {
  for (let i = 0; i < rules.length; i++) {
    const [key, invariant] = rules[i]!;
    if (!invariant[2](value, walk.r, walk.rr))
      report(walk.issues, walk.path.toString(), key, invariant);
  }
}

/**
 * Check `value` (an element of the type of `rules`, at `walk.path`) and everything under it.
 * Returns whether it has content for ele-1: something besides `id` (FHIRPath:
 * `children().count() > id.count()`), seen in the same pass over its properties.
 */
function visit(value: Json, rules: TypeRules, walk: Walk): boolean {
  if (rules.self.length) apply(rules.self, value, walk);
  let primitiveElements = false;
  let content = false;
  for (const prop in value) {
    const v = value[prop];
    if (!content && v !== undefined && prop !== 'id') content = true;
    // A primitive value has nothing to walk (its `_name` object is an object).
    if (typeof v !== 'object' || v === null) continue;
    const child = rules.children[prop];
    if (!child) {
      if (prop.charCodeAt(0) === 95) primitiveElements = true; // '_birthDate'
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (isObject(item)) element(item, prop, i, child, walk);
      }
    } else if (isObject(v)) element(v, prop, -1, child, walk);
  }
  if (primitiveElements) checkPrimitiveElements(value, walk.path, walk.issues);
  return content;
}

/** One item of a property: its property-level invariants, then the item itself. */
function element(item: Json, prop: string, index: number, child: Child, walk: Walk): void {
  walk.path.push(prop, index);
  const propRules = child.rules;
  if (propRules) apply(propRules, item, walk);
  if (child.type === 'Resource') {
    // A contained resource's root is its container; a Bundle entry's is itself.
    const type = item.resourceType;
    const rules = typeof type === 'string' ? rulesOf(type) : undefined;
    if (rules)
      visit(item, rules, {
        path: walk.path,
        r: item,
        rr: prop === 'contained' ? walk.rr : item,
        issues: walk.issues,
      });
  } else {
    const rules = (child.typeRules ??= rulesOf(child.type));
    // ele-1 is reported first, before what the element's own invariants report.
    const at = walk.issues.length;
    if (!(rules ? visit(item, rules, walk) : hasContent(item))) {
      const found = walk.issues.splice(at);
      report(walk.issues, walk.path.toString(), 'ele-1', ELE_1);
      for (const issue of found) walk.issues.push(issue);
    }
  }
  walk.path.pop();
}

/**
 * Check a resource found at `path` (`Patient`, `Bundle.entry[0].resource`) and everything in
 * it, its root resource being `rr` (itself, or the container of a contained resource).
 */
export function checkResourceAt(
  resource: Json,
  path: string,
  rr: Json,
  issues: ValidationIssue[],
): void {
  const type = resource.resourceType;
  const rules = typeof type === 'string' ? rulesOf(type) : undefined;
  if (rules) visit(resource, rules, { path: new Path(path), r: resource, rr, issues });
}

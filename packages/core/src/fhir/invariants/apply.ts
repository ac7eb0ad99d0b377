/**
 * How the invariants are applied and reported at an element, for the `full` level's walk
 * (`full-walk.ts`, typed by the generated walk tables): a type's compiled invariants on each
 * element of that type (per-1 on every Period, qty-3 on every Quantity, …), a property's on each
 * of its items, and ele-1 on every element and on the primitives' extension objects.
 */
import type { ValidationIssue } from '../../errors.ts';
import { messageVi } from './messages.ts';
import type { Invariant, Rules } from './table.ts';
import { isObject } from './values.ts';

type Json = Record<string, unknown>;

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
  () => true, // tested by the walk, which sees every key
];

/**
 * Evaluate `rules` on `value` (at `path()`, `%resource` `r`, `%rootResource` `rr`), reporting
 * each that fails.
 */
export function apply(
  rules: Rules,
  value: Json,
  r: Json,
  rr: Json,
  path: () => string,
  issues: ValidationIssue[],
): void {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    const invariant = rule[1];
    if (!invariant[2](value, r, rr)) report(issues, path(), rule[0], invariant);
  }
}

/**
 * Report ele-1 at `path` for an element without content, before the issues its own invariants
 * reported (those from `mark` on).
 */
export function ele1(issues: ValidationIssue[], mark: number, path: string): void {
  const found = issues.splice(mark);
  report(issues, path, 'ele-1', ELE_1);
  for (const issue of found) issues.push(issue);
}

/**
 * ele-1 on the primitives' extension objects of `value` (`_birthDate`, `_given[1]`): each needs
 * the value itself or an extension.
 */
export function primitiveElements(
  value: Json,
  path: () => string,
  issues: ValidationIssue[],
): void {
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
        if (!present) report(issues, `${path()}.${key.slice(1)}[${i}]`, 'ele-1', ELE_1);
      }
    } else if (isObject(ext) && !Array.isArray(ext.extension)) {
      const own = value[key.slice(1)];
      if (Array.isArray(own) ? own[0] == null : own == null)
        report(issues, `${path()}.${key.slice(1)}`, 'ele-1', ELE_1);
    }
  }
}

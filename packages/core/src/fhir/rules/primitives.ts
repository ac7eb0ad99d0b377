/**
 * Primitive extensions (R4 json.html, "JSON representation of primitive elements"). The
 * structure check already holds most of the rule: `_element` only beside a primitive, Element
 * objects with only `id` and `extension`, `_given` an array of the same length as `given`, `null`
 * on one side only where the other holds a value. What it leaves is an `_element` array that
 * carries nothing: all `null`, where the rule is to leave the array out.
 */
import type { ValidationIssue } from '../../errors.ts';
import { report } from './report.ts';

/** Check the `_element` value `ext`; `path` spells where it is (`Patient.name[0]._given`). */
export function checkPrimitiveExtensions(
  ext: unknown,
  path: () => string,
  issues: ValidationIssue[],
): void {
  if (!Array.isArray(ext) || !ext.every((e) => e === null)) return;
  report(
    issues,
    path(),
    'primitive-extension',
    'Every entry of this array is null: with no id or extension to carry, leave the array out.',
    'Mọi phần tử của mảng này đều là null: khi không có id hay extension nào, hãy bỏ mảng này.',
    undefined,
    'warning',
  );
}

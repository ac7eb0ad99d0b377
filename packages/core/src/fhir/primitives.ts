/**
 * The FHIR R4 primitive formats as the structure check tests them: each equal to the primitive's
 * R4 regex over the JSON value, most without running the regex (a search for what a pattern
 * rejects, number tests, a trimmed `<div>`); structure.test.ts holds them to the regexes.
 */
import { PRIMITIVES } from './generated/model.ts';

/** The R4 regex of a primitive type, anchored (`xhtml`: a `<div>` element). */
export function primitivePattern(type: string): RegExp | undefined {
  const source = type === 'xhtml' ? '\\s*<div[\\s>][\\s\\S]*</div>\\s*' : PRIMITIVES[type];
  return source ? new RegExp(`^(?:${source})$`) : undefined;
}

/**
 * `primitivePattern` without capture groups (the patterns have no back-references, so `test`
 * gives the same answer), which V8 runs faster.
 */
const uncaptured = (type: string) => {
  const re = primitivePattern(type);
  return re && new RegExp(re.source.replace(/(?<!\\)\((?!\?)/g, '(?:'));
};

const isInt = (v: unknown): v is number => Number.isInteger(v) && Math.abs(v as number) < 1e21;

/**
 * What the R4 patterns of `string`/`markdown` (`[ \r\n\t\S]+`), the URI types (`\S*`) and `code`
 * (`[^\s]+(\s[^\s]+)*`) reject, as one search each: a space other than those four; any space;
 * a space at either end or two in a row.
 */
const NOT_STRING = /[\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;
const NOT_URI = /\s/;
const NOT_CODE = /^\s|\s\s|\s$/;

/** Formats that `hasFormat` tests inline, by number (the walk calls no closure for them). */
const FORMATS: Record<string, number> = {
  string: 1,
  markdown: 1,
  uri: 2,
  url: 2,
  canonical: 2,
  code: 3,
  id: 4,
  boolean: 5,
};

/** The number `hasFormat` knows primitive `type` by, or 0 when its check is a `primitiveCheck` of its own. */
export const formatOf = (type: string): number =>
  Object.hasOwn(FORMATS, type) ? FORMATS[type]! : 0;

/** Whether `v` has format `format` (from `formatOf`, not 0): the check of its primitive types. */
export function hasFormat(format: number, v: unknown): boolean {
  switch (format) {
    case 1:
      return typeof v === 'string' && v.length > 0 && !NOT_STRING.test(v);
    case 2:
      // `uri` may be empty.
      return typeof v === 'string' && !NOT_URI.test(v);
    case 3:
      return typeof v === 'string' && v.length > 0 && !NOT_CODE.test(v);
    case 4:
      return isId(v);
    default:
      return typeof v === 'boolean';
  }
}

/** `id`, `[A-Za-z0-9\-\.]{1,64}`, unit by unit (ids are short; a loop beats a regex call). */
function isId(v: unknown): boolean {
  if (typeof v !== 'string' || v.length < 1 || v.length > 64) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    const letter = c | 32; // A-Z → a-z
    if (!((c >= 48 && c <= 57) || (letter >= 97 && letter <= 122) || c === 45 || c === 46))
      return false;
  }
  return true;
}

/**
 * The check of primitive `type`, equal to its R4 regex over the JSON value. Numbers need no
 * string: a finite number always prints as a `decimal`, and an integer below 1e21 as digits.
 * `xhtml`: the pattern's `<div` … `</div>` read on the trimmed string (no backtracking over a
 * long narrative).
 */
export function primitiveCheck(type: string): (value: unknown) => boolean {
  const format = formatOf(type);
  if (format) return (v) => hasFormat(format, v);
  const re = uncaptured(type);
  switch (type) {
    case 'decimal':
      return Number.isFinite;
    case 'integer':
      return isInt;
    case 'positiveInt':
      return (v) => isInt(v) && v >= 1;
    case 'unsignedInt':
      return (v) => isInt(v) && v >= 0;
    case 'xhtml':
      return (v) => {
        if (typeof v !== 'string') return false;
        const s = v.trim();
        const c = s.charCodeAt(4);
        return (
          s.length > 10 &&
          s.startsWith('<div') &&
          (c === 32 || c === 62 || NOT_URI.test(s[4]!)) &&
          s.endsWith('</div>')
        );
      };
  }
  return re ? (v) => typeof v === 'string' && re.test(v) : (v) => typeof v === 'string';
}

const checks = new Map<string, (value: unknown) => boolean>();

/**
 * Whether `value` has the JSON type and the R4 format of primitive `type`: what
 * `primitiveSchema(type)` accepts, without zod (booleans, finite numbers, strings).
 */
export function isPrimitiveValue(type: string, value: unknown): boolean {
  let check = checks.get(type);
  if (!check) checks.set(type, (check = primitiveCheck(type)));
  return check(value);
}

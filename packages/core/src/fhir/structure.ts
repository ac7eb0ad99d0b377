/**
 * FHIR R4 structural validation: a small interpreter over the generated element tables
 * (`generated/`), with the primitive formats checked by their R4 regexes. It never copies or
 * changes its input. See docs/decisions/0004-fhir-models.md; the tables are split per resource so
 * the client loads only the ones it validates (docs/decisions/0010-bundle-budget.md).
 */
import { config } from 'zod/mini';
import type { ValidationIssue } from '../errors.ts';
import { DATATYPES, PRIMITIVES, RESOURCE_TYPES, type ElementTable } from './generated/model.ts';

/** How a property's value is checked (plain constants: enums are not erasable TypeScript). */
const PRIMITIVE = 0;
const COMPLEX = 1;
/** Any resource, dispatched on its own `resourceType` (`contained`, `Bundle.entry.resource`). */
const ANY_RESOURCE = 2;
/** A resource of one named type (`Bundle.entry.response.outcome`). */
const RESOURCE = 3;

interface Prop {
  /** Element name (without `[x]`), for messages. */
  n: string;
  /** The concrete type code. */
  t: string;
  k: number;
  many: boolean;
  /** The field when it is a choice (shared by all its variants), to find a second variant. */
  choice: Prop[] | undefined;
  /** Allowed codes of a required binding. */
  codes: Set<string> | undefined;
  /** The format check of a primitive. */
  ok: ((value: unknown) => boolean) | undefined;
  /** The model of a complex type, resolved on first use. */
  m: TypeModel | undefined;
  /** The bit of its required element in `TypeModel.all` (0 when optional or past the 31st). */
  bit: number;
}

interface TypeModel {
  /** Required elements: the JSON names (and their `_name`) of which one must be present, the display name, the bit. */
  req: [string[], string, number][];
  /** The bits of all required elements: what an object with every required element sets. */
  all: number;
  /** By JSON name; own properties over a prototype without any (no `toString`, `__proto__`). */
  props: Record<string, Prop | undefined>;
  /** Extension: ext-1 applies. */
  ext: boolean;
}

const INHERITED: Record<string, string> = {
  R: 'id?id,meta?Meta,implicitRules?uri,language?code,text?Narrative,contained*Resource,extension*Extension,modifierExtension*Extension',
  r: 'id?id,meta?Meta,implicitRules?uri,language?code',
  E: 'id?string,extension*Extension',
  B: 'id?string,extension*Extension,modifierExtension*Extension',
};
const SUPPORTED = new Set<string>(RESOURCE_TYPES);
/** Type name → its spec and the code lists of the table it came from; the datatypes from the start. */
const specs = new Map<string, [string, readonly string[]]>(
  Object.entries(DATATYPES.types).map(([name, spec]) => [name, [spec, DATATYPES.codes]]),
);
const models = new Map<string, TypeModel>();
/** The prototype of `TypeModel.props`: plain objects (fast lookups) that inherit nothing. */
const NOTHING = Object.create(null) as object;
const upper = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const isPrimitiveType = (type: string) => type in PRIMITIVES || type === 'xhtml';

/** Make the types of an element table known to the validator (idempotent). */
export function registerTable(table: ElementTable): void {
  for (const [name, spec] of Object.entries(table.types)) specs.set(name, [spec, table.codes]);
}

/** Whether the element table of resource type `type` is registered. */
export const hasTable = (type: string): boolean => specs.has(type);

function model(type: string): TypeModel {
  let m = models.get(type);
  if (!m) {
    const [spec, codeLists] = specs.get(type) ?? ['E', []];
    const req: TypeModel['req'] = [];
    const props = Object.create(NOTHING) as TypeModel['props'];
    let all = 0;
    for (const part of (INHERITED[spec[0]!] + ',' + spec.slice(1)).split(',')) {
      const match = /^(\w+)(\[x\])?([?!*+])([\w|]+)(?:=(\d+))?$/.exec(part);
      if (!match) continue;
      const [, n, choice, card, types, codes] = match as unknown as string[];
      const required = card === '!' || card === '+';
      // Presence of required elements is a bit per element, set while walking the keys.
      const bit = required && req.length < 31 ? 1 << req.length : 0;
      all |= bit;
      const variants: Prop[] = [];
      const names: string[] = [];
      for (const t of types!.split('|')) {
        const k = isPrimitiveType(t)
          ? PRIMITIVE
          : t === 'Resource'
            ? ANY_RESOURCE
            : SUPPORTED.has(t)
              ? RESOURCE
              : COMPLEX;
        // Every field set, in one order: one hidden class for all props keeps the walk's reads fast.
        const prop: Prop = {
          n: n!,
          t,
          k,
          many: card === '*' || card === '+',
          choice: choice ? variants : undefined,
          codes: codes ? new Set(codeLists[+codes]!.split(' ')) : undefined,
          ok: k === PRIMITIVE ? primitiveCheck(t) : undefined,
          m: undefined,
          bit,
        };
        const name = choice ? n + upper(t) : n!;
        variants.push(prop);
        names.push(name, '_' + name);
        props[name] = prop;
      }
      if (required) req.push([names, choice ? n + '[x]' : n!, bit]);
    }
    models.set(type, (m = { req, all, props, ext: type === 'Extension' }));
  }
  return m;
}

/** What the `full` level's rules read of an element: its name, its concrete type, how it is checked. */
export interface ElementInfo {
  /** Element name (without `[x]`). */
  readonly n: string;
  /** The concrete type code (`Quantity`, `code`, a backbone's `PatientContact`). */
  readonly t: string;
  /** 0 primitive, 1 complex, 2 any resource, 3 a resource of type `t`. */
  readonly k: number;
  readonly many: boolean;
  /** Set when the element is a choice (`value[x]`). */
  readonly choice: unknown;
}

/** The element of `type` (a registered resource, datatype or backbone) whose JSON name is `key`. */
export const elementOf = (type: string, key: string): ElementInfo | undefined =>
  model(type).props[key];

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
const SEARCH: Record<string, RegExp> = {
  string: NOT_STRING,
  markdown: NOT_STRING,
  uri: NOT_URI,
  url: NOT_URI,
  canonical: NOT_URI,
  code: NOT_CODE,
};

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
function primitiveCheck(type: string): (value: unknown) => boolean {
  const re = uncaptured(type);
  if (Object.hasOwn(SEARCH, type)) {
    const not = SEARCH[type]!;
    // `uri` may be empty; the others need one character.
    return (v) => typeof v === 'string' && (v.length > 0 || not === NOT_URI) && !not.test(v);
  }
  switch (type) {
    case 'id':
      return isId;
    case 'boolean':
      return (v) => typeof v === 'boolean';
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

/** English and Vietnamese message templates by issue code; `%` is replaced by the detail. */
const MESSAGES: Record<string, [string, string]> = {
  'invalid-type': ['Expected %.', 'Cần %.'],
  'invalid-format': ['Not a valid FHIR %.', 'Không phải giá trị FHIR % hợp lệ.'],
  required: ['Required element % is missing.', 'Thiếu phần tử bắt buộc %.'],
  cardinality: ['Expected %.', 'Cần %.'],
  empty: [
    'Empty values (%) are not allowed in FHIR JSON; leave the element out.',
    'FHIR JSON không cho phép giá trị rỗng (%); hãy bỏ phần tử đó.',
  ],
  'code-invalid': ['Code not allowed here; use one of: %.', 'Mã không hợp lệ; dùng một trong: %.'],
  choice: ['Only one of % may be present.', 'Chỉ được có một trong %.'],
  'unknown-property': [
    'Unknown property % (a typo, or not FHIR R4?); it is kept as is.',
    'Thuộc tính lạ % (gõ nhầm hoặc không thuộc FHIR R4?); vẫn được giữ nguyên.',
  ],
  'primitive-extension': [
    'null is only allowed where the matching % entry holds an extension, and both arrays must have the same length.',
    'Chỉ được dùng null khi phần tử % tương ứng có extension, và hai mảng phải cùng độ dài.',
  ],
  'resource-type': ['resourceType must be %.', 'resourceType phải là %.'],
  'unsupported-type': [
    '% is not one of the resource types the SDK models; it was accepted without checks.',
    '% không thuộc các loại tài nguyên SDK mô hình hóa; đã nhận mà không kiểm tra.',
  ],
  'too-deep': [
    'Nested too deeply to be a FHIR resource.',
    'Lồng quá sâu, không thể là tài nguyên FHIR.',
  ],
  invariant: [
    'An Extension has either value[x] or nested extensions, not both (ext-1).',
    'Extension chỉ có value[x] hoặc extension lồng nhau, không có cả hai (ext-1).',
  ],
};

/** Vietnamese words for the English details that appear in messages. */
const VI: Record<string, string> = {
  'an object': 'một đối tượng',
  'an array': 'một mảng',
  'a single value, not an array': 'một giá trị đơn, không phải mảng',
  'a FHIR resource name': 'tên một loại tài nguyên FHIR',
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Walks resources, one at a time (one walker is reused: the walk is synchronous and never
 * re-entered). Paths are kept as a stack and joined only when an issue is reported.
 */
class Walker {
  issues: ValidationIssue[] = [];
  unknownSeverity: 'error' | 'warning' = 'error';
  readonly stack: (string | number)[] = [''];

  /** Resource types met whose table is not registered (their content is not walked). */
  missing: Set<string> | undefined;

  reset(root: string, unknownSeverity: 'error' | 'warning', missing?: Set<string>): void {
    this.issues = [];
    // A finished walk leaves the root alone on the stack; a thrown one may leave more.
    if (this.stack.length !== 1) this.stack.length = 1;
    this.stack[0] = root;
    this.unknownSeverity = unknownSeverity;
    this.missing = missing;
  }

  add(
    code: string,
    detail: string,
    at?: string | number,
    severity: 'error' | 'warning' = 'error',
  ): void {
    let path = '';
    for (const part of at === undefined ? this.stack : [...this.stack, at]) {
      path += typeof part === 'number' ? `[${part}]` : path ? '.' + part : part;
    }
    const [en, vi] = MESSAGES[code]!;
    this.issues.push({
      path,
      code,
      severity,
      message: en.replace('%', () => detail),
      messageVi: vi.replace('%', () => (Object.hasOwn(VI, detail) ? VI[detail]! : detail)),
    });
  }

  /** A resource: `resourceType` must name `expected` (or any resource when undefined). */
  resource(value: unknown, expected?: string): void {
    if (!isObject(value)) return this.add('invalid-type', 'an object');
    const type = value.resourceType;
    // The common case first: a supported type whose model is built, the one expected.
    const known = typeof type === 'string' && (!expected || type === expected) && models.get(type);
    if (known && SUPPORTED.has(type as string)) return this.object(value, known, true);
    if (typeof type === 'string' && SUPPORTED.has(type) && (!expected || type === expected)) {
      // A supported type, the one expected.
    } else if (
      typeof type !== 'string' ||
      !/^[A-Z][A-Za-z]+$/.test(type) ||
      (expected && type !== expected)
    ) {
      return this.add('resource-type', expected ?? 'a FHIR resource name', 'resourceType');
    }
    // Resources the SDK does not model are accepted as they are inside Bundles and `contained`.
    if (!SUPPORTED.has(type)) return;
    if (specs.has(type)) return this.object(value, model(type), true);
    if (!this.missing) throw new Error(`The element table of ${type} is not registered.`);
    this.missing.add(type);
  }

  object(value: Record<string, unknown>, m: TypeModel, isResource = false): void {
    const stack = this.stack;
    // Real resources nest a few dozen levels; this keeps hostile input from overflowing the stack.
    if (stack.length > 400) return this.add('too-deep', '');
    const props = m.props;
    let keys = 0;
    // The bits of the required elements present.
    let found = 0;
    // Choice variants met so far, to find a second `value[x]` without probing every variant.
    let choices: Prop[][] | undefined;
    for (const key in value) {
      keys++;
      if (isResource && key === 'resourceType') continue;
      const item = value[key];
      // JSON has no undefined: a JavaScript caller's `{ active: undefined }` is an absent element.
      if (item === undefined) continue;
      const ext = key.charCodeAt(0) === 95; // `_element`
      const base = ext ? key.slice(1) : key;
      const prop = props[base];
      if (prop) found |= prop.bit;
      if (!prop || (ext && prop.k !== PRIMITIVE)) {
        this.add('unknown-property', key, key, this.unknownSeverity);
        continue;
      }
      if (prop.choice && !(ext && value[base] !== undefined)) {
        if (choices?.includes(prop.choice)) this.add('choice', prop.n + '[x]', prop.n + '[x]');
        else (choices ??= []).push(prop.choice);
      }
      // Primitives (most keys) are checked without a step on the path stack: `key` ends the path.
      if (!ext && !prop.many && prop.k === PRIMITIVE && !Array.isArray(item)) {
        this.primitive(item, prop, key);
        continue;
      }
      stack.push(key);
      if (ext) this.primitiveExtension(item, value[base], prop);
      else if (prop.many) this.many(item, prop, value);
      else if (Array.isArray(item)) this.add('cardinality', 'a single value, not an array');
      else this.single(item, prop);
      stack.pop();
    }
    if (!keys) this.add('empty', '{}');
    if (found !== m.all || m.req.length > 31) {
      for (const [names, display, bit] of m.req) {
        if (bit ? found & bit : names.some((name) => value[name] !== undefined)) continue;
        this.add('required', display, display);
      }
    }
    if (m.ext && value.extension !== undefined) {
      for (const key in value) {
        if (key.startsWith('value')) return this.add('invariant', '');
      }
    }
  }

  many(value: unknown, prop: Prop, owner: Record<string, unknown>): void {
    if (!Array.isArray(value)) return this.add('cardinality', 'an array');
    if (!value.length) return this.add('empty', '[]');
    const stack = this.stack;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === null && prop.k === PRIMITIVE) {
        const ext = owner['_' + prop.n];
        if (!Array.isArray(ext) || !isObject(ext[i]))
          this.add('primitive-extension', '_' + prop.n, i);
        continue;
      }
      if (prop.k === PRIMITIVE) {
        this.primitive(item, prop, i);
        continue;
      }
      stack.push(i);
      this.single(item, prop);
      stack.pop();
    }
  }

  /** A primitive value, at `at` below the path stack. */
  primitive(value: unknown, prop: Prop, at: string | number): void {
    if (value === '') return this.add('empty', '""', at);
    // A code of the binding has the format (the tests check every table's codes).
    if (prop.codes?.has(value as string)) return;
    if (!prop.ok!(value)) return this.add('invalid-format', prop.t, at);
    if (prop.codes) this.add('code-invalid', [...prop.codes].join(', '), at);
  }

  /** A value that is not a primitive. */
  single(value: unknown, prop: Prop): void {
    switch (prop.k) {
      case ANY_RESOURCE:
        return this.resource(value);
      case RESOURCE:
        return this.resource(value, prop.t);
      default:
        if (!isObject(value)) return this.add('invalid-type', 'an object');
        this.object(value, (prop.m ??= model(prop.t)));
    }
  }

  /** `_given` beside `given`: Element objects (id, extension), aligned with the values. */
  primitiveExtension(ext: unknown, value: unknown, prop: Prop): void {
    const element = model('Element');
    if (!prop.many) {
      if (!isObject(ext)) return this.add('invalid-type', 'an object');
      return this.object(ext, element);
    }
    if (!Array.isArray(ext)) return this.add('cardinality', 'an array');
    if (Array.isArray(value) && value.length !== ext.length)
      this.add('primitive-extension', '_' + prop.n);
    for (let i = 0; i < ext.length; i++) {
      const item: unknown = ext[i];
      this.stack.push(i);
      if (item === null) {
        // A null beside a null value is reported on the value; with no values at all, here.
        if (!Array.isArray(value)) this.add('primitive-extension', '_' + prop.n);
      } else if (!isObject(item)) this.add('invalid-type', 'an object');
      else this.object(item, element);
      this.stack.pop();
    }
  }
}

let configured = false;
const walker = new Walker();

/**
 * Check `json` against the FHIR R4 structure of its `resourceType` (or `expectedType`).
 * Unknown properties are reported with `unknownSeverity`; nothing is removed. A supported
 * resource type whose table is not registered throws, unless `missing` is given: then it is added
 * there and the result is incomplete (load the tables and check again).
 */
export function checkStructure(
  json: unknown,
  expectedType: string | undefined,
  unknownSeverity: 'error' | 'warning',
  missing?: Set<string>,
): ValidationIssue[] {
  if (!configured) {
    configured = true;
    // Browsers: zod's JIT off (no `new Function` under a CSP without unsafe-eval) unless the host
    // chose otherwise. The validator uses no zod schema itself; `primitiveSchema` and the host's
    // own zod do.
    if (typeof document !== 'undefined' && config().jitless === undefined)
      config({ jitless: true });
  }
  const type =
    isObject(json) && typeof json.resourceType === 'string' ? json.resourceType : undefined;
  walker.reset(expectedType ?? type ?? 'Resource', unknownSeverity, missing);
  walker.resource(json, expectedType);
  if (!walker.issues.length && type && !SUPPORTED.has(type)) {
    // Not modelled (Parameters, Basic, …): accepted as it is, with a warning that it was not checked.
    walker.add('unsupported-type', type, 'resourceType', 'warning');
  }
  return walker.issues;
}

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
  choice?: Prop[];
  /** Allowed codes of a required binding. */
  codes?: Set<string>;
}

interface TypeModel {
  /** Required elements: the JSON names of which at least one must be present, and the display name. */
  req: [string[], string][];
  props: Map<string, Prop>;
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
    const props = new Map<string, Prop>();
    for (const part of (INHERITED[spec[0]!] + ',' + spec.slice(1)).split(',')) {
      const match = /^(\w+)(\[x\])?([?!*+])([\w|]+)(?:=(\d+))?$/.exec(part);
      if (!match) continue;
      const [, n, choice, card, types, codes] = match as unknown as string[];
      const variants: Prop[] = [];
      const names: string[] = [];
      for (const t of types!.split('|')) {
        const prop: Prop = {
          n: n!,
          t,
          k: isPrimitiveType(t)
            ? PRIMITIVE
            : t === 'Resource'
              ? ANY_RESOURCE
              : SUPPORTED.has(t)
                ? RESOURCE
                : COMPLEX,
          many: card === '*' || card === '+',
        };
        if (codes) prop.codes = new Set(codeLists[+codes]!.split(' '));
        if (choice) prop.choice = variants;
        const name = choice ? n + upper(t) : n!;
        variants.push(prop);
        names.push(name);
        props.set(name, prop);
      }
      if (card === '!' || card === '+') req.push([names, choice ? n + '[x]' : n!]);
    }
    models.set(type, (m = { req, props }));
  }
  return m;
}

/** The R4 regex of a primitive type, anchored (`xhtml`: a `<div>` element). */
export function primitivePattern(type: string): RegExp | undefined {
  const source = type === 'xhtml' ? '\\s*<div[\\s>][\\s\\S]*</div>\\s*' : PRIMITIVES[type];
  return source ? new RegExp(`^(?:${source})$`) : undefined;
}

const NUMERIC = /^(decimal|integer|positiveInt|unsignedInt)$/;
const checks = new Map<string, (value: unknown) => boolean>();

/**
 * Whether `value` has the JSON type and the R4 format of primitive `type`: what
 * `primitiveSchema(type)` accepts, without zod (booleans, finite numbers, strings).
 */
export function isPrimitiveValue(type: string, value: unknown): boolean {
  let check = checks.get(type);
  if (!check) {
    const re = primitivePattern(type);
    check =
      type === 'boolean'
        ? (v) => typeof v === 'boolean'
        : NUMERIC.test(type)
          ? (v) => typeof v === 'number' && Number.isFinite(v) && (!re || re.test(String(v)))
          : re
            ? (v) => typeof v === 'string' && re.test(v)
            : (v) => typeof v === 'string';
    checks.set(type, check);
  }
  return check(value);
}

/**
 * Valid values already seen, per primitive type: identifier systems, codes, units and flags repeat
 * across resources, so most formats are checked once. Bounded; only successes are kept.
 */
const seen = new Map<string, Set<unknown>>();
function primitiveOk(type: string, value: unknown): boolean {
  let known = seen.get(type);
  if (known?.has(value)) return true;
  if (!isPrimitiveValue(type, value)) return false;
  if (!known || known.size > 4096) seen.set(type, (known = new Set()));
  if (typeof value !== 'string' || value.length < 256) known.add(value);
  return true;
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

/** Walks one resource. Paths are kept as a stack and joined only when an issue is reported. */
class Walker {
  readonly issues: ValidationIssue[] = [];
  readonly unknownSeverity: 'error' | 'warning';
  readonly stack: (string | number)[];

  /** Resource types met whose table is not registered (their content is not walked). */
  readonly missing: Set<string> | undefined;

  constructor(root: string, unknownSeverity: 'error' | 'warning', missing?: Set<string>) {
    this.stack = [root];
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
    if (
      typeof type !== 'string' ||
      !/^[A-Z][A-Za-z]+$/.test(type) ||
      (expected && type !== expected)
    ) {
      return this.add('resource-type', expected ?? 'a FHIR resource name', 'resourceType');
    }
    // Resources the SDK does not model are accepted as they are inside Bundles and `contained`.
    if (!SUPPORTED.has(type)) return;
    if (specs.has(type)) return this.object(value, type, true);
    if (!this.missing) throw new Error(`The element table of ${type} is not registered.`);
    this.missing.add(type);
  }

  object(value: Record<string, unknown>, type: string, isResource = false): void {
    const stack = this.stack;
    // Real resources nest a few dozen levels; this keeps hostile input from overflowing the stack.
    if (stack.length > 400) return this.add('too-deep', '');
    const m = model(type);
    let keys = 0;
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
      const prop = m.props.get(base);
      if (!prop || (ext && prop.k !== PRIMITIVE)) {
        this.add('unknown-property', key, key, this.unknownSeverity);
        continue;
      }
      if (prop.choice && !(ext && value[base] !== undefined)) {
        if (choices?.includes(prop.choice)) this.add('choice', prop.n + '[x]', prop.n + '[x]');
        else (choices ??= []).push(prop.choice);
      }
      stack.push(key);
      if (ext) this.primitiveExtension(item, value[base], prop);
      else if (prop.many) this.many(item, prop, value);
      else if (Array.isArray(item)) this.add('cardinality', 'a single value, not an array');
      else this.single(item, prop);
      stack.pop();
    }
    if (!keys) this.add('empty', '{}');
    for (const [names, display] of m.req) {
      let found = false;
      for (const name of names)
        if (value[name] !== undefined || value['_' + name] !== undefined) found = true;
      if (!found) this.add('required', display, display);
    }
    if (type === 'Extension' && value.extension !== undefined) {
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
      stack.push(i);
      this.single(item, prop);
      stack.pop();
    }
  }

  single(value: unknown, prop: Prop): void {
    switch (prop.k) {
      case PRIMITIVE:
        if (value === '') return this.add('empty', '""');
        if (!primitiveOk(prop.t, value)) return this.add('invalid-format', prop.t);
        if (prop.codes && !prop.codes.has(value as string))
          this.add('code-invalid', [...prop.codes].join(', '));
        return;
      case ANY_RESOURCE:
        return this.resource(value);
      case RESOURCE:
        return this.resource(value, prop.t);
      default:
        if (!isObject(value)) return this.add('invalid-type', 'an object');
        this.object(value, prop.t);
    }
  }

  /** `_given` beside `given`: Element objects (id, extension), aligned with the values. */
  primitiveExtension(ext: unknown, value: unknown, prop: Prop): void {
    if (!prop.many) {
      if (!isObject(ext)) return this.add('invalid-type', 'an object');
      return this.object(ext, 'Element');
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
      else this.object(item, 'Element');
      this.stack.pop();
    }
  }
}

let configured = false;

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
  const walker = new Walker(expectedType ?? type ?? 'Resource', unknownSeverity, missing);
  walker.resource(json, expectedType);
  if (!walker.issues.length && type && !SUPPORTED.has(type)) {
    // Not modelled (Parameters, Basic, …): accepted as it is, with a warning that it was not checked.
    walker.add('unsupported-type', type, 'resourceType', 'warning');
  }
  return walker.issues;
}

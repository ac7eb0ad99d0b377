/**
 * FHIR R4 structural validation: a small interpreter over the generated element table
 * (`generated/model.ts`), with zod/mini schemas for the primitive formats. It never copies or
 * changes its input. See docs/decisions/0004-fhir-models.md.
 */
import * as z from 'zod/mini';
import type { ValidationIssue } from '../errors.ts';
import { CODES, PRIMITIVES, RESOURCE_TYPES, TYPES } from './generated/model.ts';

interface Field {
  /** Element name (without `[x]`). */
  n: string;
  /** Required (min ≥ 1). */
  req: boolean;
  /** Repeats (max `*`). */
  many: boolean;
  /** Type codes, one unless a choice. */
  t: string[];
  /** JSON property names (one per type for a choice). */
  p: string[];
  /** Allowed codes of a required binding. */
  codes?: Set<string>;
}

interface TypeModel {
  fields: Field[];
  /** JSON property name → [field, concrete type]. */
  props: Map<string, [Field, string]>;
}

const INHERITED: Record<string, string> = {
  R: 'id?id,meta?Meta,implicitRules?uri,language?code,text?Narrative,contained*Resource,extension*Extension,modifierExtension*Extension',
  r: 'id?id,meta?Meta,implicitRules?uri,language?code',
  E: 'id?string,extension*Extension',
  B: 'id?string,extension*Extension,modifierExtension*Extension',
};
const NUMERIC = new Set(['decimal', 'integer', 'positiveInt', 'unsignedInt']);
const SUPPORTED = new Set<string>(RESOURCE_TYPES);
const models = new Map<string, TypeModel>();
const primitives = new Map<string, z.ZodMiniType>();
const upper = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function model(type: string): TypeModel {
  let m = models.get(type);
  if (!m) {
    const spec = TYPES[type] ?? 'E';
    const fields: Field[] = [];
    const props = new Map<string, [Field, string]>();
    for (const part of (INHERITED[spec[0]!] + ',' + spec.slice(1)).split(',')) {
      const match = /^(\w+)(\[x\])?([?!*+])([\w|]+)(?:=(\d+))?$/.exec(part);
      if (!match) continue;
      const [, n, choice, card, types, codes] = match as unknown as string[];
      const t = types!.split('|');
      const f: Field = {
        n: n!,
        req: card === '!' || card === '+',
        many: card === '*' || card === '+',
        t,
        p: choice ? t.map((x) => n + upper(x)) : [n!],
      };
      if (codes) f.codes = new Set(CODES[+codes]!.split(' '));
      fields.push(f);
      t.forEach((x, i) => props.set(f.p[i]!, [f, x]));
    }
    models.set(type, (m = { fields, props }));
  }
  return m;
}

function primitive(type: string): z.ZodMiniType {
  let s = primitives.get(type);
  if (!s) {
    const source = type === 'xhtml' ? '\\s*<div[\\s>][\\s\\S]*</div>\\s*' : PRIMITIVES[type];
    const re = source ? new RegExp(`^(?:${source})$`) : undefined;
    const base = type === 'boolean' ? z.boolean() : NUMERIC.has(type) ? z.number() : z.string();
    s = re ? base.check(z.refine((v) => re.test(String(v)))) : base;
    primitives.set(type, s);
  }
  return s;
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
  'a supported resource type': 'một loại tài nguyên được hỗ trợ',
};

class Walker {
  readonly issues: ValidationIssue[] = [];
  readonly unknownSeverity: 'error' | 'warning';
  constructor(unknownSeverity: 'error' | 'warning') {
    this.unknownSeverity = unknownSeverity;
  }

  add(path: string, code: string, detail: string, severity: 'error' | 'warning' = 'error'): void {
    const [en, vi] = MESSAGES[code]!;
    this.issues.push({
      path,
      code,
      severity,
      message: en.replace('%', detail),
      messageVi: vi.replace('%', VI[detail] ?? detail),
    });
  }

  /** A resource: `resourceType` must name `expected` (or any supported type when undefined). */
  resource(value: unknown, path: string, expected?: string): void {
    if (!isObject(value)) return this.add(path, 'invalid-type', 'an object');
    const type = value.resourceType;
    if (
      typeof type !== 'string' ||
      !/^[A-Z][A-Za-z]+$/.test(type) ||
      (expected && type !== expected)
    ) {
      return this.add(path + '.resourceType', 'resource-type', expected ?? 'a FHIR resource name');
    }
    // Resources the SDK does not model are accepted as they are inside Bundles and `contained`.
    if (SUPPORTED.has(type)) this.object(value, type, path, true);
  }

  object(value: Record<string, unknown>, type: string, path: string, isResource = false): void {
    const m = model(type);
    let keys = 0;
    for (const key in value) {
      keys++;
      if (isResource && key === 'resourceType') continue;
      const item = value[key];
      // JSON has no undefined: a JavaScript caller's `{ active: undefined }` is an absent element.
      if (item === undefined) continue;
      if (key[0] === '_') {
        const base = m.props.get(key.slice(1));
        if (!base || !isPrimitiveType(base[1]))
          this.add(`${path}.${key}`, 'unknown-property', key, this.unknownSeverity);
        else this.primitiveExtension(item, value[key.slice(1)], base[0], `${path}.${key}`);
        continue;
      }
      const prop = m.props.get(key);
      if (!prop) {
        this.add(`${path}.${key}`, 'unknown-property', key, this.unknownSeverity);
        continue;
      }
      this.element(item, prop[0], prop[1], `${path}.${key}`, value['_' + key]);
    }
    if (!keys) this.add(path, 'empty', '{}');
    for (const f of m.fields) {
      if (!f.req && f.p.length < 2) continue;
      let count = 0;
      for (const p of f.p) if (value[p] !== undefined || value['_' + p] !== undefined) count++;
      const name = f.p.length > 1 ? f.n + '[x]' : f.n;
      if (count > 1) this.add(`${path}.${name}`, 'choice', name);
      else if (!count && f.req) this.add(`${path}.${name}`, 'required', name);
    }
    if (
      type === 'Extension' &&
      value.extension !== undefined &&
      Object.keys(value).some((k) => k.startsWith('value'))
    ) {
      this.add(path, 'invariant', '');
    }
  }

  element(value: unknown, f: Field, type: string, path: string, ext: unknown): void {
    if (f.many) {
      if (!Array.isArray(value)) return this.add(path, 'cardinality', 'an array');
      if (!value.length) return this.add(path, 'empty', '[]');
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item === null && isPrimitiveType(type)) {
          if (!Array.isArray(ext) || !isObject(ext[i]))
            this.add(`${path}[${i}]`, 'primitive-extension', '_' + f.n);
        } else this.single(item, f, type, `${path}[${i}]`);
      }
    } else if (Array.isArray(value)) {
      this.add(path, 'cardinality', 'a single value, not an array');
    } else {
      this.single(value, f, type, path);
    }
  }

  single(value: unknown, f: Field, type: string, path: string): void {
    if (type === 'Resource') return this.resource(value, path);
    if (isPrimitiveType(type)) {
      if (value === '') return this.add(path, 'empty', '""');
      if (!primitive(type).safeParse(value).success) return this.add(path, 'invalid-format', type);
      if (f.codes && !f.codes.has(value as string))
        this.add(path, 'code-invalid', [...f.codes].join(', '));
      return;
    }
    if (!isObject(value)) return this.add(path, 'invalid-type', 'an object');
    if (TYPES[type]?.[0] === 'R' || TYPES[type]?.[0] === 'r')
      return this.resource(value, path, type);
    this.object(value, type, path);
  }

  /** `_given` beside `given`: Element objects (id, extension), aligned with the values. */
  primitiveExtension(ext: unknown, value: unknown, f: Field, path: string): void {
    if (!f.many) {
      if (!isObject(ext)) return this.add(path, 'invalid-type', 'an object');
      return this.object(ext, 'Element', path);
    }
    if (!Array.isArray(ext)) return this.add(path, 'cardinality', 'an array');
    if (Array.isArray(value) && value.length !== ext.length)
      this.add(path, 'primitive-extension', f.n);
    for (let i = 0; i < ext.length; i++) {
      const item: unknown = ext[i];
      if (item === null) {
        // A null beside a null value is reported on the value; with no values at all, here.
        if (!Array.isArray(value)) this.add(`${path}[${i}]`, 'primitive-extension', f.n);
      } else if (!isObject(item)) this.add(`${path}[${i}]`, 'invalid-type', 'an object');
      else this.object(item, 'Element', `${path}[${i}]`);
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPrimitiveType(type: string): boolean {
  return type in PRIMITIVES || type === 'xhtml';
}

let configured = false;

/**
 * Check `json` against the FHIR R4 structure of its `resourceType` (or `expectedType`).
 * Unknown properties are reported with `unknownSeverity`; nothing is removed.
 */
export function checkStructure(
  json: unknown,
  expectedType: string | undefined,
  unknownSeverity: 'error' | 'warning',
): ValidationIssue[] {
  if (!configured) {
    configured = true;
    // Browsers: no `new Function` (CSP without unsafe-eval) unless the host chose otherwise.
    if (typeof document !== 'undefined' && z.config().jitless === undefined)
      z.config({ jitless: true });
  }
  const walker = new Walker(unknownSeverity);
  const type =
    isObject(json) && typeof json.resourceType === 'string' ? json.resourceType : undefined;
  walker.resource(json, expectedType ?? type ?? 'Resource', expectedType);
  if (!walker.issues.length && type && !SUPPORTED.has(type)) {
    walker.add(`${type}.resourceType`, 'resource-type', 'a supported resource type');
  }
  return walker.issues;
}

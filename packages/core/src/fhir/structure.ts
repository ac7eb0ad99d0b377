/**
 * FHIR R4 structural validation: a small interpreter over the generated element tables
 * (`generated/`; parsed in `element-model.ts`), with the primitive formats of `primitives.ts`. It
 * never copies or changes its input. See docs/decisions/0004-fhir-models.md; the tables are split
 * per resource so the client loads only the ones it validates
 * (docs/decisions/0010-bundle-budget.md).
 */
import { config } from 'zod/mini';
import type { ValidationIssue } from '../errors.ts';
import {
  ANY_RESOURCE,
  BAD_EXT,
  EXT,
  MANY,
  ONE_PRIMITIVE,
  lookup,
  model,
  resourceModel,
  PRIMITIVE,
  RESOURCE,
  specs,
  SUPPORTED,
  type Prop,
  type TypeModel,
} from './element-model.ts';
import { MESSAGES, VI } from './messages.ts';
import { hasFormat } from './primitives.ts';

export { elementOf, hasTable, registerTable, type ElementInfo } from './element-model.ts';
export { isPrimitiveValue, primitivePattern } from './primitives.ts';

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

  /** The top-level resource's type when the SDK does not model it. */
  unmodelled: string | undefined;

  reset(root: string, unknownSeverity: 'error' | 'warning', missing?: Set<string>): void {
    this.issues = [];
    // A finished walk leaves the root alone on the stack; a thrown one may leave more.
    if (this.stack.length !== 1) this.stack.length = 1;
    this.stack[0] = root;
    this.unknownSeverity = unknownSeverity;
    this.missing = missing;
    this.unmodelled = undefined;
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
    this.typed(value, value.resourceType, expected);
  }

  /** `resource` of an object, given its `resourceType`. */
  typed(value: Record<string, unknown>, type: unknown, expected: string | undefined): void {
    if (typeof type === 'string' && (!expected || type === expected)) {
      // The common case first: a supported type whose model is built.
      const known = resourceModel(type);
      if (known !== undefined) return this.object(value, known, true);
      if (SUPPORTED.has(type)) {
        if (specs.has(type)) return this.object(value, model(type), true);
        if (!this.missing) throw new Error(`The element table of ${type} is not registered.`);
        this.missing.add(type);
        return;
      }
    }
    if (
      typeof type !== 'string' ||
      !/^[A-Z][A-Za-z]+$/.test(type) ||
      (expected && type !== expected)
    )
      return this.add('resource-type', expected ?? 'a FHIR resource name', 'resourceType');
    // Resources the SDK does not model are accepted as they are inside Bundles and `contained`;
    // at the top, with a warning (see `checkStructure`).
    if (this.stack.length === 1) this.unmodelled = type;
  }

  object(value: Record<string, unknown>, m: TypeModel, isResource = false): void {
    const stack = this.stack;
    // Real resources nest a few dozen levels; this keeps hostile input from overflowing the stack.
    if (stack.length > 400) return this.add('too-deep', '');
    let keys = 0;
    // The bits of the required elements present.
    let found = 0;
    // Choice variants met so far, to find a second `value[x]` without probing every variant.
    let choices: Prop[][] | undefined;
    for (const key in value) {
      const at = keys++;
      if (isResource && key === 'resourceType') continue;
      const item = value[key];
      // JSON has no undefined: a JavaScript caller's `{ active: undefined }` is an absent element.
      if (item === undefined) continue;
      const prop = lookup(m, key, at);
      if (prop === undefined) {
        this.add('unknown-property', key, key, this.unknownSeverity);
        continue;
      }
      found |= prop.bit;
      const f = prop.f;
      if (f === BAD_EXT) {
        this.add('unknown-property', key, key, this.unknownSeverity);
        continue;
      }
      // `_valueString` beside its `valueString` is the same variant.
      if (prop.choice !== undefined && (f !== EXT || value[prop.name] === undefined)) {
        if (choices?.includes(prop.choice)) this.add('choice', prop.n + '[x]', prop.n + '[x]');
        else (choices ??= []).push(prop.choice);
      }
      // Primitives (most keys) are checked without a step on the path stack: `key` ends the path.
      if (f === ONE_PRIMITIVE && !Array.isArray(item)) {
        this.primitive(item, prop, key);
        continue;
      }
      stack.push(key);
      if (f === EXT) this.primitiveExtension(item, value[prop.name], prop);
      else if (f === MANY) this.many(item, prop, value);
      else if (typeof item !== 'object' || item === null) this.add('invalid-type', 'an object');
      else if (Array.isArray(item)) this.add('cardinality', 'a single value, not an array');
      else this.single(item as Record<string, unknown>, prop);
      stack.pop();
    }
    if (!keys) this.add('empty', '{}');
    if (found !== m.all) {
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
    if (prop.k === PRIMITIVE) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item !== null) {
          this.primitive(item, prop, i);
          continue;
        }
        const ext = owner['_' + prop.n];
        if (!Array.isArray(ext) || !isObject(ext[i]))
          this.add('primitive-extension', '_' + prop.n, i);
      }
      return;
    }
    const stack = this.stack;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      stack.push(i);
      if (isObject(item)) this.single(item, prop);
      else this.add('invalid-type', 'an object');
      stack.pop();
    }
  }

  /** A primitive value, at `at` below the path stack. */
  primitive(value: unknown, prop: Prop, at: string | number): void {
    // Codes and URIs repeat (systems, statuses, units): the last one accepted here needs no second
    // check. (Free text is not remembered: comparing two texts that differ at their end costs more
    // than checking one.)
    if (value === prop.last) return;
    if (value === '') return this.add('empty', '""', at);
    // A code of the binding has the format (the tests check every table's codes).
    const codes = prop.codes;
    if (codes === undefined ? this.format(value, prop) : codes.has(value as string)) {
      // Short strings only: a long narrative or attachment is not kept alive by the model.
      if (prop.keep && typeof value === 'string' && value.length <= 256) prop.last = value;
      return;
    }
    if (codes === undefined || !this.format(value, prop))
      return this.add('invalid-format', prop.t, at);
    this.add('code-invalid', [...codes].join(', '), at);
  }

  /** Whether primitive `value` has the format of `prop`'s type. */
  format(value: unknown, prop: Prop): boolean {
    return prop.p ? hasFormat(prop.p, value) : prop.ok!(value);
  }

  /** An object where a value that is not a primitive belongs. */
  single(value: Record<string, unknown>, prop: Prop): void {
    switch (prop.k) {
      case ANY_RESOURCE:
        return this.resource(value);
      case RESOURCE:
        return this.resource(value, prop.t);
      default:
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
  const object = isObject(json);
  const type = object ? json.resourceType : undefined;
  walker.reset(
    expectedType ?? (typeof type === 'string' ? type : 'Resource'),
    unknownSeverity,
    missing,
  );
  if (object) walker.typed(json, type, expectedType);
  else walker.add('invalid-type', 'an object');
  if (walker.unmodelled !== undefined && !walker.issues.length) {
    // Not modelled (Parameters, Basic, …): accepted as it is, with a warning that it was not checked.
    walker.add('unsupported-type', walker.unmodelled, 'resourceType', 'warning');
  }
  return walker.issues;
}

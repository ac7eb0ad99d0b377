/**
 * The `full` level's rules beyond the structure check and the FHIRPath invariants, in one walk
 * over a resource the structure check accepted: the narrative's XHTML (`narrative.ts`),
 * extensions (`extensions.ts`), codes of large required value sets and of known code systems
 * (`codes.ts`), Bundle rules (`bundle.ts`), primitive extensions (`primitives.ts`) and the
 * vital-signs profiles (`vitals.ts`). Contained resources and Bundle entries are walked too.
 *
 * Its tables (`generated/`, about 190 kB of source, 68 kB gzip) load with this module only, so a
 * client that validates at the structure level never loads them. See
 * docs/decisions/0035-full-level-rules.md.
 */
import type { ValidationIssue } from '../../errors.ts';
import type { ResourceCheck } from '../full-check.ts';
import { DATATYPES, RESOURCE_TYPES } from '../generated/model.ts';
import { elementOf } from '../structure.ts';
import { checkBundle } from './bundle.ts';
import {
  checkCoding,
  checkRequiredCode,
  checkRequiredConcept,
  isRequiredCode,
  isRequiredConcept,
} from './codes.ts';
import { checkExtension, type ExtensionContext } from './extensions.ts';
import { checkNarrative } from './narrative.ts';
import { checkPrimitiveExtensions } from './primitives.ts';
import { asObject } from './report.ts';
import { checkVitals } from './vitals.ts';

const SUPPORTED = new Set<string>(RESOURCE_TYPES);

/** What the walk needs of one property of a type, worked out once per type and key. */
interface Step {
  /** The element's name on context paths (`value[x]` for a choice). */
  name: string;
  /** Model type of the value (`Element` for a primitive's `_element`). */
  type: string;
  /** What to do: see the constants below. */
  does: number;
  /** The context type for extensions below (`date` for `_birthDate`, `HumanName`). */
  contextType: string;
  /** '' for a datatype or primitive, `backbone` for a backbone element. */
  kind: string;
  /** A CodeableConcept or Coding with a required value set. */
  concept: boolean;
}
const SKIP = 0;
const REQUIRED_CODE = 1;
const NARRATIVE = 2;
const RESOURCE = 3;
const EXTENSION = 4;
const MODIFIER = 5;
const CODING = 6;
const COMPLEX = 7;
const PRIMITIVE_EXTENSION = 8;

/** Steps by type and key; objects without a prototype (faster to read than maps). */
type Steps = Record<string, Step | undefined>;
const steps = new Map<string, Steps>();
const SKIPPED: Step = { name: '', type: '', does: SKIP, contextType: '', kind: '', concept: false };

/** The steps of `type`, by key. */
function stepsOf(type: string): Steps {
  let byKey = steps.get(type);
  if (!byKey) steps.set(type, (byKey = Object.create(null) as Steps));
  return byKey;
}

function step(type: string, key: string, byKey: Steps): Step {
  let s: Step | undefined;
  const ext = key.charCodeAt(0) === 95;
  const prop = key === 'resourceType' ? undefined : elementOf(type, ext ? key.slice(1) : key);
  if (!prop) s = SKIPPED;
  else {
    const name = prop.choice ? prop.n + '[x]' : prop.n;
    const datatype = Object.hasOwn(DATATYPES.types, prop.t);
    let does = COMPLEX;
    if (ext) does = PRIMITIVE_EXTENSION;
    else if (prop.k === 0)
      does =
        prop.t === 'code' && isRequiredCode(type, key)
          ? REQUIRED_CODE
          : key === 'div' && type === 'Narrative'
            ? NARRATIVE
            : SKIP;
    else if (prop.k === 2 || prop.k === 3) does = RESOURCE;
    else if (key === 'extension') does = EXTENSION;
    else if (key === 'modifierExtension') does = MODIFIER;
    else if (prop.t === 'Coding') does = CODING;
    s = {
      name,
      type: ext ? 'Element' : prop.t,
      does,
      contextType: prop.t,
      kind: ext || datatype || prop.k !== 1 ? '' : 'backbone',
      concept: !ext && isRequiredConcept(type, key),
    };
  }
  byKey[key] = s;
  return s;
}

/** Where an extension sits, spelt out from the walk's frames (below) when one is met. */
class Context implements ExtensionContext {
  readonly up: Context | undefined;
  readonly name: string;
  readonly type: string;
  readonly kind: string;
  readonly parent: string | undefined;
  /** A datatype or resource starts the local path afresh, at its type's name. */
  readonly fresh: boolean;
  #element: string | undefined;
  #local: string | undefined;
  constructor(
    up: Context | undefined,
    name: string,
    type: string,
    kind: string,
    parent: string | undefined,
    fresh: boolean,
  ) {
    this.up = up;
    this.name = name;
    this.type = type;
    this.kind = kind;
    this.parent = parent;
    this.fresh = fresh;
  }
  get element(): string {
    return (this.#element ??= this.up ? this.up.element + '.' + this.name : this.name);
  }
  get local(): string {
    return (this.#local ??= this.fresh || !this.up ? this.type : this.up.local + '.' + this.name);
  }
}

/** One walk at a time (it is synchronous): the path as a stack, joined when a rule needs it. */
const stack: (string | number)[] = [];
let issues: ValidationIssue[] = [];

/**
 * The elements the walk is inside, as frames in parallel arrays (no object per element: most hold
 * no extension, and only an extension needs its {@link Context}). Frame `f` is an element named
 * `names[f]` of type `types[f]`, below frame `ups[f]` (-1 at the resource).
 */
const ups: number[] = [];
const names: string[] = [];
const types: string[] = [];
const kinds: string[] = [];
const parents: (string | undefined)[] = [];
const fresh: boolean[] = [];
const contexts: (Context | undefined)[] = [];
let top = 0;

/** Push a frame; pop it with `top--`. */
function frame(
  up: number,
  name: string,
  type: string,
  kind: string,
  parent: string | undefined,
  isFresh: boolean,
): number {
  const f = top++;
  ups[f] = up;
  names[f] = name;
  types[f] = type;
  kinds[f] = kind;
  parents[f] = parent;
  fresh[f] = isFresh;
  contexts[f] = undefined;
  return f;
}

/** The context of frame `f` (its frames below, as Contexts, made once while `f` is on the stack). */
function contextAt(f: number): Context {
  let c = contexts[f];
  if (!c) {
    const up = ups[f]!;
    c = new Context(
      up < 0 ? undefined : contextAt(up),
      names[f]!,
      types[f]!,
      kinds[f]!,
      parents[f],
      fresh[f]!,
    );
    contexts[f] = c;
  }
  return c;
}

function path(): string {
  let out = '';
  for (const part of stack) out += typeof part === 'number' ? `[${part}]` : out ? '.' + part : part;
  return out;
}

/** Walk a resource (any depth): every element, then its own rules. */
function resource(value: Record<string, unknown>): void {
  const type = value.resourceType;
  if (typeof type !== 'string' || !SUPPORTED.has(type)) return;
  const f = frame(-1, type, type, 'resource', undefined, true);
  object(value, type, f);
  top--;
  if (type === 'Bundle') checkBundle(value, path(), issues);
  else if (type === 'Observation') checkVitals(value, path(), issues);
}

/**
 * Walk an object of model `type`; `at` says where its extensions sit (for a primitive's
 * `_element`, the primitive: `Patient.birthDate`, `date`).
 */
function object(value: Record<string, unknown>, type: string, at: number): void {
  const byKey = stepsOf(type);
  for (const key in value) {
    const item = value[key];
    if (item === undefined) continue;
    const s = byKey[key] ?? step(type, key, byKey);
    if (s.does === SKIP) continue;
    stack.push(key);
    switch (s.does) {
      case REQUIRED_CODE:
        if (Array.isArray(item))
          item.forEach((c: unknown, i) => {
            stack.push(i);
            checkRequiredCode(type, key, c, path, issues);
            stack.pop();
          });
        else checkRequiredCode(type, key, item, path, issues);
        break;
      case NARRATIVE:
        if (typeof item === 'string') checkNarrative(item, path(), issues);
        break;
      case RESOURCE:
        each(item, resource);
        break;
      case EXTENSION:
      case MODIFIER: {
        const modifier = s.does === MODIFIER;
        each(item, (ext) => {
          checkExtension(ext, path(), contextAt(at), modifier, issues);
          const url = typeof ext.url === 'string' ? ext.url.split('|')[0]! : '';
          // A sub-extension's context is its parent extension (relative names keep the parent's).
          const up = parents[at];
          const parent = up !== undefined && !/^[A-Za-z][\w+.-]*:/.test(url) ? up : url;
          const inner = frame(at, 'extension', 'Extension', '', parent, false);
          object(ext, 'Extension', inner);
          top--;
        });
        break;
      }
      case PRIMITIVE_EXTENSION: {
        checkPrimitiveExtensions(item, path, issues);
        const inner = frame(at, s.name, s.contextType, '', undefined, false);
        each(item, (element) => object(element, 'Element', inner));
        top--;
        break;
      }
      default: {
        const inner = frame(at, s.name, s.type, s.kind, undefined, s.kind === '');
        const coding = s.does === CODING;
        if (Array.isArray(item)) {
          for (let i = 0; i < item.length; i++) {
            const o: unknown = item[i];
            if (typeof o !== 'object' || o === null || Array.isArray(o)) continue;
            stack.push(i);
            if (s.concept)
              checkRequiredConcept(type, key, o as Record<string, unknown>, path, issues);
            if (coding) checkCoding(o as Record<string, unknown>, path, issues);
            object(o as Record<string, unknown>, s.type, inner);
            stack.pop();
          }
        } else if (typeof item === 'object' && item !== null) {
          if (s.concept)
            checkRequiredConcept(type, key, item as Record<string, unknown>, path, issues);
          if (coding) checkCoding(item as Record<string, unknown>, path, issues);
          object(item as Record<string, unknown>, s.type, inner);
        }
        top--;
      }
    }
    stack.pop();
  }
}

/** Call `visit` on the object `value`, or on each object of the array `value`, its index on the path. */
function each(value: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const o = asObject(value[i]);
      if (!o) continue;
      stack.push(i);
      visit(o);
      stack.pop();
    }
  } else {
    const o = asObject(value);
    if (o) visit(o);
  }
}

/**
 * The `full` level's rule classes other than the FHIRPath invariants, for a resource that passed
 * the structure check. Issues carry the path, a `code` (`narrative`, `extension`, `code-invalid`,
 * `invariant`, `duplicate`, `bundle`, `profile`, `primitive-extension`, `unsupported-type`) and,
 * for a FHIR rule, its `key` (`txt-1`, `bdl-7`, `vs-2`, …).
 */
export const checkRules: ResourceCheck = (value, found) => {
  const type = value.resourceType;
  if (typeof type !== 'string') return;
  issues = found;
  stack.length = 0;
  stack.push(type);
  top = 0;
  try {
    resource(value as Record<string, unknown>);
  } finally {
    issues = [];
    stack.length = 0;
    top = 0;
  }
};

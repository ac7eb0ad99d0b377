/**
 * The `full` level's one walk over a resource the structure check accepted: at each element it
 * applies the FHIRPath invariants compiled for its type and property (`invariants/`, with ele-1 on
 * every element) and the rules they do not express (`rules/`: narrative XHTML, extensions, codes,
 * primitive arrays, then each resource's Bundle and vital-signs rules). Contained resources and
 * Bundle entries are walked too, against their own type. One pass, so the elements are read once
 * whichever checks run (docs/decisions/0036-one-full-walk.md); `checkInvariants` and `checkRules`
 * are this walk with one of the two on.
 */
import type { ValidationIssue } from '../errors.ts';
import { DATATYPES, RESOURCE_TYPES } from './generated/model.ts';
import { INVARIANT_TABLES } from './generated/invariants/all.ts';
import { resetCache } from './invariants/fhirpath.ts';
import { apply, ele1, primitiveElements } from './invariants/apply.ts';
import { registerInvariants, rulesOf, type Child, type TypeRules } from './invariants/table.ts';
import { elementKeys, elementOf } from './element-model.ts';
import { checkBundle } from './rules/bundle.ts';
import {
  checkCoding,
  checkRequiredCode,
  checkRequiredConcept,
  isRequiredCode,
  isRequiredConcept,
} from './rules/codes.ts';
import { checkExtension } from './rules/extensions.ts';
import { Frames, type FrameInfo } from './rules/frames.ts';
import { checkNarrative } from './rules/narrative.ts';
import { checkPrimitiveExtensions } from './rules/primitives.ts';
import { checkVitals } from './rules/vitals.ts';
import { isObject } from './invariants/values.ts';

/** Which checks a walk runs: the invariants, the rules, or both. */
export const INVARIANTS = 1;
export const RULES = 2;

const SUPPORTED = new Set<string>(RESOURCE_TYPES);

/** What the walk does with one property of a type, worked out once per type and key. */
interface Step {
  /** The element's name on context paths (`value[x]` for a choice). */
  name: string;
  /** Model type of the value (`Element` for a primitive's `_element`). */
  type: string;
  /** What the rules do: see the constants below. */
  does: number;
  /** The context type for extensions below (`date` for `_birthDate`, `HumanName`). */
  contextType: string;
  /** '' for a datatype or primitive, `backbone` for a backbone element. */
  kind: string;
  /** A CodeableConcept or Coding with a required value set. */
  concept: boolean;
  /** The steps of `type`, found at the first value met. */
  next: Steps | undefined;
  /** The invariants' view of the property (its type's and its own invariants), if any. */
  child: Child | undefined;
  /** The frame of its values, for the extensions below. */
  frame: FrameInfo;
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

/** The steps of a type. */
interface Steps {
  readonly type: string;
  /** By key; an object without a prototype (faster to read than a map). */
  readonly byKey: Record<string, Step | undefined>;
  /** Whether a primitive value of the type has a rule (a required code, the narrative). */
  primitives: boolean;
  /** The frame of a resource of the type. */
  readonly frame: FrameInfo;
}
const steps = new Map<string, Steps>();

const SKIPPED: Step = {
  name: '',
  type: '',
  does: SKIP,
  contextType: '',
  kind: '',
  concept: false,
  next: undefined,
  child: undefined,
  frame: { name: '', type: '', kind: '', parent: undefined, fresh: true },
};

/** The steps of `type`, every element's worked out. */
function stepsOf(type: string): Steps {
  let of = steps.get(type);
  if (!of) {
    of = {
      type,
      byKey: Object.create(null) as Steps['byKey'],
      primitives: false,
      frame: { name: type, type, kind: 'resource', parent: undefined, fresh: true },
    };
    for (const key of elementKeys(type)) {
      const s = step(of, key);
      if (s.does === REQUIRED_CODE || s.does === NARRATIVE) of.primitives = true;
    }
    steps.set(type, of);
  }
  return of;
}

/** The step of `key` in `of` (a key the type does not have is skipped). */
function step(of: Steps, key: string): Step {
  const type = of.type;
  const ext = key.charCodeAt(0) === 95;
  const prop = key === 'resourceType' ? undefined : elementOf(type, ext ? key.slice(1) : key);
  const child = rulesOf(type)?.children[key];
  let s: Step;
  if (!prop) s = { ...SKIPPED, child };
  else {
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
    const name = prop.choice ? prop.n + '[x]' : prop.n;
    const kind = ext || datatype || prop.k !== 1 ? '' : 'backbone';
    s = {
      name,
      type: ext ? 'Element' : prop.t,
      does,
      contextType: prop.t,
      kind,
      concept: !ext && isRequiredConcept(type, key),
      next: undefined,
      child,
      // A primitive's `_element` sits in the primitive (`date`); a datatype starts afresh.
      frame: ext
        ? { name, type: prop.t, kind: '', parent: undefined, fresh: false }
        : { name, type: prop.t, kind, parent: undefined, fresh: kind === '' },
    };
  }
  of.byKey[key] = s;
  return s;
}

/** One walk at a time (it is synchronous): what it runs, where it is, what it found. */
let mode = 0;
/** The path as a stack, joined only when an issue is reported. */
const stack: (string | number)[] = [];
/** The invariants' issues (reported first), and the rules'. */
let invIssues: ValidationIssue[] = [];
let ruleIssues: ValidationIssue[] = [];
/** FHIRPath's `%resource` and `%rootResource` at the element being visited. */
const NONE: Record<string, unknown> = Object.freeze({});
let res = NONE;
let root = NONE;
/** The rules' issues while the invariants' are reported too (emptied after each walk). */
const scratch: ValidationIssue[] = [];
const frames = new Frames();

function path(): string {
  let out = '';
  for (let k = 0; k < stack.length; k++) {
    const part = stack[k]!;
    out += typeof part === 'number' ? `[${part}]` : k ? '.' + part : part;
  }
  return out;
}

type Json = Record<string, unknown>;

/**
 * Walk the resource `value`, found at property `prop` of its holder (`contained`, `resource`, …;
 * '' at the top), `inv` saying whether the invariants apply here.
 */
function resource(value: Json, prop: string, inv: boolean): void {
  const type = value.resourceType;
  if (typeof type !== 'string' || !SUPPORTED.has(type)) return;
  // A contained resource's root is its container; a Bundle entry's is itself.
  const r = res;
  const rr = root;
  res = value;
  if (prop !== 'contained') root = value;
  const typeRules = inv ? rulesOf(type) : undefined;
  const of = stepsOf(type);
  const f = frames.push(-1, of.frame);
  object(value, of, f, typeRules);
  frames.pop();
  res = r;
  root = rr;
  if (mode & RULES) {
    if (type === 'Bundle') checkBundle(value, path(), ruleIssues);
    else if (type === 'Observation') checkVitals(value, path(), ruleIssues);
  }
}

/**
 * One complex item below a property of `child` (the invariants' view, when they apply): its
 * property's invariants, the item, then ele-1 (reported before what the item's own invariants
 * found).
 */
function element(item: Json, of: Steps, at: number, child: Child | undefined): void {
  if (!child) {
    object(item, of, at, undefined);
    return;
  }
  if (child.rules) apply(child.rules, item, res, root, path, invIssues);
  const mark = invIssues.length;
  const content = object(item, of, at, (child.typeRules ??= rulesOf(child.type)));
  if (!content) ele1(invIssues, mark, path());
}

/**
 * Walk an object of the type of `of`; `at` is the frame its extensions sit in (for a
 * primitive's `_element`, the primitive's: `Patient.birthDate`, `date`), `inv` the invariants of
 * its type when they apply. Returns whether it has content for ele-1 (something besides `id`).
 */
function object(value: Json, of: Steps, at: number, inv: TypeRules | undefined): boolean {
  const rules = (mode & RULES) !== 0;
  if (!rules && !inv) return hasContent(value);
  if (inv && inv.self.length) apply(inv.self, value, res, root, path, invIssues);
  let content = false;
  let primitives = false;
  for (const key in value) {
    const item = value[key];
    if (item === undefined) continue;
    if (!content && key !== 'id') content = true;
    // Most keys hold a primitive, and most primitives have no rule: no step is read for them.
    if ((typeof item !== 'object' || item === null) && !(rules && of.primitives)) continue;
    const s = of.byKey[key] ?? step(of, key);
    const child = inv ? s.child : undefined;
    if (inv && !child && key.charCodeAt(0) === 95 && typeof item === 'object' && item !== null)
      primitives = true;
    let does = s.does;
    // With the invariants only, a child is walked for them (a resource or extension as such).
    if (!rules)
      does = !child
        ? SKIP
        : does === RESOURCE || does === EXTENSION || does === MODIFIER
          ? does
          : COMPLEX;
    else if (does === SKIP && child) does = COMPLEX;
    if (does === SKIP) continue;
    stack.push(key);
    switch (does) {
      case REQUIRED_CODE:
        if (Array.isArray(item))
          for (let i = 0; i < item.length; i++) {
            stack.push(i);
            checkRequiredCode(of.type, key, item[i], path, ruleIssues);
            stack.pop();
          }
        else checkRequiredCode(of.type, key, item, path, ruleIssues);
        break;
      case NARRATIVE:
        if (typeof item === 'string') checkNarrative(item, path, ruleIssues);
        break;
      case RESOURCE:
        if (Array.isArray(item))
          for (let i = 0; i < item.length; i++) {
            const o: unknown = item[i];
            if (!isObject(o)) continue;
            stack.push(i);
            if (child?.rules) apply(child.rules, o, res, root, path, invIssues);
            resource(o, key, child !== undefined);
            stack.pop();
          }
        else if (isObject(item)) {
          if (child?.rules) apply(child.rules, item, res, root, path, invIssues);
          resource(item, key, child !== undefined);
        }
        break;
      case PRIMITIVE_EXTENSION: {
        checkPrimitiveExtensions(item, path, ruleIssues);
        const inner = frames.push(at, s.frame);
        const next = (s.next ??= stepsOf(s.type));
        if (Array.isArray(item))
          for (let i = 0; i < item.length; i++) {
            const o: unknown = item[i];
            if (!isObject(o)) continue;
            stack.push(i);
            object(o, next, inner, undefined);
            stack.pop();
          }
        else if (isObject(item)) object(item, next, inner, undefined);
        frames.pop();
        break;
      }
      default: {
        // EXTENSION, MODIFIER, CODING, COMPLEX; or a child only the invariants walk (a key the
        // element model lacks has the type the invariants' table gives).
        const extension = does === EXTENSION || does === MODIFIER;
        const inner = extension ? -1 : frames.push(at, s.frame);
        const next = (s.next ??= stepsOf(s.type || child!.type));
        if (Array.isArray(item))
          for (let i = 0; i < item.length; i++) {
            const o: unknown = item[i];
            if (!isObject(o)) continue;
            stack.push(i);
            if (extension) extensionItem(o, does === MODIFIER, next, at, child);
            else {
              if (rules) ruleChecks(o, s, does, of.type, key);
              element(o, next, inner, child);
            }
            stack.pop();
          }
        else if (isObject(item)) {
          if (extension) extensionItem(item, does === MODIFIER, next, at, child);
          else {
            if (rules) ruleChecks(item, s, does, of.type, key);
            element(item, next, inner, child);
          }
        }
        if (!extension) frames.pop();
      }
    }
    stack.pop();
  }
  if (primitives) primitiveElements(value, path, invIssues);
  return content;
}

/** The rules on a CodeableConcept or Coding item: its required value set, its code system. */
function ruleChecks(o: Json, s: Step, does: number, type: string, key: string): void {
  if (s.concept) checkRequiredConcept(type, key, o, path, ruleIssues);
  if (does === CODING) checkCoding(o, path, ruleIssues);
}

/** One extension, held by the element of frame `at`: its rules, then its content. */
function extensionItem(
  ext: Json,
  modifier: boolean,
  of: Steps,
  at: number,
  child: Child | undefined,
): void {
  if (mode & RULES) checkExtension(ext, path, frames.context(at), modifier, ruleIssues);
  const raw = typeof ext.url === 'string' ? ext.url : '';
  const bar = raw.indexOf('|');
  const url = bar < 0 ? raw : raw.slice(0, bar);
  // A sub-extension's context is its parent extension (relative names keep the parent's).
  const up = frames.parent(at);
  const parent = up !== undefined && !/^[A-Za-z][\w+.-]*:/.test(url) ? up : url;
  const inner = frames.push(at, {
    name: 'extension',
    type: 'Extension',
    kind: '',
    parent,
    fresh: false,
  });
  element(ext, of, inner, child);
  frames.pop();
}

/** ele-1 on an element whose type has no invariants: something besides `id`. */
function hasContent(value: Json): boolean {
  for (const key in value) if (key !== 'id' && value[key] !== undefined) return true;
  return false;
}

let registered = false;

/**
 * Walk `top` (a resource that passed the structure check) with the checks of `checks` (`INVARIANTS`,
 * `RULES` or both), pushing onto `issues` the invariants' issues, then the rules'.
 */
export function walkFull(top: Json, issues: ValidationIssue[], checks: number): void {
  const type = top.resourceType;
  if (typeof type !== 'string') return;
  if (!registered) {
    INVARIANT_TABLES.forEach(registerInvariants);
    registered = true;
  }
  mode = checks;
  invIssues = issues;
  ruleIssues = checks & INVARIANTS ? scratch : issues;
  stack.length = 0;
  stack.push(type);
  res = root = top;
  resetCache();
  try {
    resource(top, '', (checks & INVARIANTS) !== 0);
    if (ruleIssues !== issues) for (const issue of ruleIssues) issues.push(issue);
  } finally {
    scratch.length = 0;
    invIssues = ruleIssues = scratch;
    res = root = NONE;
    stack.length = 0;
    frames.reset();
    mode = 0;
  }
}

/**
 * The `full` level's rules beyond the structure check and the FHIRPath invariants, in one walk
 * over a resource the structure check accepted: the narrative's XHTML (`narrative.ts`),
 * extensions (`extensions.ts`), codes of large required value sets and of known code systems
 * (`codes.ts`), Bundle rules (`bundle.ts`), primitive extensions (`primitives.ts`) and the
 * vital-signs profiles (`vitals.ts`). Contained resources and Bundle entries are walked too.
 *
 * Its tables (`generated/`, about 190 kB of source) load with this module only, so a client that
 * validates at the structure level never loads them.
 */
import type { ValidationIssue } from '../../errors.ts';
import type { ResourceCheck } from '../full-check.ts';
import { DATATYPES, RESOURCE_TYPES } from '../generated/model.ts';
import { elementOf } from '../structure.ts';
import { checkBundle } from './bundle.ts';
import { checkCoding, checkRequiredCode } from './codes.ts';
import { checkExtension, type ExtensionContext } from './extensions.ts';
import { checkNarrative } from './narrative.ts';
import { checkPrimitiveExtensions } from './primitives.ts';
import { asObject } from './report.ts';
import { checkVitals } from './vitals.ts';

const SUPPORTED = new Set<string>(RESOURCE_TYPES);
const isDatatype = (type: string) => Object.hasOwn(DATATYPES.types, type);

/** Walk a resource (any depth): its own rules, then every element. */
function resource(value: Record<string, unknown>, path: string, issues: ValidationIssue[]): void {
  const type = value.resourceType;
  if (typeof type !== 'string' || !SUPPORTED.has(type)) return;
  const at: ExtensionContext = {
    element: type,
    local: type,
    type,
    kind: 'resource',
    parent: undefined,
  };
  object(value, type, at, path, issues);
  if (type === 'Bundle') checkBundle(value, path, issues);
  else if (type === 'Observation') checkVitals(value, path, issues);
}

/**
 * Walk an object of model `type` at `path`; `at` says where its extensions sit (for a primitive's
 * `_element`, the primitive: `Patient.birthDate`, `date`).
 */
function object(
  value: Record<string, unknown>,
  type: string,
  at: ExtensionContext,
  path: string,
  issues: ValidationIssue[],
): void {
  for (const key in value) {
    const item = value[key];
    if (item === undefined || key === 'resourceType') continue;
    if (key.charCodeAt(0) === 95) {
      // `_given`: Element objects beside the primitive values.
      const prop = elementOf(type, key.slice(1));
      if (!prop) continue;
      checkPrimitiveExtensions(item, path + '.' + key, issues);
      const name = prop.choice ? prop.n + '[x]' : prop.n;
      const inner: ExtensionContext = {
        element: at.element + '.' + name,
        local: at.local + '.' + name,
        type: prop.t,
        kind: '',
        parent: undefined,
      };
      each(item, path + '.' + key, (element, p) => object(element, 'Element', inner, p, issues));
      continue;
    }
    const prop = elementOf(type, key);
    if (!prop) continue;
    const at1 = path + '.' + key;
    switch (prop.k) {
      case 0:
        if (prop.t === 'code') {
          if (Array.isArray(item))
            item.forEach((c: unknown, i) =>
              checkRequiredCode(type, key, c, `${at1}[${i}]`, issues),
            );
          else checkRequiredCode(type, key, item, at1, issues);
        } else if (key === 'div' && type === 'Narrative' && typeof item === 'string')
          checkNarrative(item, at1, issues);
        break;
      case 2:
      case 3:
        each(item, at1, (r, p) => resource(r, p, issues));
        break;
      default: {
        if (key === 'extension' || key === 'modifierExtension') {
          const modifier = key === 'modifierExtension';
          each(item, at1, (ext, p) => {
            checkExtension(ext, p, at, modifier, issues);
            const url = typeof ext.url === 'string' ? ext.url.split('|')[0]! : '';
            // A sub-extension sits in its parent extension (and in a parent's own context).
            const inner: ExtensionContext = {
              element: at.element + '.extension',
              local: 'Extension',
              type: 'Extension',
              kind: '',
              parent: at.parent !== undefined && !/^[A-Za-z][\w+.-]*:/.test(url) ? at.parent : url,
            };
            object(ext, 'Extension', inner, p, issues);
          });
          break;
        }
        const name = prop.choice ? prop.n + '[x]' : prop.n;
        const datatype = isDatatype(prop.t);
        const inner: ExtensionContext = {
          element: at.element + '.' + name,
          local: datatype ? prop.t : at.local + '.' + name,
          type: prop.t,
          kind: datatype ? '' : 'backbone',
          parent: undefined,
        };
        const coding = prop.t === 'Coding';
        each(item, at1, (o, p) => {
          if (coding) checkCoding(o, p, issues);
          object(o, prop.t, inner, p, issues);
        });
      }
    }
  }
}

/** Call `visit` on the object `value`, or on each object of the array `value`, with its path. */
function each(
  value: unknown,
  path: string,
  visit: (o: Record<string, unknown>, path: string) => void,
): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const o = asObject(value[i]);
      if (o) visit(o, `${path}[${i}]`);
    }
  } else {
    const o = asObject(value);
    if (o) visit(o, path);
  }
}

/**
 * The `full` level's rule classes other than the FHIRPath invariants, for a resource that passed
 * the structure check. Issues carry the path, a `code` (`narrative`, `extension`, `code-invalid`,
 * `invariant`, `duplicate`, `bundle`, `profile`, `primitive-extension`, `unsupported-type`) and,
 * for a FHIR rule, its `key` (`txt-1`, `bdl-7`, `vs-2`, …).
 */
export const checkRules: ResourceCheck = (value, issues) => {
  const type = value.resourceType;
  resource(value as Record<string, unknown>, typeof type === 'string' ? type : 'Resource', issues);
};

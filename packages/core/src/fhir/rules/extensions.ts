/**
 * Extensions (R4 extensibility.html): the URL is absolute; the extensions FHIR defines
 * (`generated/extensions.ts`) are used in a declared context with a declared value type, and a
 * complex one holds its declared sub-extensions; a modifier extension the SDK does not know is an
 * error, since the SDK cannot understand what it changes. Extensions of other publishers (VN Core,
 * US Core, …) are only checked for an absolute URL.
 */
import type { ValidationIssue } from '../../errors.ts';
import { EXTENSIONS } from './generated/extensions.ts';
import { report } from './report.ts';

/** Where an extension sits: the element that holds it. */
export interface ExtensionContext {
  /** The element path without indices (`Patient.contact.name`); a choice as `value[x]`. */
  readonly element: string;
  /** The path below the nearest datatype or resource (`HumanName.given` inside `Patient.name`). */
  readonly local: string;
  /** The element's type (`HumanName`, `date`, a backbone's `PatientContact`, a resource type). */
  readonly type: string;
  /** 'resource', 'backbone', or '' for a datatype or primitive. */
  readonly kind: string;
  /** The URL of the extension that holds this one, when nested. */
  readonly parent: string | undefined;
}

interface Definition {
  modifier: boolean;
  contexts: string[];
  /** Value types; empty for a complex extension. */
  types: string[];
  /** Sub-extensions by URL: their value types and whether required. */
  subs: Map<string, { types: string[]; required: boolean }>;
}

const definitions = new Map<string, Definition | null>();

function definition(url: string): Definition | undefined {
  let d = definitions.get(url);
  if (d === undefined) {
    const spec = Object.hasOwn(EXTENSIONS, url) ? EXTENSIONS[url] : undefined;
    d = null;
    if (spec) {
      const modifier = spec.startsWith('!');
      const [contexts, types, subs] = (modifier ? spec.slice(1) : spec).split(';') as [
        string,
        string,
        string,
      ];
      d = {
        modifier,
        contexts: contexts ? contexts.split(' ') : ['*'],
        types: types ? types.split('|') : [],
        subs: new Map(
          (subs ? subs.split(',') : []).map((s) => {
            const at = s.search(/[=!](?=[^=!]*$)/);
            return [
              s.slice(0, at),
              {
                types: s
                  .slice(at + 1)
                  .split('|')
                  .filter(Boolean),
                required: s[at] === '!',
              },
            ];
          }),
        ),
      };
    }
    definitions.set(url, d);
  }
  return d ?? undefined;
}

/** The types a context names that are satisfied by `type` (its own name and its ancestors). */
const ANCESTORS: Record<string, string[] | undefined> = {
  Age: ['Quantity'],
  Count: ['Quantity'],
  Distance: ['Quantity'],
  Duration: ['Quantity'],
  MoneyQuantity: ['Quantity'],
  SimpleQuantity: ['Quantity'],
  code: ['string'],
  id: ['string'],
  markdown: ['string'],
  url: ['uri'],
  canonical: ['uri'],
  oid: ['uri'],
  uuid: ['uri'],
  positiveInt: ['integer'],
  unsignedInt: ['integer'],
};

/** Whether the extension may sit at `at` (R4 StructureDefinition.context, type `element`/`extension`). */
function inContext(d: Definition, at: ExtensionContext): boolean {
  for (const c of d.contexts) {
    if (c === '*' || c === 'Element' || c === at.element || c === at.local || c === at.type)
      return true;
    if (c[0] === '@') {
      if (c.slice(1) === at.parent) return true;
      continue;
    }
    if (at.kind === 'resource' && (c === 'Resource' || c === 'DomainResource')) return true;
    if (at.kind === 'backbone' && c === 'BackboneElement') return true;
    if (ANCESTORS[at.type]?.includes(c)) return true;
  }
  return false;
}

/** `value[x]` of an extension: the key's type (`valueQuantity` → `Quantity`), if any. */
function valueType(ext: Record<string, unknown>): string | undefined {
  for (const key in ext) {
    // `_valueCode` alone (a value absent, with its own extension) still names the type.
    const at = key.startsWith('value') ? 5 : key.startsWith('_value') ? 6 : 0;
    if (at && key.length > at && ext[key] !== undefined) {
      const t = key.slice(at);
      // Primitive types are lower camel case (`valueDateTime` → `dateTime`); `valueCodeableConcept` stays.
      return PRIMITIVE_NAMES.get(t) ?? t;
    }
  }
  return undefined;
}
const PRIMITIVE_NAMES = new Map(
  'base64Binary boolean canonical code date dateTime decimal id instant integer markdown oid positiveInt string time unsignedInt uri url uuid'
    .split(' ')
    .map((p) => [p[0]!.toUpperCase() + p.slice(1), p]),
);

const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:\S/;

/**
 * Check one extension object at `path()` (`Patient.extension[0]`, spelt out when reported), held by the element `at`.
 * `modifier`: it sits in `modifierExtension`.
 */
export function checkExtension(
  ext: Record<string, unknown>,
  path: () => string,
  at: ExtensionContext,
  modifier: boolean,
  issues: ValidationIssue[],
): void {
  const raw = ext.url;
  if (typeof raw !== 'string') return; // the structure check reports it
  const parent = at.parent !== undefined ? definition(at.parent) : undefined;
  if (parent && !parent.types.length) {
    // A sub-extension of a complex extension FHIR defines.
    const sub = parent.subs.get(raw);
    if (!sub) {
      if (!ABSOLUTE.test(raw))
        report(
          issues,
          path() + '.url',
          'extension',
          `Extension ${at.parent} has no sub-extension "${raw}".`,
          `Extension ${at.parent} không có extension con "${raw}".`,
        );
    } else checkValue(ext, sub.types, path, raw, issues);
    return;
  }
  if (at.parent !== undefined && !ABSOLUTE.test(raw)) return; // inside an unknown extension: its own names
  if (!ABSOLUTE.test(raw)) {
    report(
      issues,
      path() + '.url',
      'extension',
      `Extension url "${raw}" must be an absolute URL (e.g. http://…/StructureDefinition/…).`,
      `url của extension "${raw}" phải là URL tuyệt đối (ví dụ http://…/StructureDefinition/…).`,
    );
    return;
  }
  // A versioned canonical (`url|version`) names the same extension.
  const bar = raw.indexOf('|');
  const url = bar < 0 ? raw : raw.slice(0, bar);
  const d = definition(url);
  if (!d) {
    if (modifier)
      report(
        issues,
        path(),
        'extension',
        `Modifier extension ${url} is not known to the SDK: it may change the meaning of the element, so the data cannot be used safely.`,
        `SDK không biết modifier extension ${url}: nó có thể thay đổi ý nghĩa của phần tử, nên không thể dùng dữ liệu này an toàn.`,
      );
    return;
  }
  if (d.modifier !== modifier)
    report(
      issues,
      path(),
      'extension',
      d.modifier
        ? `Extension ${url} is a modifier extension; put it in modifierExtension.`
        : `Extension ${url} is not a modifier extension; put it in extension, not modifierExtension.`,
      d.modifier
        ? `Extension ${url} là modifier extension; hãy đặt nó trong modifierExtension.`
        : `Extension ${url} không phải modifier extension; hãy đặt trong extension, không phải modifierExtension.`,
    );
  if (!inContext(d, at))
    report(
      issues,
      path(),
      'extension',
      `Extension ${url} is not allowed on ${at.element}; it is defined for ${d.contexts.join(', ')}.`,
      `Không được dùng extension ${url} trên ${at.element}; nó chỉ dành cho ${d.contexts.join(', ')}.`,
    );
  if (d.types.length) return checkValue(ext, d.types, path, url, issues);
  // A complex extension: sub-extensions, no value.
  if (valueType(ext))
    report(
      issues,
      path(),
      'extension',
      `Extension ${url} is complex: it holds sub-extensions, not a value.`,
      `Extension ${url} là loại phức hợp: chứa các extension con, không có giá trị value.`,
    );
  const present = new Set<unknown>();
  if (Array.isArray(ext.extension))
    for (const sub of ext.extension as { url?: unknown }[]) present.add(sub?.url);
  for (const [name, sub] of d.subs)
    if (sub.required && !present.has(name))
      report(
        issues,
        path(),
        'extension',
        `Extension ${url} requires its sub-extension "${name}".`,
        `Extension ${url} bắt buộc có extension con "${name}".`,
      );
}

function checkValue(
  ext: Record<string, unknown>,
  types: string[],
  path: () => string,
  url: string,
  issues: ValidationIssue[],
): void {
  const t = valueType(ext);
  if (t === undefined) {
    // Without a value, a simple extension says nothing (a complex one is the parent's business).
    if (types.length && ext.extension === undefined)
      report(
        issues,
        path(),
        'extension',
        `Extension ${url} needs a value (${types.map((x) => 'value' + x[0]!.toUpperCase() + x.slice(1)).join(', ')}).`,
        `Extension ${url} cần có giá trị (${types.map((x) => 'value' + x[0]!.toUpperCase() + x.slice(1)).join(', ')}).`,
      );
    return;
  }
  if (!types.length || !types.includes(t))
    report(
      issues,
      path(),
      'extension',
      types.length
        ? `Extension ${url} takes a value of type ${types.join(', ')}, not ${t}.`
        : `Extension ${url} takes no value, only sub-extensions.`,
      types.length
        ? `Extension ${url} nhận giá trị kiểu ${types.join(', ')}, không phải ${t}.`
        : `Extension ${url} không nhận giá trị value, chỉ nhận extension con.`,
    );
}

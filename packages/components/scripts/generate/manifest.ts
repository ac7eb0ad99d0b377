// The part of custom-elements.json the generators use, read into one plain model per element.
// Everything the generated files say comes from here; nothing is added by hand.

/** An attribute as the manifest lists it. */
export interface AttributeModel {
  /** The attribute name (`patient-id`). */
  name: string;
  /** The property it sets, if any (`patientId`). */
  fieldName?: string;
  /** The manifest's type text (`string | undefined`, `'full' | 'compact'`). */
  type: string;
  description: string;
  default?: string;
}

/** A public, writable field of the element class. */
export interface PropertyModel {
  name: string;
  type: string;
  description: string;
}

/** An event the class documents with `@fires`. */
export interface EventModel {
  /** The DOM event name (`vnh-booked`). */
  name: string;
  /** The exported event class (`ConsultBookedEvent`), or `Event` when the manifest names none. */
  eventClass: string;
  description: string;
}

/** A named item with a description (slots, CSS parts, CSS custom properties). */
export interface NamedModel {
  name: string;
  description: string;
  default?: string;
}

/** One custom element. */
export interface ElementModel {
  tag: string;
  /** The exported class (`VnhConsultBooking`). */
  className: string;
  summary: string;
  description: string;
  attributes: AttributeModel[];
  properties: PropertyModel[];
  events: EventModel[];
  slots: NamedModel[];
  cssParts: NamedModel[];
  cssProperties: NamedModel[];
}

interface CemItem {
  name: string;
  description?: string;
  summary?: string;
  default?: string;
  type?: { text?: string };
}
interface CemMember extends CemItem {
  kind: string;
  static?: boolean;
  readonly?: boolean;
  privacy?: string;
}
interface CemDeclaration extends CemItem {
  kind: string;
  customElement?: boolean;
  tagName?: string;
  members?: CemMember[];
  attributes?: (CemItem & { fieldName?: string })[];
  events?: CemItem[];
  slots?: CemItem[];
  cssParts?: CemItem[];
  cssProperties?: CemItem[];
}
/** The manifest's shape as far as the generators read it (schema 2.x). */
export interface Manifest {
  modules: { path: string; declarations?: CemDeclaration[] }[];
}

/** One line of prose: the manifest keeps JSDoc line breaks. */
function prose(text: string | undefined): string {
  return (text ?? '').replace(/\s*\n\s*/g, ' ').trim();
}

function named(items: CemItem[] | undefined): NamedModel[] {
  return (items ?? []).map((item) => ({
    name: item.name,
    description: prose(item.description),
    ...(item.default === undefined ? {} : { default: item.default }),
  }));
}

/** Every custom element of the manifest, sorted by tag name (so the output is stable). */
export function elementsOf(manifest: Manifest): ElementModel[] {
  const elements: ElementModel[] = [];
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) {
      if (d.kind !== 'class' || !d.customElement || !d.tagName) continue;
      elements.push({
        tag: d.tagName,
        className: d.name,
        summary: prose(d.summary),
        description: prose(d.description),
        attributes: (d.attributes ?? []).map((a) => ({
          name: a.name,
          ...(a.fieldName ? { fieldName: a.fieldName } : {}),
          type: a.type?.text ?? 'string',
          description: prose(a.description),
          ...(a.default === undefined ? {} : { default: a.default }),
        })),
        properties: (d.members ?? [])
          .filter((m) => m.kind === 'field' && !m.static && !m.readonly && !m.privacy)
          .map((m) => ({
            name: m.name,
            type: m.type?.text ?? 'unknown',
            description: prose(m.description),
          })),
        events: (d.events ?? []).map((e) => ({
          name: e.name,
          eventClass: e.type?.text ?? 'Event',
          description: prose(e.description),
        })),
        slots: named(d.slots),
        cssParts: named(d.cssParts),
        cssProperties: named(d.cssProperties),
      });
    }
  }
  return elements.sort((a, b) => a.tag.localeCompare(b.tag));
}

/** `vnh-booked` → `VnhBooked`. */
export function pascal(name: string): string {
  return name.replace(/(^|[-:])([a-z0-9])/g, (_, _sep: string, c: string) => c.toUpperCase());
}

/** The parts of a union type text at its top level (`'a' | 'b' | undefined` → three parts). */
export function unionParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if ('<([{'.includes(c)) depth++;
    else if ('>)]}'.includes(c)) depth--;
    else if (c === '|' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter(Boolean);
}

/** The string literals of a type text that is a union of them (`'full' | 'compact'`), else none. */
export function literalValues(text: string): string[] {
  const parts = unionParts(text).filter((p) => p !== 'undefined' && p !== 'null');
  return parts.length && parts.every((p) => /^(['"]).*\1$/.test(p))
    ? parts.map((p) => p.slice(1, -1))
    : [];
}

/**
 * The TypeScript type of an attribute, from the manifest: its text when that is made of
 * primitives and string literals only (`string`, `'full' | 'compact'`), else the type of the
 * property it sets (`VnhConsultBooking['mode']`), whose alias the manifest names but does not
 * define.
 */
export function attributeType(element: ElementModel, attribute: AttributeModel): string {
  const parts = unionParts(attribute.type).filter((p) => p !== 'undefined' && p !== 'null');
  const simple = (p: string) => /^(string|number|boolean)$/.test(p) || /^(['"]).*\1$/.test(p);
  if (parts.length && parts.every(simple)) return parts.join(' | ');
  if (attribute.fieldName) return `${element.className}['${attribute.fieldName}']`;
  return 'string';
}

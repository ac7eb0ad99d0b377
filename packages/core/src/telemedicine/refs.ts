/** Reference helpers shared by the telemedicine client. @internal */
import type { Resource } from '../fhir/index.ts';

/**
 * `Type/id` from a resource, a `Reference`, a `Type/id` string (absolute URLs and `_history`
 * suffixes are stripped) or a bare id.
 *
 * @example
 * toReference('123', 'Slot') // 'Slot/123'
 * toReference({ reference: 'http://x/fhir/Slot/9/_history/2' }, 'Slot') // 'Slot/9'
 */
export function toReference(value: unknown, type: string): string {
  if (typeof value === 'string') {
    if (!value.includes('/')) return `${type}/${value}`;
    return normalise(value);
  }
  if (value && typeof value === 'object') {
    const v = value as { reference?: string; resourceType?: string; id?: string; slot?: Resource };
    if (typeof v.reference === 'string') return normalise(v.reference);
    if (v.resourceType && v.id) return `${v.resourceType}/${v.id}`;
    if (v.slot && v.slot.id) return `${v.slot.resourceType}/${v.slot.id}`;
  }
  throw new TypeError(`Expected a ${type} resource, reference or id.`);
}

function normalise(reference: string): string {
  const match = /([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?\/?$/.exec(
    reference,
  );
  if (!match) return reference;
  return `${match[1]}/${match[2]}`;
}

/**
 * The id part of {@link toReference}.
 *
 * @example
 * toId('Slot/9', 'Slot') // '9'
 */
export function toId(value: unknown, type: string): string {
  const reference = toReference(value, type);
  const [kind, id] = reference.split('/');
  if (kind !== type || !id) throw new TypeError(`Expected a ${type} reference, got ${reference}.`);
  return id;
}

/**
 * The resource type of a `Type/id` reference.
 *
 * @example
 * typeOf('Slot/9') // 'Slot'
 */
export function typeOf(reference: string): string {
  return reference.split('/')[0] ?? '';
}

/**
 * A UUID that also works outside secure contexts (where `crypto.randomUUID` is missing).
 *
 * @example
 * uuid() // '1b4e28ba-2fa1-41d2-883f-0016d3cca427'
 */
export function uuid(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * `If-Match` value for a version id.
 *
 * @example
 * etagOf({ resourceType: 'Slot', meta: { versionId: '3' } } as Slot) // 'W/"3"'
 */
export function etagOf(resource: Resource): string | undefined {
  const version = resource.meta?.versionId;
  return version ? `W/"${version}"` : undefined;
}

/**
 * The `ifMatch` of a bundle entry that updates `resource`: `{ ifMatch: 'W/"3"' }`, or `{}` when
 * the resource has no version (the entry is then unconditional).
 *
 * @example
 * const entry = { resource: slot, request: { method: 'PUT', url: `Slot/${slot.id}`, ...ifMatchOf(slot) } };
 */
export function ifMatchOf(resource: Resource): { ifMatch?: string } {
  const ifMatch = etagOf(resource);
  return ifMatch ? { ifMatch } : {};
}

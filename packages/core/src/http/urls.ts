/**
 * Paths below the FHIR base: ids and types are checked before any URL is built (so
 * `delete('Basic', '.')` can never become `DELETE Basic/`, a conditional delete of the whole
 * type), search parameters serialised, and server links turned back into paths.
 *
 * @module
 */
import { ValidationError } from '../errors.ts';
import type { BundleRequestEntry, SearchParams } from './types.ts';

/** FHIR R4 `id`: 1–64 letters, digits, `-` and `.`; dot-only ids are path segments, not ids. */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const TYPE = /^[A-Z][A-Za-z]{1,63}$/;

const invalid = (what: string, path: string, call: string): ValidationError =>
  new ValidationError(`${call}: ${what}; no request was sent.`, [
    {
      path,
      code: 'invalid-format',
      severity: 'error',
      message: what,
      messageVi: 'Giá trị không hợp lệ; chưa gửi yêu cầu nào.',
    },
  ]);

/** Throws `ValidationError` unless `type` is a resource type name. */
export function checkType(type: string, call: string): void {
  if (typeof type !== 'string' || !TYPE.test(type)) {
    throw invalid('the resource type is not a FHIR resource type name', 'resourceType', call);
  }
}

/** Throws `ValidationError` unless `id` is a FHIR id (the value is never put in the message). */
export function checkId(type: string, id: unknown, call: string, what = 'id'): void {
  if (typeof id !== 'string' || !FHIR_ID.test(id) || /^\.+$/.test(id)) {
    throw invalid(
      `the ${what} is not a valid FHIR id (1–64 letters, digits, '-' or '.', not only dots)`,
      `${type}.${what === 'id' ? 'id' : 'meta.versionId'}`,
      call,
    );
  }
}

/** `Type/id` or `Type/id/_history/vid`, after checking each part. */
export function resourcePath(type: string, id: unknown, call: string, versionId?: unknown): string {
  checkType(type, call);
  checkId(type, id, call);
  let path = `${type}/${encodeURIComponent(id as string)}`;
  if (versionId !== undefined) {
    checkId(type, versionId, call, 'versionId');
    path += `/_history/${encodeURIComponent(versionId as string)}`;
  }
  return path;
}

/**
 * Throws `ValidationError` when a path below the base has an empty, `.` or `..` segment (which
 * URL resolution would collapse into another target).
 */
export function checkRelative(path: string, call: string): void {
  const segments = path.split('?')[0]!.replace(/^\/+/, '').split('/');
  if (segments.some((s) => s === '' || /^\.+$/.test(s) || /%2e/i.test(s) || s.includes('\\'))) {
    throw invalid('the path has an empty or dot-only segment', 'request.url', call);
  }
}

/** Checks every entry's URL: writes must name `Type/id` or `Type?criteria`. */
export function checkEntries(entries: readonly BundleRequestEntry[], call: string): void {
  entries.forEach(({ request }, index) => {
    const url = request.url.replace(/^\/+/, '');
    const where = `${call} entry[${index}]`;
    checkRelative(url, where);
    if (request.method === 'DELETE' || request.method === 'PUT' || request.method === 'PATCH') {
      const [path = '', query] = url.split('?');
      const [type = '', id, ...rest] = path.split('/');
      checkType(type, where);
      if (!query || id !== undefined) {
        checkId(type, id, where);
        if (rest.length) throw invalid('a write must name Type/id', 'request.url', where);
      }
    }
  });
}

/** Serialise search params; arrays are OR-joined with commas, arrays of arrays repeat the key. */
export function toSearchParams(params: SearchParams = {}): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (!Array.isArray(value)) out.append(key, String(value));
    else if (value.some((item) => Array.isArray(item))) {
      // An array of arrays repeats the key: FHIR's AND (`date=ge…&date=lt…`).
      for (const item of value as readonly unknown[]) {
        out.append(key, Array.isArray(item) ? item.join(',') : String(item));
      }
    } else out.append(key, value.join(','));
  }
  return out;
}

export const withQuery = (path: string, query?: URLSearchParams | string): string => {
  const q = query?.toString();
  return q ? `${path}?${q}` : path;
};

/**
 * The read (`Type/id`) that a search of one `_id` answers as well, when it returns whole
 * resources (no `_elements`, `_summary` or `_contained`): e.g. `Patient?_id=p1&_include=…`
 * answers `Patient/p1`.
 */
export function readAnswered(url: string): string | undefined {
  const [type = '', query] = url.replace(/^\/+/, '').split('?');
  if (!query || !TYPE.test(type)) return undefined;
  const params = new URLSearchParams(query);
  const ids = params.getAll('_id');
  if (ids.length !== 1 || !FHIR_ID.test(ids[0]!)) return undefined;
  if (['_elements', '_summary', '_contained'].some((key) => params.has(key))) return undefined;
  return `${type}/${ids[0]}`;
}

/** `Type/id…` or `Type?…` below the base → [type, id]. */
export function target(url: string): [string, string | undefined] {
  const [path = ''] = url.replace(/^\/+/, '').split('?');
  const [type = '', id] = path.split('/');
  return [type, id && !id.startsWith('$') && !id.startsWith('_') ? id : undefined];
}

/**
 * A server link (absolute or relative) as a path below `baseUrl`: only its path and query are
 * kept, so the next request goes to the client's own base whatever origin the link names (a
 * server behind a reverse proxy often writes its internal one). The token never leaves for
 * another host.
 */
export function relative(url: string, baseUrl: string): string {
  const base = new URL(baseUrl + '/');
  const absolute = new URL(url, base);
  const path = absolute.pathname.startsWith(base.pathname)
    ? absolute.pathname.slice(base.pathname.length)
    : absolute.pathname.replace(/^\//, '');
  return path + absolute.search;
}

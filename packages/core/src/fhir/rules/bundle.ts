/**
 * Bundle rules (R4 bundle.html, the invariants bdl-1 to bdl-12 and "Resource URL & Uniqueness
 * rules in a bundle"): `total` and `entry.search` only in search results (and `total` in history),
 * `request` and `response` exactly where the bundle type needs them, unique `fullUrl`s and
 * resources, a `fullUrl` that agrees with its resource's id, a document's identifier, timestamp
 * and Composition first, a message's MessageHeader first. Entry
 * resources of types the SDK does not model are reported (as warnings) as unchecked.
 */
import type { ValidationIssue } from '../../errors.ts';
import { RESOURCE_TYPES } from '../generated/model.ts';
import { asObject, report } from './report.ts';

const SUPPORTED = new Set<string>(RESOURCE_TYPES);
const NEEDS_REQUEST = new Set(['batch', 'transaction', 'history']);
const NEEDS_RESPONSE = new Set(['batch-response', 'transaction-response', 'history']);
/** A RESTful URL's `Type/id` (then perhaps `/_history/vid`), read from its last segments. */
const TYPE = /^[A-Z][A-Za-z]+$/;
const ID = /^[A-Za-z0-9\-.]{1,64}$/;
function restful(url: string): [string, string, string, string | undefined] | undefined {
  let end = url.length;
  let history: string | undefined;
  const h = url.lastIndexOf('/_history/');
  if (h >= 0 && ID.test(url.slice(h + 10))) {
    history = url.slice(h);
    end = h;
  }
  const slash = url.lastIndexOf('/', end - 1);
  if (slash < 0) return undefined;
  const type = url.slice(url.lastIndexOf('/', slash - 1) + 1, slash);
  const id = url.slice(slash + 1, end);
  return TYPE.test(type) && ID.test(id) ? [url, type, id, history] : undefined;
}
const UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OID = /^urn:oid:[0-2](\.(0|[1-9][0-9]*))+$/;

/** Check the Bundle `bundle` at `path` (`Bundle`, or `Bundle.entry[0].resource` when nested). */
export function checkBundle(
  bundle: Record<string, unknown>,
  path: string,
  issues: ValidationIssue[],
): void {
  const type = typeof bundle.type === 'string' ? bundle.type : '';
  if (bundle.total !== undefined && type !== 'searchset' && type !== 'history')
    report(
      issues,
      path + '.total',
      'invariant',
      'total is only allowed in a searchset or history Bundle (bdl-1).',
      'Chỉ Bundle loại searchset hoặc history mới có total (bdl-1).',
      'bdl-1',
    );
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  const first = asObject(asObject(entries[0])?.resource)?.resourceType;
  const invariant = (key: string, where: string, en: string, vi: string) =>
    report(issues, path + where, 'invariant', `${en} (${key}).`, `${vi} (${key}).`, key);
  if (type === 'document') {
    const id = asObject(bundle.identifier);
    if (!id || id.system === undefined || id.value === undefined)
      invariant(
        'bdl-9',
        '.identifier',
        'A document Bundle needs an identifier with both system and value',
        'Bundle loại document cần identifier có cả system và value',
      );
    if (bundle.timestamp === undefined)
      invariant(
        'bdl-10',
        '',
        'A document Bundle needs a timestamp',
        'Bundle loại document cần có timestamp',
      );
    if (first !== 'Composition')
      invariant(
        'bdl-11',
        '.entry',
        'A document Bundle starts with its Composition',
        'Bundle loại document phải có Composition ở entry đầu tiên',
      );
  }
  if (type === 'message' && first !== 'MessageHeader')
    invariant(
      'bdl-12',
      '.entry',
      'A message Bundle starts with its MessageHeader',
      'Bundle loại message phải có MessageHeader ở entry đầu tiên',
    );
  /**
   * fullUrl → versionIds seen (bdl-7), type → id → fullUrls seen: one value, an array once
   * repeated (by type, then id: no `Type/id` string is made per entry).
   */
  const urls = new Map<string, unknown>();
  const ids = new Map<string, Map<string, unknown>>();
  let i = 0;
  // The entry's path, spelt out only when an issue is reported (most entries have none).
  const at = (suffix = '') => `${path}.entry[${i}]${suffix}`;
  const rule = (key: string, en: string, vi: string, where = at()) =>
    report(issues, where, 'invariant', `${en} (${key}).`, `${vi} (${key}).`, key);
  /** Entries of types the SDK does not model: the path of the first and how many, by type. */
  const unsupported = new Map<string, [string, number]>();
  for (; i < entries.length; i++) {
    const entry = asObject(entries[i]);
    if (!entry) continue;
    const resource = asObject(entry.resource);
    if (entry.search !== undefined && type !== 'searchset')
      rule(
        'bdl-2',
        'entry.search is only allowed in a searchset Bundle',
        'Chỉ Bundle searchset mới có entry.search',
        at('.search'),
      );
    if (NEEDS_REQUEST.has(type) ? entry.request === undefined : entry.request !== undefined)
      rule(
        'bdl-3',
        NEEDS_REQUEST.has(type)
          ? `Every entry of a ${type} Bundle needs a request`
          : `entry.request is only allowed in batch, transaction and history Bundles, not ${type || 'this one'}`,
        NEEDS_REQUEST.has(type)
          ? `Mỗi entry của Bundle ${type} cần có request`
          : `Chỉ Bundle batch, transaction và history mới có entry.request, không phải ${type || 'loại này'}`,
        NEEDS_REQUEST.has(type) ? at() : at('.request'),
      );
    if (NEEDS_RESPONSE.has(type) ? entry.response === undefined : entry.response !== undefined)
      rule(
        'bdl-4',
        NEEDS_RESPONSE.has(type)
          ? `Every entry of a ${type} Bundle needs a response`
          : `entry.response is only allowed in batch-response, transaction-response and history Bundles, not ${type || 'this one'}`,
        NEEDS_RESPONSE.has(type)
          ? `Mỗi entry của Bundle ${type} cần có response`
          : `Chỉ Bundle batch-response, transaction-response và history mới có entry.response, không phải ${type || 'loại này'}`,
        NEEDS_RESPONSE.has(type) ? at() : at('.response'),
      );
    if (!resource && entry.request === undefined && entry.response === undefined)
      rule(
        'bdl-5',
        'An entry needs a resource, a request or a response',
        'Mỗi entry cần có resource, request hoặc response',
      );
    const fullUrl = typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined;
    const rType = typeof resource?.resourceType === 'string' ? resource.resourceType : undefined;
    const rId = typeof resource?.id === 'string' ? resource.id : undefined;
    if (fullUrl !== undefined) {
      checkFullUrl(fullUrl, rType, rId, at, rule, issues);
      // In a history Bundle the same resource appears once per version.
      if (type !== 'history') {
        const version = asObject(resource?.meta)?.versionId;
        const seen = seenOf(urls, fullUrl, version);
        if (seen && (version === undefined || seen.includes(version) || seen.includes(undefined)))
          rule(
            'bdl-7',
            'Two entries have the same fullUrl (only different versions of a resource may share one)',
            'Hai entry có cùng fullUrl (chỉ các phiên bản khác nhau của một tài nguyên mới được trùng)',
            at('.fullUrl'),
          );
      }
    }
    if (rType && rId && type !== 'history') {
      // The same `Type/id` from different servers (distinct absolute fullUrls) are different resources.
      let byId = ids.get(rType);
      if (!byId) ids.set(rType, (byId = new Map()));
      const seen = seenOf(byId, rId, fullUrl);
      if (
        seen &&
        (fullUrl === undefined || seen.includes(fullUrl) || seen.includes(undefined)) &&
        !asObject(resource?.meta)?.versionId
      )
        report(
          issues,
          at('.resource.id'),
          'duplicate',
          `${rType}/${rId} appears in two entries of the Bundle; a resource may appear only once.`,
          `${rType}/${rId} xuất hiện ở hai entry của Bundle; mỗi tài nguyên chỉ được xuất hiện một lần.`,
        );
    }
    if (rType && !SUPPORTED.has(rType)) {
      const seen = unsupported.get(rType);
      if (seen) seen[1]++;
      else unsupported.set(rType, [at('.resource'), 1]);
    }
  }
  // One warning per type, at its first entry: a Bundle of 6,000 StructureDefinitions is one finding.
  for (const [rType, [first, count]] of unsupported) {
    const more = count > 1 ? ` (${count} entries, the first here)` : '';
    const moreVi = count > 1 ? ` (${count} mục, mục đầu tiên ở đây)` : '';
    report(
      issues,
      first,
      'unsupported-type',
      `${rType} is not one of the resource types the SDK models; it was accepted without checks${more}.`,
      `${rType} không thuộc các loại tài nguyên SDK mô hình hóa; đã nhận mà không kiểm tra${moreVi}.`,
      undefined,
      'warning',
    );
  }
}

/** Several values seen for one key (most keys are met once and keep their one value). */
class Seen {
  readonly list: unknown[];
  constructor(list: unknown[]) {
    this.list = list;
  }
}
/** Stands for `undefined` as a value seen, so that `get` alone tells a new key. */
const NONE = Symbol('none');

/** What `seen` held for `key` before `value` is added: undefined the first time, else the earlier values. */
function seenOf(seen: Map<string, unknown>, key: string, value: unknown): unknown[] | undefined {
  const before = seen.get(key);
  const v = value === undefined ? NONE : value;
  if (before === undefined) {
    seen.set(key, v);
    return undefined;
  }
  const earlier = before instanceof Seen ? [...before.list] : [before];
  if (before instanceof Seen) before.list.push(v);
  else seen.set(key, new Seen([before, v]));
  return earlier.map((e) => (e === NONE ? undefined : e));
}

/**
 * A fullUrl agrees with its resource: `urn:uuid:`/`urn:oid:` well formed, a RESTful URL ends with
 * `Type/id`. `at` spells out the entry's path (with a suffix) when an issue is reported.
 */
function checkFullUrl(
  fullUrl: string,
  type: string | undefined,
  id: string | undefined,
  at: (suffix: string) => string,
  rule: (key: string, en: string, vi: string, where?: string) => void,
  issues: ValidationIssue[],
): void {
  const bad = (en: string, vi: string) =>
    report(issues, at('.fullUrl'), 'bundle', en + '.', vi + '.');
  if (fullUrl.startsWith('urn:uuid:')) {
    if (!UUID.test(fullUrl))
      bad(
        'A urn:uuid: fullUrl needs a lower-case UUID (urn:uuid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)',
        'fullUrl dạng urn:uuid: cần một UUID viết thường (urn:uuid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)',
      );
    return;
  }
  if (fullUrl.startsWith('urn:oid:')) {
    if (!OID.test(fullUrl))
      bad(
        'A urn:oid: fullUrl needs an OID (urn:oid:1.2.3)',
        'fullUrl dạng urn:oid: cần một OID (urn:oid:1.2.3)',
      );
    return;
  }
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(fullUrl)) {
    bad(
      'fullUrl must be an absolute URL or a urn:uuid:/urn:oid:',
      'fullUrl phải là URL tuyệt đối hoặc urn:uuid:/urn:oid:',
    );
    return;
  }
  const m = restful(fullUrl);
  if (m?.[3])
    rule(
      'bdl-8',
      'fullUrl cannot be a version-specific reference (no /_history/)',
      'fullUrl không được là tham chiếu theo phiên bản (không có /_history/)',
      at('.fullUrl'),
    );
  else if (m && type && id && (m[1] !== type || m[2] !== id))
    bad(
      `fullUrl must end with ${type}/${id}, the resource's type and id`,
      `fullUrl phải kết thúc bằng ${type}/${id}, loại và id của tài nguyên`,
    );
}

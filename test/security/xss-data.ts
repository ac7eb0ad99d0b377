/**
 * Hostile FHIR data for the XSS sweep (xss-sweep.browser.test.ts): twelve payloads, a walker
 * that knows the FHIR type of every string leaf (from the SDK's generated R4 element tables), and
 * a `fetch` that serves the sandbox's real answers with a payload in each chosen leaf (and a
 * photo on every Patient and Practitioner, which the seed leaves out).
 *
 * Every payload names a number `n`, and calls `__xss(n)` if anything ever runs it; `n` stands for
 * one (pass, round, field), so an execution or a payload found in the DOM says where it came from.
 */
import { DATATYPES } from '../../packages/core/src/fhir/generated/model.ts';
import { RESOURCE_TABLES } from '../../packages/core/src/fhir/generated/all-tables.ts';

/** The twelve payloads; each calls `__xss(n)` when run. */
export const PAYLOADS: readonly ((n: number) => string)[] = [
  (n) => `<script>__xss(${n})</script>`,
  (n) => `<img src=x onerror=__xss(${n})>`,
  (n) => `<svg onload=__xss(${n})>`,
  (n) => `javascript:__xss(${n})`,
  (n) => `"><script>__xss(${n})</script><img src=x onerror=__xss(${n})>`,
  (n) => `" autofocus onfocus="__xss(${n})" x='' onmouseover='__xss(${n})`,
  (n) => `\${__xss(${n})}{{constructor.constructor('__xss(${n})')()}}`,
  (n) => `</style></textarea></title><img src=x onerror=__xss(${n})>`,
  (n) => `&lt;img src=x onerror=__xss(${n})&gt;&#60;svg onload=__xss(${n})&#62;`,
  (n) => `data:text/html,<script>parent.__xss(${n})</script>`,
  (n) => `x;background:url(javascript:__xss(${n}));}*{background:url("javascript:__xss(${n})")`,
  (n) => `\u2028\u2029<img src=x onerror=__xss(${n})>\u2028';__xss(${n})//`,
];

/** Finds the payload numbers in a text. */
export const MARKER = /__xss\((\d+)\)/g;

/**
 * Which string leaves a pass replaces. `text`: `string`, `markdown` and `xhtml` (names,
 * displays, texts, comments, identifier values, telecom values…) but `Reference.reference`;
 * `codes`: `code` and the `system` beside it (statuses, codings, units); `urls`: the other
 * `uri`, `url`, `canonical`, `oid` and `uuid` values (photos, video links, profiles…) but
 * `Extension.url`, which says what an extension is; `ids`: resource ids and
 * `Reference.reference`.
 */
export type Pass = 'text' | 'codes' | 'urls' | 'ids';

export const PASSES: readonly Pass[] = ['text', 'codes', 'urls', 'ids'];

/** The pass a leaf of FHIR type `type`, named `name`, inside a `parent`, belongs to. */
function passOf(type: string, name: string, parent: string): Pass | undefined {
  if (parent === 'Reference' && name === 'reference') return 'ids';
  if (parent === 'Extension' && name === 'url') return undefined;
  if (type === 'string' || type === 'markdown' || type === 'xhtml') return 'text';
  if (type === 'code' || (type === 'uri' && name === 'system')) return 'codes';
  if (['uri', 'url', 'canonical', 'oid', 'uuid'].includes(type)) return 'urls';
  if (type === 'id') return 'ids';
  return undefined;
}

/** Left as the server sent them: the envelopes (of a Bundle, only the resources in it change). */
const ENVELOPES = new Set(['Bundle', 'OperationOutcome', 'CapabilityStatement']);

/** JSON property → FHIR type, per FHIR type. */
const types = new Map<string, Map<string, string>>();
const INHERITED: Record<string, string> = {
  R: 'id?id,meta?Meta,implicitRules?uri,language?code,text?Narrative,contained*Resource,extension*Extension,modifierExtension*Extension',
  r: 'id?id,meta?Meta,implicitRules?uri,language?code',
  E: 'id?string,extension*Extension',
  B: 'id?string,extension*Extension,modifierExtension*Extension',
};
for (const table of [DATATYPES, ...RESOURCE_TABLES]) {
  for (const [type, spec] of Object.entries(table.types)) {
    const props = new Map<string, string>();
    for (const part of `${INHERITED[spec[0]!]},${spec.slice(1)}`.split(',')) {
      const match = /^(\w+)(\[x\])?[?!*+]([\w|]+)/.exec(part);
      if (!match) continue;
      const [, name, choice, variants] = match as unknown as [string, string, string, string];
      for (const variant of variants.split('|')) {
        props.set(choice ? name + variant[0]!.toUpperCase() + variant.slice(1) : name, variant);
      }
    }
    types.set(type, props);
  }
}

/** One string leaf the sweep replaced. */
export interface Field {
  /** `Type/id` of the resource and the path inside it, e.g. `Patient/vnh-pt-001 name[0].family`. */
  key: string;
  /** Its FHIR type (`string`, `code`, …). */
  type: string;
}

/** What a payload number stands for. */
export interface Placed {
  pass: Pass;
  round: number;
  /** Index into {@link PAYLOADS}. */
  payload: number;
  field: Field;
  /** The payload as placed (what a person must see as text where the field is shown). */
  text: string;
}

/**
 * The payloads of a sweep: for round `r`, field number `f` gets payload `(r + f) % 12`, so over
 * twelve rounds every field gets every payload, and each round spreads all twelve over the fields.
 */
export class Sweep {
  /** Field numbers, stable across rounds and passes. */
  readonly fields = new Map<string, number>();
  /** Payload number → what it stands for. */
  readonly placed = new Map<number, Placed>();
  #byPlace = new Map<string, number>();

  /** The payload for `field` in this pass and round (the same text every time it is asked). */
  payload(pass: Pass, round: number, field: Field): string {
    let f = this.fields.get(field.key);
    if (f === undefined) this.fields.set(field.key, (f = this.fields.size));
    const place = `${pass} ${round} ${field.key}`;
    let n = this.#byPlace.get(place);
    if (n === undefined) {
      n = this.placed.size + 1;
      const payload = (round + f) % PAYLOADS.length;
      const text = PAYLOADS[payload]!(n);
      this.#byPlace.set(place, n);
      this.placed.set(n, { pass, round, payload, field, text });
    }
    return this.placed.get(n)!.text;
  }

  /** A copy of `json` (a resource or a Bundle of them) with this pass's leaves replaced. */
  poison(json: unknown, pass: Pass, round: number): unknown {
    const walk = (
      value: unknown,
      type: string,
      key: string,
      path: string,
      parent: string,
      name = '',
    ): unknown => {
      if (Array.isArray(value))
        return value.map((v, i) => walk(v, type, key, `${path}[${i}]`, parent, name));
      if (typeof value === 'string') {
        if (passOf(type, name, parent) !== pass) return value;
        const text = this.payload(pass, round, { key: `${key} ${path}`, type });
        return type === 'xhtml'
          ? `<div xmlns="http://www.w3.org/1999/xhtml">${escape(text)}</div>`
          : text;
      }
      if (!value || typeof value !== 'object') return value;
      const object = value as Record<string, unknown>;
      if (type === 'Resource' || typeof object.resourceType === 'string') {
        const resourceType = String(object.resourceType);
        if (!types.has(resourceType)) return value;
        if (ENVELOPES.has(resourceType)) {
          if (resourceType !== 'Bundle') return value;
          // Only the resources inside: links, statuses and locations stay the server's.
          const entry = (object.entry as Record<string, unknown>[] | undefined)?.map((e) =>
            e.resource ? { ...e, resource: walk(e.resource, 'Resource', '', '', 'Bundle') } : e,
          );
          return entry ? { ...object, entry } : object;
        }
        return fields(object, resourceType, `${resourceType}/${String(object.id)}`, '');
      }
      return fields(object, type, key, path);
    };
    const fields = (object: Record<string, unknown>, type: string, key: string, path: string) => {
      const props = types.get(type);
      const out: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(object)) {
        const child = props?.get(name);
        out[name] =
          child && name !== 'resourceType'
            ? walk(value, child, key, path ? `${path}.${name}` : name, type, name)
            : value;
      }
      return out;
    };
    return walk(json, 'Resource', '', '', '');
  }
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Fields the elements show that the seed leaves out, added so that the sweep reaches them too: a
 * photo for every Patient and Practitioner.
 */
function complete(json: unknown): unknown {
  if (!json || typeof json !== 'object') return json;
  const resource = json as Record<string, unknown>;
  if (resource.resourceType === 'Bundle' && Array.isArray(resource.entry)) {
    const entry = (resource.entry as Record<string, unknown>[]).map((e) =>
      e.resource ? { ...e, resource: complete(e.resource) } : e,
    );
    return { ...resource, entry };
  }
  if (
    (resource.resourceType === 'Patient' || resource.resourceType === 'Practitioner') &&
    !resource.photo
  ) {
    const url = `https://photos.example.vn/${String(resource.id)}.png`;
    return { ...resource, photo: [{ contentType: 'image/png', url, title: 'Ảnh chân dung' }] };
  }
  return json;
}

/** A response the sandbox gave, kept to be poisoned again in later rounds. */
interface Kept {
  status: number;
  headers: [string, string][];
  body: string;
}

/** A client's requests: how many are in flight, and when the last one ended. */
export interface Activity {
  inflight: number;
  last: number;
}

/**
 * The sandbox's answers, poisoned: each request goes to the real sandbox once (later rounds reuse
 * its answer) and comes back with the JSON poisoned for the current pass and round (`at`;
 * `undefined` answers unchanged, for the baseline render).
 */
export class HostileServer {
  at: { pass: Pass; round: number } | undefined;
  /** Requests the sandbox answered (not the reused ones). */
  sent = 0;
  readonly #kept = new Map<string, Promise<Kept>>();

  constructor(readonly sweep: Sweep) {}

  /**
   * A `fetch` for one client: `received` collects the payload numbers it served, `activity`
   * counts the requests in flight and when the last one ended.
   */
  fetch(received: Set<number>, activity: Activity): typeof fetch {
    const send: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const body = request.method === 'GET' ? '' : await request.clone().text();
      const key = `${request.method} ${request.url} ${body}`;
      let answer = this.#kept.get(key);
      if (!answer) {
        this.sent++;
        answer = fetch(request).then(async (response) => ({
          status: response.status,
          headers: [...response.headers].filter(
            ([name]) => !/^content-(length|encoding)$/i.test(name),
          ),
          body: await response.text(),
        }));
        this.#kept.set(key, answer);
      }
      const { status, headers, body: text } = await answer;
      let out = text;
      const json = /json/.test(new Headers(headers).get('content-type') ?? '');
      if (!this.at && text && json) out = JSON.stringify(complete(JSON.parse(text)));
      if (this.at && text && json) {
        const completed = complete(JSON.parse(text));
        out = JSON.stringify(this.sweep.poison(completed, this.at.pass, this.at.round));
        for (const m of out.matchAll(MARKER)) received.add(Number(m[1]));
      }
      return new Response(status === 204 || status === 304 ? null : out, { status, headers });
    };
    return async (input, init) => {
      activity.inflight++;
      try {
        return await send(input, init);
      } finally {
        activity.inflight--;
        activity.last = performance.now();
      }
    };
  }
}

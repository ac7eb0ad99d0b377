/**
 * The writes of the FHIR client — create, update, patch, delete, batches with writes,
 * transactions and operations — loaded with `import()` on the first of them, so a page that only
 * reads (a card, a history) never downloads them. Each checks its ids and entries before any URL
 * is built, sends through the client's stages and invalidates what it touched in the cache.
 *
 * @internal
 * @module
 */
import {
  HealthError,
  entryResults,
  checkEntries,
  checkRelative,
  checkType,
  resourcePath,
  target,
  toSearchParams,
  withQuery,
  expectationOf,
} from '../kernel.ts';
import type { Bundle, Resource, ResourceType } from '../fhir/index.ts';
import type { Stages } from './fhir-client.ts';
import type { Received, SendInit } from './transport.ts';
import type {
  BundleEntryResult,
  BundleRequestEntry,
  FhirClient,
  JsonPatchOperation,
  RequestOptions,
} from './types.ts';

type CreateOptions = NonNullable<Parameters<FhirClient['create']>[1]>;
type UpdateOptions = NonNullable<Parameters<FhirClient['update']>[1]>;
type OperationOptions = NonNullable<Parameters<FhirClient['operation']>[1]>;

const ifMatchHeader = (version: string) => (version.startsWith('W/') ? version : `W/"${version}"`);

const call = (opts: RequestOptions): SendInit => ({
  signal: opts.signal,
  timeoutMs: opts.timeoutMs,
  retry: opts.retry,
});

/** `url` (a Location) as a path below the base. */
function relativeTo(baseUrl: string, url: string): string {
  const path = new URL(url, baseUrl + '/').pathname;
  const base = new URL(baseUrl + '/').pathname;
  return path.startsWith(base) ? path.slice(base.length) : path.replace(/^\//, '');
}

/** Writes answer with the resource (or, from servers ignoring `Prefer`, only a Location). */
function written<T extends Resource>(baseUrl: string, resource: T, sent: Received): T {
  if (sent.body) return sent.body as T;
  const location = sent.headers.get('location') ?? sent.headers.get('content-location');
  const match =
    location &&
    /\/([^/]+)\/([^/]+)\/_history\/([^/?]+)/.exec(new URL(location, baseUrl + '/').pathname);
  if (!match) return resource;
  return { ...resource, id: match[2], meta: { ...resource.meta, versionId: match[3] } };
}

function invalidateEntries(
  s: Stages,
  entries: readonly BundleRequestEntry[],
  results?: BundleEntryResult[],
): void {
  entries.forEach((entry, index) => {
    if (entry.request.method === 'GET' || entry.request.method === 'HEAD') return;
    const [type, id] = target(entry.request.url);
    const located = results?.[index]?.location;
    s.cache.invalidate(
      type,
      id ?? (located ? target(relativeTo(s.baseUrl, located))[1] : undefined),
    );
  });
}

/** `FhirClient.create`. */
export async function create<T extends Resource>(
  s: Stages,
  resource: T,
  opts: CreateOptions = {},
): Promise<T> {
  checkType(resource.resourceType, 'create()');
  const headers: Record<string, string> = { prefer: 'return=representation' };
  if (opts.ifNoneExist) {
    headers['if-none-exist'] =
      typeof opts.ifNoneExist === 'string'
        ? opts.ifNoneExist
        : toSearchParams(opts.ifNoneExist).toString();
  }
  let sent: Received | undefined;
  const type = resource.resourceType;
  try {
    sent = await s.send(
      'POST',
      type,
      { ...call(opts), json: resource, headers },
      { kind: 'resource', type },
    );
    return written(s.baseUrl, resource, sent);
  } finally {
    s.cache.invalidate(type, (sent?.body as Resource | undefined)?.id);
  }
}

/** `FhirClient.update`. */
export async function update<T extends Resource>(
  s: Stages,
  resource: T,
  opts: UpdateOptions = {},
): Promise<T> {
  const type = resource.resourceType;
  if (!resource.id) {
    throw new HealthError(`update() needs ${type}.id; use create() for new resources.`);
  }
  const path = resourcePath(type, resource.id, 'update()');
  const version = opts.ifMatch === true ? resource.meta?.versionId : opts.ifMatch || undefined;
  if (opts.ifMatch === true && !version) {
    throw new HealthError(
      `update(…, { ifMatch: true }) needs ${type}.meta.versionId; read the resource first.`,
    );
  }
  const headers: Record<string, string> = { prefer: 'return=representation' };
  if (version) headers['if-match'] = ifMatchHeader(version);
  try {
    const init = { ...call(opts), json: resource, headers };
    return written(
      s.baseUrl,
      resource,
      await s.send('PUT', path, init, { kind: 'resource', type }),
    );
  } finally {
    s.cache.invalidate(type, resource.id);
  }
}

/** `FhirClient.patch`. */
export async function patch(
  s: Stages,
  type: ResourceType,
  id: string,
  operations: JsonPatchOperation[],
  opts: RequestOptions & { ifMatch?: string } = {},
): Promise<Resource> {
  const path = resourcePath(type, id, 'patch()');
  const headers: Record<string, string> = { prefer: 'return=representation' };
  if (opts.ifMatch) headers['if-match'] = ifMatchHeader(opts.ifMatch);
  try {
    const init = {
      ...call(opts),
      json: operations,
      contentType: 'application/json-patch+json',
      headers,
    };
    const sent = await s.send('PATCH', path, init, { kind: 'resource', type });
    return written(s.baseUrl, { resourceType: type, id } as never, sent);
  } finally {
    s.cache.invalidate(type, id);
  }
}

/** `FhirClient.delete`. */
export async function remove(
  s: Stages,
  type: ResourceType,
  id: string,
  opts: RequestOptions = {},
): Promise<void> {
  const path = resourcePath(type, id, `delete('${type}', id)`);
  try {
    await s.send('DELETE', path, call(opts), { kind: 'any' });
  } finally {
    s.cache.invalidate(type, id);
  }
}

/** `FhirClient.batch` and `transaction` with writes: sent once per call, never cached. */
export async function bundle(
  s: Stages,
  type: 'batch' | 'transaction',
  entries: BundleRequestEntry[],
  opts: RequestOptions = {},
): Promise<BundleEntryResult[]> {
  checkEntries(entries, `${type}()`);
  const expected = { kind: 'response', entries: entries.map(expectationOf) } as const;
  const init = { ...call(opts), json: { resourceType: 'Bundle', type, entry: entries }, entries };
  let results: BundleEntryResult[] | undefined;
  try {
    const { body } = await s.send('POST', '', init, expected);
    results = entryResults(body as Bundle, entries);
  } finally {
    invalidateEntries(s, entries, results);
  }
  const failed = type === 'transaction' && results.find((result) => !result.ok);
  if (failed && failed.error) throw failed.error;
  return results;
}

/** `FhirClient.operation`. */
export async function operation(
  s: Stages,
  path: string,
  opts: OperationOptions = {},
): Promise<unknown> {
  const local = path.replace(/^\/+/, '');
  checkRelative(local, 'operation()');
  const method = opts.method ?? (opts.body ? 'POST' : 'GET');
  const url = withQuery(local, opts.params && toSearchParams(opts.params));
  const init = { ...call(opts), ...(opts.body ? { json: opts.body } : {}) };
  try {
    return (await s.send(method, url, init, { kind: 'any' })).body;
  } finally {
    if (method !== 'GET') s.cache.invalidate(...target(url));
  }
}

import {
  Operator,
  OperationOutcomeError,
  allOk,
  created,
  getSearchParameter,
  gone,
  multipleMatches,
  validateResource,
} from '@medplum/core';
import type {
  CreateResourceOptions,
  DeleteResourceOptions,
  UpdateResourceOptions,
} from '@medplum/fhir-router';
import { MemoryRepository } from '@medplum/fhir-router';
import type { SearchRequest, WithId } from '@medplum/core';
import { BusyError } from './limits.ts';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';

/** The private state of MemoryRepository that the journal needs to undo writes. */
interface MemoryInternals {
  resources: Map<string, Map<string, Resource>>;
  history: Map<string, Map<string, Resource[]>>;
  seeding: boolean;
}

/** Options of {@link SandboxRepository}. */
export interface SandboxRepositoryOptions {
  /** Validate resources against the R4 base definitions on every write. @default true */
  validate?: boolean;
  /** Clock for `meta.lastUpdated`. @default () => new Date() */
  clock?: () => Date;
}

/**
 * Medplum's {@link MemoryRepository} with what a FHIR server in front of it needs:
 *
 * - `meta.versionId` is a counter per resource ("1", "2", …) as in HAPI, so `ETag: W/"1"` means
 *   the first version;
 * - deleted resources answer `410 Gone` instead of `404`;
 * - `withTransaction` is real: every write inside it is journaled and undone when the callback
 *   throws (MemoryRepository's own `withTransaction` just runs the callback, so a failing entry
 *   would leave the earlier entries of a transaction written);
 * - `conditionalCreate` goes through the journaled create;
 * - bulk loading of seed data without the per-write JSON round trip;
 * - a candidate index for `_id`, `identifier` and reference parameters (`patient=`, `subject=`,
 *   `schedule=` …): MemoryRepository scans every resource of a type with FHIRPath, which is
 *   seconds per search at 300,000 patients. The index only narrows the candidates; matching,
 *   sorting, paging and includes remain MemoryRepository's own.
 *
 * It is NOT safe for concurrent writers on its own: the HTTP layer runs every request through one
 * mutex, so check-then-write (If-Match, If-None-Exist, transactions) is atomic.
 */
export class SandboxRepository extends MemoryRepository {
  private readonly tombstones = new Set<string>();
  private journal: (() => void)[] | undefined;
  private readonly validateWrites: boolean;
  private readonly clock: () => Date;
  /**
   * When the running request must stop (`maxRunMs`, set by the HTTP layer around each request):
   * every read, write and search after it throws {@link BusyError}.
   */
  deadline: { at: number; maxRunMs: number } | undefined;
  /** resourceType → index key (`id:<referenced id>`, `ident:<identifier value>`) → resource ids. */
  private readonly index = new Map<string, Map<string, Set<string>>>();

  constructor(options: SandboxRepositoryOptions = {}) {
    super();
    this.validateWrites = options.validate ?? true;
    this.clock = options.clock ?? (() => new Date());
  }

  private get internals(): MemoryInternals {
    return this as unknown as MemoryInternals;
  }

  private checkDeadline(): void {
    if (this.deadline && performance.now() > this.deadline.at) {
      throw new BusyError(this.deadline.maxRunMs);
    }
  }

  /** Current stored version of a resource, without copying it. */
  peek(resourceType: string, id: string): Resource | undefined {
    return this.internals.resources.get(resourceType)?.get(id);
  }

  /** True when the resource existed and was deleted. */
  isDeleted(resourceType: string, id: string): boolean {
    return this.tombstones.has(`${resourceType}/${id}`);
  }

  /** Number of current resources per type. */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [type, map] of this.internals.resources) {
      if (map.size > 0) out[type] = map.size;
    }
    return out;
  }

  /**
   * Stores seed resources as version 1 without validation or copying. The objects become owned
   * by the repository and must not be mutated afterwards.
   */
  loadSeed(resources: readonly Resource[], lastUpdated: string): void {
    const { resources: store, history } = this.internals;
    for (const resource of resources) {
      const { resourceType } = resource;
      const id = resource.id as string;
      resource.meta = { ...resource.meta, versionId: '1', lastUpdated };
      let byId = store.get(resourceType);
      if (!byId) {
        byId = new Map();
        store.set(resourceType, byId);
      }
      let hist = history.get(resourceType);
      if (!hist) {
        hist = new Map();
        history.set(resourceType, hist);
      }
      byId.set(id, resource);
      hist.set(id, [resource]);
      this.reindex(undefined, resource);
    }
  }

  private reindex(previous: Resource | undefined, next: Resource | undefined): void {
    const resource = next ?? previous;
    if (!resource?.id) return;
    let byKey = this.index.get(resource.resourceType);
    if (!byKey) {
      byKey = new Map();
      this.index.set(resource.resourceType, byKey);
    }
    const id = resource.id;
    if (previous) {
      for (const key of indexKeys(previous)) byKey.get(key)?.delete(id);
    }
    if (next) {
      for (const key of indexKeys(next)) {
        let ids = byKey.get(key);
        if (!ids) {
          ids = new Set();
          byKey.set(key, ids);
        }
        ids.add(id);
      }
    }
  }

  /** Candidate ids for a search, or undefined when no filter can use the index. */
  private candidates(request: SearchRequest): Set<string> | undefined {
    let result: Set<string> | undefined;
    const byKey = this.index.get(request.resourceType);
    for (const filter of request.filters ?? []) {
      if (
        filter.operator !== Operator.EQUALS ||
        filter.code.includes(':') ||
        filter.code.includes('.')
      )
        continue;
      const values = filter.value.split(',');
      let keys: string[] | undefined;
      if (filter.code === '_id') {
        keys = values;
      } else if (filter.code === 'identifier') {
        const idents = values.map((v) => v.slice(v.lastIndexOf('|') + 1));
        if (idents.every(Boolean)) keys = idents.map((v) => `ident:${v}`);
      } else if (getSearchParameter(request.resourceType, filter.code)?.type === 'reference') {
        const ids = values.map(referenceId);
        if (ids.every(Boolean)) keys = ids.map((v) => `id:${v}`);
      }
      if (!keys) continue;
      const ids = new Set<string>();
      if (filter.code === '_id') for (const k of keys) ids.add(k);
      else for (const k of keys) for (const id of byKey?.get(k) ?? []) ids.add(id);
      result = result ? new Set([...result].filter((id) => ids.has(id))) : ids;
    }
    return result;
  }

  override search<T extends Resource>(request: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    return this.searchWhere(request, undefined);
  }

  /**
   * A search over only the resources `keep` accepts (an authorised request's view); matching,
   * sorting, paging, totals and includes as in {@link search}.
   */
  searchWhere<T extends Resource>(
    request: SearchRequest<T>,
    keep: ((resource: Resource) => boolean) | undefined,
  ): Promise<Bundle<WithId<T>>> {
    this.checkDeadline();
    const ids = this.candidates(request);
    const store = this.internals.resources;
    const all = store.get(request.resourceType);
    if ((!ids && !keep) || !all) return super.search(request);
    const narrowed = new Map<string, Resource>();
    if (ids) {
      for (const id of ids) {
        const r = all.get(id);
        if (r && (!keep || keep(r))) narrowed.set(id, r);
      }
    } else {
      for (const [id, r] of all) if (keep!(r)) narrowed.set(id, r);
    }
    // MemoryRepository reads the type's map synchronously when search() starts; hand it the candidates.
    store.set(request.resourceType, narrowed);
    try {
      return super.search(request);
    } finally {
      store.set(request.resourceType, all);
    }
  }

  override async createResource<T extends Resource>(
    resource: T,
    options?: CreateResourceOptions,
    update = false,
  ): Promise<WithId<T>> {
    this.checkDeadline();
    const id = resource.id ?? this.generateId();
    const { resourceType } = resource;
    const key = `${resourceType}/${id}`;
    const internals = this.internals;
    const previous = internals.resources.get(resourceType)?.get(id);
    const historyLength = internals.history.get(resourceType)?.get(id)?.length ?? 0;
    const wasDeleted = this.tombstones.has(key);
    const meta = {
      ...resource.meta,
      versionId: String(historyLength + 1),
      lastUpdated: this.clock().toISOString(),
    };
    const candidate = { ...resource, id, meta } as T;
    if (this.validateWrites) validateResource(candidate);

    internals.seeding = true;
    let pending: Promise<WithId<T>>;
    try {
      // MemoryRepository writes synchronously before its first await; seeding mode keeps our meta.
      pending = super.createResource(candidate, options, update);
    } finally {
      internals.seeding = false;
    }
    const result = await pending;
    const stored = internals.resources.get(resourceType)?.get(id);
    this.reindex(previous, stored);
    this.tombstones.delete(key);
    this.journal?.push(() => {
      this.reindex(stored, previous);
      const byId = internals.resources.get(resourceType);
      if (previous) byId?.set(id, previous);
      else byId?.delete(id);
      const versions = internals.history.get(resourceType);
      const list = versions?.get(id);
      if (list) {
        list.length = historyLength;
        if (historyLength === 0) versions?.delete(id);
      }
      if (wasDeleted) this.tombstones.add(key);
    });
    return result;
  }

  /** MemoryRepository throws synchronously here (a stale If-Match); always reject instead. */
  override async updateResource<T extends Resource>(
    resource: T,
    options?: UpdateResourceOptions,
  ): Promise<WithId<T>> {
    return super.updateResource(resource, options);
  }

  override async readResource<T extends Resource>(resourceType: string, id: string): Promise<T> {
    this.checkDeadline();
    if (
      !this.internals.resources.get(resourceType)?.has(id) &&
      this.tombstones.has(`${resourceType}/${id}`)
    ) {
      throw new OperationOutcomeError(gone);
    }
    return super.readResource<T>(resourceType, id);
  }

  override async deleteResource(
    resourceType: string,
    id: string,
    options?: DeleteResourceOptions,
  ): Promise<void> {
    this.checkDeadline();
    const key = `${resourceType}/${id}`;
    if (this.tombstones.has(key) && !this.internals.resources.get(resourceType)?.has(id)) {
      return; // deleting a deleted resource is idempotent
    }
    const previous = this.internals.resources.get(resourceType)?.get(id);
    await super.deleteResource(resourceType, id, options);
    this.reindex(previous, undefined);
    this.tombstones.add(key);
    this.journal?.push(() => {
      this.reindex(undefined, previous);
      if (previous) this.internals.resources.get(resourceType)?.set(id, previous);
      this.tombstones.delete(key);
    });
  }

  override async conditionalCreate<T extends Resource>(
    resource: T,
    search: SearchRequest<T>,
    options?: CreateResourceOptions,
  ): Promise<{ resource: WithId<T>; outcome: OperationOutcome }> {
    if (search.resourceType !== resource.resourceType) {
      return super.conditionalCreate(resource, search, options);
    }
    const bundle = await this.search<T>({ ...search, count: 2, offset: 0, sortRules: undefined });
    const matches = (bundle.entry ?? []).map((e) => e.resource as WithId<T>);
    if (matches.length > 1) throw new OperationOutcomeError(multipleMatches);
    const [match] = matches;
    if (match) return { resource: match, outcome: allOk };
    return { resource: await this.createResource(resource, options), outcome: created };
  }

  /**
   * Runs `callback` atomically: when it throws, every write it made is undone in reverse order.
   * Nested calls join the outer transaction.
   */
  override async withTransaction<TResult>(
    callback: (repo: this) => Promise<TResult>,
  ): Promise<TResult> {
    if (this.journal) return callback(this);
    const journal: (() => void)[] = [];
    this.journal = journal;
    try {
      return await callback(this);
    } catch (err) {
      for (const undo of journal.reverse()) undo();
      throw err;
    } finally {
      this.journal = undefined;
    }
  }
}

/** The id part of a reference or search value: `Patient/1`, `1`, `http://x/Patient/1/_history/2`. */
function referenceId(value: string): string {
  const v = value.replace(/\/_history\/[^/]+$/, '');
  return v.slice(v.lastIndexOf('/') + 1);
}

/** Index keys of a resource: its identifier values and the ids of the references it holds. */
function indexKeys(resource: Resource): Set<string> {
  const keys = new Set<string>();
  for (const identifier of (resource as { identifier?: { value?: string }[] }).identifier ?? []) {
    if (identifier.value) keys.add(`ident:${identifier.value}`);
  }
  const walk = (node: unknown, depth: number): void => {
    if (depth > 4 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth);
      return;
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === 'reference' && typeof v === 'string') keys.add(`id:${referenceId(v)}`);
      else if (k !== 'text' && k !== 'meta' && typeof v === 'object') walk(v, depth + 1);
    }
  };
  walk(resource, 0);
  return keys;
}

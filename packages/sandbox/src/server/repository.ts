import {
  OperationOutcomeError,
  allOk,
  created,
  gone,
  multipleMatches,
  validateResource,
} from '@medplum/core';
import type { CreateResourceOptions, DeleteResourceOptions } from '@medplum/fhir-router';
import { MemoryRepository } from '@medplum/fhir-router';
import type { SearchRequest, WithId } from '@medplum/core';
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';

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
 * - bulk loading of seed data without the per-write JSON round trip.
 *
 * It is NOT safe for concurrent writers on its own: the HTTP layer runs every request through one
 * mutex, so check-then-write (If-Match, If-None-Exist, transactions) is atomic.
 */
export class SandboxRepository extends MemoryRepository {
  private readonly tombstones = new Set<string>();
  private journal: (() => void)[] | undefined;
  private readonly validateWrites: boolean;
  private readonly clock: () => Date;

  constructor(options: SandboxRepositoryOptions = {}) {
    super();
    this.validateWrites = options.validate ?? true;
    this.clock = options.clock ?? (() => new Date());
  }

  private get internals(): MemoryInternals {
    return this as unknown as MemoryInternals;
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
    }
  }

  override async createResource<T extends Resource>(
    resource: T,
    options?: CreateResourceOptions,
    update = false,
  ): Promise<WithId<T>> {
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
    this.tombstones.delete(key);
    this.journal?.push(() => {
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

  override async readResource<T extends Resource>(resourceType: string, id: string): Promise<T> {
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
    const key = `${resourceType}/${id}`;
    if (this.tombstones.has(key) && !this.internals.resources.get(resourceType)?.has(id)) {
      return; // deleting a deleted resource is idempotent
    }
    const previous = this.internals.resources.get(resourceType)?.get(id);
    await super.deleteResource(resourceType, id, options);
    this.tombstones.add(key);
    this.journal?.push(() => {
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

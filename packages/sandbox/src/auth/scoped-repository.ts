/**
 * The repository one authorised request sees: every read, write and search the FHIR router
 * makes — for the request itself, for each entry of a batch or transaction, for `$graphql`, for
 * conditional writes and includes — passes through the {@link Guard} of the request's token and
 * is noted in its {@link AuditTrail}. Enforcing at the repository, not at the route, is what
 * keeps a batch entry or a GraphQL query from reaching data its request could not.
 *
 * @module
 */
import { OperationOutcomeError, badRequest } from '@medplum/core';
import type { SearchRequest, WithId } from '@medplum/core';
import { FhirRepository } from '@medplum/fhir-router';
import type {
  CreateResourceOptions,
  DeleteResourceOptions,
  ReadHistoryOptions,
  RepositoryMode,
  SearchOptions,
  UpdateResourceOptions,
} from '@medplum/fhir-router';
import type { Bundle, BundleEntry, Parameters, Reference, Resource } from '@medplum/fhirtypes';
import type { SandboxRepository } from '../server/repository.ts';
import type { AuditTrail, AuditedInteraction } from './audit.ts';
import type { Guard } from './guard.ts';
import type { Permission } from './scopes.ts';

type PatchOperations = Parameters_<FhirRepository['patchResource']>[2];
type Parameters_<F> = F extends (...args: infer A) => unknown ? A : never;

/** A {@link SandboxRepository} seen through one token's scopes. */
export class ScopedRepository extends FhirRepository {
  private readonly inner: SandboxRepository;
  private readonly guard: Guard;
  private readonly audit: AuditTrail | undefined;

  constructor(inner: SandboxRepository, guard: Guard, audit: AuditTrail | undefined) {
    super();
    this.inner = inner;
    this.guard = guard;
    this.audit = audit;
  }

  /** Runs `write`; a refusal is audited (when it touched a patient's record) and rethrown. */
  private async guarded<T>(
    interaction: AuditedInteraction,
    permission: Permission,
    resources: readonly Resource[],
    write: () => Promise<T>,
  ): Promise<T> {
    for (const resource of resources) {
      try {
        this.guard.assert(permission, resource);
      } catch (error) {
        this.audit?.record(interaction, [resource], { refused: refusal(error) });
        throw error;
      }
    }
    return write();
  }

  /** The current version, for an update's version check, when the token may update it. */
  current(resourceType: string, id: string): Resource | undefined {
    const existing = this.inner.peek(resourceType, id);
    if (!existing) return undefined;
    try {
      this.guard.assert('u', existing);
    } catch (error) {
      this.audit?.record('update', [existing], { refused: refusal(error) });
      throw error;
    }
    return existing;
  }

  setMode(mode: RepositoryMode): void {
    this.inner.setMode(mode);
  }

  generateId(): string {
    return this.inner.generateId();
  }

  async createResource<T extends Resource>(
    resource: T,
    options?: CreateResourceOptions,
  ): Promise<WithId<T>> {
    const created = await this.guarded('create', 'c', [resource], () =>
      this.inner.createResource(resource, options),
    );
    this.audit?.record('create', [created]);
    return created;
  }

  async readResource<T extends Resource>(resourceType: string, id: string): Promise<WithId<T>> {
    this.guard.assertType('r', resourceType);
    const resource = await this.inner.readResource<T>(resourceType, id);
    return this.readable('read', resource as WithId<T>);
  }

  private readable<T extends Resource>(interaction: AuditedInteraction, resource: T): T {
    try {
      this.guard.assert('r', resource);
    } catch (error) {
      this.audit?.record(interaction, [resource], { refused: refusal(error) });
      throw error;
    }
    this.audit?.record(interaction, [resource]);
    return resource;
  }

  async readReference<T extends Resource>(reference: Reference<T>): Promise<WithId<T>> {
    const parts = reference.reference?.split('/');
    if (parts?.length !== 2) throw new OperationOutcomeError(badRequest('Invalid reference'));
    return this.readResource<T>(parts[0]!, parts[1]!);
  }

  readReferences<T extends Resource>(references: readonly Reference<T>[]): Promise<(T | Error)[]> {
    return Promise.all(
      references.map((reference) =>
        this.readReference(reference).catch((error: unknown) =>
          error instanceof Error ? error : new Error(String(error)),
        ),
      ),
    );
  }

  async readHistory<T extends Resource>(
    resourceType: string,
    id: string,
    _options?: ReadHistoryOptions,
  ): Promise<Bundle<WithId<T>>> {
    this.guard.assertType('r', resourceType);
    const history = (await this.inner.readHistory<T>(resourceType, id)) as Bundle<WithId<T>>;
    const versions = (history.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
    for (const version of versions) this.readable('history-instance', version);
    return history;
  }

  async readVersion<T extends Resource>(
    resourceType: string,
    id: string,
    vid: string,
  ): Promise<WithId<T>> {
    this.guard.assertType('r', resourceType);
    const version = (await this.inner.readVersion<T>(resourceType, id, vid)) as WithId<T>;
    return this.readable('vread', version);
  }

  async updateResource<T extends Resource>(
    resource: T,
    options?: UpdateResourceOptions,
  ): Promise<WithId<T>> {
    const existing = resource.id ? this.inner.peek(resource.resourceType, resource.id) : undefined;
    // An update that creates the resource needs the create permission (FHIR update-as-create).
    const permission: Permission = existing ? 'u' : 'c';
    const checked = existing ? [existing, resource] : [resource];
    const updated = await this.guarded('update', permission, checked, () =>
      this.inner.updateResource(resource, options),
    );
    this.audit?.record('update', [updated]);
    return updated;
  }

  async deleteResource(
    resourceType: string,
    id: string,
    options?: DeleteResourceOptions,
  ): Promise<void> {
    this.guard.assertType('d', resourceType);
    const existing = this.inner.peek(resourceType, id);
    await this.guarded('delete', 'd', existing ? [existing] : [], () =>
      this.inner.deleteResource(resourceType, id, options),
    );
    if (existing) this.audit?.record('delete', [existing]);
  }

  async patchResource<T extends Resource>(
    resourceType: T['resourceType'],
    id: string,
    patch: PatchOperations | Parameters,
    options?: UpdateResourceOptions,
  ): Promise<WithId<T>> {
    this.guard.assertType('u', resourceType);
    const existing = this.inner.peek(resourceType, id);
    return this.guarded('patch', 'u', existing ? [existing] : [], () =>
      // The patched resource is checked too: a patch cannot move a record to another patient.
      // Inside a transaction the journal undoes the write when the check throws.
      this.inner.withTransaction(async () => {
        const patched = await this.inner.patchResource<T>(resourceType, id, patch, options);
        try {
          this.guard.assert('u', patched);
        } catch (error) {
          this.audit?.record('patch', [patched], { refused: refusal(error) });
          throw error;
        }
        this.audit?.record('patch', [patched]);
        return patched;
      }),
    );
  }

  async search<T extends Resource>(
    request: SearchRequest<T>,
    _options?: SearchOptions,
  ): Promise<Bundle<WithId<T>>> {
    for (const type of [request.resourceType, ...(request.types ?? [])]) {
      this.guard.assertType('s', type);
    }
    const bundle = await this.inner.searchWhere(request, (r) => this.guard.allows('s', r));
    const withheld: BundleEntry[] = [];
    const entry = (bundle.entry ?? []).filter((e) => {
      if (e.search?.mode !== 'include' || !e.resource) return true;
      if (this.guard.allows('r', e.resource)) return true;
      withheld.push(e);
      return false;
    });
    const resources = entry.flatMap((e) => (e.resource ? [e.resource] : []));
    this.audit?.record('search-type', resources, { query: searchUrl(request) });
    if (withheld.length) {
      entry.push({
        resource: {
          resourceType: 'OperationOutcome',
          issue: [
            {
              severity: 'information',
              code: 'suppressed',
              details: {
                text: `${withheld.length} included resource(s) left out: the token's scopes do not allow reading them`,
              },
            },
          ],
        },
        search: { mode: 'outcome' },
      } as unknown as BundleEntry<WithId<T>>);
    }
    return { ...bundle, ...(entry.length ? { entry } : { entry: undefined }) };
  }

  async searchByReference<T extends Resource>(
    request: SearchRequest<T>,
    referenceField: string,
    references: string[],
  ): Promise<Record<string, WithId<T>[]>> {
    this.guard.assertType('s', request.resourceType);
    const found = await this.inner.searchByReference<T>(request, referenceField, references);
    const out: Record<string, WithId<T>[]> = {};
    for (const [reference, resources] of Object.entries(found)) {
      out[reference] = resources.filter((r) => this.guard.allows('s', r));
      this.audit?.record('search-type', out[reference], { query: searchUrl(request) });
    }
    return out;
  }

  withTransaction<TResult>(callback: (repo: this) => Promise<TResult>): Promise<TResult> {
    return this.inner.withTransaction(() => callback(this));
  }
}

function refusal(error: unknown): string {
  if (error instanceof OperationOutcomeError) {
    return error.outcome.issue?.[0]?.details?.text ?? 'forbidden';
  }
  return error instanceof Error ? error.message : String(error);
}

/** The search as a relative URL, for the audit trail. */
function searchUrl(request: SearchRequest): string {
  const params = new URLSearchParams();
  for (const filter of request.filters ?? []) {
    params.append(
      filter.operator === 'eq' ? filter.code : `${filter.code}:${filter.operator}`,
      filter.value,
    );
  }
  if (request.count !== undefined) params.set('_count', String(request.count));
  if (request.offset) params.set('_offset', String(request.offset));
  const query = params.toString();
  return `${request.resourceType}${query ? `?${query}` : ''}`;
}

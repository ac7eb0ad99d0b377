/**
 * The sandbox's authorisation decisions for one access token: what its SMART scopes allow on a
 * resource type and on one resource, with the launch patient's compartment applied to
 * `patient/` scopes. The rules (also in the package README, "Authorisation"):
 *
 * - `user/` and `system/` scopes: every resource of the named type (or `*`), narrowed by a
 *   scope's `?param=value` when it has one.
 * - `patient/` scopes: the resources in the launch patient's compartment (the Patient itself,
 *   and what references it through the Patient CompartmentDefinition's parameters). A resource
 *   that is no patient's record (a Practitioner, a Slot, a doctor's Schedule) may be read and
 *   searched; creating, updating or deleting one needs a scope that names its type
 *   (`patient/Slot.u`), not `patient/*`. Another patient's record is refused.
 * - AuditEvents are written by the server only: no scope creates, updates or deletes one.
 *
 * @module
 */
import { OperationOutcomeError, matchesSearchRequest } from '@medplum/core';
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import { patientsOf } from './compartment.ts';
import { PERMISSION_VERB, parseScopes } from './scopes.ts';
import type { Permission, ScopeGrant } from './scopes.ts';

/** Who is calling, from a verified access token. */
export interface TokenAccess {
  /** The client the token was issued to (`client_id`, also the token's `sub`). */
  clientId: string;
  /** The launch patient (`patient` claim), when the token has one. */
  patient?: string | undefined;
  /** The granted scopes, space-separated. */
  scope: string;
}

const SERVER_WRITTEN = new Set(['AuditEvent']);

/** A 403 with an OperationOutcome whose text says what was refused and why. */
export function forbiddenError(text: string): OperationOutcomeError {
  const outcome: OperationOutcome = {
    resourceType: 'OperationOutcome',
    id: 'forbidden',
    issue: [{ severity: 'error', code: 'forbidden', details: { text } }],
  };
  return new OperationOutcomeError(outcome);
}

/** The decisions for one token. */
export class Guard {
  readonly grants: readonly ScopeGrant[];
  readonly access: TokenAccess;

  constructor(access: TokenAccess) {
    this.access = access;
    this.grants = parseScopes(access.scope);
  }

  private covering(permission: Permission, resourceType: string): ScopeGrant[] {
    if (permission !== 'r' && permission !== 's' && SERVER_WRITTEN.has(resourceType)) return [];
    return this.grants.filter(
      (g) =>
        g.permissions.has(permission) &&
        (g.resourceType === '*' || g.resourceType === resourceType),
    );
  }

  /** Throws 403 unless some scope grants `permission` on `resourceType` at all. */
  assertType(permission: Permission, resourceType: string): void {
    if (this.covering(permission, resourceType).length) return;
    const why = SERVER_WRITTEN.has(resourceType)
      ? `${resourceType} is written by the server only`
      : `no granted scope allows it (e.g. user/${resourceType}.${permission})`;
    throw forbiddenError(`Not allowed to ${PERMISSION_VERB[permission]} ${resourceType}: ${why}`);
  }

  /** True when a scope grants `permission` on this very resource. */
  allows(permission: Permission, resource: Resource): boolean {
    return this.covering(permission, resource.resourceType).some((grant) =>
      this.grantCovers(grant, permission, resource),
    );
  }

  private grantCovers(grant: ScopeGrant, permission: Permission, resource: Resource): boolean {
    if (grant.narrowedTo && !matchesSearchRequest(resource, grant.narrowedTo)) return false;
    if (grant.context !== 'patient') return true;
    const patients = patientsOf(resource);
    if (patients.size === 0) {
      // No patient's record: shared data. Reading it is fine; writing it needs a named type.
      return permission === 'r' || permission === 's' || grant.resourceType !== '*';
    }
    return this.access.patient !== undefined && patients.has(this.access.patient);
  }

  /** Throws 403 unless a scope grants `permission` on `resource`. */
  assert(permission: Permission, resource: Resource): void {
    this.assertType(permission, resource.resourceType);
    if (this.allows(permission, resource)) return;
    const where = resource.id
      ? `${resource.resourceType}/${resource.id}`
      : `this ${resource.resourceType}`;
    const patients = patientsOf(resource);
    const reason =
      patients.size &&
      this.covering(permission, resource.resourceType).some((g) => g.context === 'patient')
        ? this.access.patient
          ? `it is outside the compartment of the launch patient`
          : `the token has patient/ scopes but no launch patient`
        : patients.size === 0
          ? `writing a resource that is no patient's record needs a scope that names ${resource.resourceType}`
          : `it does not match the granted scopes`;
    throw forbiddenError(`Not allowed to ${PERMISSION_VERB[permission]} ${where}: ${reason}`);
  }
}

/**
 * SMART scopes as the sandbox enforces them: App Launch 2.x (`patient/`, `user/`, `system/`, a
 * resource type or `*`, and `cruds` letters, optionally `?param=value` to narrow them), plus the
 * 1.0 forms (`read`, `write`, `*`) an older client may ask for.
 *
 * @module
 */
import { parseSearchRequest } from '@medplum/core';
import type { SearchRequest } from '@medplum/core';

/** One SMART v2 permission letter: create, read, update, delete, search. */
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

/** Whose data a scope is about. */
export type ScopeContext = 'patient' | 'user' | 'system';

/** What one clinical scope grants. */
export interface ScopeGrant {
  /** The scope as granted, e.g. `patient/Observation.rs?category=vital-signs`. */
  scope: string;
  context: ScopeContext;
  /** A resource type, or `*` for every type. */
  resourceType: string;
  permissions: ReadonlySet<Permission>;
  /** SMART v2 `?param=value`: only resources that match this search are granted. */
  narrowedTo?: SearchRequest;
}

const V1: Record<string, string> = { read: 'rs', write: 'cud', '*': 'cruds' };
const CLINICAL = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.([a-z*]+)(?:\?(.*))?$/;

/**
 * The clinical scopes among `scope` (space-separated); other scopes (`openid`, `launch/patient`,
 * `offline_access`…) grant no data and are left out. A scope whose letters are not in the
 * `cruds` order, or unknown, grants nothing (SMART 2.x: servers ignore what they do not know).
 */
export function parseScopes(scope: string): ScopeGrant[] {
  const grants: ScopeGrant[] = [];
  for (const item of scope.split(/\s+/).filter(Boolean)) {
    const match = CLINICAL.exec(item);
    if (!match) continue;
    const [, context, resourceType, rawLetters, query] = match;
    const letters = V1[rawLetters!] ?? rawLetters!;
    if (!/^c?r?u?d?s?$/.test(letters) || letters === '') continue;
    const grant: ScopeGrant = {
      scope: item,
      context: context as ScopeContext,
      resourceType: resourceType!,
      permissions: new Set(letters.split('') as Permission[]),
    };
    if (query && resourceType !== '*') {
      grant.narrowedTo = parseSearchRequest(`${resourceType}?${query}`);
    } else if (query) continue; // `*` cannot be narrowed by a search: grant nothing
    grants.push(grant);
  }
  return grants;
}

/** The verb of a permission, for messages. */
export const PERMISSION_VERB: Record<Permission, string> = {
  c: 'create',
  r: 'read',
  u: 'update',
  d: 'delete',
  s: 'search',
};

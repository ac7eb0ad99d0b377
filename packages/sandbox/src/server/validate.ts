/**
 * Checks of a FHIR request's resource type, id and search parameters before the router sees it
 * (the router answers an unknown type with an empty Bundle, an unknown parameter with no matches,
 * and accepts any id).
 */
import {
  OperationOutcomeError,
  badRequest,
  getSearchParameter,
  isResourceType,
} from '@medplum/core';
import type { OperationOutcome } from '@medplum/fhirtypes';

/** The FHIR id rule (R4 datatypes, `id`): 1–64 of `A–Z a–z 0–9 - .`. */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * Parameters that are not search parameters of a type but are understood on every search:
 * result parameters and the common ones the router serves.
 */
const COMMON = new Set([
  '_count',
  '_offset',
  '_sort',
  '_include',
  '_revinclude',
  '_summary',
  '_elements',
  '_total',
  '_format',
  '_pretty',
  '_id',
  '_lastUpdated',
  '_profile',
  '_tag',
  '_security',
  '_source',
  '_filter',
  '_type',
]);

/** 404 for a resource type that is not an R4 resource type. */
export function checkResourceType(type: string | undefined): void {
  if (type === undefined || isResourceType(type)) return;
  throw new OperationOutcomeError({
    resourceType: 'OperationOutcome',
    id: 'not-found',
    issue: [
      {
        severity: 'error',
        code: 'not-found',
        details: { text: `Unknown resource type "${type}"` },
      },
    ],
  });
}

/** 400 for an id that breaks the FHIR id rule. */
export function checkId(id: string | undefined): void {
  if (id === undefined || FHIR_ID.test(id)) return;
  throw new OperationOutcomeError(
    badRequest('The id breaks the FHIR id rule: 1 to 64 of A-Z, a-z, 0-9, "-" and "."'),
  );
}

/** The parameter's own name: without a modifier (`name:exact`) or a chain (`subject.name`). */
const codeOf = (name: string): string => name.split(/[:.]/, 1)[0] ?? name;

/**
 * The names in `query` that are not search parameters of `type` nor common parameters. With
 * `strict` (`Prefer: handling=strict`) any unknown name is a 400; otherwise they are removed from
 * `query` (FHIR's lenient handling: ignored) and returned, for the searchset to report.
 */
export function takeUnknownParameters(
  type: string | undefined,
  query: Record<string, string | string[] | undefined>,
  strict: boolean,
): string[] {
  const unknown = Object.keys(query).filter((name) => {
    const code = codeOf(name);
    if (COMMON.has(code)) return false;
    return !type || !getSearchParameter(type, code);
  });
  if (unknown.length && strict) {
    throw new OperationOutcomeError(
      badRequest(`Unknown search parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`),
    );
  }
  for (const name of unknown) delete query[name];
  return unknown;
}

/** The `outcome` entry of a searchset that ignored unknown parameters. */
export function unknownParametersOutcome(names: string[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: names.map((name) => ({
      severity: 'warning',
      code: 'not-supported',
      details: { text: `Unknown search parameter "${name}" was ignored` },
    })),
  };
}

/** Does the request ask for strict handling (`Prefer: handling=strict`)? */
export function preferStrict(prefer: string | string[] | undefined): boolean {
  return /\bhandling\s*=\s*strict\b/i.test([prefer ?? ''].flat().join(','));
}

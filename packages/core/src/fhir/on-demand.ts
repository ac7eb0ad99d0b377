/**
 * The client's validator (loaded with `import()` on first use): validates with the element tables
 * of just the resource types a response holds, each loaded on demand as a chunk of its own, so a
 * page that reads Patients never downloads the tables of CapabilityStatement or Task
 * (docs/decisions/0010-bundle-budget.md). Results are those of `validateResource`.
 */
import { TABLE_LOADERS } from './generated/tables.ts';
import type { Resource } from './generated/types.ts';
import { hasTable, registerTable } from './structure.ts';
import type { ValidationIssue } from '../errors.ts';
import type { ResourceCheck } from './full-check.ts';
import {
  validate,
  type ValidateOptions,
  type ValidationLevel,
  type ValidationMode,
  type ValidationResult,
} from './validator.ts';

const loading = new Map<string, Promise<void>>();
let full: Promise<ResourceCheck> | undefined;

/**
 * Load the full level's checks (a chunk of their own, fetched only when a client or caller asks
 * for `level: 'full'`). A failed load is tried again on the next call.
 */
export function loadFull(): Promise<ResourceCheck> {
  return (full ??= import('./full.ts').then(
    (m) => m.checkFull,
    (error: unknown) => {
      full = undefined;
      throw error;
    },
  ));
}

/**
 * Load and register the element table of resource type `type` (a no-op for unsupported types or
 * tables already there). A failed load (offline) is tried again on the next call.
 */
export function loadTable(type: string): Promise<void> {
  const load = TABLE_LOADERS[type as keyof typeof TABLE_LOADERS];
  if (!load || hasTable(type)) return Promise.resolve();
  let pending = loading.get(type);
  if (!pending) {
    pending = load().then(registerTable, (error: unknown) => {
      loading.delete(type);
      throw error;
    });
    loading.set(type, pending);
  }
  return pending;
}

/**
 * `validateResource(json, options)`, after loading the tables it needs: the walk reports the
 * resource types (the resource itself, `contained`, Bundle entries) whose tables are missing; they
 * are loaded and the walk runs again, until nothing is missing.
 */
export async function validateOnDemand<T extends Resource = Resource>(
  json: unknown,
  options: ValidateOptions = {},
): Promise<ValidationResult<T>> {
  const check = options.level === 'full' ? await loadFull() : undefined;
  for (;;) {
    const missing = new Set<string>();
    const result = validate<T>(json, options, missing, check);
    if (!missing.size) return result;
    await Promise.all([...missing].map(loadTable));
    for (const type of missing) {
      if (!hasTable(type)) throw new Error(`No element table was loaded for ${type}.`);
    }
  }
}

/** The resources to validate in a response body, each with the path it has in the response. */
function resourcesIn(
  body: unknown,
  at: string,
  out: [Resource, string][] = [],
): [Resource, string][] {
  const b = body as { resourceType?: unknown; entry?: unknown } | null;
  if (typeof b !== 'object' || b === null || Array.isArray(b) || typeof b.resourceType !== 'string')
    return out;
  if (b.resourceType === 'Bundle' && Array.isArray(b.entry)) {
    b.entry.forEach((entry: { resource?: unknown } | null, i) =>
      resourcesIn(entry?.resource, `${at || 'Bundle'}.entry[${i}].resource`, out),
    );
    return out;
  }
  out.push([b as unknown as Resource, at]);
  return out;
}

/**
 * Validate every resource of a response body (a Bundle's entries one by one, each against its own
 * type), the client's structural validation stage: per resource, its type and its issues, with
 * paths as they are in the response (`Bundle.entry[2].resource.name`).
 */
export async function validateBody(
  body: unknown,
  mode: ValidationMode,
  profile?: ValidateOptions['profile'],
  level: ValidationLevel = 'structure',
): Promise<[string, ValidationIssue[]][]> {
  const found: [string, ValidationIssue[]][] = [];
  for (const [resource, at] of resourcesIn(body, '')) {
    const type = resource.resourceType;
    const result = await validateOnDemand(resource, {
      expectedType: type,
      mode,
      level,
      ...(profile ? { profile } : {}),
    });
    const issues = result.issues.map((i) =>
      at
        ? { ...i, path: at + (i.path.startsWith(type) ? i.path.slice(type.length) : `.${i.path}`) }
        : i,
    );
    found.push([type, issues]);
  }
  return found;
}

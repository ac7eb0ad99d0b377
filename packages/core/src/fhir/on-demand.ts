/**
 * The client's validator (loaded with `import()` on first use): validates with the element tables
 * of just the resource types a response holds, each loaded on demand as a chunk of its own, so a
 * page that reads Patients never downloads the tables of CapabilityStatement or Task
 * (docs/decisions/0010-bundle-budget.md). Results are those of `validateResource`.
 */
import { TABLE_LOADERS } from './generated/tables.ts';
import type { Resource } from './generated/types.ts';
import { hasTable, registerTable } from './structure.ts';
import { validate, type ValidateOptions, type ValidationResult } from './validator.ts';

const loading = new Map<string, Promise<void>>();

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
  for (;;) {
    const missing = new Set<string>();
    const result = validate<T>(json, options, missing);
    if (!missing.size) return result;
    await Promise.all([...missing].map(loadTable));
    for (const type of missing) {
      if (!hasTable(type)) throw new Error(`No element table was loaded for ${type}.`);
    }
  }
}

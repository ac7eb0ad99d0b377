import { registerHooks } from 'node:module';

let registered = false;

/**
 * Resolve `@vnhealth/*` workspace packages to their TypeScript source (the `vnhealth-source`
 * export condition), as vitest, vite and tsc already do, so the sandbox CLI and `npm start` run
 * from a fresh clone without a build. Idempotent. Not for use inside vitest, which resolves the
 * condition itself.
 */
export function useSourceCondition(): void {
  if (registered) return;
  registered = true;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier.startsWith('@vnhealth/')) {
        return nextResolve(specifier, {
          ...context,
          conditions: ['vnhealth-source', ...context.conditions],
        });
      }
      return nextResolve(specifier, context);
    },
  });
}

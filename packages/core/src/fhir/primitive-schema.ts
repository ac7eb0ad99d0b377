/**
 * zod/mini schemas of the FHIR primitives, for forms and the host's own checks. The validator
 * checks the same formats without zod (`isPrimitiveValue` in `structure.ts`), so a client that
 * only validates responses never loads zod.
 */
import * as z from 'zod/mini';
import { primitivePattern } from './structure.ts';

const schemas = new Map<string, z.ZodMiniType>();

/**
 * The zod/mini schema of a FHIR primitive (`date`, `code`, `positiveInt` …): the JSON type plus the
 * format of the R4 definition; handy for forms. Works with zod's JIT off.
 *
 * @example primitiveSchema('date').safeParse('2024-02-30').success // true (FHIR checks shape, not calendars)
 */
export function primitiveSchema(type: string): z.ZodMiniType {
  let s = schemas.get(type);
  if (!s) {
    const re = primitivePattern(type);
    s =
      type === 'boolean'
        ? z.boolean()
        : /^(decimal|integer|positiveInt|unsignedInt)$/.test(type)
          ? z.number().check(z.refine((v) => !re || re.test(String(v))))
          : re
            ? z.string().check(z.regex(re))
            : z.string();
    schemas.set(type, s);
  }
  return s;
}

/**
 * `vaccination.record` (a conditional create on the record's identifier, so a retried request
 * stores the dose once) and `markEnteredInError` (`If-Match`, re-applied once after a conflict).
 *
 * @internal
 * @module
 */
import {
  withConflictRetry,
  ValidationError,
  type ValidationIssue,
  recordedDate,
} from '../kernel.ts';
import type { Identifier, Immunization } from '../fhir/index.ts';
import type { RequestOptions } from '../http/types.ts';
import type { ImmunizationInput, VaccinationContext } from './client.ts';
import { codeKeys } from './history.ts';

/** The identifier system of identifiers the SDK generates (`urn:uuid:…` values). */
export const GENERATED_IDENTIFIER_SYSTEM = 'urn:ietf:rfc:3986';

/** A 128-bit content hash formatted as a UUID (not cryptographic; for idempotency keys). */
function hashUuid(text: string): string {
  const parts = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b].map((seed) => {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
      h ^= h >>> 13;
    }
    return h.toString(16).padStart(8, '0');
  });
  const hex = parts.join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The identifier a record is made idempotent on: its own first one, or one derived from the
 * patient, vaccine codes, day and lot (`urn:uuid:` under {@link GENERATED_IDENTIFIER_SYSTEM}).
 *
 * @example
 * immunizationIdentifier(dose) // { system: 'urn:ietf:rfc:3986', value: 'urn:uuid:…' }
 */
export function immunizationIdentifier(imm: ImmunizationInput): Identifier {
  const own = imm.identifier?.find((i) => i.system && i.value);
  if (own) return own;
  const key = [
    imm.patient?.reference ?? '',
    codeKeys(imm.vaccineCode).sort().join(','),
    recordedDate(imm.occurrenceDateTime) ?? imm.occurrenceString ?? '',
    imm.lotNumber ?? '',
  ].join('\n');
  return { system: GENERATED_IDENTIFIER_SYSTEM, value: `urn:uuid:${hashUuid(key)}` };
}

function validateInput(imm: ImmunizationInput): void {
  const issues: ValidationIssue[] = [];
  const req = (ok: unknown, path: string, en: string, vi: string) => {
    if (!ok)
      issues.push({
        path: `Immunization.${path}`,
        code: 'required',
        severity: 'error',
        message: en,
        messageVi: vi,
      });
  };
  req(
    imm.patient?.reference,
    'patient',
    'Which patient received the dose is missing.',
    'Thiếu người được tiêm.',
  );
  req(
    codeKeys(imm.vaccineCode).length,
    'vaccineCode',
    'The vaccine code is missing.',
    'Thiếu mã vắc xin.',
  );
  req(
    imm.occurrenceDateTime ?? imm.occurrenceString,
    'occurrence[x]',
    'When the dose was given is missing.',
    'Thiếu thời điểm tiêm.',
  );
  if (issues.length) {
    throw new ValidationError(
      `The immunization cannot be recorded: ${issues.map((i) => i.path).join(', ')} missing. Fill them in and try again.`,
      issues,
    );
  }
}

/** `VaccinationClient.record`. */
export async function record(
  ctx: VaccinationContext,
  input: ImmunizationInput,
  options: RequestOptions = {},
): Promise<Immunization> {
  validateInput(input);
  const identifier = immunizationIdentifier(input);
  const identifiers = input.identifier?.some(
    (i) => i.system === identifier.system && i.value === identifier.value,
  )
    ? input.identifier
    : [...(input.identifier ?? []), identifier];
  const profiles = input.meta?.profile ?? [];
  const resource: Immunization = {
    ...input,
    resourceType: 'Immunization',
    status: input.status ?? 'completed',
    meta: {
      ...input.meta,
      profile: profiles.includes(ctx.profileUrl) ? profiles : [...profiles, ctx.profileUrl],
    },
    identifier: identifiers,
    primarySource: input.primarySource ?? true,
  } as Immunization;
  return ctx.fhir.create(resource, {
    ...options,
    ifNoneExist: { identifier: `${identifier.system}|${identifier.value}` },
  });
}

/** `VaccinationClient.markEnteredInError`. */
export function markEnteredInError(
  ctx: VaccinationContext,
  id: string,
  reason: string,
  options: RequestOptions = {},
): Promise<Immunization> {
  return withConflictRetry(
    async () => {
      const current = await ctx.fhir.read('Immunization', id, { ...options, cache: 'reload' });
      if (current.status === 'entered-in-error') return current;
      const marked: Immunization = {
        ...current,
        status: 'entered-in-error',
        note: [...(current.note ?? []), { text: reason, time: ctx.now().toISOString() }],
      };
      return ctx.fhir.update(marked, { ...options, ifMatch: true });
    },
    { attempts: 2, signal: options.signal },
  );
}

/**
 * `records.updateContact`: phone, email and home address changed with `If-Match`, every other
 * byte of the Patient kept.
 *
 * @internal
 * @module
 */
import {
  ConflictError,
  HealthError,
  ValidationError,
  checkRecordId as checkId,
} from '../kernel.ts';
import type { Address, ContactPoint, Patient } from '../fhir/index.ts';
import type { RecordsContext, UpdateContactOptions } from './client.ts';
import type { ContactChanges } from './types.ts';

const PHONE = /^\+?[0-9 ().-]{8,20}$/;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

function checkContact(changes: ContactChanges): void {
  const issues: ValidationError['issues'] = [];
  if (typeof changes.phone === 'string') {
    const digits = changes.phone.replace(/\D/g, '').length;
    if (!PHONE.test(changes.phone) || digits < 8 || digits > 15) {
      issues.push({
        path: 'Patient.telecom',
        code: 'invalid-format',
        severity: 'error',
        message: `"${changes.phone.slice(0, 40)}" is not a phone number (8–15 digits, e.g. 0912345678 or +84912345678).`,
        messageVi: 'Số điện thoại không hợp lệ (8–15 chữ số, ví dụ 0912345678).',
      });
    }
  }
  if (typeof changes.email === 'string' && !EMAIL.test(changes.email)) {
    issues.push({
      path: 'Patient.telecom',
      code: 'invalid-format',
      severity: 'error',
      message: `"${changes.email.slice(0, 80)}" is not an email address.`,
      messageVi: 'Địa chỉ email không hợp lệ.',
    });
  }
  if (changes.address && typeof changes.address !== 'object') {
    issues.push({
      path: 'Patient.address',
      code: 'invalid-type',
      severity: 'error',
      message: 'The address must be a FHIR Address object.',
      messageVi: 'Địa chỉ phải là một đối tượng Address.',
    });
  }
  if (issues.length)
    throw new ValidationError('The contact changes are not valid; nothing was saved.', issues);
}

function setTelecom(
  list: ContactPoint[] | undefined,
  system: 'phone' | 'email',
  value: string | null,
): ContactPoint[] {
  const out = [...(list ?? [])];
  if (value === null) return out.filter((c) => c.system !== system);
  const i = out.findIndex((c) => c.system === system && !c.period?.end);
  if (i >= 0) out[i] = { ...out[i], value };
  else out.push(system === 'phone' ? { system, value, use: 'mobile' } : { system, value });
  return out;
}

function setAddress(list: Address[] | undefined, value: Address | null): Address[] {
  const out = [...(list ?? [])];
  let i = out.findIndex((a) => a.use === 'home' && !a.period?.end);
  if (i < 0 && out.length) i = 0;
  if (value === null) return i >= 0 ? out.filter((_, j) => j !== i) : out;
  if (i >= 0) out[i] = value;
  else out.push(value);
  return out;
}

/** `RecordsClient.updateContact`. */
export async function updateContact(
  ctx: RecordsContext,
  patientId: string,
  changes: ContactChanges,
  options: UpdateContactOptions = {},
): Promise<Patient> {
  checkContact(changes);
  const current = await ctx.fhir.read('Patient', checkId(patientId), {
    ...options,
    cache: 'reload',
  });
  const version = current.meta?.versionId;
  if (options.expectedVersion !== undefined && version !== options.expectedVersion) {
    throw new ConflictError(
      `Patient/${patientId} changed since version ${options.expectedVersion} (now ${version ?? 'unknown'}). Read it again, review the other change and retry.`,
      { status: 412, request: { method: 'PUT', path: 'Patient/{id}' } },
    );
  }
  const updated: Patient = structuredClone(current);
  if (changes.phone !== undefined)
    updated.telecom = setTelecom(updated.telecom, 'phone', changes.phone);
  if (changes.email !== undefined)
    updated.telecom = setTelecom(updated.telecom, 'email', changes.email);
  if (updated.telecom && !updated.telecom.length) delete updated.telecom;
  if (changes.address !== undefined) {
    updated.address = setAddress(updated.address, changes.address);
    if (!updated.address.length) delete updated.address;
  }
  if (JSON.stringify(updated) === JSON.stringify(current)) return current;
  if (!version) {
    throw new HealthError(
      `Patient/${patientId} has no meta.versionId, so it cannot be updated safely with If-Match. Ask the server operator to enable versioning.`,
    );
  }
  return ctx.fhir.update(updated, { ...options, ifMatch: version });
}

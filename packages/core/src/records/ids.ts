/**
 * Ids and the errors the records client makes itself. @internal
 * @module
 */
import { HttpError } from '../errors.ts';

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** `id` if it is a valid FHIR id, else a `TypeError` (so no id can smuggle a query into a URL). */
export function checkId(id: string, what = 'Patient'): string {
  if (typeof id !== 'string' || !FHIR_ID.test(id)) {
    throw new TypeError(
      `"${String(id).slice(0, 80)}" is not a valid ${what} id (1–64 letters, digits, '-' or '.').`,
    );
  }
  return id;
}

/** The 404 of a resource the server does not have (`path` is redacted: `Patient/{id}`). */
export function notFound(path: string): HttpError {
  return new HttpError(`GET ${path} found nothing (404). Check the resource type and id.`, {
    status: 404,
    request: { method: 'GET', path },
  });
}

/**
 * The search a summary reads its patient with: the patient and its managing organization. A
 * search of one `_id` also answers `read('Patient', id)` on the same client, so an element reading
 * the patient meanwhile (or afterwards, within the cache's TTL) shares this answer.
 */
export const patientSearch = (id: string) =>
  ({ _id: id, _include: 'Patient:organization' }) as const;

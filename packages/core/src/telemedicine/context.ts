/**
 * What every telemedicine module shares: the resolved client options and the few reads they all
 * make. No retries here: the transport retries failed reads; a caller that must re-read after a
 * conflict does so through `withConflictRetry`.
 *
 * @internal
 * @module
 */
import { isHttpError } from '../kernel.ts';
import type { Appointment, Resource, ServiceRequest } from '../fhir/index.ts';
import type { FhirClient, RequestOptions } from '../http/types.ts';
import { TelemedicineSystems } from './conventions.ts';

/** The telemedicine client's options, resolved; passed to every module function. */
export interface TelemedicineContext {
  readonly fhir: FhirClient;
  readonly now: () => Date;
  readonly alternatives: number;
  readonly useServerBook: boolean;
  readonly videoUrl: ((appointment: Appointment) => string | undefined) | undefined;
}

/** Attempts (the first included) of a write that lost a version race and is re-applied. */
export const CONFLICT_ATTEMPTS = 3;

/** The same options, bypassing the cache (what a booking decides on must be current). */
export function fresh(options?: RequestOptions): RequestOptions {
  return { ...options, cache: 'reload' };
}

/** Read a resource that must be current. */
export function readFresh<
  K extends 'Slot' | 'Appointment' | 'Task' | 'Encounter' | 'ServiceRequest',
>(ctx: TelemedicineContext, type: K, id: string, options?: RequestOptions) {
  return ctx.fhir.read(type, id, fresh(options));
}

/**
 * Read a referenced resource for display or context; `undefined` when there is no reference or
 * the server says it does not exist or may not be shown (400, 403, 404, 410). Network failures,
 * timeouts and server errors are thrown: a booking is not made on half its context.
 */
export async function readMaybe<T extends Resource>(
  ctx: TelemedicineContext,
  reference: string | undefined,
  options?: RequestOptions,
): Promise<T | undefined> {
  if (!reference || !reference.includes('/')) return undefined;
  const [type, id] = reference.split('/') as [string, string];
  try {
    return (await ctx.fhir.read(type as never, id, options)) as unknown as T;
  } catch (error) {
    if (isHttpError(error) && [400, 403, 404, 410].includes(error.status)) return undefined;
    throw error;
  }
}

/** The Appointment or ServiceRequest carrying this idempotency key, read afresh. */
export async function findByKey<T extends Appointment | ServiceRequest>(
  ctx: TelemedicineContext,
  type: T['resourceType'],
  key: string,
  options?: RequestOptions,
): Promise<T | undefined> {
  const result = await ctx.fhir.search(
    type,
    { identifier: `${TelemedicineSystems.idempotencyKey}|${key}`, _count: 2 },
    fresh(options),
  );
  return result.resources[0] as T | undefined;
}

/** The `If-None-Exist` query of a resource created once per idempotency key. */
export function keyQuery(key: string): string {
  return `identifier=${encodeURIComponent(`${TelemedicineSystems.idempotencyKey}|${key}`)}`;
}

/**
 * Request limits and request-target checks shared by the FHIR handler and the SMART endpoints.
 */
import type { IncomingMessage } from 'node:http';
import { OperationOutcomeError, contentTooLarge } from '@medplum/core';

/** The sandbox's request limits (see the README's _Limits_). */
export interface SandboxLimits {
  /** Largest FHIR request body, in bytes. @default 10 MiB */
  maxBodyBytes: number;
  /** Largest body of a `/auth/*` request (token, register), in bytes. @default 64 KiB */
  maxAuthBodyBytes: number;
  /** Most entries in one batch or transaction Bundle. @default 1000 */
  maxBundleEntries: number;
  /**
   * Most resources the searches of one batch can answer together (the sum of their `_count`s;
   * a search entry without `_count` counts as `maxCount`). @default 10000
   */
  maxBundleMatches: number;
  /** Largest `_count` a search answers; a larger one is lowered to it. @default 1000 */
  maxCount: number;
  /** Time to receive a whole request (headers and body), in milliseconds. @default 30000 */
  requestTimeoutMs: number;
  /**
   * Longest a request may run at the engine, in milliseconds. Past it the request is stopped at
   * its next read, write or search: 503 with `Retry-After` (a transaction rolls back whole; a
   * batch answers its remaining entries 503). Requests run one at a time, so this is what keeps
   * one costly request from holding every other. @default 10000
   */
  maxRunMs: number;
}

/** The limits a sandbox runs with unless told otherwise. */
export const DEFAULT_LIMITS: Readonly<SandboxLimits> = Object.freeze({
  maxBodyBytes: 10 * 1024 * 1024,
  maxAuthBodyBytes: 64 * 1024,
  maxBundleEntries: 1000,
  maxBundleMatches: 10_000,
  maxCount: 1000,
  requestTimeoutMs: 30_000,
  maxRunMs: 10_000,
});

/** The OperationOutcome id of a request stopped at `maxRunMs` (answered 503). */
export const BUSY_OUTCOME_ID = 'busy';

/** A request that ran longer than `maxRunMs`: stopped, answered 503. */
export class BusyError extends OperationOutcomeError {
  constructor(maxRunMs: number) {
    super({
      resourceType: 'OperationOutcome',
      id: BUSY_OUTCOME_ID,
      issue: [
        {
          severity: 'error',
          code: 'transient',
          details: {
            text: `The request ran longer than ${maxRunMs} ms and was stopped; retry later, or ask for less (a smaller _count, fewer entries)`,
          },
        },
      ],
    });
  }
}

/** A body over the cap; answered 413 and the connection closed. */
export class BodyTooLargeError extends OperationOutcomeError {
  constructor(max: number) {
    super(contentTooLarge(`Request body exceeds ${max} bytes`));
  }
}

/**
 * Reads a request body, at most `max` bytes. A `Content-Length` over the cap is refused before a
 * byte is read; a chunked body is refused as soon as it passes the cap, and nothing more is kept
 * (memory stays at most `max`).
 */
export function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > max) {
    return Promise.reject(new BodyTooLargeError(max));
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        cleanup();
        chunks.length = 0;
        req.pause();
        reject(new BodyTooLargeError(max));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * Does the request target hold a `.` or `..` path segment, literal or percent-encoded (`%2e`),
 * separated by `/`, `\` or `%2f`? URL parsing would resolve them, so a path could be checked as
 * one route and served as another; the sandbox refuses them instead.
 */
export function hasDotSegment(target: string): boolean {
  const path = target.split(/[?#]/, 1)[0] ?? '';
  return /(?:^|\/|\\|%2f|%5c)(?:\.|%2e){1,2}(?:$|\/|\\|%2f|%5c)/i.test(path);
}

/**
 * Is this a JSON media type the FHIR API accepts for a body (`application/fhir+json`,
 * `application/json`, `application/json-patch+json`, parameters allowed)?
 */
export function isJsonMediaType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return /^application\/(?:fhir\+json|json|json-patch\+json)$/.test(type);
}

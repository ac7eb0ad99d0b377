/**
 * The errors stage: every failure of the transport (ky's `HTTPError` and `TimeoutError`, a
 * rejected `fetch`, a cut-off body) becomes one class of `../errors.ts` whose message says what
 * to do, and whose `cause` is a plain {@link ErrorCause}: method, redacted path, status and the
 * original error's name and message with URLs replaced. Never a `Request`, `Response`, headers
 * (the bearer token) or query values (CCCD, BHYT).
 *
 * @module
 */
import {
  AuthError,
  ConflictError,
  HealthError,
  HttpError,
  NetworkError,
  TimeoutError,
  type ErrorCause,
  type OperationOutcomeLike,
} from '../errors.ts';

/** Where a failure happened, as messages may show it. */
export interface Sent {
  method: string;
  /** Path below the base; redacted before it is shown. */
  path: string;
}

/**
 * A path safe for messages and hooks: no query, and ids after a resource type (or
 * `_history`) replaced by `{id}`/`{vid}`: `Patient/123/_history/2` → `Patient/{id}/_history/{vid}`.
 */
export function redactPath(path: string): string {
  const parts = path.split('?')[0]!.split('#')[0]!.split('/');
  return parts
    .map((part, i) => {
      const before = parts[i - 1] ?? '';
      if (before === '_history' && part) return '{vid}';
      if (/^[A-Z][A-Za-z]+$/.test(before) && part && !/^[$_]/.test(part)) return '{id}';
      return part;
    })
    .join('/');
}

const URL_LIKE = /\b[a-z][a-z\d+.-]*:\/\/[^\s"'<>]+/gi;
const BEARER = /\bBearer\s+[^\s,;"']+/gi;
/** CCCD (12 digits), BHYT (2 letters + 13 digits), phone numbers, long ids. */
const LONG_NUMBER = /\d{9,}/g;

/**
 * The plain, secret-free record of `error` that SDK errors keep as `cause`. Its message loses
 * URLs (replaced by the redacted path), bearer tokens and runs of 9+ digits; `message: false`
 * drops it (for errors of a token provider, which may hold a token in any form).
 */
export function sanitiseCause(
  error: unknown,
  sent: Sent,
  status?: number,
  keep: { message?: boolean } = {},
): ErrorCause {
  const path = redactPath(sent.path);
  const raw = error instanceof Error ? error : undefined;
  const code = (raw?.cause as { code?: unknown } | undefined)?.code;
  let message =
    keep.message === false
      ? '(not kept)'
      : (raw?.message ?? String(error))
          .replace(URL_LIKE, path)
          .replace(BEARER, 'Bearer …')
          .replace(LONG_NUMBER, '…')
          .slice(0, 300);
  if (typeof code === 'string' && /^[A-Z][A-Z\d_]+$/.test(code)) message += ` (${code})`;
  return {
    method: sent.method,
    path,
    ...(status === undefined ? {} : { status }),
    name: raw?.name ?? typeof error,
    message,
  };
}

const isOutcome = (value: unknown): value is OperationOutcomeLike =>
  (value as { resourceType?: unknown } | undefined)?.resourceType === 'OperationOutcome';

/** JSON.parse that answers `undefined` for a body that is not JSON. */
export function parseLoose(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Turn an HTTP status and body into the right error class with a message that says what to do.
 * Messages hold the method, the redacted path and OperationOutcome issue codes, never server
 * diagnostics (which may echo identifiers); those stay on `error.outcome`.
 */
export function errorForStatus(
  status: number,
  body: unknown,
  sent: Sent,
  cause?: ErrorCause,
): HttpError {
  // Ids and queries never reach messages or `error.request`, whoever calls this.
  const request = { method: sent.method, path: redactPath(sent.path) };
  const outcome = isOutcome(body) ? body : undefined;
  const codes = [...new Set(outcome?.issue?.map((issue) => issue.code).filter(Boolean))];
  const suffix = codes.length ? ` [${codes.join(', ')}]` : '';
  const init = { status, outcome, request, ...(cause ? { cause } : {}) };
  const say = (what: string, advice: string) =>
    `${request.method} ${request.path} ${what} (${status})${suffix}. ${advice}`;
  if (status === 401)
    return new AuthError(
      say(
        'needs a valid sign-in',
        'Sign in again or give the client a token provider that can refresh.',
      ),
      init,
    );
  if (status === 403)
    return new AuthError(
      say('is not allowed for this user', "Check the token's scopes and the user's permissions."),
      init,
    );
  if (status === 409 || status === 412)
    return new ConflictError(
      say(
        'conflicted with a newer version',
        'Read the resource again, reapply the change and retry.',
      ),
      init,
    );
  if (status === 404 || status === 410)
    return new HttpError(say('found nothing', 'Check the resource type and id.'), init);
  if (status === 429)
    return new HttpError(say('was rate-limited', 'Wait a moment and try again.'), init);
  if (status === 408 || status === 504)
    return new HttpError(say('timed out at the server or a gateway', 'Try again later.'), init);
  if (status >= 500) {
    const html =
      body === undefined
        ? ' The answer was not FHIR JSON (an error page of a proxy or gateway?).'
        : '';
    return new HttpError(say('failed at the server', 'Try again later.' + html), init);
  }
  return new HttpError(
    say('was rejected', 'Fix the request as the OperationOutcome explains.'),
    init,
  );
}

const transient = new WeakSet<HealthError>();

/** A body cut off mid-stream: the request may be retried like a network failure. */
export function cutOff(status: number, sent: Sent, error: unknown): HttpError {
  const request = { method: sent.method, path: redactPath(sent.path) };
  const failure = new HttpError(
    `${request.method} ${request.path} answered ${status} but the body was cut off. Check the connection and try again.`,
    { status, request, cause: sanitiseCause(error, sent, status) },
  );
  transient.add(failure);
  return failure;
}

/** True for SDK errors that stand for a transient failure of the wire (a cut-off body). */
export const isTransient = (error: unknown): boolean =>
  error instanceof HealthError && transient.has(error);

/**
 * The one mapping of everything the transport can throw. `HTTPError` bodies are already buffered
 * by the wire stage, so reading them here is cheap. SDK errors pass through unchanged.
 */
export async function toHealthError(
  error: unknown,
  sent: Sent,
  timeoutMs: number,
): Promise<HealthError> {
  if (error instanceof HealthError) return error;
  const shown = redactPath(sent.path);
  const name = (error as { name?: unknown } | undefined)?.name;
  const response = (error as { response?: Response } | undefined)?.response;
  if (name === 'HTTPError' && response) {
    const text = await response.text().catch(() => '');
    const cause = sanitiseCause(error, sent, response.status);
    return errorForStatus(response.status, text ? parseLoose(text) : undefined, sent, cause);
  }
  if (name === 'TimeoutError') {
    return new TimeoutError(
      `${sent.method} ${shown} took longer than ${timeoutMs} ms. Check the connection or raise timeoutMs.`,
      timeoutMs,
      { cause: sanitiseCause(error, sent) },
    );
  }
  return new NetworkError(
    `Could not reach the FHIR server for ${sent.method} ${shown}. Check the network and the server address.`,
    { cause: sanitiseCause(error, sent) },
  );
}

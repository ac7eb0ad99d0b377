/**
 * The SDK's error taxonomy. Every error the SDK throws is `instanceof HealthError`; use the
 * `is*` guards when errors may cross realms (iframes, workers) where `instanceof` fails.
 *
 * @module
 */

/** An issue from a server OperationOutcome, kept as received. */
export interface OutcomeIssue {
  severity: string;
  code: string;
  diagnostics?: string;
  details?: { text?: string; coding?: { system?: string; code?: string; display?: string }[] };
  expression?: string[];
  [key: string]: unknown;
}

/** A minimal OperationOutcome shape (the full schema lives in `fhir/`). */
export interface OperationOutcomeLike {
  resourceType: 'OperationOutcome';
  issue: OutcomeIssue[];
  [key: string]: unknown;
}

/** A validation problem at a FHIR path such as `Patient.identifier[0].value`. */
export interface ValidationIssue {
  /** FHIR path of the offending element, e.g. `Patient.identifier[1].system`. */
  path: string;
  /** Machine-readable code, e.g. `invalid-format`, `unknown-property`, `required`. */
  code: string;
  /** `error` fails strict validation; `warning` never does. */
  severity: 'error' | 'warning';
  /** Plain English message. */
  message: string;
  /** Plain Vietnamese message. */
  messageVi?: string;
  /**
   * The key of the rule that raised it, when it has one: a FHIR invariant (`per-1`, `dom-3`,
   * `ext-1`) or one of the SDK's named rules (e.g. `txt-1` for the narrative's XHTML).
   */
  key?: string;
}

/**
 * What an SDK error keeps of the failure underneath it (`error.cause`): plain data, never a
 * `Request`, `Response`, headers or query values. The path is redacted (`Patient/{id}`).
 */
export interface ErrorCause {
  /** HTTP method of the request. */
  method: string;
  /** Path below the FHIR base without the query, ids replaced (`Patient/{id}`). */
  path: string;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** `name` of the underlying error (e.g. `TypeError`, `HTTPError`, `TimeoutError`). */
  name: string;
  /** Its message, with URLs replaced by the redacted path. */
  message: string;
}

const BRAND = Symbol.for('vnhealth.error');

/** Base class of every error thrown by `@vnhealth/core`. */
export class HealthError extends Error {
  override name = 'HealthError';
  /** Stable machine-readable kind; survives realms and serialisation. */
  readonly kind: string = 'health';
  declare readonly [BRAND]: true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** The server answered with a non-success HTTP status. */
export class HttpError extends HealthError {
  override name = 'HttpError';
  override readonly kind: string = 'http';
  /** HTTP status code. */
  readonly status: number;
  /** The OperationOutcome the server sent, if any. */
  readonly outcome: OperationOutcomeLike | undefined;
  /** HTTP method and URL path (never the query string, which may hold identifiers). */
  readonly request: { method: string; path: string };

  constructor(
    message: string,
    init: {
      status: number;
      outcome?: OperationOutcomeLike | undefined;
      request: { method: string; path: string };
      cause?: unknown;
    },
  ) {
    super(message, { cause: init.cause });
    this.status = init.status;
    this.outcome = init.outcome;
    this.request = init.request;
  }

  /** The OperationOutcome issues, or an empty list. */
  get issues(): OutcomeIssue[] {
    return this.outcome?.issue ?? [];
  }
}

/** 401/403 or a token that could not be obtained or refreshed. */
export class AuthError extends HttpError {
  override name = 'AuthError';
  override readonly kind: string = 'auth';
}

/** 409/412: the resource changed since it was read, or a uniqueness rule failed. */
export class ConflictError extends HttpError {
  override name = 'ConflictError';
  override readonly kind: string = 'conflict';
}

/**
 * The server answered with a redirect the SDK does not follow: one to another origin (which would
 * send the token or a body there), or any redirect in a browser, which hides the target.
 */
export class RedirectError extends HttpError {
  override name = 'RedirectError';
  override readonly kind: string = 'redirect';
  /** The origin the server redirected to (`https://host`), when the runtime shows it. */
  readonly location: string | undefined;
  constructor(
    message: string,
    init: ConstructorParameters<typeof HttpError>[1] & { location?: string | undefined },
  ) {
    super(message, init);
    this.location = init.location;
  }
}

/** A response broke a limit of the client: too many bytes or too deeply nested JSON. */
export class LimitError extends HealthError {
  override name = 'LimitError';
  override readonly kind: string = 'limit';
  /** Which limit: `maxResponseBytes` or `maxDepth`. */
  readonly limit: 'maxResponseBytes' | 'maxDepth';
  /** The limit's value. */
  readonly max: number;
  constructor(
    message: string,
    limit: 'maxResponseBytes' | 'maxDepth',
    max: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.limit = limit;
    this.max = max;
  }
}

/** The request could not reach the server (offline, DNS, reset connection, CORS). */
export class NetworkError extends HealthError {
  override name = 'NetworkError';
  override readonly kind: string = 'network';
}

/** The request took longer than its `timeoutMs`. */
export class TimeoutError extends HealthError {
  override name = 'TimeoutError';
  override readonly kind: string = 'timeout';
  readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number, options?: { cause?: unknown }) {
    super(message, options);
    this.timeoutMs = timeoutMs;
  }
}

/** Data failed validation; `issues` name the FHIR paths. */
export class ValidationError extends HealthError {
  override name = 'ValidationError';
  override readonly kind: string = 'validation';
  readonly issues: ValidationIssue[];
  constructor(message: string, issues: ValidationIssue[], options?: { cause?: unknown }) {
    super(message, options);
    this.issues = issues;
  }
}

/**
 * A schedule slot was taken by someone else between reading and booking. `alternatives` holds
 * the nearest free slots the SDK found, if any.
 */
export class SlotUnavailableError extends ConflictError {
  override name = 'SlotUnavailableError';
  override readonly kind: string = 'slot-unavailable';
  alternatives: unknown[] = [];
}

function hasKind(error: unknown, kinds: readonly string[]): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as Record<symbol, unknown>)[BRAND] === true &&
    kinds.includes((error as HealthError).kind)
  );
}

/** True for any SDK error, across realms. */
export const isHealthError = (e: unknown): e is HealthError =>
  typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
/** True for {@link HttpError} and its subclasses, across realms. */
export const isHttpError = (e: unknown): e is HttpError =>
  hasKind(e, ['http', 'auth', 'conflict', 'slot-unavailable', 'redirect']);
/** True for {@link RedirectError}, across realms. */
export const isRedirectError = (e: unknown): e is RedirectError => hasKind(e, ['redirect']);
/** True for {@link LimitError}, across realms. */
export const isLimitError = (e: unknown): e is LimitError => hasKind(e, ['limit']);
/** True for {@link ConflictError} and {@link SlotUnavailableError}, across realms. */
export const isConflictError = (e: unknown): e is ConflictError =>
  hasKind(e, ['conflict', 'slot-unavailable']);
/** True for {@link SlotUnavailableError}, across realms. */
export const isSlotUnavailableError = (e: unknown): e is SlotUnavailableError =>
  hasKind(e, ['slot-unavailable']);
/** True for {@link NetworkError}, across realms. */
export const isNetworkError = (e: unknown): e is NetworkError => hasKind(e, ['network']);
/** True for {@link TimeoutError}, across realms. */
export const isTimeoutError = (e: unknown): e is TimeoutError => hasKind(e, ['timeout']);
/** True for {@link ValidationError}, across realms. */
export const isValidationError = (e: unknown): e is ValidationError => hasKind(e, ['validation']);
/** True for {@link AuthError}, across realms. */
export const isAuthError = (e: unknown): e is AuthError => hasKind(e, ['auth']);

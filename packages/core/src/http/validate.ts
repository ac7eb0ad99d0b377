/**
 * The validation stage: every resource that enters the SDK — reads, vreads, searches (matches
 * and includes), pages, batch, transaction and operation responses — passes here.
 *
 * - In every mode, `off` included, the *shape* is checked synchronously: a `read('Patient')`
 *   answered with a Practitioner, an OperationOutcome, `null` or an array is a `ValidationError`
 *   naming the path (`Patient.resourceType`, `Bundle.entry[2].resource.resourceType`).
 * - `strict`: the structural validator (a lazy chunk) starts loading with the first request and
 *   the response waits for it; errors reject.
 * - `warn`: the data is delivered first; the findings are background work that never competes
 *   with data a page is waiting for: the validator loads and runs once the client has had no
 *   request in flight for {@link QUIET_MS} ms (and the page is idle), on a copy of what was
 *   received, and reports through `onValidationIssues`. Validation in `warn` mode never delays
 *   delivery (docs/decisions/0003-transport.md).
 *
 * @module
 */
import { ValidationError, type ValidationIssue } from '../errors.ts';
import type * as OnDemand from '../fhir/on-demand.ts';
import type { ValidationLevel, ValidationMode } from '../fhir/validator.ts';
import type { BundleRequestEntry } from './types.ts';
import { target } from './urls.ts';

/** What a response must be. */
export type Expectation =
  /** One resource of `type` (read, vread, write responses). */
  | { kind: 'resource'; type: string }
  /** A searchset Bundle whose matches are of `type`; `includes` allows other types untagged. */
  | { kind: 'search'; type: string; includes?: boolean }
  /** A batch/transaction response: one expectation per entry, checked for 2xx entries. */
  | { kind: 'response'; entries: readonly Expectation[] }
  /** Any resource (operations). */
  | { kind: 'any' };

const ANY: Expectation = { kind: 'any' };
const INCLUDES = /(^|&)_(include|revinclude)/;

/** What the response to one batch/transaction entry must be. */
export function expectationOf({ request }: BundleRequestEntry): Expectation {
  const [path = '', query = ''] = request.url.replace(/^\/+/, '').split('?');
  if (path === 'metadata') return { kind: 'resource', type: 'CapabilityStatement' };
  const [type, id] = target(path);
  if (!type || path.includes('$') || path.includes('_history') || !/^[A-Z]/.test(type)) return ANY;
  if (request.method === 'GET' || request.method === 'HEAD') {
    return id
      ? { kind: 'resource', type }
      : { kind: 'search', type, includes: INCLUDES.test(query) };
  }
  return request.method === 'DELETE' ? ANY : { kind: 'resource', type };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const describe = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'an array'
      : isObject(v)
        ? typeof v.resourceType === 'string'
          ? `a ${v.resourceType}`
          : 'an object without resourceType'
        : `a ${typeof v}`;

function issue(path: string, expected: string, got: unknown): ValidationIssue {
  return {
    path,
    code: 'wrong-type',
    severity: 'error',
    message: `Expected ${expected}, got ${describe(got)}.`,
    messageVi: `Cần ${expected}, nhận được dữ liệu khác.`,
  };
}

/** The shape problems of `body` against `expected`, with FHIR paths from `at`. */
export function shapeIssues(body: unknown, expected: Expectation, at = ''): ValidationIssue[] {
  const own = (type: string) => (at ? at : type);
  const resourceOf = (type: string | undefined): ValidationIssue[] => {
    if (!isObject(body) || typeof body.resourceType !== 'string')
      return [issue(own(type ?? 'Resource'), type ? `a ${type}` : 'a FHIR resource', body)];
    if (type && body.resourceType !== type)
      return [issue(`${own(type)}.resourceType`, `a ${type}`, body)];
    return [];
  };
  if (expected.kind === 'any') return resourceOf(undefined);
  if (expected.kind === 'resource') return resourceOf(expected.type);
  const problems = resourceOf('Bundle');
  if (problems.length) return problems;
  const entries = (body as { entry?: unknown }).entry;
  if (entries === undefined) return [];
  if (!Array.isArray(entries)) return [issue(`${own('Bundle')}.entry`, 'an array', entries)];
  entries.forEach((entry: unknown, i) => {
    const path = `${own('Bundle')}.entry[${i}]`;
    if (!isObject(entry)) return problems.push(issue(path, 'a Bundle entry', entry));
    const resource = entry.resource;
    if (expected.kind === 'search') {
      if (resource === undefined) return;
      const mode = (entry.search as { mode?: unknown } | undefined)?.mode;
      const type =
        mode === 'include' || (mode === undefined && expected.includes)
          ? undefined
          : mode === 'outcome'
            ? 'OperationOutcome'
            : expected.type;
      problems.push(
        ...shapeIssues(resource, type ? { kind: 'resource', type } : ANY, `${path}.resource`),
      );
      return;
    }
    const status = Number.parseInt(
      String((entry.response as { status?: unknown })?.status ?? ''),
      10,
    );
    const want = status >= 200 && status < 300 ? (expected.entries[i] ?? ANY) : ANY;
    if (resource !== undefined) problems.push(...shapeIssues(resource, want, `${path}.resource`));
  });
  return problems;
}

/** What the stage needs from the client's options. */
export interface ValidatorOptions {
  mode: ValidationMode;
  level?: ValidationLevel | undefined;
  profile?: 'vn-core-moh' | 'vn-core-community' | undefined;
  onValidationIssues?:
    ((issues: ValidationIssue[], context: { resourceType: string }) => void) | undefined;
  /** Whether the client has a request in flight (`warn` waits until it has none). */
  busy?: () => boolean;
}

/** How long the client's network must be quiet before `warn`-mode validation runs. */
export const QUIET_MS = 300;

const schedule = (run: () => void): void => {
  const idle = (globalThis as { requestIdleCallback?: (f: () => void, o: object) => void })
    .requestIdleCallback;
  if (idle) idle(run, { timeout: 2000 });
  else setTimeout(run, 0);
};

/** The validation stage of one client. */
export function createValidator(options: ValidatorOptions): {
  /** A request for `type` is being sent: in `strict`, start loading what validating it needs. */
  prepare(type: string | undefined): void;
  /** Check only the shape of `body` against `expected` (throws `ValidationError`). */
  check(body: unknown, expected: Expectation): void;
  /**
   * Check `body` against `expected` (throws `ValidationError`), then validate it structurally:
   * awaited in `strict`, after delivery in `warn` (on `text`, a copy of what was received).
   */
  accept(body: unknown, expected: Expectation, text?: string): Promise<void>;
  /** The client's last request in flight settled: `warn`'s queued work may run once quiet. */
  quiet(): void;
} {
  const { mode } = options;
  const warned = new Set<string>();
  let validator: Promise<typeof OnDemand> | undefined;
  const load = () =>
    (validator ??= import('../fhir/on-demand.ts').catch((error: unknown) => {
      validator = undefined;
      throw error;
    }));

  async function structural(body: unknown): Promise<ValidationIssue[]> {
    const { validateBody } = await load();
    const all: ValidationIssue[] = [];
    for (const [type, issues] of await validateBody(body, mode, options.profile, options.level)) {
      if (mode === 'warn' && issues.length) report(issues, type);
      all.push(...issues);
    }
    return all;
  }

  // `warn`: the copies waiting for a quiet network, run together.
  let queued: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  function arm(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (options.busy?.()) return; // armed again when the request in flight settles
      const copies = queued;
      queued = [];
      schedule(() => {
        for (const copy of copies) {
          structural(JSON.parse(copy)).catch(() => {
            if (!warned.has('')) {
              warned.add('');
              console.warn(
                '[vnhealth] The validator could not be loaded; responses were not validated.',
              );
            }
          });
        }
      });
    }, QUIET_MS);
    (timer as { unref?: () => void }).unref?.();
  }

  function report(issues: ValidationIssue[], resourceType: string): void {
    if (options.onValidationIssues) options.onValidationIssues(issues, { resourceType });
    else if (!warned.has(resourceType)) {
      // Once per type and client, paths only (values may be identifiers).
      warned.add(resourceType);
      console.warn(
        `[vnhealth] ${resourceType} from the server has validation issues at ${issues.map((i) => i.path).join(', ')}; pass onValidationIssues to see them all.`,
      );
    }
  }

  function check(body: unknown, expected: Expectation): void {
    const problems = shapeIssues(body, expected);
    if (problems.length) {
      throw new ValidationError(
        `The server sent the wrong kind of data at ${problems[0]!.path}: ${problems[0]!.message} Check the server address and the request.`,
        problems,
      );
    }
  }

  return {
    prepare(type) {
      if (mode !== 'strict') return;
      load().then(
        (v) => {
          if (options.level === 'full') v.loadFull().catch(() => {});
          if (type) v.loadTable(type).catch(() => {});
        },
        () => {}, // accept() loads again and reports the failure
      );
    },
    check,
    async accept(body, expected, text) {
      check(body, expected);
      if (mode === 'off' || body === undefined) return;
      if (mode === 'strict') {
        const errors = (await structural(body)).filter((i) => i.severity === 'error');
        if (errors.length) {
          throw new ValidationError(
            `The server sent data that fails validation at ${errors[0]!.path} (${errors.length} error(s)). Fix the data at the source or use validation: 'warn'.`,
            errors,
          );
        }
        return;
      }
      queued.push(text ?? JSON.stringify(body));
      arm();
    },
    quiet() {
      if (queued.length) arm();
    },
  };
}

/**
 * Every resource that enters the SDK is validated: reads, searches (matches and includes),
 * pages, auto-batched reads, batch, transaction and operation responses. The resource type is
 * checked in every mode; `strict` rejects structural errors; `warn` delivers first and reports
 * afterwards. Real HTTP: the sandbox behind the fault proxy, which answers with crafted bodies.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError, type HealthClientOptions, type ValidationIssue } from '@vnhealth/core';
import { answerWith, failure, proxiedClient } from './crafted.ts';
import { useProxiedSandbox } from './fhir-server.ts';

const env = useProxiedSandbox();

const client = (options: Partial<HealthClientOptions> = {}) => proxiedClient(env, options);

const banana = { resourceType: 'Patient', id: 'pt-banana', gender: 'banana' };
const practitioner = { resourceType: 'Practitioner', id: 'pr-1' };
const searchset = (...entry: object[]) => ({ resourceType: 'Bundle', type: 'searchset', entry });
const answer = (body: unknown, match?: (url: string) => boolean) => answerWith(env, body, match);

describe('the resource type is checked in every mode', () => {
  const wrong: [string, unknown, string][] = [
    ['a Practitioner', practitioner, 'Patient.resourceType'],
    [
      'an OperationOutcome',
      { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'x' }] },
      'Patient.resourceType',
    ],
    ['null', null, 'Patient'],
    ['an array', [banana], 'Patient'],
  ];
  for (const validation of ['off', 'warn', 'strict'] as const) {
    it.each(wrong)(
      `${validation}: read('Patient') answered with %s is a ValidationError`,
      async (_, body, path) => {
        answer(body);
        const error = await failure(() => client({ validation }).read('Patient', 'pt-1'));
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues[0]!.path).toBe(path);
      },
    );
  }

  it('a search match of the wrong type names its entry', async () => {
    answer(searchset({ resource: practitioner, search: { mode: 'match' } }));
    const error = await failure(() =>
      client({ validation: 'off' }).search('Patient', { name: 'x' }),
    );
    expect((error as ValidationError).issues[0]!.path).toBe(
      'Bundle.entry[0].resource.resourceType',
    );
  });

  it('includes and an OperationOutcome of a failed batch entry are not type errors', async () => {
    answer(
      searchset(
        { resource: { resourceType: 'Patient', id: 'a' }, search: { mode: 'match' } },
        { resource: practitioner, search: { mode: 'include' } },
      ),
    );
    const found = await client({ validation: 'off' }).search('Patient', {
      _include: 'Patient:general-practitioner',
    });
    expect(found.included).toHaveLength(1);
    answer({
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [
        { response: { status: '200 OK' }, resource: { resourceType: 'Patient', id: 'a' } },
        {
          response: { status: '404 Not Found' },
          resource: {
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'not-found' }],
          },
        },
      ],
    });
    const results = await client({ validation: 'off' }).batch([
      { request: { method: 'GET', url: 'Patient/a' } },
      { request: { method: 'GET', url: 'Patient/b' } },
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 404]);
  });

  it('a batch entry of the wrong type for its read is a ValidationError', async () => {
    answer({
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [{ response: { status: '200 OK' }, resource: practitioner }],
    });
    const error = await failure(() =>
      client({ validation: 'off' }).batch([{ request: { method: 'GET', url: 'Patient/a' } }]),
    );
    expect((error as ValidationError).issues[0]!.path).toBe(
      'Bundle.entry[0].resource.resourceType',
    );
  });
});

describe("strict: a Patient with gender 'banana' is rejected wherever it enters", () => {
  const strict = () => client({ validation: 'strict' });
  const rejects = async (run: () => Promise<unknown>, path: string) => {
    const error = await failure(run);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toContain(path);
  };

  it('read', async () => {
    answer(banana);
    await rejects(() => strict().read('Patient', 'pt-banana'), 'Patient.gender');
  });

  it('search match and include', async () => {
    answer(searchset({ resource: banana, search: { mode: 'match' } }));
    await rejects(() => strict().search('Patient', {}), 'Bundle.entry[0].resource.gender');
    answer(
      searchset(
        {
          resource: {
            resourceType: 'Encounter',
            id: 'e',
            status: 'finished',
            class: { code: 'AMB' },
          },
          search: { mode: 'match' },
        },
        { resource: banana, search: { mode: 'include' } },
      ),
    );
    await rejects(
      () => strict().search('Encounter', { _include: 'Encounter:subject' }),
      'Bundle.entry[1].resource.gender',
    );
  });

  it('the second page', async () => {
    answer(
      { ...searchset(), link: [{ relation: 'next', url: `${env.base}/Patient?page=2` }] },
      (url) => !url.includes('page=2'),
    );
    answer(searchset({ resource: banana, search: { mode: 'match' } }), (url) =>
      url.includes('page=2'),
    );
    await rejects(async () => {
      for await (const page of strict().pages('Patient', {})) void page;
    }, 'Bundle.entry[0].resource.gender');
  });

  it('auto-batched reads', async () => {
    answer({
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [
        { response: { status: '200 OK' }, resource: { resourceType: 'Patient', id: 'ok' } },
        { response: { status: '200 OK' }, resource: banana },
      ],
    });
    const fhir = client({ validation: 'strict' });
    const [good, bad] = await Promise.allSettled([
      fhir.read('Patient', 'ok'),
      fhir.read('Patient', 'pt-banana'),
    ]);
    expect(env.proxy.requests.map((r) => r.method)).toEqual(['POST']);
    expect(good.status).toBe('fulfilled');
    expect((bad as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
  });

  it('batch, transaction and operation responses', async () => {
    const response = (type: string) => ({
      resourceType: 'Bundle',
      type,
      entry: [{ response: { status: '200 OK' }, resource: banana }],
    });
    answer(response('batch-response'));
    await rejects(
      () => strict().batch([{ request: { method: 'GET', url: 'Patient/pt-banana' } }]),
      'Bundle.entry[0].resource.gender',
    );
    answer(response('transaction-response'));
    await rejects(
      () =>
        strict().transaction([
          { resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient' } },
        ]),
      'Bundle.entry[0].resource.gender',
    );
    answer(banana);
    await rejects(() => strict().operation('Patient/pt-banana/$everything'), 'Patient.gender');
  });
});

describe('warn: the data is delivered first, the findings reported afterwards', () => {
  it('a read resolves before onValidationIssues reports the gender', async () => {
    const order: string[] = [];
    let reported!: (issues: ValidationIssue[]) => void;
    const issues = new Promise<ValidationIssue[]>((resolve) => (reported = resolve));
    const fhir = client({
      validation: 'warn',
      onValidationIssues: (found) => {
        order.push('reported');
        reported(found);
      },
    });
    answer(banana);
    const patient = await fhir.read('Patient', 'pt-banana');
    order.push('delivered');
    expect(patient.gender).toBe('banana');
    expect((await issues).map((i) => i.path)).toContain('Patient.gender');
    expect(order).toEqual(['delivered', 'reported']);
  });

  it('waits for a quiet network: nothing loads or runs while another request is in flight', async () => {
    const reportedAt: number[] = [];
    let reported!: () => void;
    const done = new Promise<void>((resolve) => (reported = resolve));
    const fhir = client({
      validation: 'warn',
      onValidationIssues: () => {
        reportedAt.push(performance.now());
        reported();
      },
    });
    answer(banana, (url) => url.includes('pt-banana'));
    await fhir.read('Patient', 'pt-banana');
    // The next read arrives slowly (well past the quiet window) and is sent right away.
    env.proxy.inject(
      { kind: 'drip', delayMs: 150, chunkBytes: 200 },
      { match: (r) => r.url.includes('vnh-pt-001') },
    );
    const slow = await fhir.read('Patient', 'vnh-pt-001');
    const slowAt = performance.now();
    expect(slow.id).toBe('vnh-pt-001');
    expect(reportedAt).toEqual([]);
    await done;
    expect(reportedAt[0]!).toBeGreaterThan(slowAt);
  });

  it('a batch entry is reported with its path in the Bundle', async () => {
    let reported!: (issues: ValidationIssue[]) => void;
    const issues = new Promise<ValidationIssue[]>((resolve) => (reported = resolve));
    answer({
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [{ response: { status: '200 OK' }, resource: banana }],
    });
    const results = await client({ onValidationIssues: (found) => reported(found) }).batch([
      { request: { method: 'GET', url: 'Patient/pt-banana' } },
    ]);
    expect(results[0]!.ok).toBe(true);
    expect((await issues).map((i) => i.path)).toContain('Bundle.entry[0].resource.gender');
  });
});

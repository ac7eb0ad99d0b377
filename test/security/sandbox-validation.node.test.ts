/**
 * Issue 13, "Sandbox denial of service" (last part): unknown resource types answered 200 with an
 * empty Bundle, unknown search parameters `total: 0`, and ids like `bad$id` or 65 characters were
 * accepted. Now: 404, 400 under `Prefer: handling=strict` (otherwise ignored and reported in an
 * `outcome` entry), and 400 for an id that breaks the FHIR id rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@vnhealth/sandbox';

interface Searchset {
  total: number;
  entry?: { resource: { resourceType: string; issue?: unknown[] }; search?: { mode: string } }[];
  link: { relation: string; url: string }[];
}

describe('sandbox request validation', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 42, patients: 0, quiet: true });
  });
  afterAll(() => sandbox?.close());

  it.each(['Foo', 'Foo/1', 'patient?name=An'])(
    'answers an unknown resource type (%s) with 404 and an OperationOutcome',
    async (path) => {
      const res = await fetch(`${sandbox.baseUrl}/${path}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ code: 'not-found' }],
      });
    },
  );

  it('refuses a write to an unknown resource type with 404', async () => {
    const res = await fetch(`${sandbox.baseUrl}/Foo`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Foo' }),
    });
    expect(res.status).toBe(404);
  });

  it.each(['bad$id', 'a'.repeat(65), 'bad_id', 'b%C3%A1d'])(
    'refuses the id %s with 400 (read and update)',
    async (id) => {
      const read = await fetch(`${sandbox.baseUrl}/Patient/${id}`);
      expect(read.status).toBe(400);
      expect(await read.json()).toMatchObject({ resourceType: 'OperationOutcome' });
      const put = await fetch(`${sandbox.baseUrl}/Patient/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify({ resourceType: 'Patient', id: decodeURIComponent(id) }),
      });
      expect(put.status).toBe(400);
    },
  );

  it('accepts ids of 64 characters of the allowed alphabet', async () => {
    const id = `A-z.0${'x'.repeat(59)}`;
    const put = await fetch(`${sandbox.baseUrl}/Patient/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Patient', id }),
    });
    expect(put.status).toBe(201);
  });

  it('refuses an unknown search parameter with 400 under Prefer: handling=strict', async () => {
    const res = await fetch(`${sandbox.baseUrl}/Patient?nmae=An`, {
      headers: { prefer: 'handling=strict' },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('nmae');
  });

  it('otherwise ignores it and reports it in an outcome entry (it answered total: 0)', async () => {
    const all = (await (await fetch(`${sandbox.baseUrl}/Patient`)).json()) as Searchset;
    const res = await fetch(`${sandbox.baseUrl}/Patient?nmae=An`);
    expect(res.status).toBe(200);
    const bundle = (await res.json()) as Searchset;
    expect(bundle.total).toBe(all.total);
    expect(bundle.total).toBeGreaterThan(0);
    const outcome = bundle.entry?.find((e) => e.search?.mode === 'outcome');
    expect(outcome?.resource).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'warning', code: 'not-supported' }],
    });
    expect(JSON.stringify(outcome)).toContain('nmae');
    expect(bundle.link.find((l) => l.relation === 'self')?.url).not.toContain('nmae');
  });

  it('keeps known parameters with modifiers and chains, strictly', async () => {
    for (const search of [
      'Patient?name:contains=An&_count=5&_sort=-birthdate',
      'Encounter?subject:Patient.name=An&_include=Encounter:subject',
      'Observation?subject=Patient/vnh-pt-001&code=http://loinc.org|8867-4&_elements=value',
    ]) {
      const res = await fetch(`${sandbox.baseUrl}/${search}`, {
        headers: { prefer: 'handling=strict' },
      });
      expect(res.status, search).toBe(200);
      const bundle = (await res.json()) as Searchset;
      expect(bundle.total, search).toBeGreaterThan(0);
      expect(bundle.entry?.some((e) => e.search?.mode === 'outcome')).toBe(false);
    }
  });
});

describe('the same checks inside batch and transaction entries', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 42, patients: 0, quiet: true });
  });
  afterAll(() => sandbox?.close());

  const post = async (bundle: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(sandbox.baseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', ...headers },
      body: JSON.stringify(bundle),
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        entry?: { response: { status: string }; resource?: Searchset & { resourceType: string } }[];
        issue?: { details?: { text?: string } }[];
      },
    };
  };
  const batch = (...entry: unknown[]) => ({ resourceType: 'Bundle', type: 'batch', entry });

  it('a batch answers each bad entry as the request alone would be, and runs the rest', async () => {
    const { status, body } = await post(
      batch(
        { request: { method: 'GET', url: 'Foo/1' } },
        { request: { method: 'GET', url: 'Foo?x=1' } },
        { request: { method: 'GET', url: 'Patient/bad$id' } },
        { request: { method: 'GET', url: `Patient/${'a'.repeat(65)}` } },
        { request: { method: 'GET', url: 'Patient/vnh-pt-001/../metadata' } },
        {
          request: { method: 'PUT', url: 'Patient/bad$id' },
          resource: { resourceType: 'Patient', id: 'bad$id' },
        },
        { request: { method: 'GET', url: 'Patient/vnh-pt-001' } },
        { request: { method: 'GET', url: 'metadata' } },
      ),
    );
    expect(status).toBe(200);
    expect(body.entry!.map((e) => e.response.status.slice(0, 3))).toEqual([
      '404',
      '404',
      '400',
      '400',
      '400',
      '400',
      '200',
      '200',
    ]);
    expect(body.entry![7]!.resource!.resourceType).toBe('CapabilityStatement');
    // Nothing was written under the bad id.
    const search = await fetch(`${sandbox.baseUrl}/Patient?_id=${encodeURIComponent('bad$id')}`);
    expect(((await search.json()) as Searchset).total).toBe(0);
  });

  it('an unknown search parameter in an entry: ignored and reported, or 400 under handling=strict', async () => {
    const lenient = await post(
      batch({ request: { method: 'GET', url: 'Patient?foo=bar&_count=2' } }),
    );
    const searchset = lenient.body.entry![0]!.resource!;
    expect(searchset.total).toBeGreaterThan(0); // `foo` did not turn the search into no matches
    const outcome = searchset.entry!.find((e) => e.search?.mode === 'outcome');
    expect(JSON.stringify(outcome?.resource.issue)).toContain('foo');
    const strict = await post(batch({ request: { method: 'GET', url: 'Patient?foo=bar' } }), {
      prefer: 'handling=strict',
    });
    expect(strict.body.entry![0]!.response.status).toMatch(/^400/);
  });

  it('one bad entry refuses a whole transaction; nothing of it is written', async () => {
    const { status } = await post({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          request: { method: 'POST', url: 'Patient' },
          resource: { resourceType: 'Patient', name: [{ text: 'Phạm Thị Dung' }] },
        },
        { request: { method: 'GET', url: 'Foo/1' } },
      ],
    });
    expect(status).toBe(404);
    const search = (await (
      await fetch(`${sandbox.baseUrl}/Patient?name=Dung`)
    ).json()) as Searchset;
    expect(search.total).toBe(0);
  });
});

/**
 * Issue 13, "Sandbox CSRF in the default mode": `text/plain` bodies were parsed as FHIR JSON, so a
 * page on any origin could write with a no-preflight `fetch`. FHIR bodies must now be JSON
 * (`application/fhir+json`, `application/json`, with parameters); the types a cross-origin page
 * can send without a preflight answer 415 with an OperationOutcome, and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@vnhealth/sandbox';

const patient = { resourceType: 'Patient', name: [{ text: 'CSRF Test' }] };

describe('sandbox default mode: JSON content types only for FHIR bodies', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 42, patients: 0, quiet: true });
  });
  afterAll(() => sandbox?.close());

  const count = async (): Promise<number> => {
    const res = await fetch(`${sandbox.baseUrl}/Patient?name=CSRF&_summary=count`);
    return ((await res.json()) as { total: number }).total;
  };

  it.each([
    ['text/plain;charset=UTF-8', 'POST', 'Patient'],
    ['application/x-www-form-urlencoded', 'POST', 'Patient'],
    ['multipart/form-data; boundary=x', 'POST', 'Patient'],
    ['text/plain', 'PUT', 'Patient/vnh-pt-004'],
    ['text/plain', 'POST', ''],
  ])('refuses %s for %s /%s with 415 and writes nothing', async (type, method, path) => {
    const body =
      path === ''
        ? {
            resourceType: 'Bundle',
            type: 'transaction',
            entry: [{ resource: patient, request: { method: 'POST', url: 'Patient' } }],
          }
        : path.includes('/')
          ? { ...patient, id: 'vnh-pt-004' }
          : patient;
    const res = await fetch(`${sandbox.baseUrl}/${path}`, {
      method,
      headers: { 'content-type': type, origin: 'https://evil.example' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'not-supported' }],
    });
    expect(await count()).toBe(0);
    const hoa = (await (await fetch(`${sandbox.baseUrl}/Patient/vnh-pt-004`)).json()) as {
      name: { text: string }[];
    };
    expect(hoa.name[0]?.text).toBe('Phạm Thị Hoa');
  });

  it('refuses a body sent with no Content-Type at all (a Blob without a type)', async () => {
    const res = await fetch(`${sandbox.baseUrl}/Patient`, {
      method: 'POST',
      body: new Blob([JSON.stringify(patient)]),
    });
    expect(res.status).toBe(415);
    expect(await count()).toBe(0);
  });

  it('accepts application/fhir+json and application/json, with parameters', async () => {
    for (const type of [
      'application/fhir+json; fhirVersion=4.0',
      'application/json; charset=utf-8',
    ]) {
      const res = await fetch(`${sandbox.baseUrl}/Patient`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: JSON.stringify(patient),
      });
      expect(res.status).toBe(201);
    }
    expect(await count()).toBe(2);
  });
});

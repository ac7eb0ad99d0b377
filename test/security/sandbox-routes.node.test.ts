/**
 * Issue 13, "Sandbox `--auth required` bypass": any path ending in `/metadata` skipped the token
 * check (`PUT /fhir/R4/Patient/metadata` → 201, `/Patient/vnh-pt-001/../metadata` too). Only the
 * real `GET /fhir/R4/metadata` and the discovery documents are open; dot segments are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@vnhealth/sandbox';
import { raw } from './raw-http.ts';

const patient = JSON.stringify({ resourceType: 'Patient', id: 'metadata', name: [{ text: 'X' }] });
const json = { 'content-type': 'application/fhir+json' };

describe('sandbox --auth required: exact open routes', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 42, patients: 0, auth: 'required', quiet: true });
  });
  afterAll(() => sandbox?.close());

  it('needs a token for PUT /Patient/metadata (it created the Patient without one)', async () => {
    const res = await raw(sandbox.origin, 'PUT', '/fhir/R4/Patient/metadata', {
      headers: json,
      body: patient,
    });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('needs a token for GET /Patient/metadata and /Patient/.well-known/smart-configuration', async () => {
    expect((await raw(sandbox.origin, 'GET', '/fhir/R4/Patient/metadata')).status).toBe(401);
    expect(
      (await raw(sandbox.origin, 'GET', '/fhir/R4/Patient/.well-known/smart-configuration')).status,
    ).toBe(401);
    expect((await raw(sandbox.origin, 'DELETE', '/fhir/R4/metadata')).status).toBe(401);
  });

  it.each([
    '/fhir/R4/Patient/vnh-pt-001/../metadata',
    '/fhir/R4/Patient/vnh-pt-001/%2e%2e/metadata',
    '/fhir/R4/Patient/vnh-pt-001/%2E./metadata',
    '/fhir/R4/Patient/vnh-pt-001/.%2e/metadata',
    '/fhir/R4/Patient/vnh-pt-001\\..\\metadata',
    '/fhir/R4/Patient/vnh-pt-001%2f..%2fmetadata',
    '/fhir/R4/Patient/./metadata',
  ])('refuses the dot segments of %s with 400, before any route', async (target) => {
    const put = await raw(sandbox.origin, 'PUT', target, { headers: json, body: patient });
    expect(put.status).toBe(400);
    expect(JSON.parse(put.body)).toMatchObject({ resourceType: 'OperationOutcome' });
    expect((await raw(sandbox.origin, 'GET', target)).status).toBe(400);
  });

  it('leaves exactly metadata and the discovery documents open', async () => {
    expect((await raw(sandbox.origin, 'GET', '/fhir/R4/metadata')).status).toBe(200);
    expect((await raw(sandbox.origin, 'GET', '/fhir/R4/metadata?_summary=true')).status).toBe(200);
    expect(
      (await raw(sandbox.origin, 'GET', '/fhir/R4/.well-known/smart-configuration')).status,
    ).toBe(200);
    expect((await raw(sandbox.origin, 'GET', '/.well-known/smart-configuration')).status).toBe(200);
    expect((await raw(sandbox.origin, 'GET', '/fhir/R4/Patient/vnh-pt-001')).status).toBe(401);
  });
});

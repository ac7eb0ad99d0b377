/**
 * Issue 13: "an AuditEvent for every read and write of a patient's record in `--auth required`
 * mode (who, what, when, from where), as the VN Core EMR server capability statement requires".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@vnhealth/sandbox';
import { TEST_CLIENTS, APP, appToken, fhir, systemToken, type Json } from './sandbox-tokens.ts';

const A = 'vnh-pt-001';
const B = 'vnh-pt-002';
let sandbox: Sandbox;
let auditor: string;

/** The AuditEvents about patient `id` recorded since `since`, oldest first. */
async function auditsOf(id: string, since: string): Promise<Json[]> {
  const found = await fhir(
    sandbox,
    auditor,
    'GET',
    `AuditEvent?entity=Patient/${id}&date=ge${since}&_count=1000&_sort=date`,
  );
  expect(found.status).toBe(200);
  return (found.body.entry ?? []).map((e: Json) => e.resource);
}
const kind = (event: Json) => `${event.subtype[0].code} ${event.action} ${event.outcome}`;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    seed: 42,
    patients: 5,
    auth: 'required',
    quiet: true,
    clients: TEST_CLIENTS,
  });
  auditor = await systemToken(sandbox, 'system/AuditEvent.rs system/Observation.cruds');
});
afterAll(() => sandbox?.close());

describe('AuditEvents in --auth required mode', () => {
  it('a read: who (client, launch patient), what, when, from where, outcome', async () => {
    const since = new Date().toISOString();
    const token = await appToken(sandbox, 'patient/*.rs', A);
    expect((await fhir(sandbox, token, 'GET', `Patient/${A}`)).status).toBe(200);
    const [event, ...rest] = await auditsOf(A, since);
    expect(rest).toEqual([]);
    expect(kind(event!)).toBe('read R 0');
    expect(event!.type.code).toBe('rest');
    const [client, patient] = event!.agent;
    expect(client.who.identifier).toEqual({
      system: `${sandbox.origin}/auth/clients`,
      value: APP.client_id,
    });
    expect(client.requestor).toBe(true);
    expect(client.network).toEqual({ address: '127.0.0.1', type: '2' });
    expect(patient.who.reference).toBe(`Patient/${A}`);
    const recorded = Date.parse(event!.recorded);
    expect(recorded).toBeGreaterThanOrEqual(Date.parse(since));
    expect(recorded).toBeLessThanOrEqual(Date.now());
    expect(event!.entity[0].what.reference).toBe(`Patient/${A}`);
    expect(event!.source.observer.display).toBe('vnhealth-sandbox');
    expect(JSON.stringify(event)).not.toContain(token);
  });

  it('a refused read of another patient is recorded as refused, on that patient', async () => {
    const since = new Date().toISOString();
    const token = await appToken(sandbox, 'patient/*.rs', A);
    expect((await fhir(sandbox, token, 'GET', `Patient/${B}`)).status).toBe(403);
    const [event] = await auditsOf(B, since);
    expect(kind(event!)).toBe('read R 4');
    expect(event!.outcomeDesc).toMatch(/^Refused: .*outside the compartment/);
  });

  it('a search: one event naming the query and every patient whose records it answered', async () => {
    const since = new Date().toISOString();
    const token = await appToken(sandbox, 'user/Observation.rs');
    const search = await fhir(sandbox, token, 'GET', 'Observation?_count=100');
    expect(search.status).toBe(200);
    const [forA] = await auditsOf(A, since);
    const [forB] = await auditsOf(B, since);
    expect(forA!.id).toBe(forB!.id);
    expect(kind(forA!)).toBe('search-type E 0');
    const query = forA!.entity.find((e: Json) => e.query);
    expect(Buffer.from(query.query, 'base64').toString('utf8')).toMatch(/^Observation\?/);
  });

  it('writes: create, update, delete; a rolled-back transaction is recorded as failed', async () => {
    const since = new Date().toISOString();
    const token = await appToken(sandbox, 'patient/*.cruds', A);
    const observation = {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'Cân nặng' },
      subject: { reference: `Patient/${A}` },
    };
    const created = await fhir(sandbox, token, 'POST', 'Observation', observation);
    await fhir(sandbox, token, 'PUT', `Observation/${created.body.id}`, {
      ...created.body,
      status: 'amended',
    });
    await fhir(sandbox, token, 'DELETE', `Observation/${created.body.id}`);
    const refused = await fhir(sandbox, token, 'POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { request: { method: 'POST', url: 'Observation' }, resource: observation },
        {
          request: { method: 'POST', url: 'Observation' },
          resource: { ...observation, subject: { reference: `Patient/${B}` } },
        },
      ],
    });
    expect(refused.status).toBe(403);
    const events = await auditsOf(A, since);
    expect(events.map(kind)).toEqual([
      'create C 0',
      'update U 0',
      'delete D 0',
      'create C 8', // the transaction's first entry: written, then rolled back
    ]);
    expect(events[0]!.entity[1].what.reference).toBe(`Observation/${created.body.id}/_history/1`);
    const [onB] = await auditsOf(B, since);
    expect(kind(onB!)).toBe('create C 4');
  });

  it("data that is no patient's record (a Practitioner) is not audited; AuditEvent reads are not", async () => {
    const since = new Date().toISOString();
    const token = await appToken(sandbox, 'user/*.rs');
    expect((await fhir(sandbox, token, 'GET', 'Practitioner/vnh-pr-0001')).status).toBe(200);
    const all = await fhir(sandbox, auditor, 'GET', `AuditEvent?date=ge${since}&_count=100`);
    expect(all.body.total).toBe(0);
  });
});

describe('without --auth required', () => {
  it('records nothing (no token, no access control: a development server)', async () => {
    const open = await startSandbox({ port: 0, seed: 42, patients: 0, quiet: true });
    try {
      expect((await fetch(`${open.baseUrl}/Patient/${A}`)).status).toBe(200);
      const audit = await (await fetch(`${open.baseUrl}/AuditEvent?_summary=count`)).json();
      expect(audit.total).toBe(0);
    } finally {
      await open.close();
    }
  });
});

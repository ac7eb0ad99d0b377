/**
 * Issue 13, "Sandbox scopes and patient context are never enforced": a `patient/Observation.rs`
 * token for one patient read another's record, searched all Patients and deleted a third. Under
 * `--auth required` every route, batch and transaction entry, `$graphql` query, include and
 * conditional write is held to the token's SMART scopes and the launch patient's compartment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@vnhealth/sandbox';
import { TEST_CLIENTS, appToken, fhir, systemToken, type Json } from './sandbox-tokens.ts';

const A = 'vnh-pt-001';
const B = 'vnh-pt-002';
const C = 'vnh-pt-003';
let sandbox: Sandbox;
let admin: string; // system/*.cruds: sets up and checks what others could not do
let ofC: string; // one of patient C's Observations

const ids = (bundle: Json): string[] =>
  (bundle.entry ?? [])
    .filter((e: Json) => e.search?.mode !== 'outcome')
    .map((e: Json) => `${e.resource.resourceType}/${e.resource.id}`);
const subjects = (bundle: Json): string[] => [
  ...new Set<string>(
    (bundle.entry ?? [])
      .filter((e: Json) => e.search?.mode === 'match')
      .map((e: Json) => e.resource.subject?.reference ?? e.resource.patient?.reference),
  ),
];
/** How many Observations of `patient` the sandbox holds (read with the admin token). */
const observationsOf = (patient: string) =>
  fhir(sandbox, admin, 'GET', `Observation?subject=Patient/${patient}&_summary=count`);
const observation = (patient: string, text = 'Nhịp tim') => ({
  resourceType: 'Observation',
  status: 'final',
  code: { text },
  subject: { reference: `Patient/${patient}` },
  valueQuantity: { value: 72, unit: '/min' },
});

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    seed: 42,
    patients: 20,
    auth: 'required',
    quiet: true,
    clients: TEST_CLIENTS,
  });
  admin = await systemToken(sandbox, 'system/*.cruds');
  const created = await fhir(sandbox, admin, 'POST', 'Observation', observation(C));
  ofC = `Observation/${created.body.id}`;
});
afterAll(() => sandbox?.close());

describe('the red-team repro: a patient/Observation.rs token for patient A', () => {
  let token: string;
  beforeAll(async () => {
    token = await appToken(sandbox, 'patient/Observation.rs', A);
  });

  it("reads A's Observation, not B's (403)", async () => {
    expect((await fhir(sandbox, token, 'GET', `Observation/${A}-obs-1-bp`)).status).toBe(200);
    const other = await fhir(sandbox, token, 'GET', `Observation/${B}-obs-1-bp`);
    expect(other.status).toBe(403);
    expect(other.body.issue[0].details.text).toMatch(/outside the compartment/);
  });

  it("searches only A's Observations, whatever the query asks", async () => {
    const all = await fhir(sandbox, token, 'GET', 'Observation?_count=100');
    expect(all.status).toBe(200);
    expect(subjects(all.body)).toEqual([`Patient/${A}`]);
    const asOpen = await observationsOf(A);
    expect(all.body.total).toBe(asOpen.body.total);
    const forB = await fhir(sandbox, token, 'GET', `Observation?subject=Patient/${B}`);
    expect(forB.status).toBe(200);
    expect(forB.body.total).toBe(0);
  });

  it('cannot search Patients, read a Patient or delete anything (no scope grants it)', async () => {
    expect((await fhir(sandbox, token, 'GET', 'Patient')).status).toBe(403);
    expect((await fhir(sandbox, token, 'GET', `Patient/${A}`)).status).toBe(403);
    expect((await fhir(sandbox, token, 'DELETE', ofC)).status).toBe(403);
    expect((await fhir(sandbox, token, 'DELETE', `Observation/${A}-obs-1-bp`)).status).toBe(403);
    expect((await fhir(sandbox, admin, 'GET', ofC)).status).toBe(200);
  });

  it('cannot write at all (rs has no c, u or d)', async () => {
    expect((await fhir(sandbox, token, 'POST', 'Observation', observation(A))).status).toBe(403);
  });
});

describe('patient/*.cruds for patient A', () => {
  let token: string;
  beforeAll(async () => {
    token = await appToken(sandbox, 'patient/*.cruds', A);
  });

  it("reads and searches A's Patient only", async () => {
    expect((await fhir(sandbox, token, 'GET', `Patient/${A}`)).status).toBe(200);
    expect((await fhir(sandbox, token, 'GET', `Patient/${B}`)).status).toBe(403);
    const search = await fhir(sandbox, token, 'GET', 'Patient?_count=100');
    expect(ids(search.body)).toEqual([`Patient/${A}`]);
    expect(search.body.total).toBe(1);
  });

  it("creates, updates and deletes A's Observations", async () => {
    const created = await fhir(sandbox, token, 'POST', 'Observation', observation(A));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const updated = await fhir(sandbox, token, 'PUT', `Observation/${id}`, {
      ...created.body,
      valueQuantity: { value: 80, unit: '/min' },
    });
    expect(updated.status).toBe(200);
    expect((await fhir(sandbox, token, 'DELETE', `Observation/${id}`)).status).toBe(204);
  });

  it("refuses to create B's Observation, or a new Patient", async () => {
    expect((await fhir(sandbox, token, 'POST', 'Observation', observation(B))).status).toBe(403);
    const patient = { resourceType: 'Patient', name: [{ text: 'Trần Thị Bình' }] };
    expect((await fhir(sandbox, token, 'POST', 'Patient', patient)).status).toBe(403);
  });

  it("refuses to move A's Observation to B by update or by patch, and leaves it as it was", async () => {
    const created = await fhir(sandbox, token, 'POST', 'Observation', observation(A));
    const id = created.body.id as string;
    const moved = await fhir(sandbox, token, 'PUT', `Observation/${id}`, {
      ...created.body,
      subject: { reference: `Patient/${B}` },
    });
    expect(moved.status).toBe(403);
    const patched = await fhir(
      sandbox,
      token,
      'PATCH',
      `Observation/${id}`,
      [{ op: 'replace', path: '/subject/reference', value: `Patient/${B}` }],
      { 'content-type': 'application/json-patch+json' },
    );
    expect(patched.status).toBe(403);
    const now = await fhir(sandbox, admin, 'GET', `Observation/${id}`);
    expect(now.body.subject.reference).toBe(`Patient/${A}`);
    expect(now.body.meta.versionId).toBe('1');
  });

  it("refuses B's records through update, delete, history, vread and conditional writes", async () => {
    const other = `Observation/${B}-obs-1-bp`;
    const original = (await fhir(sandbox, admin, 'GET', other)).body;
    expect((await fhir(sandbox, token, 'PUT', other, original)).status).toBe(403);
    expect((await fhir(sandbox, token, 'DELETE', other)).status).toBe(403);
    expect((await fhir(sandbox, token, 'GET', `${other}/_history`)).status).toBe(403);
    expect((await fhir(sandbox, token, 'GET', `${other}/_history/1`)).status).toBe(403);
    const conditional = await fhir(sandbox, token, 'DELETE', `Observation?subject=Patient/${B}`);
    expect(conditional.status).toBeLessThan(500);
    expect((await fhir(sandbox, admin, 'GET', other)).status).toBe(200);
    const stale = { ...original, meta: { versionId: '0' } };
    // The version check does not tell an outsider which version B's record is at.
    const probe = await fhir(sandbox, token, 'PUT', other, stale);
    expect(probe.status).toBe(403);
  });

  it("reads shared data (a Practitioner, Slots, a doctor's Schedule) but cannot write it with a wildcard", async () => {
    expect((await fhir(sandbox, token, 'GET', 'Practitioner/vnh-pr-0001')).status).toBe(200);
    expect((await fhir(sandbox, token, 'GET', 'Schedule/vnh-sch-0001')).status).toBe(200);
    const slots = await fhir(sandbox, token, 'GET', 'Slot?_count=5');
    expect(ids(slots.body)).toHaveLength(5);
    expect((await fhir(sandbox, token, 'DELETE', 'Practitioner/vnh-pr-0001')).status).toBe(403);
    const slot = slots.body.entry[0].resource;
    expect((await fhir(sandbox, token, 'PUT', `Slot/${slot.id}`, slot)).status).toBe(403);
  });

  it("an include cannot bring in another patient's record; the searchset says what it left out", async () => {
    const search = await fhir(
      sandbox,
      token,
      'GET',
      'Practitioner?_id=vnh-pr-0001&_revinclude=Appointment:practitioner',
    );
    expect(search.status).toBe(200);
    const included = (search.body.entry as Json[]).filter((e) => e.search?.mode === 'include');
    for (const entry of included) {
      const actors = entry.resource.participant.map((p: Json) => p.actor?.reference);
      expect(actors).toContain(`Patient/${A}`);
    }
    const asAdmin = await fhir(
      sandbox,
      admin,
      'GET',
      'Practitioner?_id=vnh-pr-0001&_revinclude=Appointment:practitioner',
    );
    const all = (asAdmin.body.entry as Json[]).filter((e) => e.search?.mode === 'include');
    expect(all.length).toBeGreaterThan(included.length);
    const outcome = (search.body.entry as Json[]).find((e) => e.search?.mode === 'outcome');
    expect(outcome?.resource.issue[0].details.text).toMatch(
      new RegExp(`^${all.length - included.length} included resource`),
    );
  });
});

describe('named-type scopes and permission letters', () => {
  it('patient/Slot.u (named) may update a Slot; patient/Appointment.c books for A only', async () => {
    const token = await appToken(sandbox, 'patient/Slot.rus patient/Appointment.c', A);
    const slot = (await fhir(sandbox, token, 'GET', 'Slot?status=free&_count=1')).body.entry[0]
      .resource;
    const busy = await fhir(sandbox, token, 'PUT', `Slot/${slot.id}`, { ...slot, status: 'busy' });
    expect(busy.status).toBe(200);
    const appointment = (patient: string) => ({
      resourceType: 'Appointment',
      status: 'booked',
      start: slot.start,
      end: slot.end,
      slot: [{ reference: `Slot/${slot.id}` }],
      participant: [{ actor: { reference: `Patient/${patient}` }, status: 'accepted' }],
    });
    expect((await fhir(sandbox, token, 'POST', 'Appointment', appointment(A))).status).toBe(201);
    expect((await fhir(sandbox, token, 'POST', 'Appointment', appointment(B))).status).toBe(403);
  });

  it('r without s cannot search; s without r cannot read', async () => {
    const readOnly = await appToken(sandbox, 'patient/Observation.r', A);
    expect((await fhir(sandbox, readOnly, 'GET', `Observation/${A}-obs-1-bp`)).status).toBe(200);
    expect((await fhir(sandbox, readOnly, 'GET', 'Observation')).status).toBe(403);
    const searchOnly = await appToken(sandbox, 'patient/Observation.s', A);
    expect((await fhir(sandbox, searchOnly, 'GET', 'Observation')).status).toBe(200);
    expect((await fhir(sandbox, searchOnly, 'GET', `Observation/${A}-obs-1-bp`)).status).toBe(403);
  });

  it('a v2 scope narrowed by ?category= grants only what matches it', async () => {
    const token = await appToken(
      sandbox,
      'user/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs',
    );
    const search = await fhir(sandbox, token, 'GET', 'Observation?_count=200');
    const categories = new Set(
      (search.body.entry as Json[]).map((e) => e.resource.category?.[0]?.coding?.[0]?.code),
    );
    expect([...categories]).toEqual(['vital-signs']);
    const open = await fhir(sandbox, admin, 'GET', 'Observation?_count=200');
    const other = (open.body.entry as Json[]).find(
      (e) => e.resource.category?.[0]?.coding?.[0]?.code !== 'vital-signs',
    );
    expect(other).toBeDefined();
    expect((await fhir(sandbox, token, 'GET', `Observation/${other!.resource.id}`)).status).toBe(
      403,
    );
  });

  it('the v1 forms still work: patient/*.read reads A, not B, and cannot write', async () => {
    const token = await appToken(sandbox, 'patient/*.read', A);
    expect((await fhir(sandbox, token, 'GET', `Patient/${A}`)).status).toBe(200);
    expect((await fhir(sandbox, token, 'GET', `Patient/${B}`)).status).toBe(403);
    expect((await fhir(sandbox, token, 'POST', 'Observation', observation(A))).status).toBe(403);
  });

  it('patient/ scopes without a launch patient reach no patient record', async () => {
    const token = await appToken(sandbox, 'patient/*.rs');
    expect((await fhir(sandbox, token, 'GET', `Patient/${A}`)).status).toBe(403);
    const search = await fhir(sandbox, token, 'GET', 'Observation');
    expect(search.body.total).toBe(0);
  });

  it('system/*.rs reads everyone and writes nothing; no scope writes an AuditEvent', async () => {
    const token = await systemToken(sandbox, 'system/*.rs');
    expect((await fhir(sandbox, token, 'GET', `Patient/${B}`)).status).toBe(200);
    expect((await fhir(sandbox, token, 'POST', 'Observation', observation(B))).status).toBe(403);
    const audit = {
      resourceType: 'AuditEvent',
      type: { code: 'rest' },
      recorded: '2026-12-01T00:00:00Z',
      agent: [{ requestor: true }],
      source: { observer: { display: 'forged' } },
    };
    expect((await fhir(sandbox, admin, 'POST', 'AuditEvent', audit)).status).toBe(403);
  });
});

describe('batch, transaction and $graphql under the same rules', () => {
  let token: string;
  beforeAll(async () => {
    token = await appToken(sandbox, 'patient/*.cruds', A);
  });

  it('a batch answers each entry by its own rights', async () => {
    const batch = await fhir(sandbox, token, 'POST', '', {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'GET', url: `Patient/${A}` } },
        { request: { method: 'GET', url: `Patient/${B}` } },
        { request: { method: 'GET', url: 'Patient?_count=50' } },
        { request: { method: 'DELETE', url: ofC } },
        { request: { method: 'POST', url: 'Observation' }, resource: observation(B) },
      ],
    });
    expect(batch.status).toBe(200);
    const statuses = (batch.body.entry as Json[]).map((e) => e.response.status.slice(0, 3));
    expect(statuses).toEqual(['200', '403', '200', '403', '403']);
    expect(ids(batch.body.entry[2].resource)).toEqual([`Patient/${A}`]);
    expect((await fhir(sandbox, admin, 'GET', ofC)).status).toBe(200);
  });

  it('a transaction with one entry outside the compartment is refused whole; nothing is written', async () => {
    const before = await observationsOf(A);
    const transaction = await fhir(sandbox, token, 'POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { request: { method: 'POST', url: 'Observation' }, resource: observation(A) },
        { request: { method: 'POST', url: 'Observation' }, resource: observation(B) },
      ],
    });
    expect(transaction.status).toBe(403);
    const after = await observationsOf(A);
    expect(after.body.total).toBe(before.body.total);
  });

  it('$graphql lists and reads only what the token may', async () => {
    const query = (q: string) => fhir(sandbox, token, 'POST', '$graphql', { query: q });
    const list = await query('{ PatientList(_count: 50) { id } }');
    expect(list.status).toBe(200);
    expect(list.body.data.PatientList.map((p: Json) => p.id)).toEqual([A]);
    const other = await query(`{ Patient(id: "${B}") { id name { text } } }`);
    expect(JSON.stringify(other.body)).not.toContain('name');
    expect(other.body.data?.Patient ?? null).toBeNull();
    const observations = await query('{ ObservationList(_count: 100) { subject { reference } } }');
    const refs = new Set(
      observations.body.data.ObservationList.map((o: Json) => o.subject.reference),
    );
    expect([...refs]).toEqual([`Patient/${A}`]);
  });
});

describe('what the sandbox advertises', () => {
  it('the CapabilityStatement names SMART-on-FHIR and its OAuth endpoints under --auth required', async () => {
    const statement = (await (await fetch(`${sandbox.baseUrl}/metadata`)).json()) as Json;
    const security = statement.rest[0].security;
    expect(security.service[0].coding[0].code).toBe('SMART-on-FHIR');
    const uris = Object.fromEntries(
      security.extension[0].extension.map((e: Json) => [e.url, e.valueUri]),
    );
    expect(uris).toEqual({
      authorize: `${sandbox.origin}/auth/authorize`,
      token: `${sandbox.origin}/auth/token`,
      register: `${sandbox.origin}/auth/register`,
    });
    const smart = (await (
      await fetch(`${sandbox.baseUrl}/.well-known/smart-configuration`)
    ).json()) as Json;
    expect(smart.capabilities).toContain('permission-v2');
    expect(smart.scopes_supported).toContain('patient/*.cruds');
  });
});

/**
 * `health.vaccination` against the sandbox (a real FHIR engine over HTTP).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@vnhealth/sandbox';
import {
  createHealthClient,
  isValidationError,
  type HealthClient,
  type Immunization,
} from '@vnhealth/core';

const CVX = 'http://hl7.org/fhir/sid/cvx';
let sandbox: Sandbox;
let health: HealthClient;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 42, quiet: true });
  health = createHealthClient({ baseUrl: sandbox.baseUrl });
});
afterAll(async () => {
  await sandbox?.close();
});

async function countByIdentifier(identifier: string): Promise<number> {
  const res = await fetch(
    `${sandbox.baseUrl}/Immunization?identifier=${encodeURIComponent(identifier)}`,
  );
  const bundle = (await res.json()) as { entry?: unknown[] };
  return bundle.entry?.length ?? 0;
}

const newDose = (patient: string, day: string, extra: Partial<Immunization> = {}) => ({
  patient: { reference: `Patient/${patient}` },
  vaccineCode: { coding: [{ system: CVX, code: '19', display: 'BCG' }] },
  occurrenceDateTime: `${day}T09:00:00+07:00`,
  lotNumber: 'BCG-2611',
  expirationDate: '2027-12-31',
  route: {
    coding: [
      { system: 'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration', code: 'IDINJ' },
    ],
  },
  site: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActSite', code: 'LA' }] },
  ...extra,
});

describe('getHistory', () => {
  it('returns a sorted history without entered-in-error, grouped by disease', async () => {
    const history = await health.vaccination.getHistory('vnh-pt-003', {
      signal: AbortSignal.timeout(20_000),
    });
    expect(history.entries.length).toBeGreaterThan(0);
    expect(history.entries.every((e) => e.immunization.status !== 'entered-in-error')).toBe(true);
    const dates = history.entries.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
    expect(history.groups.length).toBeGreaterThan(0);
    expect(history.groups.flatMap((g) => g.entries).length).toBeGreaterThanOrEqual(
      history.entries.length,
    );
  });

  it('keeps not-done records and flags them, across the seeded children', async () => {
    const res = await fetch(`${sandbox.baseUrl}/Immunization?status=not-done&_count=1`);
    const bundle = (await res.json()) as { entry?: { resource: Immunization }[] };
    const notDone = bundle.entry?.[0]?.resource;
    expect(notDone, 'the seed should hold at least one not-done Immunization').toBeDefined();
    const patientId = notDone!.patient.reference!.split('/')[1]!;
    const history = await health.vaccination.getHistory(patientId);
    const entry = history.entries.find((e) => e.immunization.id === notDone!.id);
    expect(entry?.status).toBe('not-done');
  });

  it('never shows the seeded entered-in-error records', async () => {
    const res = await fetch(`${sandbox.baseUrl}/Immunization?status=entered-in-error&_count=5`);
    const bundle = (await res.json()) as { entry?: { resource: Immunization }[] };
    const wrong = bundle.entry?.map((e) => e.resource) ?? [];
    expect(wrong.length, 'the seed should hold entered-in-error Immunizations').toBeGreaterThan(0);
    for (const imm of wrong) {
      const history = await health.vaccination.getHistory(imm.patient.reference!.split('/')[1]!);
      expect(history.immunizations.map((i) => i.id)).not.toContain(imm.id);
    }
  });

  it('merges the same dose reported by two facilities (same vaccine, ± 1 day)', async () => {
    await health.vaccination.record(
      newDose('vnh-pt-005', '2026-11-20', { location: { display: 'Trạm Y tế A' } }),
    );
    await health.vaccination.record(
      newDose('vnh-pt-005', '2026-11-21', {
        lotNumber: undefined,
        primarySource: false,
        location: { display: 'Bệnh viện B' },
      }),
    );
    const history = await health.vaccination.getHistory('vnh-pt-005');
    const bcg = history.entries.filter((e) => e.diseases.includes('tuberculosis'));
    expect(bcg).toHaveLength(1);
    expect(bcg[0]!.duplicates).toHaveLength(1);
    expect(bcg[0]!.immunization.lotNumber).toBe('BCG-2611');
  });
});

describe('record', () => {
  it('stores a dose with VN Core fields and a generated identifier', async () => {
    const saved = await health.vaccination.record(newDose('vnh-pt-005', '2026-11-25'));
    expect(saved.id).toBeTruthy();
    expect(saved.status).toBe('completed');
    expect(saved.meta?.profile).toContain(
      'http://fhir.ehealth.gov.vn/core/StructureDefinition/vn-core-immunization',
    );
    expect(saved.identifier?.[0]?.value).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
  });

  it('sending the same record twice stores it once', async () => {
    const input = newDose('vnh-pt-005', '2026-11-26', { lotNumber: 'TWICE-1' });
    const a = await health.vaccination.record(input);
    const b = await health.vaccination.record(input);
    expect(b.id).toBe(a.id);
    const id = a.identifier![0]!;
    expect(await countByIdentifier(`${id.system}|${id.value}`)).toBe(1);
  });

  it('a proxy that drops the first response: the retried record is stored once', async () => {
    let posts = 0;
    const dropping: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await fetch(request.clone());
      if (request.method === 'POST' && posts++ === 0) {
        throw new TypeError('fetch failed: connection reset by proxy');
      }
      return response;
    };
    const flaky = createHealthClient({ baseUrl: sandbox.baseUrl, fetch: dropping });
    const input = newDose('vnh-pt-005', '2026-11-27', { lotNumber: 'DROP-1' });
    // A conditional create is safe to send twice: the transport retries it, and only it.
    const saved = await flaky.vaccination.record(input);
    expect(posts).toBe(2);
    const id = saved.identifier![0]!;
    expect(await countByIdentifier(`${id.system}|${id.value}`)).toBe(1);
  });

  it('refuses a record without patient, vaccine or date, naming the FHIR paths', async () => {
    const error = await health.vaccination
      .record({ patient: { reference: '' } } as never)
      .catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    expect((error as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual([
      'Immunization.patient',
      'Immunization.vaccineCode',
      'Immunization.occurrence[x]',
    ]);
  });
});

describe('markEnteredInError', () => {
  it('the record disappears from the history', async () => {
    const saved = await health.vaccination.record(
      newDose('vnh-pt-005', '2026-11-10', {
        vaccineCode: { coding: [{ system: CVX, code: '08', display: 'Hep B' }] },
        lotNumber: 'EIE-1',
      }),
    );
    const before = await health.vaccination.getHistory('vnh-pt-005');
    expect(before.immunizations.map((i) => i.id)).toContain(saved.id);
    const at = new Date('2026-11-28T02:30:00Z');
    const clocked = createHealthClient({ baseUrl: sandbox.baseUrl, now: () => at });
    const marked = await clocked.vaccination.markEnteredInError(saved.id!, 'Nhập nhầm bệnh nhân');
    expect(marked.status).toBe('entered-in-error');
    expect(marked.note?.at(-1)).toEqual({ text: 'Nhập nhầm bệnh nhân', time: at.toISOString() });
    const after = await health.vaccination.getHistory('vnh-pt-005', { cache: 'reload' });
    expect(after.immunizations.map((i) => i.id)).not.toContain(saved.id);
  });
  it('someone else changed the record meanwhile: read again, re-applied once, their change kept', async () => {
    const saved = await health.vaccination.record(
      newDose('vnh-pt-005', '2026-11-11', {
        vaccineCode: { coding: [{ system: CVX, code: '08', display: 'Hep B' }] },
        lotNumber: 'EIE-RACE',
      }),
    );
    let armed = true;
    const puts: number[] = [];
    const racing: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const path = new URL(request.url).pathname;
      if (request.method === 'PUT') puts.push(Date.now());
      const response = await fetch(request);
      if (armed && request.method === 'GET' && path.endsWith(`/Immunization/${saved.id}`)) {
        armed = false; // between our read and our write, another client edits the record
        const current = await health.fhir.read('Immunization', saved.id!, { cache: 'reload' });
        await health.fhir.update({ ...current, lotNumber: 'EIE-RACE-FIXED' }, { ifMatch: true });
      }
      return response;
    };
    const client = createHealthClient({ baseUrl: sandbox.baseUrl, fetch: racing });
    const marked = await client.vaccination.markEnteredInError(saved.id!, 'Nhập trùng');
    expect(puts).toHaveLength(2); // the first If-Match lost, the second won
    expect(marked.status).toBe('entered-in-error');
    expect(marked.lotNumber).toBe('EIE-RACE-FIXED');
  });
});

describe('getRecommendations', () => {
  it('returns the server recommendations of a patient, newest first', async () => {
    const res = await fetch(`${sandbox.baseUrl}/ImmunizationRecommendation?_count=1`);
    const bundle = (await res.json()) as {
      entry?: { resource: { patient: { reference: string } } }[];
    };
    const ref = bundle.entry?.[0]?.resource.patient.reference;
    expect(ref, 'the seed should hold an ImmunizationRecommendation').toBeDefined();
    const list = await health.vaccination.getRecommendations(ref!.split('/')[1]!);
    expect(list.length).toBeGreaterThan(0);
    for (const r of list) expect(r.patient.reference).toBe(ref);
    const dates = list.map((r) => r.date);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('returns an empty list when the server keeps none', async () => {
    expect(await health.vaccination.getRecommendations('vnh-pt-does-not-exist')).toEqual([]);
  });
});

// @vnhealth/core against the sandbox over real HTTP: the demo patients read the way the SDK
// reads them, and a booking race through the SDK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHealthClient } from '@vnhealth/core';
import { demoPatients, startSandbox } from '@vnhealth/sandbox';
import type { Sandbox } from '@vnhealth/sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 42, patients: 20, quiet: true });
});

afterAll(async () => {
  await sandbox?.close();
});

describe('core against the sandbox', () => {
  it('reads and finds the demo patients in both VN Core flavours', async () => {
    const health = createHealthClient({ baseUrl: sandbox.baseUrl });
    const an = await health.records.getPatient(demoPatients.an.id);
    expect(an.name?.[0]?.text).toBe(demoPatients.an.name);
    const byCccd = await health.records.findPatient({ cccd: demoPatients.an.cccd });
    expect(byCccd?.id).toBe(demoPatients.an.id);
    const community = createHealthClient({
      baseUrl: sandbox.baseUrl,
      profile: 'vn-core-community',
    });
    const byBhyt = await community.records.findPatient({ bhyt: demoPatients.binh.bhyt });
    expect(byBhyt?.id).toBe(demoPatients.binh.id);
  });

  it('builds the record summary of Nguyễn Văn An', async () => {
    const health = createHealthClient({ baseUrl: sandbox.baseUrl });
    const summary = await health.records.getSummary(demoPatients.an.id);
    expect(JSON.stringify(summary)).toContain('I10');
    expect(JSON.stringify(summary)).toContain('high');
  });

  it('reads the vaccination history of Lê Minh Khoa', async () => {
    const health = createHealthClient({ baseUrl: sandbox.baseUrl });
    const history = await health.vaccination.getHistory(demoPatients.khoa.id);
    expect(JSON.stringify(history)).toContain('198');
  });

  it('20 concurrent SDK bookings of one slot: one Appointment', async () => {
    const health = createHealthClient({ baseUrl: sandbox.baseUrl });
    const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 15 * 86_400_000).toISOString().slice(0, 10);
    const found = await health.telemedicine.findSlots({
      practitionerRole: 'vnh-prr-0004',
      from,
      to,
    });
    const slot = found.slots[0];
    expect(slot).toBeDefined();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        createHealthClient({ baseUrl: sandbox.baseUrl }).telemedicine.book({
          slot: slot?.id as string,
          patient: demoPatients.an.id,
          reason: `Khám da ${i}`,
          mode: 'video',
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect((r.reason as Error).name).toBe('SlotUnavailableError');
    }
    const res = await fetch(`${sandbox.baseUrl}/Appointment?slot=Slot/${slot?.id}`);
    expect(((await res.json()) as { total: number }).total).toBe(1);
  });
});

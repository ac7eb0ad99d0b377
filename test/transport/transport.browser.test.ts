/**
 * The transport in Chromium against the sandbox: CORS preflights for writes with If-Match and
 * Prefer, de-duplication and auto-batching as seen by the hooks.
 */
import { describe, expect, inject, it } from 'vitest';
import { ConflictError, createHealthClient, type Patient, type RequestEvent } from '@vnhealth/core';

const baseUrl = inject('sandboxUrl');

describe('transport in the browser', () => {
  it('writes with If-Match across origins and maps a stale version to ConflictError', async () => {
    const { fhir } = createHealthClient({ baseUrl, validation: 'off' });
    const created = await fhir.create<Patient>({
      resourceType: 'Patient',
      name: [{ text: 'Lê Thị Hoa', family: 'Lê' }],
    });
    const updated = await fhir.update({ ...created, gender: 'female' }, { ifMatch: true });
    expect(updated.gender).toBe('female');
    await expect(
      fhir.update({ ...created, gender: 'male' }, { ifMatch: true }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('five identical reads → one request; five different reads → one batch', async () => {
    const events: RequestEvent[] = [];
    const { fhir } = createHealthClient({
      baseUrl,
      validation: 'off',
      onRequest: (e) => events.push(e),
    });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (
          await fhir.create<Patient>({
            resourceType: 'Patient',
            name: [{ text: `Bệnh nhân ${i}` }],
          })
        ).id!,
      );
    }
    await fhir.capabilities();
    events.length = 0;
    await Promise.all(ids.map(() => fhir.read('Patient', ids[0]!, { cache: 'reload' })));
    expect(events.map((e) => `${e.method} ${e.path}`)).toEqual(['GET Patient/{id}']);
    events.length = 0;
    const reads = await Promise.all(ids.map((id) => fhir.read('Patient', id)));
    expect(reads.map((r) => r.id)).toEqual(ids);
    expect(events.map((e) => `${e.method} ${e.path}`)).toEqual(['POST ']);
  });
});

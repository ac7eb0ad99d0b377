import { beforeAll, describe, expect, it } from 'vitest';
import {
  OperationOutcomeError,
  getStatus,
  normalizeOperationOutcome,
  parseSearchRequest,
  preconditionFailed,
} from '@medplum/core';
import type { Patient } from '@medplum/fhirtypes';
import { indexFhirDefinitions } from './definitions.ts';
import { SandboxRepository } from './repository.ts';

beforeAll(() => indexFhirDefinitions());

const patient = (value: string): Patient => ({
  resourceType: 'Patient',
  identifier: [{ system: 'https://example.org/sid', value }],
  name: [{ text: 'Nguyễn Văn Thử', family: 'Nguyễn', given: ['Văn', 'Thử'] }],
});

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (err) {
    return getStatus(normalizeOperationOutcome(err));
  }
}

const count = async (repo: SandboxRepository, query: string): Promise<number> =>
  (await repo.search(parseSearchRequest(query))).total ?? -1;

describe('SandboxRepository', () => {
  it('numbers versions 1, 2, 3 and rejects a stale If-Match with 412', async () => {
    const repo = new SandboxRepository();
    const created = await repo.createResource(patient('v-1'));
    expect(created.meta?.versionId).toBe('1');
    const v2 = await repo.updateResource({ ...created, gender: 'male' }, { ifMatch: '1' });
    expect(v2.meta?.versionId).toBe('2');
    expect(
      await statusOf(repo.updateResource({ ...created, gender: 'female' }, { ifMatch: '1' })),
    ).toBe(412);
    const v3 = await repo.updateResource({ ...v2, gender: 'female' }, { ifMatch: '2' });
    expect(v3.meta?.versionId).toBe('3');
  });

  it('keeps the search index in step with updates and deletes, and answers 410 after delete', async () => {
    const repo = new SandboxRepository();
    const created = await repo.createResource(patient('idx-a'));
    expect(await count(repo, 'Patient?identifier=https://example.org/sid|idx-a')).toBe(1);
    await repo.updateResource({
      ...created,
      identifier: [{ system: 'https://example.org/sid', value: 'idx-b' }],
    });
    expect(await count(repo, 'Patient?identifier=idx-a')).toBe(0);
    expect(await count(repo, 'Patient?identifier=idx-b')).toBe(1);
    await repo.deleteResource('Patient', created.id);
    expect(await count(repo, 'Patient?identifier=idx-b')).toBe(0);
    expect(await statusOf(repo.readResource('Patient', created.id))).toBe(410);
    expect(await statusOf(repo.readResource('Patient', 'never'))).toBe(404);
  });

  it('rolls back every write of a failed transaction, index and history included', async () => {
    const repo = new SandboxRepository();
    const kept = await repo.createResource(patient('tx-kept'));
    let createdId = '';
    const failed = repo.withTransaction(async (tx) => {
      createdId = (await tx.createResource(patient('tx-new'))).id;
      await tx.updateResource({ ...kept, gender: 'other' });
      await tx.deleteResource('Patient', kept.id);
      throw new OperationOutcomeError(preconditionFailed);
    });
    expect(await statusOf(failed)).toBe(412);
    expect(await statusOf(repo.readResource('Patient', createdId))).toBe(404);
    expect(await count(repo, 'Patient?identifier=tx-new')).toBe(0);
    const after = await repo.readResource<Patient>('Patient', kept.id);
    expect(after.meta?.versionId).toBe('1');
    expect(after.gender).toBeUndefined();
    expect(await count(repo, 'Patient?identifier=tx-kept')).toBe(1);
    const history = await repo.readHistory('Patient', kept.id);
    expect(history.entry).toHaveLength(1);
  });

  it('commits a successful transaction', async () => {
    const repo = new SandboxRepository();
    await repo.withTransaction(async (tx) => {
      await tx.createResource(patient('tx-ok-1'));
      await tx.createResource(patient('tx-ok-2'));
    });
    expect(await count(repo, 'Patient?identifier=tx-ok-1,tx-ok-2')).toBe(2);
  });

  it('conditional create returns the existing match', async () => {
    const repo = new SandboxRepository();
    const first = await repo.conditionalCreate(
      patient('cc-1'),
      parseSearchRequest<Patient>('Patient?identifier=cc-1'),
    );
    const second = await repo.conditionalCreate(
      patient('cc-1'),
      parseSearchRequest<Patient>('Patient?identifier=cc-1'),
    );
    expect(second.resource.id).toBe(first.resource.id);
    expect(getStatus(first.outcome)).toBe(201);
    expect(getStatus(second.outcome)).toBe(200);
  });

  it('rejects structurally invalid resources', async () => {
    const repo = new SandboxRepository();
    expect(
      await statusOf(
        repo.createResource({ resourceType: 'Patient', birthDate: 'not a date' } as Patient),
      ),
    ).toBe(400);
  });
});

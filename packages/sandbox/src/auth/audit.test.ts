/**
 * The AuditEvents the sandbox writes (`--auth required`) are FHIR R4 as the SDK's validator reads
 * them (AuditEvent is a supported type since issue 15): strict structure mode, no issue.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { validateResource } from '@vnhealth/core/validation';
import type { Resource } from '@medplum/fhirtypes';
import { indexFhirDefinitions } from '../server/definitions.ts';
import { AuditTrail, type AuditedInteraction } from './audit.ts';

const RECORDED = new Date('2026-11-28T03:00:00Z');
const patient: Resource = { resourceType: 'Patient', id: 'vnh-pt-000001' };
const immunization: Resource = {
  resourceType: 'Immunization',
  id: 'imm-1',
  meta: { versionId: '3' },
  status: 'completed',
  vaccineCode: { text: 'BCG' },
  patient: { reference: 'Patient/vnh-pt-000001' },
  occurrenceDateTime: '2026-11-01',
};

// The patient compartment (which resources are a patient's record) comes from the definitions.
beforeAll(() => indexFhirDefinitions());

describe('sandbox AuditEvents', () => {
  it.each([
    ['read', [patient], {}, false],
    ['search-type', [patient, immunization], { query: 'patient=vnh-pt-000001' }, false],
    ['create', [immunization], {}, true],
    ['update', [immunization], { refused: 'no scope to write Immunization' }, false],
    ['delete', [immunization], {}, false],
  ] as const)('%s: validates with no issue', (interaction, resources, extra, failed) => {
    const trail = new AuditTrail({
      access: { clientId: 'app-1', patient: 'vnh-pt-000001', scope: 'patient/*.rs' },
      address: '127.0.0.1',
      origin: 'http://127.0.0.1:8080',
    });
    trail.record(interaction as AuditedInteraction, resources, extra);
    const events = trail.events(RECORDED, failed);
    expect(events).toHaveLength(1);
    for (const event of events) {
      expect(event.resourceType).toBe('AuditEvent');
      expect(validateResource(event, { mode: 'strict' }).issues).toEqual([]);
    }
  });

  it('an AuditEvent without its agent is refused (the type is really checked)', () => {
    const trail = new AuditTrail({
      access: { clientId: 'app-1', scope: 'system/*.rs' },
      address: undefined,
      origin: 'http://127.0.0.1:8080',
    });
    trail.record('read', [patient]);
    const { agent: _agent, ...event } = trail.events(RECORDED, false)[0]!;
    const result = validateResource(event, { mode: 'strict' });
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => `${i.code} ${i.path}`)).toEqual(['required AuditEvent.agent']);
  });
});

/**
 * The invariants of the resource types modelled last (AppointmentResponse, AuditEvent,
 * Provenance), each instance first through the structure check; and more instances of the
 * single-rule groups prr-1 and ppc-1.
 */
import { describe, expect, it } from 'vitest';
import { invariantIssues } from './invariants-helpers.ts';

const text = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' };

/** The invariant issues of a resource (with a narrative) that passes the structure check. */
const direct = (resource: Record<string, unknown>): string[] =>
  invariantIssues({ text, ...resource }, true);

describe('AppointmentResponse: apr-1', () => {
  const apr = (fields: Record<string, unknown>) => ({
    resourceType: 'AppointmentResponse',
    appointment: { reference: 'Appointment/1' },
    participantStatus: 'accepted',
    ...fields,
  });
  it('reports a response with neither participant type nor actor', () => {
    expect(direct(apr({}))).toEqual(['error apr-1 AppointmentResponse']);
    expect(direct(apr({ comment: 'Tôi sẽ đến' }))).toEqual(['error apr-1 AppointmentResponse']);
    expect(direct(apr({ start: '2024-05-01T08:00:00Z', end: '2024-05-01T07:00:00Z' }))).toEqual([
      'error apr-1 AppointmentResponse',
    ]);
  });
  it('accepts either', () => {
    expect(direct(apr({ actor: { reference: 'Patient/1' } }))).toEqual([]);
    expect(direct(apr({ participantType: [{ text: 'bệnh nhân' }] }))).toEqual([]);
  });
});

describe('AuditEvent: sev-1', () => {
  const audit = (entity: Record<string, unknown>[]) => ({
    resourceType: 'AuditEvent',
    type: { code: 'rest' },
    recorded: '2024-05-01T08:00:00Z',
    agent: [{ requestor: true }],
    source: { observer: { display: 'máy chủ' } },
    entity,
  });
  it('reports an entity with both a name and a query', () => {
    expect(direct(audit([{ name: 'hồ sơ', query: 'cXVlcnk=' }]))).toEqual([
      'error sev-1 AuditEvent.entity[0]',
    ]);
    expect(direct(audit([{ name: 'a' }, { name: 'b', query: 'cQ==' }]))).toEqual([
      'error sev-1 AuditEvent.entity[1]',
    ]);
    expect(direct(audit([{ what: { reference: 'Patient/1' }, name: 'x', query: 'eA==' }]))).toEqual(
      ['error sev-1 AuditEvent.entity[0]'],
    );
  });
  it('accepts one or the other', () => {
    expect(direct(audit([{ name: 'hồ sơ' }, { query: 'cXVlcnk=' }]))).toEqual([]);
  });
});

describe('Provenance: the DomainResource rules apply', () => {
  it('reports an unreferenced contained resource', () => {
    expect(
      direct({
        resourceType: 'Provenance',
        target: [{ reference: 'Patient/1' }],
        recorded: '2024-05-01T08:00:00Z',
        agent: [{ who: { reference: 'Practitioner/1' } }],
        contained: [{ resourceType: 'Organization', id: 'o', name: 'x' }],
      }),
    ).toEqual([
      'error dom-3 Provenance',
      // dom-6 applies to every DomainResource, a contained one too (as the expression reads).
      'warning dom-6 Provenance.contained[0]',
    ]);
  });
});

describe('prr-1 and ppc-1, more instances', () => {
  const sr = {
    resourceType: 'ServiceRequest',
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/1' },
  };
  it('prr-1: orderDetail without code', () => {
    expect(invariantIssues({ ...sr, orderDetail: [{ text: 'a' }, { text: 'b' }] })).toEqual([
      'error prr-1 ServiceRequest',
    ]);
    expect(
      invariantIssues({ ...sr, category: [{ text: 'xét nghiệm' }], orderDetail: [{ text: 'a' }] }),
    ).toEqual(['error prr-1 ServiceRequest']);
  });
  it('ppc-1: neither policy nor policyRule', () => {
    const consent = {
      resourceType: 'Consent',
      status: 'active',
      scope: { text: 'treatment' },
      category: [{ text: 'x' }],
    };
    expect(invariantIssues({ ...consent, patient: { reference: 'Patient/1' } })).toEqual([
      'error ppc-1 Consent',
    ]);
    expect(invariantIssues({ ...consent, provision: { type: 'permit' } })).toEqual([
      'error ppc-1 Consent',
    ]);
  });
});

/**
 * The resource invariants of Condition, AllergyIntolerance, Task, ServiceRequest, Consent and
 * CapabilityStatement (con-*, ait-*, inv-1, prr-1, ppc-1, cpb-*), from each rule's text: the
 * exact issues expected, and near-misses that must stay quiet.
 */
import { describe, expect, it } from 'vitest';
import { invariantIssues as check } from './invariants-helpers.ts';

describe('Condition and AllergyIntolerance: con-1 … con-5, ait-1, ait-2', () => {
  const VER = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
  const CLIN = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
  const cond = (fields: Record<string, unknown>) => ({
    resourceType: 'Condition',
    subject: { reference: 'Patient/1' },
    ...fields,
  });
  const clinical = (code: string) => ({ clinicalStatus: { coding: [{ system: CLIN, code }] } });
  const error = { verificationStatus: { coding: [{ system: VER, code: 'entered-in-error' }] } };
  it('reports each', () => {
    expect(check(cond({ ...clinical('active'), stage: [{ type: { text: 'x' } }] }))).toEqual([
      'error con-1 Condition.stage[0]',
    ]);
    expect(
      check(
        cond({
          ...clinical('active'),
          evidence: [
            { detail: [{ display: 'x' }] },
            { extension: [{ url: 'http://example.org/note', valueString: 'y' }] },
          ],
        }),
      ),
    ).toEqual(['error con-2 Condition.evidence[1]']);
    expect(check(cond({ ...clinical('active'), abatementDateTime: '2024-01-01' }))).toEqual([
      'error con-4 Condition',
    ]);
    expect(check(cond({ ...clinical('active'), ...error }))).toEqual(['error con-5 Condition']);
    // con-3 as published compares a CodeableConcept with a string; it warns whenever a
    // category is there without a clinical status.
    expect(check(cond({ category: [{ text: 'problem-list-item' }] }))).toEqual([
      'warning con-3 Condition',
    ]);
  });
  it('accepts the neighbours', () => {
    expect(check(cond({ ...clinical('resolved'), abatementDateTime: '2024-01-01' }))).toEqual([]);
    expect(check(cond({ ...error }))).toEqual([]);
    expect(check(cond({ ...clinical('active'), stage: [{ summary: { text: 'II' } }] }))).toEqual(
      [],
    );
  });
  const allergy = (fields: Record<string, unknown>) => ({
    resourceType: 'AllergyIntolerance',
    patient: { reference: 'Patient/1' },
    ...fields,
  });
  const AVER = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';
  const ACLIN = {
    clinicalStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
          code: 'active',
        },
      ],
    },
  };
  it('ait-1 and ait-2', () => {
    expect(check(allergy({}))).toEqual(['error ait-1 AllergyIntolerance']);
    expect(
      check(allergy({ verificationStatus: { coding: [{ system: AVER, code: 'confirmed' }] } })),
    ).toEqual(['error ait-1 AllergyIntolerance']);
    expect(
      check(
        allergy({
          ...ACLIN,
          verificationStatus: { coding: [{ system: AVER, code: 'entered-in-error' }] },
        }),
      ),
    ).toEqual(['error ait-2 AllergyIntolerance']);
    expect(check(allergy(ACLIN))).toEqual([]);
    expect(
      check(
        allergy({ verificationStatus: { coding: [{ system: AVER, code: 'entered-in-error' }] } }),
      ),
    ).toEqual([]);
  });
});

describe('Task, ServiceRequest, Consent, CapabilityStatement', () => {
  const task = (fields: Record<string, unknown>) => ({
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    ...fields,
  });
  it('inv-1: lastModified is not before authoredOn', () => {
    expect(
      check(task({ authoredOn: '2024-05-02T00:00:00Z', lastModified: '2024-05-01T00:00:00Z' })),
    ).toEqual(['error inv-1 Task']);
    expect(
      check(
        task({ authoredOn: '2024-05-01T10:00:00Z', lastModified: '2024-05-01T16:00:00+07:00' }),
      ),
    ).toEqual(['error inv-1 Task']);
    expect(
      check(task({ authoredOn: '2025-01-01T00:00:00Z', lastModified: '2024-12-31T23:59:59Z' })),
    ).toEqual(['error inv-1 Task']);
    expect(
      check(task({ authoredOn: '2024-05-01T10:00:00Z', lastModified: '2024-05-01T10:00:00Z' })),
    ).toEqual([]);
    expect(check(task({ lastModified: '2024-05-01T10:00:00Z' }))).toEqual([]);
  });
  it('prr-1: orderDetail only with a code', () => {
    const sr = {
      resourceType: 'ServiceRequest',
      status: 'active',
      intent: 'order',
      subject: { reference: 'Patient/1' },
    };
    expect(check({ ...sr, orderDetail: [{ text: 'nhịn ăn' }] })).toEqual([
      'error prr-1 ServiceRequest',
    ]);
    expect(
      check({ ...sr, code: { text: 'xét nghiệm máu' }, orderDetail: [{ text: 'nhịn ăn' }] }),
    ).toEqual([]);
  });
  it('ppc-1: a policy or a policy rule', () => {
    const consent = {
      resourceType: 'Consent',
      status: 'active',
      scope: { text: 'treatment' },
      category: [{ text: 'x' }],
    };
    expect(check(consent)).toEqual(['error ppc-1 Consent']);
    expect(check({ ...consent, policy: [{ authority: 'http://example.org' }] })).toEqual([]);
    expect(check({ ...consent, policyRule: { text: 'r' } })).toEqual([]);
  });
  it('cpb-*: kinds, software and implementation, unique search parameters', () => {
    const cs = (fields: Record<string, unknown>) => ({
      resourceType: 'CapabilityStatement',
      status: 'active',
      date: '2024-01-01',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['json'],
      implementation: { description: 'máy chủ' },
      rest: [{ mode: 'server' }],
      ...fields,
    });
    expect(check(cs({ implementation: undefined }))).toEqual([
      'error cpb-2 CapabilityStatement',
      'error cpb-14 CapabilityStatement',
    ]);
    expect(check(cs({ kind: 'capability' }))).toEqual(['error cpb-15 CapabilityStatement']);
    expect(check(cs({ rest: undefined }))).toEqual(['error cpb-1 CapabilityStatement']);
    expect(
      check(
        cs({
          rest: [
            {
              mode: 'server',
              resource: [
                {
                  type: 'Patient',
                  searchParam: [
                    { name: 'name', type: 'string' },
                    { name: 'name', type: 'string' },
                  ],
                },
              ],
            },
          ],
        }),
      ),
    ).toEqual(['error cpb-12 CapabilityStatement.rest[0].resource[0]']);
    expect(
      check(
        cs({ rest: [{ mode: 'server', resource: [{ type: 'Patient' }, { type: 'Patient' }] }] }),
      ),
    ).toEqual(['error cpb-9 CapabilityStatement.rest[0]']);
    expect(check(cs({ name: 'VnHealth' }))).toEqual([]);
    expect(check(cs({ name: 'vn health' }))).toEqual(['warning cpb-0 CapabilityStatement']);
    const software = { name: 'vnhealth' };
    expect(check(cs({ kind: 'requirements', implementation: undefined, software }))).toEqual([
      'error cpb-16 CapabilityStatement',
    ]);
    expect(
      check(
        cs({
          kind: 'capability',
          implementation: undefined,
          software,
          rest: undefined,
          messaging: [
            { endpoint: [{ protocol: { code: 'http' }, address: 'http://example.org' }] },
          ],
        }),
      ),
    ).toEqual(['error cpb-3 CapabilityStatement']);
    const doc = { mode: 'producer', profile: 'http://example.org/doc' };
    expect(check(cs({ document: [doc, { ...doc }] }))).toEqual(['error cpb-7 CapabilityStatement']);
    expect(check(cs({ document: [doc, { ...doc, mode: 'consumer' }] }))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { expectationOf, shapeIssues } from './validate.ts';

describe('validate stage: shapes', () => {
  it('names the path of a wrong type', () => {
    const patient = { kind: 'resource', type: 'Patient' } as const;
    expect(shapeIssues({ resourceType: 'Patient' }, patient)).toEqual([]);
    expect(shapeIssues({ resourceType: 'Practitioner' }, patient)[0]!.path).toBe(
      'Patient.resourceType',
    );
    expect(shapeIssues(null, patient)[0]!.path).toBe('Patient');
    expect(shapeIssues([], patient)[0]!.path).toBe('Patient');
    expect(shapeIssues('x', { kind: 'any' })[0]!.path).toBe('Resource');
  });

  it('searches: matches of the type, includes of any, outcomes as outcomes', () => {
    const bundle = {
      resourceType: 'Bundle',
      entry: [
        { resource: { resourceType: 'Encounter' }, search: { mode: 'match' } },
        { resource: { resourceType: 'Patient' }, search: { mode: 'include' } },
        { resource: { resourceType: 'OperationOutcome' }, search: { mode: 'outcome' } },
        { resource: { resourceType: 'Patient' } },
      ],
    };
    const issues = shapeIssues(bundle, { kind: 'search', type: 'Encounter' });
    expect(issues.map((i) => i.path)).toEqual(['Bundle.entry[3].resource.resourceType']);
    expect(shapeIssues(bundle, { kind: 'search', type: 'Encounter', includes: true })).toEqual([]);
  });

  it('batch responses: each 2xx entry against its request', () => {
    const entries = [
      { request: { method: 'GET' as const, url: 'Patient/1' } },
      { request: { method: 'GET' as const, url: 'Condition?patient=1' } },
      { request: { method: 'GET' as const, url: 'metadata' } },
    ];
    const expected = { kind: 'response', entries: entries.map(expectationOf) } as const;
    const ok = {
      resourceType: 'Bundle',
      entry: [
        { response: { status: '200' }, resource: { resourceType: 'Patient' } },
        {
          response: { status: '200' },
          resource: {
            resourceType: 'Bundle',
            entry: [{ resource: { resourceType: 'Condition' } }],
          },
        },
        { response: { status: '404' }, resource: { resourceType: 'OperationOutcome' } },
      ],
    };
    expect(shapeIssues(ok, expected)).toEqual([]);
    ok.entry[0]!.resource = { resourceType: 'Practitioner' };
    expect(shapeIssues(ok, expected).map((i) => i.path)).toEqual([
      'Bundle.entry[0].resource.resourceType',
    ]);
  });
});

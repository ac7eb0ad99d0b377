/**
 * The full level's one walk (`full-walk.ts`) runs the invariants and the rules together: what it
 * finds is exactly what each finds alone, invariants first, on every official example of a
 * supported type and on instances that break both kinds of rule at several depths.
 */
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../packages/core/src/errors.ts';
import { checkFull } from '../../packages/core/src/fhir/full.ts';
import { RESOURCE_TYPES } from '../../packages/core/src/fhir/generated/model.ts';
import { checkInvariants } from '../../packages/core/src/fhir/invariants/index.ts';
import { checkRules } from '../../packages/core/src/fhir/rules/index.ts';
import { validateResource } from '../../packages/core/src/fhir/validate.ts';
import { officialExamples } from '../conformance/examples.ts';

type Json = Record<string, unknown>;

const run = (check: (r: Json, issues: ValidationIssue[]) => void, r: Json) => {
  const issues: ValidationIssue[] = [];
  check(r, issues);
  return issues;
};
const apart = (r: Json) => [...run(checkInvariants, r), ...run(checkRules, r)];

/** Each breaks invariants and rules, in the resource, its elements, extensions and contained. */
const BROKEN: Json[] = [
  {
    resourceType: 'Patient',
    text: {
      status: 'generated',
      div: '<div xmlns="http://www.w3.org/1999/xhtml"><script>x</script></div>',
    },
    contact: [{ period: { start: '2026-02-01', end: '2026-01-01' } }],
    _birthDate: { id: 'b' },
    extension: [{ url: 'relative', valueString: 'x' }],
    name: [
      { given: ['An'], _given: [{ extension: [{ url: 'http://example.org/x', valueCode: 'c' }] }] },
    ],
  },
  {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '8310-5' }] },
    dataAbsentReason: { text: 'absent' },
    valueQuantity: { value: 37, unit: 'C', system: 'http://unitsofmeasure.org', code: 'Cel' },
    contained: [
      {
        resourceType: 'Patient',
        id: 'p',
        meta: { versionId: '1' },
        gender: 'other',
        text: { status: 'generated', div: '<div><p>no namespace</p></div>' },
      },
    ],
    subject: { reference: '#p' },
    component: [{ code: { text: 'c' }, valuePeriod: { start: '2026-03-01', end: '2026-01-01' } }],
    modifierExtension: [{ url: 'http://example.org/unknown-modifier', valueBoolean: true }],
  },
  {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        fullUrl: 'urn:uuid:0d5d3ef6-8b4b-4c87-9a3f-3d2a3f3b1a01',
        resource: {
          resourceType: 'Encounter',
          status: 'finished',
          class: { code: 'AMB' },
          period: { start: '2026-02-01', end: '2026-01-01' },
        },
      },
      {
        fullUrl: 'urn:uuid:0d5d3ef6-8b4b-4c87-9a3f-3d2a3f3b1a01',
        resource: { resourceType: 'Organization' },
      },
    ],
  },
];

describe('the full level in one walk', () => {
  it('finds on every supported official example what the invariants and the rules find apart', () => {
    const supported = new Set<string>(RESOURCE_TYPES);
    let checked = 0;
    for (const example of officialExamples()) {
      const r = JSON.parse(example.text) as Json;
      if (!supported.has(r.resourceType as string) || !validateResource(r).ok) continue;
      expect(run(checkFull, r), example.name).toEqual(apart(r));
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('finds both kinds in broken instances, in the same order as apart', () => {
    const found: string[] = [];
    for (const r of BROKEN) {
      expect(validateResource(r).issues.filter((i) => i.severity === 'error')).toEqual([]);
      const full = run(checkFull, r);
      const invariants = run(checkInvariants, r);
      const rules = run(checkRules, r);
      expect(invariants.length, r.resourceType as string).toBeGreaterThan(0);
      expect(rules.length, r.resourceType as string).toBeGreaterThan(0);
      expect(full).toEqual([...invariants, ...rules]);
      found.push(...full.map((i) => `${i.path} ${i.key ?? i.code}`));
    }
    expect(found).toEqual([
      'Patient.contact[0] pat-1',
      'Patient.contact[0].period per-1',
      'Patient.birthDate ele-1',
      'Patient.text.div txt-1',
      'Patient.extension[0].url extension',
      'Observation dom-4',
      'Observation dom-6',
      'Observation obs-6',
      'Observation.component[0].valuePeriod per-1',
      'Observation.contained[0].text.div txt-1',
      'Observation.modifierExtension[0] extension',
      'Bundle.entry[0].resource dom-6',
      'Bundle.entry[0].resource.period per-1',
      'Bundle.entry[1].resource dom-6',
      'Bundle.entry[1].resource org-1',
      'Bundle.entry[1].fullUrl bdl-7',
    ]);
  });

  it('walks keys no model has without mistaking them for its own bookkeeping', () => {
    // In the warn mode, unknown properties are warnings, so the full level runs on them.
    const odd = JSON.parse(
      '{"resourceType":"Patient","__proto__":{"a":1}," type":{"b":2},"constructor":{"c":3},"name":[{"family":"Lê","hasOwnProperty":{"d":4}}]}',
    ) as Json;
    expect(validateResource(odd).issues.every((i) => i.severity === 'warning')).toBe(true);
    expect(() => run(checkFull, odd)).not.toThrow();
    expect(run(checkFull, odd)).toEqual(apart(odd));
  });
});

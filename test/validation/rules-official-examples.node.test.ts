/**
 * The full level (`validateResource(json, { level: 'full' })`: structure, invariants and rules)
 * on every official R4 example of the supported types: no error, except
 * where the example itself breaks a rule of the spec (named below, with the rule and the issues
 * it gives, so that any other issue still fails).
 */
import { describe, expect, it } from 'vitest';
import { validateResource } from '../../packages/core/src/validation-full.ts';
import { officialExamples } from '../conformance/examples.ts';

const examples = officialExamples();

/** Examples that break a rule, with the `[key or code, path]` of every error they give. */
const WRONG: Record<string, { reason: string; errors: [string, string][] }> = {
  'Bundle-lri-example.json': {
    reason:
      'fullUrl http://test.fhir.org/r4/Observation/lri-gramstain1 (and 15 more) holds the id "gramstain1": the fullUrl disagrees with Resource.id (bundle.html, "fullUrl SHALL NOT disagree with the id")',
    errors: Array.from({ length: 16 }, (_, i) => ['bundle', `Bundle.entry[${i + 1}].fullUrl`]),
  },
  'Bundle-10bb101f-a121-4264-a920-67be9cb82c74.json': {
    reason: 'fullUrl http://acme.com/ehr/fhir/Patient/pat12 holds the Patient with id "pat2"',
    errors: [['bundle', 'Bundle.entry[2].fullUrl']],
  },
  'Bundle-3a0707d3-549e-4467-b8b8-5a2ab3800efe.json': {
    reason: 'fullUrl http://acme.com/ehr/fhir/Patient/pat12 holds the Patient with id "pat2"',
    errors: [['bundle', 'Bundle.entry[3].fullUrl']],
  },
  'Bundle-dataelements.json': {
    reason:
      'a collection that lists the StructureDefinitions de-Quantity.* twice, with the same fullUrl and no versionId (bdl-7, and the same resource twice)',
    errors: [6769, 6770, 6771, 6772, 6773, 6774, 6775, 6776, 6777, 6778, 6779, 6780].flatMap(
      (i): [string, string][] => [
        ['bdl-7', `Bundle.entry[${i}].fullUrl`],
        ['duplicate', `Bundle.entry[${i}].resource.id`],
      ],
    ),
  },
};

describe('the full level on the official FHIR R4 examples', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(500);
  });

  it.each(examples.map((e) => [e.name, e] as const))(
    '%s has no error',
    (name, example) => {
      const json = JSON.parse(example.text) as Record<string, unknown>;
      expect(validateResource(json, { mode: 'strict' }).ok).toBe(true);
      const { issues } = validateResource(json, { mode: 'strict', level: 'full' });
      const found = issues
        .filter((i) => i.severity === 'error')
        .map((i) => [i.key ?? i.code, i.path]);
      expect(found).toEqual(Object.hasOwn(WRONG, name) ? WRONG[name]!.errors : []);
      // The full level reads, never writes.
      expect(JSON.stringify(json)).toBe(JSON.stringify(JSON.parse(example.text)));
    },
    180_000,
  );
});

import { describe, expect, it } from 'vitest';
import { RESOURCE_TYPES, validateResource } from '../../packages/core/src/validation.ts';
import { officialExamples } from './examples.ts';

const examples = officialExamples();

describe('official FHIR R4 examples (hl7.fhir.r4.examples@4.0.1)', () => {
  it('finds the supported types, including entries of example Bundles', () => {
    expect(examples.length).toBeGreaterThan(500);
    expect(examples.filter((e) => e.name.includes('#entry')).length).toBeGreaterThan(100);
    // Every supported type has official examples, AppointmentResponse, AuditEvent and Provenance included.
    expect(new Set(examples.map((e) => e.resourceType)).size).toBe(RESOURCE_TYPES.length);
    expect(RESOURCE_TYPES).toHaveLength(28);
  });

  it.each(examples.map((e) => [e.name, e] as const))(
    '%s validates and round-trips unchanged',
    (_name, example) => {
      const input: unknown = JSON.parse(example.text);
      const pristine = JSON.stringify(input);
      const result = validateResource(input, { mode: 'strict' });
      expect(result.issues).toEqual([]);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      // Lossless: the very object comes back, unmodified, and serialises as the input did.
      expect(result.resource).toBe(input);
      expect(JSON.stringify(result.resource)).toBe(pristine);
      if (example.text.length < 1_000_000) {
        expect(JSON.stringify(JSON.parse(example.text), null, 2)).toBe(
          JSON.stringify(result.resource, null, 2),
        );
      }
    },
    // The definitional Bundles (Bundle-resources.json is 35 MB) take a while on a shared machine.
    180_000,
  );
});

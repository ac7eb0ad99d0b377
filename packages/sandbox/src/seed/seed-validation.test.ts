/**
 * The sandbox's seed as a large real-world set for the SDK's own validator: every resource of a
 * 2,000-patient seed (fixed seed, fixed clock) passes `validateResource` in structure mode, strict,
 * with no issue at all — no error, no warning, no resource type that would pass unchecked.
 */
import { describe, expect, it } from 'vitest';
import { RESOURCE_TYPES, validateResource } from '@vnhealth/core/validation';
import type { Resource } from '@medplum/fhirtypes';
import { generateSeed } from './index.ts';

const NOW = new Date('2026-11-28T03:00:00Z'); // 10:00 in Hà Nội

describe('seed: the SDK validator', () => {
  it('accepts every resource of a 2,000-patient seed with no issue', async ({ annotate }) => {
    const resources: Resource[] = [];
    for (const chunk of generateSeed({ seed: 42, patients: 2000, now: NOW }))
      resources.push(...chunk);
    const supported = new Set<string>(RESOURCE_TYPES);
    const types = new Set(resources.map((r) => r.resourceType));
    expect([...types].filter((t) => !supported.has(t))).toEqual([]);
    // Patients, immunizations, appointments, slots, observations … of every kind the seed makes.
    expect(types.size).toBeGreaterThanOrEqual(15);
    expect(resources.length).toBeGreaterThan(30_000);

    const start = performance.now();
    const found: string[] = [];
    for (const r of resources) {
      for (const issue of validateResource(r, { mode: 'strict' }).issues) {
        found.push(`${r.resourceType}/${r.id} ${issue.severity} ${issue.code} ${issue.path}`);
      }
    }
    const ms = performance.now() - start;
    await annotate(
      `${resources.length} resources of ${types.size} types validated in ${ms.toFixed(0)} ms`,
    );
    expect(found.slice(0, 20)).toEqual([]);
    expect(found).toHaveLength(0);
  }, 120_000);
});

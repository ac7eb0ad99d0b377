/**
 * The full level (structure, invariants, rules) on the sandbox's seed (realistic Vietnamese data,
 * every type the domain clients use, its telemedicine rooms' location-physical-type `vi` of
 * HL7 Terminology's later editions included): no issue but dom-6, as the seed writes no narrative.
 */
import { describe, expect, it } from 'vitest';
import { validateResource } from '../../packages/core/src/validation-full.ts';
import { generateSeed } from '../../packages/sandbox/src/seed/index.ts';

describe('the full level on the sandbox seed', () => {
  it('finds no issue in 40 patients and their facilities but dom-6 (no narrative)', () => {
    let resources = 0;
    const unexpected: string[] = [];
    for (const chunk of generateSeed({ patients: 40, now: new Date('2026-11-15T03:00:00Z') })) {
      for (const resource of chunk) {
        resources++;
        const json = resource as unknown as Record<string, unknown>;
        expect(validateResource(json, { mode: 'strict' }).ok).toBe(true);
        const { issues } = validateResource(json, { mode: 'strict', level: 'full' });
        for (const i of issues) {
          const line = `${i.path} ${i.message}`;
          // dom-6 (a warning: "should have narrative"): the seed writes no narrative.
          if (i.key !== 'dom-6') unexpected.push(`${i.severity} ${line}`);
        }
      }
    }
    expect(resources).toBeGreaterThan(1000);
    expect(unexpected).toEqual([]);
  });
});

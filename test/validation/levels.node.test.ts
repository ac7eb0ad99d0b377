/**
 * The two validation entries: `@vnhealth/core/validation` validates at the structure level and
 * refuses `level: 'full'` with an error that says where the full level is, so its users never
 * load the full level's checks; `@vnhealth/core/validation/full` validates at both levels.
 */
import { describe, expect, it } from 'vitest';
import * as structureEntry from '@vnhealth/core/validation';
import * as fullEntry from '@vnhealth/core/validation/full';

/** Structurally valid; per-1: the period ends before it starts. */
const backwards = {
  resourceType: 'Encounter',
  status: 'finished',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
  period: { start: '2026-11-30T10:00:00+07:00', end: '2026-11-30T09:00:00+07:00' },
};

describe('validation levels', () => {
  it('both entries accept the Encounter at the structure level', () => {
    expect(structureEntry.validateResource(backwards, { mode: 'strict' }).ok).toBe(true);
    expect(fullEntry.validateResource(backwards, { mode: 'strict' }).ok).toBe(true);
  });

  it('the full entry rejects it at the full level, naming per-1 at Encounter.period', () => {
    const result = fullEntry.validateResource(backwards, { mode: 'strict', level: 'full' });
    expect(result.ok).toBe(false);
    // And dom-6's warning: a resource should have a narrative.
    expect(result.issues.map((i) => [i.path, i.key, i.severity])).toEqual([
      ['Encounter', 'dom-6', 'warning'],
      ['Encounter.period', 'per-1', 'error'],
    ]);
    expect(result.issues.every((i) => i.messageVi)).toBe(true);
  });

  it('the structure entry refuses the full level, naming the entry that has it', () => {
    expect(() => structureEntry.validateResource(backwards, { level: 'full' })).toThrow(
      "import validateResource from '@vnhealth/core/validation/full'",
    );
  });

  it('the full level runs only on what passes the structure check', () => {
    const broken = { ...backwards, status: 'over' };
    const result = fullEntry.validateResource(broken, { mode: 'strict', level: 'full' });
    expect(result.issues.map((i) => i.path)).toEqual(['Encounter.status']);
  });

  it('the entries share everything else', () => {
    expect(fullEntry.RESOURCE_TYPES).toBe(structureEntry.RESOURCE_TYPES);
    expect(fullEntry.checkProfile).toBe(structureEntry.checkProfile);
  });
});

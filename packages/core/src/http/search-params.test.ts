import { describe, expect, it } from 'vitest';
import { toSearchParams } from './fhir-client.ts';

describe('toSearchParams', () => {
  it('joins an array with commas (OR)', () => {
    expect(toSearchParams({ status: ['booked', 'arrived'] }).toString()).toBe(
      'status=booked%2Carrived',
    );
  });

  it('repeats the key for an array of arrays (AND)', () => {
    const query = toSearchParams({
      date: [['ge2026-01-01'], ['lt2026-02-01']],
      _include: [['Patient:organization'], ['Patient:general-practitioner']],
    });
    expect(query.getAll('date')).toEqual(['ge2026-01-01', 'lt2026-02-01']);
    expect(query.getAll('_include')).toEqual([
      'Patient:organization',
      'Patient:general-practitioner',
    ]);
  });

  it('leaves out undefined values and stringifies numbers and booleans', () => {
    expect(toSearchParams({ _count: 10, active: true, name: undefined }).toString()).toBe(
      '_count=10&active=true',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { checkEntries, relative, resourcePath, target } from './urls.ts';

describe('urls stage', () => {
  it('builds Type/id only from valid parts', () => {
    expect(resourcePath('Patient', 'vnh-pt-001', 'read')).toBe('Patient/vnh-pt-001');
    expect(resourcePath('Patient', 'a.b', 'read', '2')).toBe('Patient/a.b/_history/2');
    for (const id of ['.', '..', '', 'a/b', 'a b', 'x'.repeat(65), undefined]) {
      expect(() => resourcePath('Basic', id, 'delete')).toThrow(ValidationError);
    }
    expect(() => resourcePath('patient', '1', 'read')).toThrow(ValidationError);
  });

  it('refuses entries that would write a whole type', () => {
    expect(() =>
      checkEntries([{ request: { method: 'DELETE', url: 'Basic?code=x' } }], 'batch'),
    ).not.toThrow();
    for (const url of ['Basic', 'Basic?', 'Basic/.', 'Basic//1', 'Basic/1/x']) {
      expect(() => checkEntries([{ request: { method: 'DELETE', url } }], 'batch')).toThrow(
        ValidationError,
      );
    }
  });

  it('targets and links', () => {
    expect(target('Patient/1/_history/2')).toEqual(['Patient', '1']);
    expect(target('Patient?name=x')).toEqual(['Patient', undefined]);
    expect(target('Patient/$match')).toEqual(['Patient', undefined]);
    expect(
      relative('http://internal:8080/fhir/R4/Patient?_offset=20', 'https://api.example/fhir/R4'),
    ).toBe('Patient?_offset=20');
  });
});

/**
 * The Bundle invariants bdl-1 … bdl-5 and bdl-7 … bdl-12 (compiled like the others; the entry
 * rules beyond them are the Bundle check's), from each rule's text.
 */
import { describe, expect, it } from 'vitest';
import { invariantIssues as check, patient } from './invariants-helpers.ts';

const bundle = (type: string, fields: Record<string, unknown> = {}) => ({
  resourceType: 'Bundle',
  type,
  ...fields,
});
const text = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' };
const p = (id: string) => patient({ id, text });

describe('Bundle: bdl-*', () => {
  it('bdl-1, bdl-2: total and entry.search only in a search set (or history)', () => {
    expect(check(bundle('collection', { total: 1 }))).toEqual(['error bdl-1 Bundle']);
    expect(
      check(bundle('collection', { entry: [{ resource: p('1'), search: { mode: 'match' } }] })),
    ).toEqual(['error bdl-2 Bundle']);
    expect(
      check(
        bundle('searchset', { total: 1, entry: [{ resource: p('1'), search: { mode: 'match' } }] }),
      ),
    ).toEqual([]);
    expect(check(bundle('history', { total: 0 }))).toEqual([]);
  });
  it('bdl-3, bdl-4: request in batch/transaction/history, response in their responses', () => {
    expect(check(bundle('transaction', { entry: [{ resource: p('1') }] }))).toEqual([
      'error bdl-3 Bundle',
    ]);
    expect(
      check(
        bundle('collection', {
          entry: [{ resource: p('1'), request: { method: 'POST', url: 'Patient' } }],
        }),
      ),
    ).toEqual(['error bdl-3 Bundle']);
    expect(check(bundle('transaction-response', { entry: [{ resource: p('1') }] }))).toEqual([
      'error bdl-4 Bundle',
    ]);
    expect(
      check(
        bundle('batch', {
          entry: [{ resource: p('1'), request: { method: 'PUT', url: 'Patient/1' } }],
        }),
      ),
    ).toEqual([]);
    expect(check(bundle('batch-response', { entry: [{ response: { status: '201' } }] }))).toEqual(
      [],
    );
  });
  it('bdl-5, bdl-8: an entry has content; fullUrl is not version specific', () => {
    expect(
      check(
        bundle('collection', {
          entry: [{ fullUrl: 'urn:uuid:6f1c7c5e-1111-4c1e-9a43-1e7b6d1f0a01' }],
        }),
      ),
    ).toEqual(['error bdl-5 Bundle.entry[0]']);
    expect(
      check(
        bundle('collection', {
          entry: [{ resource: p('1'), fullUrl: 'http://example.org/fhir/Patient/1/_history/2' }],
        }),
      ),
    ).toEqual(['error bdl-8 Bundle.entry[0]']);
    expect(
      check(
        bundle('collection', {
          entry: [{ resource: p('1'), fullUrl: 'http://example.org/fhir/Patient/1' }],
        }),
      ),
    ).toEqual([]);
  });
  it('bdl-7: fullUrl unique unless versions differ (history excepted)', () => {
    const url = 'http://example.org/fhir/Patient/1';
    expect(
      check(
        bundle('collection', {
          entry: [
            { fullUrl: url, resource: p('1') },
            { fullUrl: url, resource: p('1') },
          ],
        }),
      ),
    ).toEqual(['error bdl-7 Bundle']);
    const v = (n: string) => ({ ...p('1'), meta: { versionId: n } });
    expect(
      check(
        bundle('collection', {
          entry: [
            { fullUrl: url, resource: v('1') },
            { fullUrl: url, resource: v('1') },
          ],
        }),
      ),
    ).toEqual(['error bdl-7 Bundle']);
    expect(
      check(
        bundle('collection', {
          entry: [
            { fullUrl: url, resource: v('1') },
            { fullUrl: url, resource: v('2') },
          ],
        }),
      ),
    ).toEqual([]);
    expect(
      check(
        bundle('history', {
          entry: [
            {
              fullUrl: url,
              resource: p('1'),
              request: { method: 'PUT', url: 'Patient/1' },
              response: { status: '200' },
            },
            {
              fullUrl: url,
              resource: p('1'),
              request: { method: 'PUT', url: 'Patient/1' },
              response: { status: '200' },
            },
          ],
        }),
      ),
    ).toEqual([]);
  });
  it('bdl-9, bdl-10, bdl-11, bdl-12: documents and messages', () => {
    expect(
      check(
        bundle('document', { timestamp: '2024-01-01T00:00:00Z', entry: [{ resource: p('1') }] }),
      ),
    ).toEqual(['error bdl-9 Bundle', 'error bdl-11 Bundle']);
    expect(
      check(
        bundle('document', { identifier: { system: 'urn:ietf:rfc:3986', value: 'urn:uuid:1' } }),
      ),
    ).toEqual(['error bdl-10 Bundle']);
    expect(check(bundle('message', { entry: [{ resource: p('1') }] }))).toEqual([
      'error bdl-12 Bundle',
    ]);
    expect(
      check(
        bundle('message', {
          entry: [
            {
              resource: {
                resourceType: 'MessageHeader',
                text,
                eventUri: 'x',
                source: { endpoint: 'x' },
              },
            },
          ],
        }),
      ),
    ).toEqual([]);
  });
  it('checks the entries against their own types, each its own %resource', () => {
    expect(
      check(
        bundle('collection', {
          entry: [
            { resource: patient({ text, telecom: [{ value: '1' }] }) },
            {
              resource: patient({
                text,
                contained: [{ resourceType: 'Organization', id: 'o', name: 'x' }],
                managingOrganization: { reference: '#o' },
              }),
            },
            { resource: patient({ text, managingOrganization: { reference: '#o' } }) },
          ],
        }),
      ),
    ).toEqual([
      'error cpt-2 Bundle.entry[0].resource.telecom[0]',
      'error ref-1 Bundle.entry[2].resource.managingOrganization',
    ]);
  });
});

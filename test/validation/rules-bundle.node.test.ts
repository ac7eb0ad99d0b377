import { describe, expect, it } from 'vitest';
import { errors, rules } from './rules-helpers.ts';

const U1 = 'urn:uuid:3f2a6c1e-6a3b-4d8e-9c1a-0b2c3d4e5f60';
const U2 = 'urn:uuid:3f2a6c1e-6a3b-4d8e-9c1a-0b2c3d4e5f61';
const patient = (id?: string, versionId?: string) => ({
  resourceType: 'Patient',
  ...(id ? { id } : {}),
  ...(versionId ? { meta: { versionId } } : {}),
});
const bundle = (type: string, entry: unknown[], extra: Record<string, unknown> = {}) => ({
  resourceType: 'Bundle',
  type,
  ...extra,
  entry,
});
/** A document Bundle that meets bdl-9 to bdl-11, its Composition first; `change` breaks one. */
const U3 = 'urn:uuid:3f2a6c1e-6a3b-4d8e-9c1a-0b2c3d4e5f62';
const composition = { fullUrl: U3, resource: { resourceType: 'Composition', status: 'final' } };
const documentBundle = (entry: unknown[], change: Record<string, unknown> = {}) =>
  bundle('document', [composition, ...entry], {
    identifier: { system: 'urn:ietf:rfc:3986', value: U2 },
    timestamp: '2024-05-01T08:00:00+07:00',
    ...change,
  });
const keys = (b: Record<string, unknown>) => errors(b).map((i) => [i.key ?? i.code, i.path]);

describe('Bundle rules', () => {
  it('bdl-1: total only in a searchset or history', () => {
    expect(
      keys(bundle('collection', [{ fullUrl: U1, resource: patient() }], { total: 1 })),
    ).toEqual([['bdl-1', 'Bundle.total']]);
    expect(
      keys(bundle('transaction', [{ request: { method: 'GET', url: 'Patient' } }], { total: 0 })),
    ).toEqual([['bdl-1', 'Bundle.total']]);
    expect(
      keys(
        bundle(
          'searchset',
          [
            {
              fullUrl: 'http://a.vn/fhir/Patient/1',
              resource: patient('1'),
              search: { mode: 'match' },
            },
          ],
          { total: 1 },
        ),
      ),
    ).toEqual([]);
  });

  it('bdl-2: entry.search only in a searchset', () => {
    const b = bundle('collection', [
      { fullUrl: U1, resource: patient(), search: { mode: 'match' } },
    ]);
    expect(keys(b)).toEqual([['bdl-2', 'Bundle.entry[0].search']]);
    expect(
      keys(documentBundle([{ fullUrl: U1, resource: patient(), search: { score: 1 } }])),
    ).toEqual([['bdl-2', 'Bundle.entry[1].search']]);
  });

  it('bdl-3: request in every entry of a batch, transaction or history, nowhere else', () => {
    expect(keys(bundle('transaction', [{ fullUrl: U1, resource: patient() }]))).toEqual([
      ['bdl-3', 'Bundle.entry[0]'],
    ]);
    expect(
      keys(
        bundle('batch', [
          { request: { method: 'GET', url: 'Patient/1' } },
          { fullUrl: U1, resource: patient() },
        ]),
      ),
    ).toEqual([['bdl-3', 'Bundle.entry[1]']]);
    expect(
      keys(
        bundle('collection', [
          { fullUrl: U1, resource: patient(), request: { method: 'POST', url: 'Patient' } },
        ]),
      ),
    ).toEqual([['bdl-3', 'Bundle.entry[0].request']]);
  });

  it('bdl-4: response in every entry of a *-response or history, nowhere else', () => {
    expect(keys(bundle('transaction-response', [{ fullUrl: U1, resource: patient() }]))).toEqual([
      ['bdl-4', 'Bundle.entry[0]'],
    ]);
    expect(
      keys(
        bundle('batch-response', [
          { response: { status: '200' } },
          { fullUrl: U2, resource: patient() },
        ]),
      ),
    ).toEqual([['bdl-4', 'Bundle.entry[1]']]);
    expect(
      keys(
        bundle('searchset', [{ fullUrl: U1, resource: patient(), response: { status: '200' } }]),
      ),
    ).toEqual([['bdl-4', 'Bundle.entry[0].response']]);
  });

  it('bdl-5: an entry needs a resource, a request or a response', () => {
    expect(keys(bundle('collection', [{ fullUrl: U1 }]))).toEqual([['bdl-5', 'Bundle.entry[0]']]);
    expect(
      keys(bundle('collection', [{ link: [{ relation: 'self', url: 'http://a.vn' }] }])),
    ).toEqual([['bdl-5', 'Bundle.entry[0]']]);
    expect(keys(bundle('searchset', [{ search: { mode: 'outcome' } }]))).toEqual([
      ['bdl-5', 'Bundle.entry[0]'],
    ]);
  });

  it('bdl-7: a fullUrl appears once, unless the versions differ; history bundles repeat them', () => {
    const twice = bundle('collection', [
      { fullUrl: U1, resource: patient() },
      { fullUrl: U1, resource: patient() },
    ]);
    expect(keys(twice)).toEqual([['bdl-7', 'Bundle.entry[1].fullUrl']]);
    const sameVersion = bundle('collection', [
      { fullUrl: 'http://a.vn/fhir/Patient/1', resource: patient('1', '2') },
      { fullUrl: 'http://a.vn/fhir/Patient/1', resource: patient('1', '2') },
    ]);
    expect(keys(sameVersion)).toEqual([['bdl-7', 'Bundle.entry[1].fullUrl']]);
    const oneUnversioned = bundle('collection', [
      { fullUrl: 'http://a.vn/fhir/Patient/1', resource: patient('1', '1') },
      { fullUrl: 'http://a.vn/fhir/Patient/1', resource: patient('1') },
    ]);
    expect(keys(oneUnversioned).map((k) => k[0])).toContain('bdl-7');
    const versions = bundle('collection', [
      { fullUrl: 'http://a.vn/fhir/Patient/1', resource: patient('1', '1') },
      { fullUrl: 'http://a.vn/fhir/Patient/1', resource: patient('1', '2') },
    ]);
    expect(keys(versions)).toEqual([]);
    const history = bundle('history', [
      {
        fullUrl: 'http://a.vn/fhir/Patient/1',
        resource: patient('1'),
        request: { method: 'PUT', url: 'Patient/1' },
        response: { status: '200' },
      },
      {
        fullUrl: 'http://a.vn/fhir/Patient/1',
        resource: patient('1'),
        request: { method: 'POST', url: 'Patient' },
        response: { status: '201' },
      },
    ]);
    expect(keys(history)).toEqual([]);
  });

  it('bdl-8: a fullUrl is not version-specific', () => {
    expect(
      keys(
        bundle('collection', [
          { fullUrl: 'http://a.vn/fhir/Patient/1/_history/2', resource: patient('1') },
        ]),
      ),
    ).toEqual([['bdl-8', 'Bundle.entry[0].fullUrl']]);
  });

  it('bdl-9: a document has an identifier with system and value', () => {
    const entry = [{ fullUrl: U1, resource: patient() }];
    expect(keys(documentBundle(entry))).toEqual([]);
    expect(keys(documentBundle(entry, { identifier: undefined }))).toEqual([
      ['bdl-9', 'Bundle.identifier'],
    ]);
    expect(keys(documentBundle(entry, { identifier: { value: 'x' } }))).toEqual([
      ['bdl-9', 'Bundle.identifier'],
    ]);
    expect(keys(documentBundle(entry, { identifier: { system: 'urn:ietf:rfc:3986' } }))).toEqual([
      ['bdl-9', 'Bundle.identifier'],
    ]);
  });

  it('bdl-10, bdl-11: a document has a timestamp and starts with its Composition', () => {
    const entry = [{ fullUrl: U1, resource: patient() }];
    expect(keys(documentBundle(entry, { timestamp: undefined }))).toEqual([['bdl-10', 'Bundle']]);
    const patientFirst = documentBundle([]);
    (patientFirst.entry as unknown[]).unshift(...entry);
    expect(keys(patientFirst)).toEqual([['bdl-11', 'Bundle.entry']]);
    const { entry: _none, ...noEntries } = documentBundle([]);
    expect(keys(noEntries)).toEqual([['bdl-11', 'Bundle.entry']]);
  });

  it('bdl-12: a message starts with its MessageHeader', () => {
    const header = {
      fullUrl: U3,
      resource: { resourceType: 'MessageHeader', source: { endpoint: 'http://a.vn' } },
    };
    const entry = { fullUrl: U1, resource: patient() };
    expect(keys(bundle('message', [header, entry]))).toEqual([]);
    expect(keys(bundle('message', [entry, header]))).toEqual([['bdl-12', 'Bundle.entry']]);
    expect(keys(bundle('message', [entry]))).toEqual([['bdl-12', 'Bundle.entry']]);
  });

  it('a fullUrl agrees with its resource and is a well-formed URN or absolute URL', () => {
    expect(
      keys(
        bundle('collection', [{ fullUrl: 'http://a.vn/fhir/Patient/2', resource: patient('1') }]),
      ),
    ).toEqual([['bundle', 'Bundle.entry[0].fullUrl']]);
    expect(
      keys(
        bundle('collection', [
          { fullUrl: 'http://a.vn/fhir/Organization/1', resource: patient('1') },
        ]),
      ),
    ).toEqual([['bundle', 'Bundle.entry[0].fullUrl']]);
    expect(
      keys(bundle('collection', [{ fullUrl: 'urn:uuid:not-a-uuid', resource: patient() }])),
    ).toEqual([['bundle', 'Bundle.entry[0].fullUrl']]);
    expect(keys(bundle('collection', [{ fullUrl: 'urn:oid:1.2.x', resource: patient() }]))).toEqual(
      [['bundle', 'Bundle.entry[0].fullUrl']],
    );
    expect(keys(bundle('collection', [{ fullUrl: 'Patient/1', resource: patient('1') }]))).toEqual([
      ['bundle', 'Bundle.entry[0].fullUrl'],
    ]);
  });

  it('a resource appears once (the same Type/id on two servers are two resources)', () => {
    const twice = bundle('collection', [{ resource: patient('1') }, { resource: patient('1') }]);
    expect(keys(twice)).toEqual([['duplicate', 'Bundle.entry[1].resource.id']]);
    const sameUrl = bundle('searchset', [
      { fullUrl: 'http://a.vn/fhir/Patient/1', resource: patient('1'), search: { mode: 'match' } },
      { resource: patient('1'), search: { mode: 'include' } },
    ]);
    expect(keys(sameUrl)).toEqual([['duplicate', 'Bundle.entry[1].resource.id']]);
    const servers = bundle('collection', [
      { fullUrl: 'http://a.vn/fhir/Patient/1', resource: patient('1') },
      { fullUrl: 'http://b.vn/fhir/Patient/1', resource: patient('1') },
    ]);
    expect(keys(servers)).toEqual([]);
  });

  it('accepts a transaction with urn:uuid and oid fullUrls, and a resource without an id', () => {
    const t = bundle('transaction', [
      { fullUrl: U1, resource: patient(), request: { method: 'POST', url: 'Patient' } },
      {
        fullUrl: 'urn:oid:1.2.840.10008.1',
        resource: { resourceType: 'Organization', name: 'BV' },
        request: { method: 'POST', url: 'Organization' },
      },
      {
        fullUrl: 'http://a.vn/fhir/Patient/9',
        resource: patient('9'),
        request: { method: 'PUT', url: 'Patient/9' },
      },
      { request: { method: 'DELETE', url: 'Patient/7' } },
    ]);
    expect(keys(t)).toEqual([]);
  });

  it('warns that entry resources of types the SDK does not model are unchecked', () => {
    const b = bundle('collection', [
      { fullUrl: U1, resource: { resourceType: 'Basic', code: { text: 'x' } } },
    ]);
    expect(errors(b)).toEqual([]);
    expect(rules(b).map((i) => [i.severity, i.code, i.path])).toEqual([
      ['warning', 'unsupported-type', 'Bundle.entry[0].resource'],
    ]);
  });

  it('warns once per unmodelled type, at its first entry, with how many', () => {
    const basic = { resourceType: 'Basic', code: { text: 'x' } };
    const b = bundle('collection', [
      { fullUrl: U1, resource: basic },
      { fullUrl: U2, resource: patient() },
      { fullUrl: 'urn:uuid:3f2a6c1e-6a3b-4d8e-9c1a-0b2c3d4e5f63', resource: basic },
      {
        fullUrl: 'urn:uuid:3f2a6c1e-6a3b-4d8e-9c1a-0b2c3d4e5f64',
        resource: { resourceType: 'Linkage', item: [] },
      },
    ]);
    const warnings = rules(b).filter((i) => i.code === 'unsupported-type');
    expect(warnings.map((i) => [i.path, i.message])).toEqual([
      [
        'Bundle.entry[0].resource',
        'Basic is not one of the resource types the SDK models; it was accepted without checks (2 entries, the first here).',
      ],
      [
        'Bundle.entry[3].resource',
        'Linkage is not one of the resource types the SDK models; it was accepted without checks.',
      ],
    ]);
  });

  it('checks Bundles nested in entries', () => {
    const inner = bundle('collection', [{ fullUrl: U1, resource: patient() }], { total: 1 });
    expect(keys(bundle('collection', [{ fullUrl: U2, resource: inner }]))).toEqual([
      ['bdl-1', 'Bundle.entry[0].resource.total'],
    ]);
  });
});

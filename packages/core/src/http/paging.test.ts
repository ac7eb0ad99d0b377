import { describe, expect, it } from 'vitest';
import type { Bundle } from '../fhir/index.ts';
import { pages, toResult } from './paging.ts';

const page = (next?: string): Bundle => ({
  resourceType: 'Bundle',
  type: 'searchset',
  entry: [{ resource: { resourceType: 'Patient', id: 'p' } }],
  ...(next ? { link: [{ relation: 'next', url: next }] } : {}),
});

describe('paging stage', () => {
  it('follows next links below the base and splits matches from includes', async () => {
    const asked: string[] = [];
    const served = {
      'Patient?a=1': page('https://x/fhir/R4/Patient?a=1&p=2'),
      'Patient?a=1&p=2': page(),
    };
    const all = [];
    for await (const p of pages('Patient?a=1', 'https://x/fhir/R4', async (path) => {
      asked.push(path);
      return served[path as keyof typeof served];
    }))
      all.push(p);
    expect(asked).toEqual(['Patient?a=1', 'Patient?a=1&p=2']);
    expect(all).toHaveLength(2);
    const result = toResult({
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [{ resource: { resourceType: 'Patient' }, search: { mode: 'include' } }],
      link: [{ relation: 'prev', url: 'u' }],
    });
    expect(result.included).toHaveLength(1);
    expect(result.links.previous).toBe('u');
  });

  it('a next link that repeats a page is an error after that page, not a loop', async () => {
    const seen: unknown[] = [];
    const walk = async () => {
      for await (const p of pages('Patient', 'https://x/fhir/R4', async () => page('Patient')))
        seen.push(p);
    };
    await expect(walk()).rejects.toThrow(/repeats a page/);
    expect(seen).toHaveLength(1);
  });
});

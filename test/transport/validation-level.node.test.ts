/**
 * The client's validation levels over real HTTP (the sandbox behind the fault proxy, which answers
 * with crafted bodies): `structure` (the default) accepts what only the `full` level's rules
 * reject; `validationLevel: 'full'` rejects it in `strict` and reports it in `warn`, with the
 * rule's key and the path the resource has in the response.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError, type HealthClientOptions, type ValidationIssue } from '@vnhealth/core';
import { answerWith, failure, proxiedClient } from './crafted.ts';
import { useProxiedSandbox } from './fhir-server.ts';

const env = useProxiedSandbox();

const client = (options: Partial<HealthClientOptions> = {}) => proxiedClient(env, options);

/** Structurally valid; per-1: the period ends before it starts. */
const backwards = {
  resourceType: 'Encounter',
  id: 'enc-backwards',
  status: 'finished',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
  period: { start: '2026-11-30T10:00:00+07:00', end: '2026-11-30T09:00:00+07:00' },
};
/** Structurally valid; the narrative carries a script (txt-1). */
const scripted = {
  resourceType: 'Patient',
  id: 'pt-scripted',
  text: {
    status: 'generated',
    div: '<div xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script>Nguyễn Văn An</div>',
  },
};
const answer = (body: unknown) => answerWith(env, body);
const keyed = (issues: readonly ValidationIssue[]) =>
  issues.filter((i) => i.key).map((i) => [i.path, i.key, i.severity]);

describe('strict', () => {
  it('structure (the default) accepts a period that ends before it starts', async () => {
    answer(backwards);
    const encounter = await client({ validation: 'strict' }).read('Encounter', 'enc-backwards');
    expect(encounter.period?.end).toBe('2026-11-30T09:00:00+07:00');
  });

  it('full rejects it, naming per-1 at Encounter.period', async () => {
    answer(backwards);
    const error = await failure(() =>
      client({ validation: 'strict', validationLevel: 'full' }).read('Encounter', 'enc-backwards'),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(keyed((error as ValidationError).issues)).toContainEqual([
      'Encounter.period',
      'per-1',
      'error',
    ]);
  });

  it('full rejects a search match whose narrative holds a script, at its path in the Bundle', async () => {
    answer({
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        { resource: { resourceType: 'Patient', id: 'pt-plain' }, search: { mode: 'match' } },
        { resource: scripted, search: { mode: 'match' } },
      ],
    });
    const error = await failure(() =>
      client({ validation: 'strict', validationLevel: 'full' }).search('Patient', {}),
    );
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).issues.map((i) => i.path);
    expect(paths.some((p) => p.startsWith('Bundle.entry[1].resource.text.div'))).toBe(true);
    expect(paths.some((p) => p.startsWith('Bundle.entry[0]'))).toBe(false);
  });
});

describe('warn', () => {
  it('full delivers first, then reports per-1', async () => {
    let reported!: (issues: ValidationIssue[]) => void;
    const issues = new Promise<ValidationIssue[]>((resolve) => (reported = resolve));
    answer(backwards);
    const encounter = await client({
      validationLevel: 'full',
      onValidationIssues: (found) => reported(found),
    }).read('Encounter', 'enc-backwards');
    expect(encounter.id).toBe('enc-backwards');
    expect(keyed(await issues)).toContainEqual(['Encounter.period', 'per-1', 'error']);
  });
});

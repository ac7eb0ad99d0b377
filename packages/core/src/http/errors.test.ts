import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AuthError, ConflictError, HttpError, NetworkError, TimeoutError } from '../errors.ts';
import {
  cutOff,
  errorForStatus,
  isTransient,
  redactPath,
  sanitiseCause,
  toHealthError,
} from './errors.ts';

const CCCD = '001085012345';
const BHYT = 'HT4790123456789';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.secret-token';

describe('errors stage', () => {
  it('redacts ids, versions and queries from paths', () => {
    expect(redactPath('Patient/123/_history/2')).toBe('Patient/{id}/_history/{vid}');
    expect(redactPath(`Patient?identifier=${CCCD}`)).toBe('Patient');
    expect(redactPath('Patient/123/$everything#x')).toBe('Patient/{id}/$everything');
    expect(redactPath('metadata')).toBe('metadata');
    expect(redactPath('Patient/_search')).toBe('Patient/_search');
  });

  it('keeps a cause of plain data without URLs, tokens or identifiers', () => {
    const original = new TypeError(
      `fetch failed for https://fhir.example.vn/Patient?identifier=${CCCD}&bhyt=${BHYT} with Bearer ${TOKEN}`,
      { cause: { code: 'ECONNRESET' } },
    );
    const cause = sanitiseCause(original, { method: 'GET', path: `Patient?identifier=${CCCD}` });
    expect(cause).toEqual({
      method: 'GET',
      path: 'Patient',
      name: 'TypeError',
      message: 'fetch failed for Patient with Bearer … (ECONNRESET)',
    });
    const shown = inspect(cause, { depth: 12, showHidden: true });
    for (const secret of [CCCD, BHYT, TOKEN]) expect(shown).not.toContain(secret);
    expect(
      sanitiseCause(new Error(TOKEN), { method: 'GET', path: '' }, 401, { message: false }).message,
    ).toBe('(not kept)');
  });

  it('maps each status to its class, with advice and issue codes but no diagnostics', () => {
    const outcome = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'conflict', diagnostics: `CCCD ${CCCD} taken` }],
    };
    const sent = { method: 'PUT', path: 'Patient/vnh-pt-001' };
    const cases: [number, new (...a: never[]) => Error][] = [
      [401, AuthError],
      [403, AuthError],
      [409, ConflictError],
      [412, ConflictError],
      [404, HttpError],
      [429, HttpError],
      [503, HttpError],
      [422, HttpError],
    ];
    for (const [status, type] of cases) {
      const error = errorForStatus(status, outcome, sent);
      expect(error, String(status)).toBeInstanceOf(type);
      expect(error.status).toBe(status);
      expect(error.message).toContain(`PUT Patient/{id}`);
      expect(error.message).toContain('[conflict]');
      expect(error.message).not.toContain(CCCD);
      expect(error.message).not.toContain('vnh-pt-001');
      expect(error.request).toEqual({ method: 'PUT', path: 'Patient/{id}' });
      expect(error.outcome).toBe(outcome);
    }
    expect(errorForStatus(502, undefined, sent).message).toContain('not FHIR JSON');
  });

  it('a cut-off body is a transient HttpError; toHealthError maps what ky throws', async () => {
    const sent = { method: 'GET', path: `Patient?identifier=${CCCD}` };
    const cut = cutOff(200, sent, new Error('terminated'));
    expect(cut).toBeInstanceOf(HttpError);
    expect(isTransient(cut)).toBe(true);
    expect(isTransient(errorForStatus(500, undefined, sent))).toBe(false);

    const timeout = Object.assign(new Error('Request timed out'), { name: 'TimeoutError' });
    const timedOut = await toHealthError(timeout, sent, 1500);
    expect(timedOut).toBeInstanceOf(TimeoutError);
    expect(timedOut.message).toContain('1500 ms');

    const response = new Response(JSON.stringify({ resourceType: 'OperationOutcome', issue: [] }), {
      status: 404,
    });
    const http = Object.assign(new Error(`Request failed https://x/Patient?identifier=${CCCD}`), {
      name: 'HTTPError',
      response,
    });
    const notFound = await toHealthError(http, sent, 1000);
    expect(notFound).toBeInstanceOf(HttpError);
    expect((notFound as HttpError).status).toBe(404);

    const network = await toHealthError(new TypeError('fetch failed'), sent, 1000);
    expect(network).toBeInstanceOf(NetworkError);
    expect(inspect(network, { depth: 12, showHidden: true })).not.toContain(CCCD);
    expect(await toHealthError(cut, sent, 1000)).toBe(cut);
  });
});

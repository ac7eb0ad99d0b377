import { describe, expect, it } from 'vitest';
import { redactPath } from '../../packages/core/src/http/errors.ts';
import {
  backoffMs,
  isRetryable,
  retryAfterMs,
  retryDelayMs,
  RETRY_DEFAULTS,
} from '../../packages/core/src/http/policy.ts';

describe('transport policy', () => {
  it('parses Retry-After as seconds or HTTP-date', () => {
    const now = Date.parse('2026-11-28T10:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Sat, 28 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Sat, 28 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('full-jitter backoff stays below the doubling ceiling', () => {
    for (let retry = 1; retry <= 6; retry++) {
      for (let i = 0; i < 50; i++) {
        const delay = backoffMs(retry, 300, 5000);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(5000, 300 * 2 ** (retry - 1)));
      }
    }
  });

  it('Retry-After: 0 waits at least the floor, with jitter; beyond the cap it does not wait', () => {
    const waits = Array.from({ length: 200 }, () => retryDelayMs(1, 0, RETRY_DEFAULTS)!);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(RETRY_DEFAULTS.baseDelayMs);
    expect(Math.max(...waits)).toBeLessThan(2 * RETRY_DEFAULTS.baseDelayMs);
    expect(new Set(waits).size).toBeGreaterThan(100);
    expect(retryDelayMs(1, 5000, RETRY_DEFAULTS)).toBeGreaterThanOrEqual(5000);
    expect(retryDelayMs(1, 120_000, RETRY_DEFAULTS)).toBeUndefined();
  });

  it('isRetryable: only requests a repeat cannot duplicate', () => {
    expect(isRetryable({ method: 'GET' })).toBe(true);
    expect(isRetryable({ method: 'HEAD' })).toBe(true);
    expect(isRetryable({ method: 'POST' })).toBe(false);
    expect(isRetryable({ method: 'POST', ifNoneExist: 'identifier=x|1' })).toBe(true);
    expect(isRetryable({ method: 'PUT' })).toBe(false);
    expect(isRetryable({ method: 'PUT', ifMatch: 'W/"2"' })).toBe(true);
    expect(isRetryable({ method: 'PATCH', ifMatch: 'W/"2"' })).toBe(true);
    expect(isRetryable({ method: 'DELETE' })).toBe(false);
    const read = { request: { method: 'GET' as const, url: 'Patient/1' } };
    const post = { request: { method: 'POST' as const, url: 'Appointment' } };
    const conditional = {
      request: { method: 'POST' as const, url: 'Appointment', ifNoneExist: 'identifier=a|1' },
    };
    expect(isRetryable({ method: 'POST', entries: [read, read] })).toBe(true);
    expect(isRetryable({ method: 'POST', entries: [read, post] })).toBe(false);
    expect(isRetryable({ method: 'POST', entries: [read, conditional] })).toBe(true);
  });

  it('redacts ids and queries from paths', () => {
    expect(redactPath('Patient/123')).toBe('Patient/{id}');
    expect(redactPath('Patient/123/_history/4')).toBe('Patient/{id}/_history/{vid}');
    expect(redactPath('Patient?identifier=079123456789')).toBe('Patient');
    expect(redactPath('Patient/123/$everything')).toBe('Patient/{id}/$everything');
    expect(redactPath('Patient/$match')).toBe('Patient/$match');
    expect(redactPath('metadata')).toBe('metadata');
  });
});

import { describe, expect, it } from 'vitest';
import { backoffMs, redactPath, retryAfterMs, sleep } from '../../packages/core/src/http/policy.ts';

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

  it('redacts ids and queries from paths', () => {
    expect(redactPath('Patient/123')).toBe('Patient/{id}');
    expect(redactPath('Patient/123/_history/4')).toBe('Patient/{id}/_history/{vid}');
    expect(redactPath('Patient?identifier=079123456789')).toBe('Patient');
    expect(redactPath('Patient/123/$everything')).toBe('Patient/{id}/$everything');
    expect(redactPath('Patient/$match')).toBe('Patient/$match');
    expect(redactPath('metadata')).toBe('metadata');
  });

  it('sleep rejects at once on abort', async () => {
    const controller = new AbortController();
    const t0 = Date.now();
    setTimeout(() => controller.abort(), 20);
    await expect(sleep(10_000, controller.signal)).rejects.toThrow();
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

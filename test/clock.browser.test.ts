/**
 * The page's clock and the sandbox's seed agree: on the real clock, and in a clock run
 * (`npm run test:clock`), where pages read the run's instant (test/setup/browser-clock.ts) and
 * the seed is anchored to it. Without that, a clock run would test nothing.
 */
import { describe, expect, inject, it } from 'vitest';

describe('clock', () => {
  it("the page's clock reads the seed's time (within the length of a run)", () => {
    const seed = Date.parse(inject('seedNow'));
    expect(Number.isNaN(seed)).toBe(false);
    expect(Math.abs(Date.now() - seed)).toBeLessThan(15 * 60_000);
    expect(Math.abs(new Date().getTime() - seed)).toBeLessThan(15 * 60_000);
  });
});

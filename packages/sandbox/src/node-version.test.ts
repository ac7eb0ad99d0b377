import { describe, expect, it } from 'vitest';
import { supportsNode } from './node-version.ts';

describe('supportsNode', () => {
  it.each([
    ['20.20.2', false],
    ['22.17.1', false],
    ['22.18.0', true],
    ['23.11.0', false],
    ['24.1.0', false],
    ['24.2.0', true],
    ['24.21.0', true],
    ['26.0.0', true],
  ])('%s → %s', (version, supported) => {
    expect(supportsNode(version)).toBe(supported);
  });
});

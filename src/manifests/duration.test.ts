import { describe, it, expect } from '@jest/globals';
import { isDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each<[string, number]>([
    ['3m', 180_000],
    ['30s', 30_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['500ms', 500],
    ['0s', 0],
  ])('%p → %p ms', (s, ms) => {
    expect(parseDuration(s)).toBe(ms);
    expect(isDuration(s)).toBe(true);
  });

  it.each([['3'], ['3 m'], ['1.5s'], ['-1s'], ['1d'], [''], ['1h30m']])('%p is not a duration', (s) => {
    expect(() => parseDuration(s)).toThrow(/invalid duration/);
    expect(isDuration(s)).toBe(false);
  });
});

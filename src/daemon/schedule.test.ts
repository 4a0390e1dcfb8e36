import { describe, expect, it } from '@jest/globals';
import { BerthError } from '../core/errors.js';
import { intervalToCron } from './schedule.js';

describe('intervalToCron', () => {
  it.each([
    [5_000, '*/5 * * * * *'],
    [30_000, '*/30 * * * * *'],
    [60_000, '0 */1 * * * *'],
    [300_000, '0 */5 * * * *'],
    [3_600_000, '0 0 */1 * * *'],
    [21_600_000, '0 0 */6 * * *'],
  ])('%d ms → %s', (ms, cron) => {
    expect(intervalToCron(ms)).toBe(cron);
  });

  it.each([[7_000], [1_500], [0], [420_000], [5 * 3_600_000]])('refuses %d ms', (ms) => {
    expect(() => intervalToCron(ms)).toThrow(BerthError);
  });
});

import { describe, it, expect } from '@jest/globals';
import { isQuantity, parseCpuMilli, parseMemoryBytes, parseQuantity } from './quantity.js';

describe('parseCpuMilli', () => {
  it.each<[string | number, number]>([
    ['100m', 100],
    ['1', 1000],
    ['0.5', 500],
    ['.25', 250],
    ['1.', 1000],
    [2, 2000],
    [0.1, 100],
    ['1500m', 1500],
    ['1e3', 1_000_000],
    ['1k', 1_000_000],
    ['250000u', 250],
    ['1n', 1], // rounded up to a whole millicore, as the API server does
    ['0', 0],
  ])('%p → %p', (q, milli) => {
    expect(parseCpuMilli(q)).toBe(milli);
  });
});

describe('parseMemoryBytes', () => {
  it.each<[string | number, number]>([
    ['1Gi', 1073741824],
    ['128Mi', 134217728],
    ['64Ki', 65536],
    ['1G', 1e9],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1E', 1e18],
    ['1.5Gi', 1610612736],
    ['100m', 1], // 0.1 byte rounds up
    [512, 512],
    ['1Ti', 2 ** 40],
  ])('%p → %p', (q, bytes) => {
    expect(parseMemoryBytes(q)).toBe(bytes);
  });
});

describe('parseQuantity (base units)', () => {
  it.each<[string | number, number]>([
    ['100m', 0.1],
    ['4', 4],
    ['8Gi', 8 * 2 ** 30],
    ['100Gi', 100 * 2 ** 30],
  ])('%p → %p', (q, v) => {
    expect(parseQuantity(q)).toBeCloseTo(v, 9);
  });
});

describe('invalid quantities', () => {
  it.each<[string | number]>([['abc'], ['1x'], ['-1'], [''], ['1Gb'], ['1 Gi'], [-5], [Number.NaN], ['1mi']])(
    '%p throws',
    (q) => {
      expect(() => parseCpuMilli(q)).toThrow(/invalid quantity/);
      expect(isQuantity(q)).toBe(false);
    },
  );
});

import { describe, expect, it } from '@jest/globals';
import { silentLogger } from '../log/logger.js';
import { startPassLoop, type Ticker } from './loop.js';

function manualTicker(): Ticker & { fire(): void } {
  let tick: (() => void) | undefined;
  return {
    start(t) {
      tick = t;
      return () => {
        tick = undefined;
      };
    },
    fire() {
      tick?.();
    },
  };
}

describe('startPassLoop', () => {
  it('runs a pass at once and on each tick, never two at once', async () => {
    const ticker = manualTicker();
    let release: () => void = () => undefined;
    let concurrent = 0;
    let maxConcurrent = 0;
    const pass = async (): Promise<void> => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await new Promise<void>((r) => {
        release = r;
      });
      concurrent--;
    };
    const loop = startPassLoop(pass, ticker, silentLogger());
    expect(loop.stats.passes).toBe(1);
    ticker.fire(); // first pass still running → skipped
    ticker.fire();
    expect(loop.stats).toEqual({ passes: 1, skipped: 2 });
    release();
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    ticker.fire();
    expect(loop.stats.passes).toBe(2);
    release();
    await loop.stop();
    expect(maxConcurrent).toBe(1);
  });

  it('keeps going after a failed pass', async () => {
    const ticker = manualTicker();
    let calls = 0;
    const loop = startPassLoop(
      async () => {
        calls++;
        await Promise.resolve();
        throw new Error('boom');
      },
      ticker,
      silentLogger(),
    );
    await new Promise((r) => setImmediate(r));
    ticker.fire();
    await new Promise((r) => setImmediate(r));
    await loop.stop();
    expect(calls).toBe(2);
  });
});

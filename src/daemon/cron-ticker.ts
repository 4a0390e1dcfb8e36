/** The production Ticker: node-cron. Tests use a hand-driven ticker instead of waiting. */
import cron from 'node-cron';
import type { Ticker } from './loop.js';

export function cronTicker(expression: string): Ticker {
  return {
    start(tick) {
      const task = cron.schedule(expression, tick, { noOverlap: false });
      return () => {
        void task.stop();
      };
    },
  };
}

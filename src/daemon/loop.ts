/**
 * The daemon's loop: a pass at start, then one per tick. Never two passes of one repository at
 * once — a tick that arrives while a pass runs is skipped and logged, not queued.
 */
import type { Logger } from 'pino';

export interface Ticker {
  /** Calls `tick` on every scheduled time until the returned stop function is called. */
  start(tick: () => void): () => void;
}

export interface PassLoop {
  /** Resolves when the loop is stopped and the running pass (if any) has finished. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
  readonly stats: { passes: number; skipped: number };
}

export function startPassLoop(pass: () => Promise<unknown>, ticker: Ticker, log: Logger): PassLoop {
  let running: Promise<void> | undefined;
  let stopped = false;
  const stats = { passes: 0, skipped: 0 };
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((r) => {
    resolveDone = r;
  });

  const tick = (): void => {
    if (stopped) return;
    if (running !== undefined) {
      stats.skipped++;
      log.warn('previous pass still running; skipping this tick');
      return;
    }
    stats.passes++;
    running = pass()
      .then(
        () => undefined,
        (e: unknown) => {
          log.error({ err: e instanceof Error ? e.message : String(e) }, 'pass failed');
        },
      )
      .finally(() => {
        running = undefined;
      });
  };

  const stopTicker = ticker.start(tick);
  tick();
  return {
    done,
    stats,
    async stop() {
      stopped = true;
      stopTicker();
      await running;
      resolveDone();
    },
  };
}

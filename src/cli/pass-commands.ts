/** `berth plan`, `berth sync` and `berth run`: one composition, different modes. */
import type { Logger } from 'pino';
import { composePass } from '../compose.js';
import { cronTicker } from '../daemon/cron-ticker.js';
import { startPassLoop } from '../daemon/loop.js';
import { intervalToCron } from '../daemon/schedule.js';
import type { Redactor } from '../log/redactor.js';
import { parseDuration } from '../manifests/duration.js';
import { runPass } from '../pass/run-pass.js';
import type { Command, GlobalOptions } from './args.js';
import { formatPassText, passToJson, planExitCode } from './format-plan.js';
import type { Io } from './main.js';

interface Ctx {
  readonly io: Io;
  readonly log: Logger;
  readonly redactor: Redactor;
}

type Of<N extends Command['name']> = Extract<Command, { name: N }>;

export async function runPlanCommand(c: Of<'plan'>, g: GlobalOptions, ctx: Ctx): Promise<number> {
  const deps = await composePass({ repo: c.repo, cacheDir: g.cacheDir, env: ctx.io.env, log: ctx.log, redactor: ctx.redactor, withStatus: false });
  const report = await runPass(deps, { ref: c.ref, mode: 'plan', statusBranch: 'berth/status', clusterFilter: g.clusters });
  ctx.io.out(ctx.redactor.scrub(c.output === 'json' ? JSON.stringify(passToJson(report), null, 2) : formatPassText(report)));
  return planExitCode(report);
}

export async function runSyncCommand(c: Of<'sync'>, g: GlobalOptions, ctx: Ctx): Promise<number> {
  const deps = await composePass({ repo: c.repo, cacheDir: g.cacheDir, env: ctx.io.env, log: ctx.log, redactor: ctx.redactor, withStatus: c.status });
  const report = await runPass(deps, { ref: c.ref, mode: 'sync', statusBranch: c.statusBranch, clusterFilter: g.clusters });
  return report.ok ? 0 : 1;
}

export async function runDaemonCommand(c: Of<'run'>, g: GlobalOptions, ctx: Ctx): Promise<number> {
  const expression = intervalToCron(parseDuration(c.interval));
  const deps = await composePass({ repo: c.repo, cacheDir: g.cacheDir, env: ctx.io.env, log: ctx.log, redactor: ctx.redactor, withStatus: c.status });
  // Without --ref the daemon follows the branch that is the default when it starts (a local
  // repository's checked-out branch, a remote's HEAD) — and keeps following that branch, so
  // checking out a feature branch in a local repository later does not deploy it.
  const ref = c.ref ?? (await deps.source.resolve(undefined)).ref;
  ctx.log.info({ repo: deps.source.id, ref, interval: c.interval, schedule: expression }, 'berth daemon started');
  const loop = startPassLoop(
    () => runPass(deps, { ref, mode: 'sync', statusBranch: c.statusBranch, clusterFilter: g.clusters }),
    cronTicker(expression),
    ctx.log,
  );
  const stop = (): void => {
    ctx.log.info('stopping after the running pass');
    void loop.stop();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await loop.done;
  return 0;
}

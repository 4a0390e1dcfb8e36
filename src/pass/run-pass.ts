/**
 * One pass over one repository: resolve the ref to a SHA (fixed for the whole pass), load and
 * validate the revision (any problem rejects it whole), compile per cluster, then plan or apply
 * every cluster in parallel (one cluster's failure never blocks another) and record the outcome.
 */
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import type { ApplyResult, ClusterDriver, DriverFactory } from '../core/driver.js';
import { BerthError, ErrorCode } from '../core/errors.js';
import type { ClusterTarget, ClusterType, DesiredState } from '../core/model.js';
import type { ClusterPlan } from '../core/plan.js';
import type { Reconciler } from '../core/reconciler.js';
import type { ConfigSource, StatusStore } from '../core/source.js';
import type { Redactor } from '../log/redactor.js';
import { loadForPass } from './load.js';
import { acquirePassLock } from './lock.js';
import { compileCluster } from './compile.js';
import { commitMessage, renderStatus, type ClusterOutcome, type PassOutcome } from '../status/render.js';

export interface PassDeps {
  readonly source: ConfigSource;
  readonly status: StatusStore | undefined;
  readonly drivers: Readonly<Partial<Record<ClusterType, DriverFactory>>>;
  readonly reconcilers: readonly Reconciler[];
  readonly redactor: Redactor;
  readonly log: Logger;
  readonly clock: Clock;
  /** Where cross-process pass locks live; no lock when undefined (tests of pure paths). */
  readonly lockDir?: string | undefined;
}

export interface PassOptions {
  readonly ref?: string | undefined;
  readonly mode: 'plan' | 'sync';
  readonly statusBranch: string;
  readonly clusterFilter?: readonly string[] | undefined;
}

export interface ClusterReport {
  readonly cluster: string;
  readonly type: ClusterType;
  readonly plan?: ClusterPlan;
  readonly result?: ApplyResult;
  readonly error?: Error;
}

export interface PassReport {
  readonly ref: string;
  readonly sha: string;
  readonly problems?: readonly BerthError[];
  readonly clusters: readonly ClusterReport[];
  readonly statusCommitted: boolean;
  readonly ok: boolean;
}

function errorText(e: Error): string {
  return e instanceof BerthError ? e.format() : e.message;
}

async function runCluster(deps: PassDeps, desired: DesiredState, opts: PassOptions): Promise<ClusterReport> {
  const cluster = desired.cluster;
  const log = deps.log.child({ cluster: cluster.name });
  const factory = deps.drivers[cluster.type];
  if (factory === undefined) {
    return { cluster: cluster.name, type: cluster.type, error: new BerthError(ErrorCode.Driver, `no driver for clusters of type ${cluster.type}`) };
  }
  let driver: ClusterDriver | undefined;
  try {
    driver = factory(cluster, log);
    const ctx = { log, clock: deps.clock };
    if (opts.mode === 'plan') {
      const plan = await driver.plan(desired, ctx);
      const error = plan.errors?.[0];
      return { cluster: cluster.name, type: cluster.type, plan, ...(error !== undefined ? { error } : {}) };
    }
    const result = await driver.apply(desired, ctx);
    for (const a of result.apps) {
      log.info(
        { app: `${a.namespace}/${a.app}`, result: a.result, ready: `${a.readyReplicas}/${a.desiredReplicas}`, ...(a.endpoints?.length ? { endpoints: a.endpoints } : {}) },
        a.message ?? 'app status',
      );
    }
    const error = result.errors[0];
    return { cluster: cluster.name, type: cluster.type, plan: result.plan, result, ...(error ? { error } : {}) };
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    log.error({ code: e instanceof BerthError ? e.code : undefined, err: error.message }, 'cluster pass failed');
    return { cluster: cluster.name, type: cluster.type, error };
  } finally {
    await driver?.close().catch(() => undefined);
  }
}

export async function runPass(deps: PassDeps, opts: PassOptions): Promise<PassReport> {
  // Planning only reads; applying takes the repository's lock so two processes never apply at once.
  const lock = opts.mode === 'sync' && deps.lockDir !== undefined ? await acquirePassLock(deps.lockDir, deps.source.id) : undefined;
  try {
    return await runLockedPass(deps, opts);
  } finally {
    await lock?.release();
  }
}

async function runLockedPass(deps: PassDeps, opts: PassOptions): Promise<PassReport> {
  const { log } = deps;
  const resolved = await deps.source.resolve(opts.ref);
  const passLog = log.child({ sha: resolved.sha.slice(0, 12), ref: resolved.ref });
  passLog.info({ mode: opts.mode }, 'pass started');
  const loaded = await loadForPass(deps.source, resolved.sha, deps.redactor);

  let reports: ClusterReport[] = [];
  let problems: BerthError[] | undefined = loaded.ok ? undefined : [...loaded.problems];
  let clusters: readonly ClusterTarget[] = [];
  if (loaded.ok) {
    const unknown = (opts.clusterFilter ?? []).filter((n) => !loaded.clusters.some((c) => c.name === n));
    if (unknown.length > 0) {
      throw new BerthError(ErrorCode.Usage, `--cluster ${unknown.join(', ')}: no such enabled cluster in ${resolved.sha.slice(0, 12)} (clusters: ${loaded.clusters.map((c) => c.name).join(', ') || 'none'})`);
    }
    clusters = loaded.clusters.filter((c) => opts.clusterFilter === undefined || opts.clusterFilter.includes(c.name));
    const desired: DesiredState[] = [];
    const compileErrors = new Map<string, BerthError>();
    for (const cluster of clusters) {
      const r = compileCluster({ repo: deps.source.id, revision: resolved.sha, cluster, objects: loaded.objects }, deps.reconcilers);
      for (const e of r.errors) compileErrors.set(e.format(), e);
      desired.push(r.desired);
    }
    if (compileErrors.size > 0) problems = [...compileErrors.values()];
    else reports = await Promise.all(desired.map((d) => runCluster({ ...deps, log: passLog }, d, opts)));
  }
  if (problems !== undefined) {
    for (const p of problems) passLog.error({ code: p.code, file: p.location?.file, line: p.location?.line, field: p.field }, p.format());
    passLog.error({ problems: problems.length }, 'revision rejected; nothing applied');
  }

  const outcome: PassOutcome = {
    repository: deps.source.id,
    ref: resolved.ref,
    sha: resolved.sha,
    ...(problems !== undefined ? { problems } : {}),
    clusters: reports.map((r): ClusterOutcome => ({
      cluster: r.cluster,
      type: r.type,
      apps: r.result?.apps ?? [],
      ...(r.error !== undefined ? { error: deps.redactor.scrub(errorText(r.error)) } : {}),
    })),
  };

  let statusCommitted = false;
  if (opts.mode === 'sync' && deps.status !== undefined) {
    const previous = await deps.status.read(opts.statusBranch);
    const files = renderStatus(outcome, previous, { partial: opts.clusterFilter !== undefined });
    for (const [k, v] of files) files.set(k, deps.redactor.scrub(v));
    const written = await deps.status.write({ branch: opts.statusBranch, files, message: deps.redactor.scrub(commitMessage(outcome)) }, passLog);
    statusCommitted = written.committed; // the status store logs the commit
  }
  const ok = problems === undefined && reports.every((r) => r.error === undefined && (r.result?.apps ?? []).every((a) => a.result !== 'failed'));
  passLog.info({ ok, clusters: reports.length, statusCommitted }, 'pass finished');
  return { ref: resolved.ref, sha: resolved.sha, ...(problems ? { problems } : {}), clusters: reports, statusCommitted, ok };
}

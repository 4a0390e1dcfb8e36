/**
 * The composition root: the one place that picks real implementations (isomorphic-git, dockerode,
 * @kubernetes/client-node, node-cron, the system clock) and wires them together.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { reconcilers } from '../reconcilers/index.js';
import { systemClock } from './core/clock.js';
import type { DriverFactory } from './core/driver.js';
import type { ClusterType } from './core/model.js';
import { createDockerDriver } from './clusters/docker/index.js';
import { createKubernetesDriver } from './clusters/kubernetes/index.js';
import { openSource, openStatusStore } from './git/index.js';
import type { Redactor } from './log/redactor.js';
import type { PassDeps } from './pass/run-pass.js';

/** The static driver registry, one per cluster type. */
export function drivers(env: NodeJS.ProcessEnv): Readonly<Partial<Record<ClusterType, DriverFactory>>> {
  const secretDigestKey = env.BERTH_SECRET_DIGEST_KEY;
  return {
    docker: (cluster, log) => createDockerDriver(cluster, log, { secretDigestKey }),
    kubernetes: (cluster, log) => createKubernetesDriver(cluster, log),
  };
}

export interface ComposeOptions {
  readonly repo: string;
  readonly cacheDir: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly log: Logger;
  readonly redactor: Redactor;
  readonly withStatus: boolean;
}

export async function composePass(o: ComposeOptions): Promise<PassDeps> {
  const token = o.env.BERTH_GIT_TOKEN;
  if (token !== undefined && token !== '') o.redactor.add(token);
  const digestKey = o.env.BERTH_SECRET_DIGEST_KEY;
  if (digestKey !== undefined && digestKey !== '') o.redactor.add(digestKey);
  const cacheDir = o.cacheDir ?? join(homedir(), '.cache', 'berth', 'repos');
  const spec = { repo: o.repo, cacheDir, ...(token ? { token } : {}) };
  const source = await openSource(spec, o.log);
  const log = o.log.child({ repo: source.id });
  return {
    source,
    status: o.withStatus ? await openStatusStore(spec, log) : undefined,
    drivers: drivers(o.env),
    reconcilers,
    redactor: o.redactor,
    log,
    clock: systemClock,
    lockDir: join(cacheDir, '.locks'),
  };
}

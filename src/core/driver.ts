/**
 * The one interface every cluster driver implements. `src/clusters/docker` (dockerode) and
 * `src/clusters/kubernetes` (@kubernetes/client-node) are the only modules that talk to clusters.
 */
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { ClusterTarget, DesiredState } from './model.js';
import type { ClusterPlan } from './plan.js';

export type AppResult = 'healthy' | 'progressing' | 'degraded' | 'failed';

/** What a cluster runs for one app after a pass: written to the status branch. */
export interface AppStatus {
  readonly namespace: string;
  readonly app: string;
  readonly desiredReplicas: number;
  readonly runningReplicas: number;
  readonly readyReplicas: number;
  readonly result: AppResult;
  readonly message?: string;
  readonly endpoints?: readonly string[]; // e.g. http://127.0.0.1:49153 per replica (Docker)
}

export interface ApplyResult {
  readonly plan: ClusterPlan; // what was done (actions that happened)
  readonly apps: readonly AppStatus[];
  readonly errors: readonly Error[];
}

export interface DriverContext {
  readonly log: Logger;
  readonly clock: Clock;
  readonly signal?: AbortSignal;
}

export interface ClusterDriver {
  readonly type: ClusterTarget['type'];
  /** Observe what berth owns for this repository on the cluster and compare with desired. No writes. */
  plan(desired: DesiredState, ctx: DriverContext): Promise<ClusterPlan>;
  /** Make the cluster match desired (create/update/delete), wait for health within a bound, report. */
  apply(desired: DesiredState, ctx: DriverContext): Promise<ApplyResult>;
  /** Release connections. */
  close(): Promise<void>;
}

export type DriverFactory = (cluster: ClusterTarget, log: Logger) => ClusterDriver;

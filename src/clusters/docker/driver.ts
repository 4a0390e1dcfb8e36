/**
 * The Docker cluster driver: a cluster is a set of Docker endpoints (hosts) on which berth itself
 * places, replaces and scales containers. observe → pure plan → execute → health.
 */
import type Docker from 'dockerode';
import type { Logger } from 'pino';
import type { AppStatus, ApplyResult, ClusterDriver, DriverContext } from '../../core/driver.js';
import { BerthError, ErrorCode } from '../../core/errors.js';
import type { ClusterTarget, DesiredState } from '../../core/model.js';
import type { Change, ClusterPlan } from '../../core/plan.js';
import { podSpecDigest, hashOfDigest } from '../../core/spec-hash.js';
import { connect, defaultDockerFactory, type DockerFactory } from './client.js';
import { executeApp, executeNetworks, type AppOutcome, type ExecuteContext } from './execute.js';
import { appStatus, httpCheck, podReady, realSleep, waitPodReady, type HttpCheck, type Sleep, type WaitDeps } from './health.js';
import { appKey, type Owner } from './naming.js';
import { observeHost, type ObservedCluster, type ObservedPod } from './observe.js';
import { planChanges, planDocker, type AppPlan, type DesiredApp, type DockerPlan } from './plan.js';

export interface DockerDriverDeps {
  /** Builds the client for an endpoint (tests wrap the real client to count write calls). */
  readonly docker?: DockerFactory;
  /** Bound on waiting for readiness, per rolling step and at the end of apply. Default 60 s. */
  readonly readyTimeoutMs?: number;
  /** Grace period of `docker stop` before a container is killed. Default 10 s. */
  readonly stopTimeoutSeconds?: number;
  readonly sleep?: Sleep;
  readonly check?: HttpCheck;
  /** HMAC key for Secret digests in container labels (BERTH_SECRET_DIGEST_KEY). */
  readonly secretDigestKey?: string | undefined;
}

export function createDockerDriver(cluster: ClusterTarget, _log: Logger, deps: DockerDriverDeps = {}): ClusterDriver {
  const endpoints = cluster.docker?.endpoints ?? [];
  if (cluster.type !== 'docker' || endpoints.length === 0) {
    throw new BerthError(ErrorCode.Driver, `cluster ${cluster.name} is not a Docker cluster with endpoints`, { location: cluster.source });
  }
  const names = endpoints.map((e) => e.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) {
    throw new BerthError(ErrorCode.Driver, `cluster ${cluster.name}: endpoint name ${dup} is used twice`, { location: cluster.source });
  }
  const factory = deps.docker ?? defaultDockerFactory;
  const connections = endpoints.map((endpoint) => ({ endpoint, docker: factory(endpoint) }));
  const clients = new Map<string, Docker>(connections.map((c) => [c.endpoint.name, c.docker]));
  const readyTimeoutMs = deps.readyTimeoutMs ?? 60_000;
  const warnedSecretEnv = new Set<string>();

  async function observe(owner: Owner): Promise<ObservedCluster> {
    const hosts = await Promise.all(
      connections.map(async ({ endpoint, docker }) => {
        const info = await connect(cluster, endpoint, docker);
        return observeHost(docker, endpoint.name, info, owner);
      }),
    );
    return { hosts };
  }

  function desiredApps(desired: DesiredState): DesiredApp[] {
    if (desired.cluster.name !== cluster.name) {
      throw new BerthError(ErrorCode.Driver, `desired state for cluster ${desired.cluster.name} given to the driver of ${cluster.name}`);
    }
    return desired.workloads.map((workload) => {
      const digest = podSpecDigest(workload, deps.secretDigestKey);
      return { workload, key: appKey(workload.namespace, workload.app), digest, hash: hashOfDigest(digest) };
    });
  }

  async function makePlan(desired: DesiredState, owner: Owner): Promise<DockerPlan> {
    const apps = desiredApps(desired);
    const observed = await observe(owner);
    return planDocker({ cluster: cluster.name, hosts: observed.hosts, namespaces: desired.namespaces, apps });
  }

  function warnSecretEnv(apps: readonly DesiredApp[], log: Logger): void {
    for (const a of apps) {
      const names = a.workload.containers.flatMap((c) => c.env.filter((e) => e.secret).map((e) => e.name));
      if (names.length === 0 || warnedSecretEnv.has(a.key)) continue;
      warnedSecretEnv.add(a.key);
      log.warn({ app: a.key, env: names }, 'env from a Secret is stored in the container config and visible in docker inspect; prefer Secret files');
    }
  }

  return {
    type: 'docker',

    async plan(desired: DesiredState): Promise<ClusterPlan> {
      const plan = await makePlan(desired, { repo: desired.repo, cluster: cluster.name });
      // A sync applies the apps that fit and reports the others: the plan says both.
      const errors = plan.apps.flatMap((a) => (a.error !== undefined ? [a.error] : []));
      return { cluster: cluster.name, changes: planChanges(plan), ...(errors.length > 0 ? { errors } : {}) };
    },

    async apply(desired: DesiredState, ctx: DriverContext): Promise<ApplyResult> {
      const owner: Owner = { repo: desired.repo, cluster: cluster.name };
      const log = ctx.log.child({ driver: 'docker' }); // the pass already binds the cluster
      const plan = await makePlan(desired, owner);
      warnSecretEnv(plan.apps.flatMap((a) => (a.desired === undefined ? [] : [a.desired])), log);
      const wait: WaitDeps = { clock: ctx.clock, sleep: deps.sleep ?? realSleep, check: deps.check ?? httpCheck, signal: ctx.signal };
      const ectx: ExecuteContext = {
        owner,
        revision: desired.revision,
        hosts: clients,
        log,
        wait,
        readyTimeoutMs,
        stopTimeoutSeconds: deps.stopTimeoutSeconds ?? 10,
      };

      const creates = await executeNetworks(
        plan.networks.filter((n) => n.kind === 'create'),
        ectx,
      );
      const outcomes = await Promise.all(plan.apps.map(async (a) => [a, await executeApp(a, ectx)] as const));
      const deletes = await executeNetworks(
        plan.networks.filter((n) => n.kind === 'delete'),
        ectx,
      );
      const apps = await finalStatus(plan, outcomes, owner, wait);

      const done: Change[] = [
        ...creates.done,
        ...outcomes.flatMap(([a, o]) => [a.error === undefined ? a.change : { ...a.change, reason: a.error.message }, ...o.done]),
        ...deletes.done,
      ];
      const errors = [...creates.errors, ...outcomes.flatMap(([, o]) => o.errors), ...deletes.errors];
      for (const e of errors) log.error({ err: e }, 'apply step failed');
      return { plan: { cluster: cluster.name, changes: done }, apps, errors };
    },

    close(): Promise<void> {
      return Promise.resolve();
    },
  };

  /**
   * Status of every desired app. Apps changed in this pass are waited for (bounded); unchanged
   * apps get one probe round, so a steady-state pass stays fast even with an unhealthy app.
   */
  async function finalStatus(
    plan: DockerPlan,
    outcomes: readonly (readonly [AppPlan, AppOutcome])[],
    owner: Owner,
    wait: WaitDeps,
  ): Promise<AppStatus[]> {
    const deadline = wait.clock.now() + readyTimeoutMs;
    let observed = await observe(owner);
    const results: AppStatus[] = [];
    for (const [a, outcome] of outcomes) {
      if (a.desired === undefined) continue;
      const desired = a.desired;
      const changed = outcome.done.length > 0;
      const pods = (): ObservedPod[] => servingPods(observed, desired);
      let waitFailed = false;
      if (changed && !outcome.failed) {
        for (const pod of pods().filter((p) => p.hash === desired.hash)) {
          const result = await waitPodReady(
            async () => {
              observed = await observe(owner);
              return pods().find((p) => p.slot === pod.slot && p.hash === desired.hash);
            },
            desired.workload,
            deadline,
            wait,
          );
          if (result === 'failed') waitFailed = true;
        }
      }
      const serving = pods();
      const ready = new Set<ObservedPod>();
      for (const pod of serving) {
        if (pod.hash === desired.hash && (await podReady(pod, desired.workload, wait.check))) ready.add(pod);
      }
      const message = outcome.errors[0]?.message ?? (waitFailed ? 'readiness probe failed' : undefined);
      results.push(
        appStatus({ workload: desired.workload, pods: serving, ready, failed: outcome.failed || waitFailed, ...(message !== undefined ? { message } : {}) }),
      );
    }
    return results;
  }
}

/** The pod serving each slot < replicas: running with the desired hash, else any running one. */
function servingPods(observed: ObservedCluster, desired: DesiredApp): ObservedPod[] {
  const w = desired.workload;
  const all = observed.hosts.flatMap((h) => h.pods).filter((p) => p.namespace === w.namespace && p.app === w.app && p.slot < w.replicas);
  const out: ObservedPod[] = [];
  for (let slot = 0; slot < w.replicas; slot++) {
    const list = all.filter((p) => p.slot === slot);
    const pod = list.find((p) => p.running && p.hash === desired.hash) ?? list.find((p) => p.running) ?? list.find((p) => p.hash === desired.hash);
    if (pod !== undefined) out.push(pod);
  }
  return out;
}

/**
 * Carry out a DockerPlan: networks, then every app's slot steps (apps in parallel, slots of one
 * app one at a time), then network removals. Every write call to Docker happens here.
 */
import type Docker from 'dockerode';
import type { Logger } from 'pino';
import { BerthError, ErrorCode } from '../../core/errors.js';
import { Labels } from '../../core/model.js';
import type { Workload } from '../../core/model.js';
import type { Change } from '../../core/plan.js';
import { mapLimit } from '../../core/concurrency.js';
import { canonicalJson } from '../../core/spec-hash.js';
import { errorText, httpStatusOf } from './client.js';
import { buildCreateSpec, fileLayout, needsImageDefaults, type ImageDefaults } from './container-spec.js';
import { deliverExecFiles, hasShell, isWaitingForFiles, putConfigFiles } from './files.js';
import { waitPodReady, type WaitDeps } from './health.js';
import { networkName, ownerFilters, ownerLabels, type Owner } from './naming.js';
import { groupPods, parseContainer, type ObservedPod } from './observe.js';
import { networkChange, type AppPlan, type DesiredApp, type NetworkStep, type PlannedStep } from './plan.js';

/** New pods created at once per app: enough to hide Docker's per-create latency, gentle on a host. */
const CREATE_PARALLELISM = 8;

export interface ExecuteContext {
  readonly owner: Owner;
  readonly revision: string;
  readonly hosts: ReadonlyMap<string, Docker>;
  readonly log: Logger;
  readonly wait: WaitDeps;
  readonly readyTimeoutMs: number;
  readonly stopTimeoutSeconds: number;
}

export interface AppOutcome {
  readonly done: readonly Change[];
  readonly errors: readonly Error[];
  readonly failed: boolean; // a new pod did not become ready: the rollout stopped
}

function dockerOf(ctx: ExecuteContext, host: string): Docker {
  const docker = ctx.hosts.get(host);
  if (docker === undefined) throw new BerthError(ErrorCode.Driver, `no connection to Docker host ${host}`);
  return docker;
}

export async function executeNetworks(steps: readonly NetworkStep[], ctx: ExecuteContext): Promise<{ done: Change[]; errors: Error[] }> {
  const done: Change[] = [];
  const errors: Error[] = [];
  await Promise.all(
    steps.map(async (step) => {
      try {
        if (step.kind === 'create') await createNetwork(dockerOf(ctx, step.host), step.host, step.namespace, ctx);
        else if (step.kind === 'delete') {
          if (!(await deleteNetwork(dockerOf(ctx, step.host), step.network.id, ctx))) return;
        }
        done.push(networkChange(step));
      } catch (e) {
        errors.push(asError(e, `network ${networkName(step.namespace)} on host ${step.host}`));
      }
    }),
  );
  return { done, errors };
}

async function createNetwork(docker: Docker, host: string, namespace: string, ctx: ExecuteContext): Promise<void> {
  const name = networkName(namespace);
  try {
    await docker.createNetwork({
      Name: name,
      Driver: 'bridge',
      CheckDuplicate: true,
      Labels: { ...ownerLabels(ctx.owner), [Labels.namespace]: namespace, [Labels.host]: host },
    });
    ctx.log.info({ host, network: name }, 'network created');
  } catch (e) {
    if (httpStatusOf(e) !== 409) throw e;
    // Another repository's berth may own the namespace network on this host: share it, never take it.
    const info = await docker.getNetwork(name).inspect();
    if (info.Labels?.[Labels.managedBy] !== 'berth') {
      throw new BerthError(ErrorCode.Driver, `network ${name} on host ${host} exists and is not managed by berth`);
    }
    ctx.log.info({ host, network: name }, 'network exists (owned by another berth source): sharing it');
  }
}

/** Remove an owned network unless something is still attached (then it stays, and is logged). */
async function deleteNetwork(docker: Docker, id: string, ctx: ExecuteContext): Promise<boolean> {
  const network = docker.getNetwork(id);
  const info = await network.inspect();
  if (Object.keys(info.Containers ?? {}).length > 0) {
    ctx.log.info({ network: info.Name }, 'network still has containers attached: kept');
    return false;
  }
  await network.remove();
  ctx.log.info({ network: info.Name }, 'network removed');
  return true;
}

export async function executeApp(plan: AppPlan, ctx: ExecuteContext): Promise<AppOutcome> {
  const log = ctx.log.child({ app: plan.key });
  const done: Change[] = [];
  const errors: Error[] = [];
  if (plan.error !== undefined) return { done, errors: [plan.error], failed: true };
  const desired = plan.desired;
  let failed = false;
  const record = (step: PlannedStep): void => {
    done.push(step.change);
  };
  const runStep = async (step: PlannedStep): Promise<void> => {
    if (step.kind === 'remove') {
      await removePod(dockerOf(ctx, step.pod.host), step.pod, ctx);
      log.info({ host: step.pod.host, slot: step.pod.slot, reason: step.reason }, 'pod removed');
      record(step);
    } else if (step.kind === 'keep') {
      if (desired !== undefined && (await refreshFiles(dockerOf(ctx, step.host), step.pod, desired.workload, log))) {
        done.push({ ...step.change, action: 'update', reason: 'files delivered again after a restart emptied the tmpfs' });
      }
    } else if (desired !== undefined) {
      const replacing = step.kind === 'replace' ? step.old : undefined;
      const hostPorts = desired.workload.containers.some((c) => c.ports.some((p) => p.hostPort !== undefined));
      // A hostPort cannot be bound twice on one host: such a slot is replaced stop-first.
      const stopFirst = replacing !== undefined && hostPorts && replacing.host === step.host;
      if (stopFirst) await removePod(dockerOf(ctx, replacing.host), replacing, ctx);
      const ids = await createPod(dockerOf(ctx, step.host), step.host, step.slot, desired, ctx);
      log.info({ host: step.host, slot: step.slot }, 'pod created');
      if (replacing !== undefined && !stopFirst) {
        const outcome = await waitPodReady(
          () => readPod(dockerOf(ctx, step.host), step.host, ids, ctx.owner),
          desired.workload,
          ctx.wait.clock.now() + ctx.readyTimeoutMs,
          ctx.wait,
        );
        if (outcome !== 'ready') {
          // maxUnavailable 0: the old pod keeps serving; the new one goes; the rollout stops here.
          const newPod = await readPod(dockerOf(ctx, step.host), step.host, ids, ctx.owner);
          if (newPod !== undefined) await removePod(dockerOf(ctx, step.host), newPod, ctx);
          throw new BerthError(
            ErrorCode.Health,
            `${plan.key}: new pod for slot ${step.slot} on host ${step.host} did not become ready (${outcome}); rollout stopped, the old pod keeps serving`,
            { location: desired.workload.source },
          );
        }
        await removePod(dockerOf(ctx, replacing.host), replacing, ctx);
        log.info({ host: replacing.host, slot: step.slot }, 'old pod removed after the new one became ready');
      }
      record(step);
    }
  };
  // Slots that are new (nothing to replace) are created in parallel, as a fresh Deployment's pods
  // are; replacements stay one at a time (maxSurge 1, maxUnavailable 0).
  const batches: PlannedStep[][] = [];
  for (const step of plan.steps) {
    const last = batches[batches.length - 1];
    if (step.kind === 'create' && last?.[0]?.kind === 'create') last.push(step);
    else batches.push([step]);
  }
  for (const batch of batches) {
    if (ctx.wait.signal?.aborted === true) break;
    const results = await mapLimit(batch, CREATE_PARALLELISM, async (step) => {
      try {
        await runStep(step);
        return undefined;
      } catch (e) {
        return asError(e, plan.key);
      }
    });
    const batchErrors = results.filter((e): e is Error => e !== undefined);
    if (batchErrors.length > 0) {
      errors.push(...batchErrors);
      failed = true;
      break;
    }
  }
  return { done, errors, failed };
}

/** Create and start all containers of one pod; on any failure remove what was made. */
async function createPod(docker: Docker, host: string, slot: number, desired: DesiredApp, ctx: ExecuteContext): Promise<string[]> {
  const w = desired.workload;
  const made: Docker.Container[] = [];
  try {
    let mainId: string | undefined;
    for (const [index, c] of w.containers.entries()) {
      const image = needsImageDefaults(c) ? await imageDefaults(docker, c.image, host, w) : undefined;
      const spec = buildCreateSpec({
        owner: ctx.owner,
        revision: ctx.revision,
        host,
        workload: w,
        index,
        slot,
        hash: desired.hash,
        specLabel: canonicalJson(desired.digest),
        ...(image !== undefined ? { image } : {}),
        ...(mainId !== undefined ? { mainId } : {}),
      });
      const container = await createContainer(docker, spec, host, w, c.image);
      made.push(container);
      mainId ??= container.id;
      const layout = fileLayout(c);
      if (layout.marker !== undefined && !(await hasShell(container))) {
        throw new BerthError(
          ErrorCode.Driver,
          `${w.namespace}/${w.app}: image ${c.image} has no /bin/sh, which berth needs to deliver Secret files without writing them to the host disk`,
          { location: w.source, field: 'spec.template.spec.volumes' },
        );
      }
      await putConfigFiles(container, layout.archiveFiles);
      await container.start();
      if (layout.marker !== undefined) await deliverExecFiles(container, layout.execFiles, layout.marker);
    }
    return made.map((m) => m.id);
  } catch (e) {
    await Promise.all(made.map((m) => m.remove({ force: true, v: true }).catch(() => undefined)));
    throw e;
  }
}

async function createContainer(
  docker: Docker,
  spec: ReturnType<typeof buildCreateSpec>,
  host: string,
  w: Workload,
  image: string,
): Promise<Docker.Container> {
  try {
    return await docker.createContainer(spec);
  } catch (e) {
    if (httpStatusOf(e) === 404) {
      throw new BerthError(
        ErrorCode.Driver,
        `${w.namespace}/${w.app}: image ${image} is not present on Docker host ${host} (berth does not pull images; load it there first)`,
        { location: w.source, field: 'spec.template.spec.containers.image', cause: e },
      );
    }
    throw new BerthError(ErrorCode.Driver, `${w.namespace}/${w.app}: creating container ${spec.name} on host ${host} failed: ${errorText(e)}`, {
      location: w.source,
      cause: e,
    });
  }
}

async function imageDefaults(docker: Docker, image: string, host: string, w: Workload): Promise<ImageDefaults> {
  try {
    const info = await docker.getImage(image).inspect();
    const config = info.Config as { Entrypoint?: string[] | string | null; Cmd?: string[] | string | null };
    const list = (v: string[] | string | null | undefined): string[] => (v === null || v === undefined ? [] : typeof v === 'string' ? [v] : v);
    return { entrypoint: list(config.Entrypoint), cmd: list(config.Cmd) };
  } catch (e) {
    throw new BerthError(
      ErrorCode.Driver,
      `${w.namespace}/${w.app}: image ${image} is not present on Docker host ${host} (berth does not pull images; load it there first)`,
      { location: w.source, cause: e },
    );
  }
}

/** Stop gracefully, then remove; the extra containers first (they live in the main one's netns). */
async function removePod(docker: Docker, pod: ObservedPod, ctx: ExecuteContext): Promise<void> {
  for (const c of [...pod.containers].sort((a, b) => b.index - a.index)) {
    const container = docker.getContainer(c.id);
    try {
      if (c.state === 'running' || c.state === 'restarting') await container.stop({ t: ctx.stopTimeoutSeconds });
    } catch (e) {
      const status = httpStatusOf(e);
      if (status !== 304 && status !== 404) throw e;
    }
    try {
      await container.remove({ force: true, v: true });
    } catch (e) {
      if (httpStatusOf(e) !== 404) throw e; // already gone is what we wanted
    }
  }
}

/** Re-read one pod by its container ids (reads only). */
async function readPod(docker: Docker, host: string, ids: readonly string[], owner: Owner): Promise<ObservedPod | undefined> {
  const filters = JSON.stringify({ ...ownerFilters(owner), id: [...ids] });
  const list = await docker.listContainers({ all: true, filters });
  const parsed = list.flatMap((c) => {
    const p = parseContainer(c, host);
    return p === undefined ? [] : [p];
  });
  return groupPods(parsed)[0];
}

/**
 * A kept pod whose wrapped entrypoint waits again (its tmpfs emptied by a container or dockerd
 * restart) gets its files delivered again. Reads only when nothing is waiting.
 */
async function refreshFiles(docker: Docker, pod: ObservedPod, w: Workload, log: Logger): Promise<boolean> {
  let delivered = false;
  for (const c of pod.containers) {
    const spec = w.containers[c.index];
    if (spec === undefined) continue;
    const layout = fileLayout(spec);
    if (layout.marker === undefined) continue;
    const container = docker.getContainer(c.id);
    if (await isWaitingForFiles(container)) {
      await deliverExecFiles(container, layout.execFiles, layout.marker);
      log.info({ container: c.name }, 'files delivered again after a restart');
      delivered = true;
    }
  }
  return delivered;
}

/** Docker API errors become BerthError BERTH_DRIVER naming what failed; BerthErrors pass through. */
function asError(e: unknown, what: string): Error {
  if (e instanceof BerthError) return e;
  return new BerthError(ErrorCode.Driver, `${what}: ${errorText(e)}`, { cause: e });
}

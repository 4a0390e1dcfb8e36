/**
 * Readiness as berth sees it on Docker: an HTTP GET from berth to the pod (its published
 * 127.0.0.1 port, else its IP on the namespace network), 2xx/3xx = pass. A pod without a
 * readiness probe is ready when all its containers run.
 *
 * During apply berth polls at most once a second (so a rollout is not slower than the app), but a
 * failure counts toward failureThreshold only once per periodSeconds, as in Kubernetes.
 */
import { request } from 'node:http';
import type { Clock } from '../../core/clock.js';
import type { AppResult, AppStatus } from '../../core/driver.js';
import type { HttpProbe, Workload } from '../../core/model.js';
import { networkName } from './naming.js';
import { podMain, type ObservedPod } from './observe.js';

export type HttpCheck = (url: string, timeoutMs: number) => Promise<boolean>;
export type Sleep = (ms: number) => Promise<void>;

export const httpCheck: HttpCheck = (url, timeoutMs) =>
  new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      resolve(status >= 200 && status < 400);
    });
    req.on('timeout', () => {
      req.destroy();
    });
    req.on('error', () => {
      resolve(false);
    });
    req.end();
  });

export const realSleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Where to reach a port of a pod from berth (the pod shares one network namespace). */
export function podAddress(pod: ObservedPod, namespace: string, containerPort: number): string | undefined {
  const main = podMain(pod);
  if (main === undefined) return undefined;
  const published = main.ports.find((p) => p.containerPort === containerPort && p.protocol === 'tcp');
  if (published !== undefined) {
    const ip = published.hostIp === '0.0.0.0' || published.hostIp === '' ? '127.0.0.1' : published.hostIp;
    return ip.includes(':') ? `[${ip}]:${published.hostPort}` : `${ip}:${published.hostPort}`;
  }
  const ip = main.ips[networkName(namespace)];
  return ip === undefined ? undefined : `${ip}:${containerPort}`;
}

export function readinessProbes(w: Workload): HttpProbe[] {
  return w.containers.flatMap((c) => (c.readinessProbe === undefined ? [] : [c.readinessProbe]));
}

/** One readiness check of a pod. */
export async function podReady(pod: ObservedPod, w: Workload, check: HttpCheck): Promise<boolean> {
  if (!pod.running) return false;
  for (const probe of readinessProbes(w)) {
    const address = podAddress(pod, w.namespace, probe.port);
    if (address === undefined) return false;
    const path = probe.path.startsWith('/') ? probe.path : `/${probe.path}`;
    if (!(await check(`http://${address}${path}`, probe.timeoutSeconds * 1000))) return false;
  }
  return true;
}

export interface WaitDeps {
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly check: HttpCheck;
  readonly signal?: AbortSignal | undefined;
}

export type WaitOutcome = 'ready' | 'failed' | 'timeout';

/**
 * Wait until a pod is ready. `refresh` re-reads the pod (its state and ports change after start).
 * 'failed' once failureThreshold failures were counted after initialDelaySeconds.
 */
export async function waitPodReady(
  refresh: () => Promise<ObservedPod | undefined>,
  w: Workload,
  deadline: number,
  deps: WaitDeps,
): Promise<WaitOutcome> {
  const probes = readinessProbes(w);
  // Without a probe a pod cannot "fail" here: it is waiting to run until the deadline.
  const periodMs = probes.length > 0 ? Math.max(1, Math.min(...probes.map((p) => p.periodSeconds))) * 1000 : 1000;
  const threshold = probes.length > 0 ? Math.max(1, Math.min(...probes.map((p) => p.failureThreshold))) : Number.POSITIVE_INFINITY;
  const initialDelayMs = Math.max(0, ...probes.map((p) => p.initialDelaySeconds)) * 1000;
  const start = deps.clock.now();
  let failures = 0;
  let lastCounted = Number.NEGATIVE_INFINITY;
  for (;;) {
    const pod = await refresh();
    if (pod !== undefined && (await podReady(pod, w, deps.check))) return 'ready';
    const now = deps.clock.now();
    if (now - start >= initialDelayMs && now - lastCounted >= periodMs) {
      failures += 1;
      lastCounted = now;
      if (failures >= threshold) return 'failed';
    }
    if (now >= deadline || deps.signal?.aborted === true) return 'timeout';
    await deps.sleep(Math.min(1000, Math.max(50, deadline - now)));
  }
}

export interface AppObservation {
  readonly workload: Workload;
  readonly pods: readonly ObservedPod[]; // the pod serving each slot (any hash), one per slot at most
  readonly ready: ReadonlySet<ObservedPod>; // those of them with the desired hash that passed readiness
  readonly failed: boolean; // a rollout or readiness wait failed during this pass
  readonly message?: string;
}

export function appStatus(o: AppObservation): AppStatus {
  const w = o.workload;
  const running = o.pods.filter((p) => p.running);
  const readyReplicas = Math.min(w.replicas, o.pods.filter((p) => o.ready.has(p)).length);
  let result: AppResult;
  if (readyReplicas >= w.replicas) result = 'healthy';
  else if (o.failed) result = readyReplicas > 0 ? 'degraded' : 'failed';
  else result = 'progressing';
  const firstPort = w.containers.flatMap((c) => c.ports)[0]?.containerPort;
  const endpoints =
    firstPort === undefined
      ? []
      : running.flatMap((p) => {
          const address = podAddress(p, w.namespace, firstPort);
          return address === undefined ? [] : [`http://${address}`];
        });
  return {
    namespace: w.namespace,
    app: w.app,
    desiredReplicas: w.replicas,
    runningReplicas: Math.min(w.replicas, running.length),
    readyReplicas,
    result,
    ...(o.message !== undefined ? { message: o.message } : {}),
    ...(endpoints.length > 0 ? { endpoints: endpoints.sort() } : {}),
  };
}

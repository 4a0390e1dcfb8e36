/**
 * Helpers for the Kubernetes end-to-end tests: the driver against the real control plane of
 * test/harness/kube.ts, a request counter, and kubectl for assertions made from outside berth.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { systemClock } from '../../src/core/clock.js';
import type { ApplyResult, ClusterDriver, DriverContext } from '../../src/core/driver.js';
import type { ClusterTarget, DesiredState } from '../../src/core/model.js';
import { createKubernetesDriver, RequestCounter, type KubernetesDriverDeps } from '../../src/clusters/kubernetes/index.js';
import { startControlPlane, type ControlPlane } from '../harness/kube.js';

const run = promisify(execFile);

/** The control plane for a suite. BERTH_TEST_CONTROL_PLANE=<json file> reuses a running one (development). */
export async function controlPlane(): Promise<ControlPlane> {
  const reuse = process.env['BERTH_TEST_CONTROL_PLANE'];
  if (reuse !== undefined && reuse !== '') {
    const cp = JSON.parse(readFileSync(reuse, 'utf8')) as Omit<ControlPlane, 'stop' | 'caData'>;
    return { ...cp, caData: readFileSync(cp.caFile, 'utf8'), stop: () => Promise.resolve() };
  }
  return startControlPlane({ withKwok: true });
}

/** A suffix unique to this test run, so a reused control plane starts from empty namespaces. */
export const RUN = Date.now().toString(36).slice(-5);

export const TOKEN_ENV = 'BERTH_TEST_K8S_TOKEN';

export function target(cp: ControlPlane, name = 'k8s'): ClusterTarget {
  return {
    name,
    type: 'kubernetes',
    defaultNamespace: 'default',
    labels: {},
    kubernetes: { server: cp.server, tokenEnv: TOKEN_ENV, caFile: cp.caFile },
    source: { file: `clusters/${name}.yaml`, line: 1, column: 1 },
  };
}

export const log = pino({ level: process.env['BERTH_TEST_LOG'] ?? 'silent' });
export const ctx: DriverContext = { log, clock: systemClock };

export interface Harness {
  readonly driver: ClusterDriver;
  readonly counter: RequestCounter;
}

export function driverFor(cp: ControlPlane, extra: KubernetesDriverDeps = {}, name = 'k8s'): Harness {
  const counter = new RequestCounter();
  const driver = createKubernetesDriver(target(cp, name), log, {
    env: { [TOKEN_ENV]: cp.token },
    wrapHttp: (http) => counter.wrap(http),
    pollIntervalMs: 250,
    ...extra,
  });
  return { driver, counter };
}

export function desired(cp: ControlPlane, repo: string, objects: readonly Record<string, unknown>[], cluster = 'k8s'): DesiredState {
  const namespaces = [...new Set(objects.flatMap((o) => {
    const meta = o['metadata'] as { namespace?: string; name: string };
    return o['kind'] === 'Namespace' ? [meta.name] : meta.namespace !== undefined ? [meta.namespace] : [];
  }))].sort();
  return { repo, revision: '0'.repeat(40), cluster: target(cp, cluster), namespaces, workloads: [], objects };
}

/** Applies and returns the result plus the requests it made (fresh counter per call). */
export async function applyCounting(cp: ControlPlane, state: DesiredState, extra: KubernetesDriverDeps = {}): Promise<ApplyResult & { counts: { reads: number; writes: number; dryRuns: number } }> {
  const h = driverFor(cp, extra, state.cluster.name);
  try {
    const result = await h.driver.apply(state, ctx);
    return { ...result, counts: h.counter.snapshot() };
  } finally {
    await h.driver.close();
  }
}

export async function planCounting(cp: ControlPlane, state: DesiredState, extra: KubernetesDriverDeps = {}): Promise<{ plan: Awaited<ReturnType<ClusterDriver['plan']>>; counts: { reads: number; writes: number; dryRuns: number } }> {
  const h = driverFor(cp, extra, state.cluster.name);
  try {
    const plan = await h.driver.plan(state, ctx);
    return { plan, counts: h.counter.snapshot() };
  } finally {
    await h.driver.close();
  }
}

export async function kubectl(cp: ControlPlane, args: readonly string[], input?: string): Promise<string> {
  const child = run('kubectl', ['--kubeconfig', cp.kubeconfigPath, ...args], { maxBuffer: 64 * 1024 * 1024 });
  if (input !== undefined) child.child.stdin?.end(input);
  const { stdout } = await child;
  return stdout.trim();
}

export async function getJson(cp: ControlPlane, args: readonly string[]): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await kubectl(cp, ['get', ...args, '-o', 'json'])) as Record<string, unknown>;
  } catch (e) {
    // Errors from child_process come from another realm than jest's: no instanceof Error.
    if (/NotFound/.test(String((e as { message?: unknown }).message))) return undefined;
    throw e;
  }
}

export function deployment(name: string, namespace: string, opts: { replicas?: number; image?: string; podLabels?: Record<string, string>; extra?: Record<string, unknown>; container?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: opts.replicas ?? 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, ...(opts.podLabels ?? {}) } },
        spec: { containers: [{ name: 'app', image: opts.image ?? 'berth-demo/web:1', ...(opts.container ?? {}) }] },
      },
      ...(opts.extra ?? {}),
    },
  };
}

export const configMap = (name: string, namespace: string, data: Record<string, string>): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data,
});

export const namespace = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, ...extra },
});

/**
 * After an apply: poll the Deployments this pass changed until each is healthy or failed, within
 * a bound measured on the injected clock. Deployments the pass left alone are judged once from the
 * object already read, so a no-op pass never waits.
 */
import type { AppStatus } from '../../core/driver.js';
import type { Clock } from '../../core/clock.js';
import type { KubeApi } from './api.js';
import { deploymentHealth, isFinal, type WorkloadHealth } from './health.js';
import type { DesiredObject } from './desired.js';
import { ownershipSelector, type Body, type Ownership } from './objects.js';
import { nameOf } from './reconcile.js';
import { builtinResource } from './resources.js';

export interface WaitOptions {
  readonly api: KubeApi;
  readonly owner: Ownership;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  readonly signal?: AbortSignal | undefined;
}

export interface WatchedApp {
  readonly object: DesiredObject;
  readonly current: Body | undefined; // as read or returned by the apply
  readonly changed: boolean;
}

function toStatus(o: DesiredObject, h: WorkloadHealth): AppStatus {
  return {
    namespace: o.ref.namespace ?? '',
    app: o.ref.name,
    desiredReplicas: h.desiredReplicas,
    runningReplicas: h.runningReplicas,
    readyReplicas: h.readyReplicas,
    result: h.result,
    message: h.message,
  };
}

export async function waitForApps(apps: readonly WatchedApp[], opts: WaitOptions): Promise<AppStatus[]> {
  const health = new Map<string, WorkloadHealth>();
  for (const a of apps) health.set(a.object.key, deploymentHealth(a.current));
  const pending = (): WatchedApp[] => apps.filter((a) => a.changed && !isFinal(health.get(a.object.key)?.result ?? 'progressing'));
  const deadline = opts.clock.now() + opts.timeoutMs;
  const resource = builtinResource('apps', 'v1', 'Deployment');
  const selector = ownershipSelector(opts.owner);
  while (resource !== undefined && pending().length > 0 && opts.signal?.aborted !== true) {
    if (opts.clock.now() >= deadline) {
      for (const a of pending()) {
        const h = health.get(a.object.key);
        if (h !== undefined) health.set(a.object.key, { ...h, message: `${h.message} (still progressing after ${String(Math.round(opts.timeoutMs / 1000))}s)` });
      }
      break;
    }
    await opts.sleep(opts.pollIntervalMs);
    // One LIST per namespace with pending apps, not one GET per app.
    const namespaces = [...new Set(pending().map((a) => a.object.ref.namespace))];
    for (const ns of namespaces) {
      const items = await opts.api.list(resource, ns, selector);
      const byName = new Map(items.map((i) => [nameOf(i), i]));
      for (const a of pending().filter((p) => p.object.ref.namespace === ns)) {
        const live = byName.get(a.object.ref.name);
        if (live !== undefined) health.set(a.object.key, deploymentHealth(live));
      }
    }
  }
  return apps.map((a) => toStatus(a.object, health.get(a.object.key) ?? deploymentHealth(undefined)));
}

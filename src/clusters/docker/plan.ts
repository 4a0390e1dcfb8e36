/**
 * The pure heart of the Docker driver: observed pods and networks versus desired workloads →
 * the steps to run and the changes to report. No I/O.
 *
 * Per slot: a running pod with the desired hash on the placed host is kept (nothing written).
 * Otherwise a new pod is created on the placed host and, once ready, the old running one is
 * removed (maxSurge 1, maxUnavailable 0). Pods that do not run (created but never started,
 * exited, incomplete) are removed first — a crash mid-apply leaves exactly such leftovers, and
 * the new pod may need their name. Further running pods of the same slot are duplicates and go.
 */
import type { Workload } from '../../core/model.js';
import { placeReplicas, type PlacementHost } from '../../core/placement.js';
import type { Change, FieldChange } from '../../core/plan.js';
import type { PodSpecDigest } from '../../core/spec-hash.js';
import { diffPodSpecs } from './diff.js';
import { appKey, containerName, networkName } from './naming.js';
import { podMain, type ObservedHost, type ObservedNetwork, type ObservedPod } from './observe.js';

export interface DesiredApp {
  readonly workload: Workload;
  readonly key: string; // namespace/app
  readonly hash: string;
  readonly digest: PodSpecDigest;
}

export interface PlanInput {
  readonly cluster: string;
  readonly hosts: readonly ObservedHost[];
  readonly namespaces: readonly string[];
  readonly apps: readonly DesiredApp[];
}

export type SlotStep =
  | { readonly kind: 'keep'; readonly slot: number; readonly host: string; readonly pod: ObservedPod }
  | { readonly kind: 'create'; readonly slot: number; readonly host: string; readonly name: string }
  | { readonly kind: 'replace'; readonly slot: number; readonly host: string; readonly name: string; readonly old: ObservedPod }
  | { readonly kind: 'remove'; readonly pod: ObservedPod; readonly reason: string };

/** A step with the change it reports once done. */
export type PlannedStep = SlotStep & { readonly change: Change };

export interface AppPlan {
  readonly key: string;
  readonly namespace: string;
  readonly app: string;
  readonly desired: DesiredApp | undefined; // undefined: the app was removed from the revision
  readonly steps: readonly PlannedStep[];
  readonly change: Change; // the Deployment-level change
  readonly stepChanges: readonly Change[]; // the changes of the steps that write
  readonly error?: Error; // placement impossible: nothing is done for this app
}

export type NetworkStep =
  | { readonly kind: 'keep'; readonly host: string; readonly namespace: string; readonly network: ObservedNetwork }
  | { readonly kind: 'create'; readonly host: string; readonly namespace: string }
  | { readonly kind: 'delete'; readonly host: string; readonly namespace: string; readonly network: ObservedNetwork };

export interface DockerPlan {
  readonly cluster: string;
  readonly networks: readonly NetworkStep[];
  readonly apps: readonly AppPlan[];
}

export function planDocker(input: PlanInput): DockerPlan {
  const observedByApp = new Map<string, ObservedPod[]>();
  for (const host of input.hosts) {
    for (const pod of host.pods) {
      const key = appKey(pod.namespace, pod.app);
      observedByApp.set(key, [...(observedByApp.get(key) ?? []), pod]);
    }
  }
  const apps: AppPlan[] = [];
  const used = new Map<string, { cpu: number; memory: number; ports: number[]; owners: Record<number, string> }>();
  // Apps that already run are placed first: a new app never takes a host port or capacity
  // from one that holds it.
  const running = (key: string): number => ((observedByApp.get(key) ?? []).some((p) => p.running) ? 0 : 1);
  for (const desired of [...input.apps].sort((a, b) => running(a.key) - running(b.key) || compare(a.key, b.key))) {
    apps.push(planApp(input, desired, observedByApp.get(desired.key) ?? [], observedByApp, used));
  }
  const desiredKeys = new Set(input.apps.map((a) => a.key));
  for (const [key, pods] of [...observedByApp.entries()].sort(([a], [b]) => compare(a, b))) {
    const first = pods[0];
    if (!desiredKeys.has(key) && first !== undefined) apps.push(planRemovedApp(key, first, pods));
  }
  return { cluster: input.cluster, networks: planNetworks(input), apps };
}

function planApp(
  input: PlanInput,
  desired: DesiredApp,
  pods: readonly ObservedPod[],
  observedByApp: ReadonlyMap<string, readonly ObservedPod[]>,
  used: Map<string, { cpu: number; memory: number; ports: number[]; owners: Record<number, string> }>,
): AppPlan {
  const w = desired.workload;
  const bySlot = groupBySlot(pods);
  const current = new Map<number, string>();
  for (const [slot, list] of bySlot) {
    const rep = representative(list, desired.hash);
    if (rep !== undefined) current.set(slot, rep.host);
  }
  const requests = {
    cpuMilli: sum(w.containers.map((c) => c.resources.cpuRequestMilli)),
    memoryBytes: sum(w.containers.map((c) => c.resources.memoryRequestBytes)),
  };
  const hostPorts = w.containers.flatMap((c) => c.ports.flatMap((p) => (p.hostPort === undefined ? [] : [p.hostPort])));
  const hosts: PlacementHost[] = input.hosts.map((h) => {
    const existing: Record<string, number> = {};
    for (const [key, list] of observedByApp) existing[key] = list.filter((p) => p.host === h.name && p.running).length;
    const u = used.get(h.name);
    return {
      name: h.name,
      cpuMilli: h.info.cpuMilli,
      memoryBytes: h.info.memoryBytes,
      usedCpuMilli: u?.cpu ?? 0,
      usedMemoryBytes: u?.memory ?? 0,
      usedHostPorts: u?.ports ?? [],
      hostPortOwners: u?.owners ?? {},
      existing,
    };
  });
  let placement: ReadonlyMap<number, string>;
  try {
    placement = placeReplicas({
      hosts,
      workload: {
        key: desired.key,
        replicas: w.replicas,
        requests: {
          ...(requests.cpuMilli > 0 ? { cpuMilli: requests.cpuMilli } : {}),
          ...(requests.memoryBytes > 0 ? { memoryBytes: requests.memoryBytes } : {}),
        },
        hostPorts,
        source: w.replicasSource ?? w.source,
      },
      current,
    });
  } catch (error) {
    return {
      key: desired.key,
      namespace: w.namespace,
      app: w.app,
      desired,
      steps: [],
      change: { action: 'unchanged', kind: 'Deployment', namespace: w.namespace, name: w.app, app: w.app, fields: [], reason: 'placement failed' },
      stepChanges: [],
      error: error instanceof Error ? error : new Error(String(error)),
    };
  }
  for (const host of placement.values()) {
    const u = used.get(host) ?? { cpu: 0, memory: 0, ports: [], owners: {} };
    const owners = { ...u.owners };
    for (const p of hostPorts) owners[p] = desired.key;
    used.set(host, { cpu: u.cpu + requests.cpuMilli, memory: u.memory + requests.memoryBytes, ports: [...u.ports, ...hostPorts], owners });
  }

  const steps: SlotStep[] = [];
  // Scale down first, highest slot first: frees capacity before anything new starts.
  const surplus = [...bySlot.keys()].filter((s) => s >= w.replicas).sort((a, b) => b - a);
  for (const slot of surplus) for (const pod of bySlot.get(slot) ?? []) steps.push({ kind: 'remove', pod, reason: 'scale down' });

  for (let slot = 0; slot < w.replicas; slot++) {
    const host = placement.get(slot);
    if (host === undefined) continue;
    const list = bySlot.get(slot) ?? [];
    const name = containerName({ cluster: input.cluster, namespace: w.namespace, app: w.app, slot, hash: desired.hash }, 0, '');
    for (const pod of list.filter((p) => !p.running)) steps.push({ kind: 'remove', pod, reason: notRunningReason(pod) });
    const runningPods = list.filter((p) => p.running);
    const keeper = runningPods.find((p) => p.hash === desired.hash && p.host === host);
    let old: ObservedPod | undefined;
    if (keeper !== undefined) {
      steps.push({ kind: 'keep', slot, host, pod: keeper });
    } else {
      old = representative(runningPods, desired.hash);
      steps.push(old === undefined ? { kind: 'create', slot, host, name } : { kind: 'replace', slot, host, name, old });
    }
    for (const pod of runningPods) {
      if (pod !== keeper && pod !== old) steps.push({ kind: 'remove', pod, reason: 'duplicate of the slot' });
    }
  }

  const observedSpec = representative(pods.filter((p) => p.running), desired.hash)?.spec ?? pods[0]?.spec;
  const fields: FieldChange[] = [];
  const observedReplicas = bySlot.size;
  if (observedReplicas !== w.replicas) fields.push({ path: 'spec.replicas', old: observedReplicas, new: w.replicas });
  if (pods.length > 0) fields.push(...diffPodSpecs(observedSpec, desired.digest));
  const planned = steps.map((s) => ({ ...s, change: stepChange(w.namespace, w.app, s, desired.hash) }));
  const writes = planned.filter((s) => s.kind !== 'keep');
  const action = pods.length === 0 ? 'create' : writes.length > 0 || fields.length > 0 ? 'update' : 'unchanged';
  return {
    key: desired.key,
    namespace: w.namespace,
    app: w.app,
    desired,
    steps: planned,
    change: { action, kind: 'Deployment', namespace: w.namespace, name: w.app, app: w.app, fields },
    stepChanges: writes.map((s) => s.change),
  };
}

function planRemovedApp(key: string, first: ObservedPod, pods: readonly ObservedPod[]): AppPlan {
  const steps: PlannedStep[] = [...pods]
    .sort((a, b) => b.slot - a.slot)
    .map((pod) => {
      const step: SlotStep = { kind: 'remove', pod, reason: 'app removed from the revision' };
      return { ...step, change: stepChange(first.namespace, first.app, step, '') };
    });
  return {
    key,
    namespace: first.namespace,
    app: first.app,
    desired: undefined,
    steps,
    change: {
      action: 'delete',
      kind: 'Deployment',
      namespace: first.namespace,
      name: first.app,
      app: first.app,
      fields: [{ path: 'spec.replicas', old: new Set(pods.map((p) => p.slot)).size }],
    },
    stepChanges: steps.map((s) => s.change),
  };
}

function stepChange(namespace: string, app: string, step: SlotStep, hash: string): Change {
  const base = { kind: 'Container', namespace, app } as const;
  switch (step.kind) {
    case 'create':
      return { ...base, action: 'create', name: step.name, fields: [{ path: 'host', new: step.host }, { path: 'slot', new: step.slot }, { path: 'specHash', new: hash }] };
    case 'replace': {
      const fields: FieldChange[] = [{ path: 'specHash', old: step.old.hash, new: hash }];
      if (step.old.host !== step.host) fields.push({ path: 'host', old: step.old.host, new: step.host });
      const oldName = podMain(step.old)?.name ?? '';
      const why = step.old.hash !== hash ? 'spec changed' : `moved from host ${step.old.host}`;
      return { ...base, action: 'update', name: step.name, fields, reason: `${why}; replaces ${oldName}` };
    }
    case 'remove':
      return {
        ...base,
        action: 'delete',
        name: podMain(step.pod)?.name ?? step.pod.containers[0]?.name ?? '',
        fields: [{ path: 'host', old: step.pod.host }, { path: 'slot', old: step.pod.slot }],
        reason: step.reason,
      };
    case 'keep':
      return { ...base, action: 'unchanged', name: podMain(step.pod)?.name ?? '', fields: [] };
  }
}

function planNetworks(input: PlanInput): NetworkStep[] {
  const wanted = new Set([...input.namespaces, ...input.apps.map((a) => a.workload.namespace)]);
  const steps: NetworkStep[] = [];
  for (const host of input.hosts) {
    for (const namespace of [...wanted].sort()) {
      const network = host.networks.find((n) => n.namespace === namespace && n.name === networkName(namespace));
      steps.push(network === undefined ? { kind: 'create', host: host.name, namespace } : { kind: 'keep', host: host.name, namespace, network });
    }
    for (const network of host.networks) {
      if (!wanted.has(network.namespace) && network.owned !== false) steps.push({ kind: 'delete', host: host.name, namespace: network.namespace, network });
    }
  }
  return steps;
}

export function networkChange(step: NetworkStep): Change {
  const action = step.kind === 'keep' ? 'unchanged' : step.kind;
  return { action, kind: 'Network', namespace: step.namespace, name: networkName(step.namespace), fields: [{ path: 'host', new: step.host }] };
}

/** Changes of a plan in a stable order: networks to create, apps, networks to delete. */
export function planChanges(plan: DockerPlan): Change[] {
  const nets = plan.networks.map(networkChange);
  return [
    ...nets.filter((c) => c.action !== 'delete'),
    ...plan.apps.flatMap((a) => [a.change, ...a.stepChanges]),
    ...nets.filter((c) => c.action === 'delete'),
  ];
}

function groupBySlot(pods: readonly ObservedPod[]): Map<number, ObservedPod[]> {
  const out = new Map<number, ObservedPod[]>();
  for (const pod of pods) out.set(pod.slot, [...(out.get(pod.slot) ?? []), pod]);
  return out;
}

/** The pod that stands for a slot: running with the desired hash, else running, else any. */
function representative(list: readonly ObservedPod[], hash: string): ObservedPod | undefined {
  const ordered = [...list].sort((a, b) => compare(a.host, b.host) || compare(a.hash, b.hash));
  return (
    ordered.find((p) => p.running && p.hash === hash) ?? ordered.find((p) => p.running) ?? ordered.find((p) => p.hash === hash) ?? ordered[0]
  );
}

function notRunningReason(pod: ObservedPod): string {
  const states = [...new Set(pod.containers.map((c) => c.state))].join(',');
  const expected = pod.spec?.containers.length ?? pod.containers.length;
  return pod.containers.length < expected ? `incomplete pod (${pod.containers.length}/${expected} containers)` : `not running (${states})`;
}

function sum(values: readonly (number | undefined)[]): number {
  return values.reduce<number>((s, v) => s + (v ?? 0), 0);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

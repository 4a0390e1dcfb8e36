/**
 * Observe what this repository owns on each host of a Docker cluster: containers and networks
 * carrying managed-by=berth, this repo and this cluster. Nothing else is ever listed. Read-only.
 */
import type Docker from 'dockerode';
import { Labels, MANAGED_BY } from '../../core/model.js';
import type { PodSpecDigest } from '../../core/spec-hash.js';
import { DockerLabels, NETWORK_PREFIX, ownerFilters, type Owner } from './naming.js';
import type { HostInfo } from './client.js';

export interface PublishedPort {
  readonly containerPort: number;
  readonly hostIp: string;
  readonly hostPort: number;
  readonly protocol: string;
}

export interface ObservedContainer {
  readonly id: string;
  readonly name: string;
  readonly host: string;
  readonly state: string; // created | running | restarting | exited | paused | dead | removing
  readonly namespace: string;
  readonly app: string;
  readonly slot: number;
  readonly hash: string;
  readonly index: number;
  readonly container: string;
  readonly revision: string;
  readonly ports: readonly PublishedPort[];
  /** Network name → container IP. */
  readonly ips: Readonly<Record<string, string>>;
  readonly spec: PodSpecDigest | undefined;
}

/** The containers of one pod instance: same host, app, slot and spec hash. */
export interface ObservedPod {
  readonly host: string;
  readonly namespace: string;
  readonly app: string;
  readonly slot: number;
  readonly hash: string;
  readonly containers: readonly ObservedContainer[]; // sorted by index
  readonly spec: PodSpecDigest | undefined;
  /** Every expected container exists and runs. */
  readonly running: boolean;
}

export interface ObservedNetwork {
  readonly id: string;
  readonly name: string;
  readonly host: string;
  readonly namespace: string;
  /**
   * False when another repository's (or cluster's) berth made it: namespace networks are shared
   * per host, so it is used as it is and never removed by this repository.
   */
  readonly owned?: boolean;
}

export interface ObservedHost {
  readonly name: string;
  readonly info: HostInfo;
  readonly pods: readonly ObservedPod[];
  readonly networks: readonly ObservedNetwork[];
}

export interface ObservedCluster {
  readonly hosts: readonly ObservedHost[];
}

export async function observeHost(docker: Docker, host: string, info: HostInfo, owner: Owner): Promise<ObservedHost> {
  const filters = JSON.stringify(ownerFilters(owner));
  const anyBerth = JSON.stringify({ label: [`${Labels.managedBy}=${MANAGED_BY}`] });
  const [containers, networks] = await Promise.all([docker.listContainers({ all: true, filters }), docker.listNetworks({ filters: anyBerth })]);
  const observed = containers.flatMap((c) => {
    const parsed = parseContainer(c, host);
    return parsed === undefined ? [] : [parsed];
  });
  return {
    name: host,
    info,
    pods: groupPods(observed),
    networks: networks.flatMap((n) => {
      const namespace = n.Labels?.[Labels.namespace];
      if (namespace === undefined || !n.Name.startsWith(NETWORK_PREFIX)) return [];
      const owned = n.Labels?.[Labels.repo] === owner.repo && n.Labels[Labels.cluster] === owner.cluster;
      return [{ id: n.Id, name: n.Name, host, namespace, owned }];
    }),
  };
}

export function parseContainer(c: Docker.ContainerInfo, host: string): ObservedContainer | undefined {
  const l = c.Labels;
  const namespace = l[Labels.namespace];
  const app = l[Labels.app];
  const slot = Number(l[Labels.slot]);
  const hash = l[Labels.specHash];
  // Containers missing berth's labels were not made by this driver: ignored, never touched.
  if (namespace === undefined || app === undefined || hash === undefined || !Number.isInteger(slot)) return undefined;
  const ips: Record<string, string> = {};
  for (const [net, info] of Object.entries(c.NetworkSettings.Networks)) if (info.IPAddress) ips[net] = info.IPAddress;
  return {
    id: c.Id,
    name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
    host,
    state: c.State,
    namespace,
    app,
    slot,
    hash,
    index: Number(l[DockerLabels.containerIndex] ?? '0'),
    container: l[Labels.container] ?? '',
    revision: l[Labels.revision] ?? '',
    ports: c.Ports.filter((p) => p.PublicPort > 0).map((p) => ({
      containerPort: p.PrivatePort,
      hostIp: p.IP,
      hostPort: p.PublicPort,
      protocol: p.Type,
    })),
    ips,
    spec: parseSpec(l[DockerLabels.spec]),
  };
}

function parseSpec(text: string | undefined): PodSpecDigest | undefined {
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    if (v !== null && typeof v === 'object' && 'containers' in v && Array.isArray(v.containers)) return v as PodSpecDigest;
  } catch {
    // A damaged label only costs the field diff; the hash still decides.
  }
  return undefined;
}

export function groupPods(containers: readonly ObservedContainer[]): ObservedPod[] {
  const groups = new Map<string, ObservedContainer[]>();
  for (const c of containers) {
    const key = `${c.host}|${c.namespace}|${c.app}|${c.slot}|${c.hash}`;
    const list = groups.get(key) ?? [];
    list.push(c);
    groups.set(key, list);
  }
  return [...groups.values()].flatMap((list) => {
    list.sort((a, b) => a.index - b.index);
    const first = list[0];
    if (first === undefined) return [];
    const spec = list.find((c) => c.spec !== undefined)?.spec;
    const expected = spec?.containers.length ?? list.length;
    return [
      {
        host: first.host,
        namespace: first.namespace,
        app: first.app,
        slot: first.slot,
        hash: first.hash,
        containers: list,
        spec,
        running: list.length === expected && list.every((c) => c.state === 'running'),
      },
    ];
  });
}

/** First container of a pod: owns the network namespace and the published ports. */
export function podMain(pod: ObservedPod): ObservedContainer | undefined {
  return pod.containers.find((c) => c.index === 0);
}

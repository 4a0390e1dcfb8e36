/**
 * Names and labels of what berth creates on a Docker host. Everything berth needs after a
 * restart is in these labels: there is no local state.
 */
import { Labels, MANAGED_BY } from '../../core/model.js';

/** Docker-only labels (the shared ones are `Labels` in core/model.ts). */
export const DockerLabels = {
  /** Index of the container inside its pod: 0 owns the network namespace. */
  containerIndex: 'berth.dev/container-index',
  /** Canonical JSON of the pod's spec digest (no secret values): plans diff against it. */
  spec: 'berth.dev/spec',
} as const;

export const NETWORK_PREFIX = 'berth_';

export function networkName(namespace: string): string {
  return `${NETWORK_PREFIX}${namespace}`;
}

/** Docker names allow [a-zA-Z0-9][a-zA-Z0-9_.-]*. */
function dockerSafe(part: string): string {
  return part.replace(/[^a-zA-Z0-9_.-]/g, '-');
}

export interface PodIdentity {
  readonly cluster: string;
  readonly namespace: string;
  readonly app: string;
  readonly slot: number;
  readonly hash: string;
}

/**
 * `berth-<cluster>-<namespace>-<app>-<slot>-<hash7>` for a pod's first container; extra containers
 * append `-<container>`. The hash in the name lets the new and the old container of a slot exist
 * side by side during a rolling replace.
 */
export function containerName(id: PodIdentity, index: number, container: string): string {
  const base = `berth-${id.cluster}-${id.namespace}-${id.app}-${id.slot}-${id.hash.slice(0, 7)}`;
  return dockerSafe(index === 0 ? base : `${base}-${container}`);
}

export interface Owner {
  readonly repo: string;
  readonly cluster: string;
}

/** Label filters that select only what this repository owns on this cluster. */
export function ownerFilters(owner: Owner): { label: string[] } {
  return {
    label: [`${Labels.managedBy}=${MANAGED_BY}`, `${Labels.repo}=${owner.repo}`, `${Labels.cluster}=${owner.cluster}`],
  };
}

export function ownerLabels(owner: Owner): Record<string, string> {
  return { [Labels.managedBy]: MANAGED_BY, [Labels.repo]: owner.repo, [Labels.cluster]: owner.cluster };
}

export function appKey(namespace: string, app: string): string {
  return `${namespace}/${app}`;
}

/** A user label may not override berth's own labels (they decide ownership). */
export function isReservedLabel(key: string): boolean {
  return key.startsWith('berth.dev/') || key === Labels.managedBy;
}

/**
 * Replica placement on a multi-host cluster (Docker): which host runs which slot.
 *
 * Rules, in order:
 * 1. Stability: a slot keeps its current host while that host exists and the slot still fits
 *    there (hostPort free, capacity left). A running replica never moves without a reason.
 * 2. Spread: a slot without a valid host goes to the host with the fewest replicas of this
 *    workload, then the fewest replicas in total, then the smallest name.
 * 3. Constraints: at most one replica per host per hostPort; the sum of requests on a host stays
 *    within its capacity when both are known (unknown capacity or request = no limit).
 * No host fits → BerthError BERTH_PLACEMENT naming the workload.
 */
import { BerthError, ErrorCode } from './errors.js';
import type { SourceLocation } from './errors.js';

export interface PlacementHost {
  readonly name: string;
  readonly cpuMilli?: number; // allocatable capacity; absent = unknown (no limit)
  readonly memoryBytes?: number;
  /** Requests already committed on this host by other workloads. */
  readonly usedCpuMilli?: number;
  readonly usedMemoryBytes?: number;
  /** Host ports already bound on this host by other workloads. */
  readonly usedHostPorts?: readonly number[];
  /** Which workload holds each used host port, for messages. */
  readonly hostPortOwners?: Readonly<Record<number, string>>;
  /**
   * Replicas of other workloads on this host, per workload key (for the "fewest in total" rule).
   * An entry for the workload being placed is ignored: its replicas come from `current`.
   */
  readonly existing: Readonly<Record<string, number>>;
}

export interface PlacementWorkload {
  readonly key: string; // e.g. namespace/app: names the workload in errors
  readonly replicas: number;
  readonly requests: { readonly cpuMilli?: number; readonly memoryBytes?: number };
  readonly hostPorts: readonly number[];
  readonly source?: SourceLocation;
}

export interface PlacementInput {
  readonly hosts: readonly PlacementHost[];
  readonly workload: PlacementWorkload;
  /** Current slot → host assignments (from what runs). */
  readonly current: ReadonlyMap<number, string>;
}

/** Slot → host for slots 0..replicas-1. */
export type Placement = ReadonlyMap<number, string>;

interface HostState {
  readonly host: PlacementHost;
  readonly others: number;
  mine: number;
  cpu: number;
  memory: number;
}

export function placeReplicas(input: PlacementInput): Placement {
  const { workload } = input;
  const states = new Map<string, HostState>();
  for (const host of input.hosts) {
    const others = Object.entries(host.existing)
      .filter(([key]) => key !== workload.key)
      .reduce((sum, [, n]) => sum + n, 0);
    states.set(host.name, { host, others, mine: 0, cpu: host.usedCpuMilli ?? 0, memory: host.usedMemoryBytes ?? 0 });
  }
  const result = new Map<number, string>();

  // 1. Keep valid current assignments, lowest slots first (they win a hostPort clash).
  const kept = [...input.current.entries()].filter(([slot]) => slot >= 0 && slot < workload.replicas).sort(([a], [b]) => a - b);
  for (const [slot, hostName] of kept) {
    const state = states.get(hostName);
    if (state !== undefined && fits(state, workload)) {
      take(state, workload);
      result.set(slot, hostName);
    }
  }

  // 2. Place the remaining slots by spread.
  for (let slot = 0; slot < workload.replicas; slot++) {
    if (result.has(slot)) continue;
    const candidates = [...states.values()].filter((s) => fits(s, workload));
    candidates.sort(
      (a, b) => a.mine - b.mine || a.others + a.mine - (b.others + b.mine) || compareNames(a.host.name, b.host.name),
    );
    const best = candidates[0];
    if (best === undefined) throw placementError(input, slot);
    take(best, workload);
    result.set(slot, best.host.name);
  }
  return result;
}

function fits(state: HostState, w: PlacementWorkload): boolean {
  // hostPort: the replicas of this workload on a host all bind the same host ports.
  if (w.hostPorts.length > 0 && state.mine > 0) return false;
  if (w.hostPorts.some((p) => state.host.usedHostPorts?.includes(p) === true)) return false;
  const { cpuMilli, memoryBytes } = state.host;
  if (cpuMilli !== undefined && w.requests.cpuMilli !== undefined && state.cpu + w.requests.cpuMilli > cpuMilli) return false;
  if (memoryBytes !== undefined && w.requests.memoryBytes !== undefined && state.memory + w.requests.memoryBytes > memoryBytes) {
    return false;
  }
  return true;
}

function take(state: HostState, w: PlacementWorkload): void {
  state.mine += 1;
  state.cpu += w.requests.cpuMilli ?? 0;
  state.memory += w.requests.memoryBytes ?? 0;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function placementError(input: PlacementInput, slot: number): BerthError {
  const w = input.workload;
  const reasons: string[] = [];
  if (input.hosts.length === 0) reasons.push('the cluster has no hosts');
  if (w.hostPorts.length > 0) {
    const taken = input.hosts.flatMap((h) =>
      w.hostPorts.flatMap((p) => {
        const owner = h.hostPortOwners?.[p];
        return owner !== undefined ? [`hostPort ${p} on host ${h.name} is taken by ${owner}`] : [];
      }),
    );
    reasons.push(...taken, `hostPort ${w.hostPorts.join(',')} allows one replica per host (${input.hosts.length} host(s))`);
  }
  if (w.requests.cpuMilli !== undefined || w.requests.memoryBytes !== undefined) reasons.push('resource requests exceed the free capacity');
  return new BerthError(
    ErrorCode.Placement,
    `cannot place replica ${slot} of ${w.key} (${w.replicas} replicas): ${reasons.join('; ') || 'no host fits'}`,
    { location: w.source, field: 'spec.replicas' },
  );
}

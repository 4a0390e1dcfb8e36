/**
 * Prune: delete what berth applied for this repository and no longer declares. An inventory entry
 * is deleted only when the live object still carries berth's labels for this repository and
 * cluster, nobody switched prune off (annotation `berth.dev/prune: "false"` on the object or on
 * its namespace), and — for a namespace — nothing berth still declares or keeps lives in it.
 * A kind the cluster no longer serves (its CRD is gone) counts as already deleted.
 */
import type { Logger } from 'pino';
import type { Change } from '../../core/plan.js';
import type { KubeApi } from './api.js';
import { PROTECTED_NAMESPACES, type InventoryEntry } from './inventory.js';
import { annotationsOf, describeRef, isOwnedBy, metadataOf, rankOf, type Body, type Ownership } from './objects.js';
import { mapLimit } from '../../core/concurrency.js';
import type { ResourceInfo } from './resources.js';

export const PRUNE_ANNOTATION = 'berth.dev/prune';

export type Verdict =
  | 'delete' // owned, not declared: delete it
  | 'gone' // already deleted (or its kind is no longer served)
  | 'not-owned' // labels say someone else owns it now: forget it
  | 'disabled' // prune switched off: leave it (it stays in the inventory, reported every pass)
  | 'in-use' // a namespace something declared or kept still lives in: keep it (and its entry)
  | 'protected'; // a system namespace: never deleted

export interface PruneDecision {
  readonly entry: InventoryEntry;
  readonly verdict: Verdict;
  readonly resource?: ResourceInfo;
  readonly uid?: string;
  readonly reason?: string;
}

export interface PruneContext {
  readonly api: KubeApi;
  readonly owner: Ownership;
  readonly log: Logger;
  readonly concurrency: number;
}

const isNamespace = (e: InventoryEntry): boolean => e.group === '' && e.kind === 'Namespace';

function pruneOff(obj: unknown): boolean {
  return annotationsOf(obj)[PRUNE_ANNOTATION] === 'false';
}

async function judge(ctx: PruneContext, entry: InventoryEntry, nsLive: (ns: string) => Promise<Body | undefined>): Promise<PruneDecision> {
  const resource = await ctx.api.resourceAnyVersion(entry.group, entry.kind, entry.version);
  if (resource === undefined) return { entry, verdict: 'gone', reason: `${entry.kind} is no longer served by the cluster` };
  const live = await ctx.api.get(resource, entry);
  if (live === undefined) return { entry, verdict: 'gone' };
  if (!isOwnedBy(live, ctx.owner)) return { entry, verdict: 'not-owned', reason: 'no longer carries berth labels of this repository' };
  if (pruneOff(live)) return { entry, verdict: 'disabled', reason: `${PRUNE_ANNOTATION}: "false"` };
  if (entry.namespace !== undefined && resource.namespaced && pruneOff(await nsLive(entry.namespace))) {
    return { entry, verdict: 'disabled', reason: `${PRUNE_ANNOTATION}: "false" on namespace ${entry.namespace}` };
  }
  const uid = metadataOf(live)['uid'];
  return { entry, verdict: 'delete', resource, ...(typeof uid === 'string' ? { uid } : {}) };
}

/** Decides about every candidate (reads only). `usedNamespaces`: namespaces declared objects live in. */
export async function judgePrune(
  ctx: PruneContext,
  candidates: readonly InventoryEntry[],
  usedNamespaces: ReadonlySet<string>,
): Promise<PruneDecision[]> {
  const nsCache = new Map<string, Promise<Body | undefined>>();
  const nsLive = (ns: string): Promise<Body | undefined> => {
    let p = nsCache.get(ns);
    if (p === undefined) {
      p = ctx.api.get({ group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false }, { namespace: undefined, name: ns });
      nsCache.set(ns, p);
    }
    return p;
  };
  const decisions = await mapLimit(candidates, ctx.concurrency, async (entry): Promise<PruneDecision> => {
    if (isNamespace(entry) && PROTECTED_NAMESPACES.has(entry.name)) return { entry, verdict: 'protected' };
    if (isNamespace(entry) && usedNamespaces.has(entry.name)) return { entry, verdict: 'in-use', reason: 'declared objects still live in it' };
    return judge(ctx, entry, nsLive);
  });
  // Deleting a namespace deletes everything in it: keep one that holds an object berth keeps.
  const kept = new Set(decisions.filter((d) => d.verdict === 'disabled' && d.entry.namespace !== undefined).map((d) => d.entry.namespace));
  return decisions.map((d) =>
    d.verdict === 'delete' && isNamespace(d.entry) && kept.has(d.entry.name)
      ? { entry: d.entry, verdict: 'in-use', reason: 'holds objects whose prune is switched off' }
      : d,
  );
}

export function pruneChange(d: PruneDecision): Change | undefined {
  const base = { kind: d.entry.kind, ...(d.entry.namespace !== undefined ? { namespace: d.entry.namespace } : {}), name: d.entry.name, fields: [] };
  if (d.verdict === 'delete') return { ...base, action: 'delete' };
  if (d.verdict === 'disabled') return { ...base, action: 'unchanged', reason: `not pruned: ${d.reason ?? ''}` };
  return undefined;
}

export interface PruneResult {
  readonly decision: PruneDecision;
  readonly deleted: boolean;
  readonly error?: Error;
}

/** Deletes in reverse apply order (workloads first, namespaces last). Never throws. */
export async function executePrune(ctx: PruneContext, decisions: readonly PruneDecision[]): Promise<PruneResult[]> {
  const results: PruneResult[] = [];
  const toDelete = decisions.filter((d) => d.verdict === 'delete');
  const ranks = [...new Set(toDelete.map((d) => rankOf(d.entry.group, d.entry.kind)))].sort((a, b) => b - a);
  for (const rank of ranks) {
    const batch = toDelete.filter((d) => rankOf(d.entry.group, d.entry.kind) === rank);
    results.push(
      ...(await mapLimit(batch, ctx.concurrency, async (decision): Promise<PruneResult> => {
        if (decision.resource === undefined) return { decision, deleted: false };
        try {
          const outcome = await ctx.api.delete(decision.resource, decision.entry, decision.uid);
          ctx.log.info({ object: describeRef(decision.entry), outcome }, 'pruned');
          return { decision, deleted: outcome !== 'replaced' };
        } catch (e) {
          return { decision, deleted: false, error: e instanceof Error ? e : new Error(String(e)) };
        }
      })),
    );
  }
  return results;
}

/**
 * The inventory: which objects berth applied for one repository on one cluster, kept in the
 * cluster as a ConfigMap `berth-system/berth-inventory-<repo hash>-<cluster>`. Prune considers
 * only objects listed here (and then only those still carrying berth's labels), so losing labels
 * or a stray label on someone else's object can never make berth delete it. Pure.
 *
 * One line per object, sorted, so the ConfigMap only changes when the set changes:
 *   <apiVersion> <kind> <namespace or -> <name> [<desired hash> <live hash>]
 * The two hashes (see verified.ts) record the last state berth verified with the server: the body
 * it sent and the object that resulted.
 */
import { apiVersionOf, identityKey, ownershipLabels, splitApiVersion, type Body, type ObjectRef, type Ownership } from './objects.js';

export const INVENTORY_NAMESPACE = 'berth-system';
export const INVENTORY_KEY = 'objects';
export const REPO_ID_ANNOTATION = 'berth.dev/repo-id';

/** What berth last sent for an object and what the server made of it (normalized), as hashes. */
export interface Verified {
  readonly desired: string;
  readonly live: string;
}

export type InventoryEntry = ObjectRef & { readonly verified?: Verified | undefined };

export function inventoryName(o: Ownership): string {
  return `berth-inventory-${o.repo}-${o.cluster}`.slice(0, 253).replace(/[-.]+$/, '');
}

const HASH = /^[0-9a-f]{8,64}$/;

function line(e: InventoryEntry, withHashes: boolean): string {
  const base = `${apiVersionOf(e)} ${e.kind} ${e.namespace ?? '-'} ${e.name}`;
  return withHashes && e.verified !== undefined ? `${base} ${e.verified.desired} ${e.verified.live}` : base;
}

/** The inventory text; without hashes it names only the set of objects (to tell whether that changed). */
export function encodeEntries(entries: Iterable<InventoryEntry>, opts: { readonly withHashes?: boolean } = {}): string {
  const lines = [...new Set([...entries].map((e) => line(e, opts.withHashes ?? true)))].sort();
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Lines that do not parse are skipped: a hand-edited inventory must not stop a pass. */
export function decodeEntries(text: string): InventoryEntry[] {
  const out: InventoryEntry[] = [];
  for (const raw of text.split('\n')) {
    const parts = raw.trim().split(/\s+/);
    if (parts.length !== 4 && parts.length !== 6) continue;
    const [apiVersion, kind, ns, name, desired, live] = parts as [string, string, string, string, string | undefined, string | undefined];
    const { group, version } = splitApiVersion(apiVersion);
    const verified = desired !== undefined && live !== undefined && HASH.test(desired) && HASH.test(live) ? { desired, live } : undefined;
    out.push({ group, version, kind, namespace: ns === '-' ? undefined : ns, name, ...(verified !== undefined ? { verified } : {}) });
  }
  return out;
}

export function inventoryBody(o: Ownership, repoId: string, entries: Iterable<InventoryEntry>): Body {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: inventoryName(o),
      namespace: INVENTORY_NAMESPACE,
      labels: ownershipLabels(o),
      annotations: { [REPO_ID_ANNOTATION]: repoId },
    },
    data: { [INVENTORY_KEY]: encodeEntries(entries) },
  };
}

/** Entries of the inventory that are no longer declared: the candidates for prune. */
export function pruneCandidates(inventory: readonly InventoryEntry[], desiredKeys: ReadonlySet<string>): InventoryEntry[] {
  const seen = new Set<string>();
  const out: InventoryEntry[] = [];
  for (const e of inventory) {
    const key = identityKey(e);
    if (desiredKeys.has(key) || seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

/**
 * The inventory to write: what is declared now (at its current apiVersion) plus `keep` — entries
 * not declared any more whose objects still exist (not yet pruned, or a failed delete).
 */
export function mergeEntries(declared: readonly InventoryEntry[], keep: readonly InventoryEntry[]): InventoryEntry[] {
  const byKey = new Map<string, InventoryEntry>();
  for (const e of keep) byKey.set(identityKey(e), e);
  for (const e of declared) byKey.set(identityKey(e), e);
  return [...byKey.values()];
}

/** Namespaces berth never deletes, whoever labelled them. */
export const PROTECTED_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease', INVENTORY_NAMESPACE]);

import { describe, it, expect } from '@jest/globals';
import { decodeEntries, encodeEntries, inventoryBody, inventoryName, mergeEntries, pruneCandidates, type InventoryEntry } from './inventory.js';
import { identityKey } from './objects.js';

const e = (apiVersion: string, kind: string, namespace: string | undefined, name: string): InventoryEntry => {
  const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/') as [string, string]) : ['', apiVersion];
  return { group, version, kind, namespace, name };
};

describe('inventory encoding', () => {
  const entries = [e('apps/v1', 'Deployment', 'shop', 'web'), e('v1', 'Namespace', undefined, 'shop'), e('v1', 'ConfigMap', 'shop', 'settings')];

  it('is one sorted line per object, so it only changes when the set changes', () => {
    expect(encodeEntries(entries)).toBe('apps/v1 Deployment shop web\nv1 ConfigMap shop settings\nv1 Namespace - shop\n');
    expect(encodeEntries([...entries].reverse())).toBe(encodeEntries(entries));
    expect(encodeEntries([])).toBe('');
  });

  it('round-trips', () => {
    expect(decodeEntries(encodeEntries(entries))).toEqual(expect.arrayContaining(entries));
  });

  it('carries the verified hashes, and can name the set alone', () => {
    const withHash = [{ ...e('v1', 'ConfigMap', 'shop', 'a'), verified: { desired: '0123456789abcdef', live: 'fedcba9876543210' } }];
    expect(encodeEntries(withHash)).toBe('v1 ConfigMap shop a 0123456789abcdef fedcba9876543210\n');
    expect(encodeEntries(withHash, { withHashes: false })).toBe('v1 ConfigMap shop a\n');
    expect(decodeEntries(encodeEntries(withHash))).toEqual(withHash);
    expect(decodeEntries('v1 ConfigMap shop a NOT-HEX also-not\n')).toEqual([e('v1', 'ConfigMap', 'shop', 'a')]);
  });

  it('skips lines it cannot read instead of failing the pass', () => {
    expect(decodeEntries('garbage\n\nv1 ConfigMap shop a\ntoo many parts here now\n')).toEqual([e('v1', 'ConfigMap', 'shop', 'a')]);
  });

  it('names the ConfigMap per repository and cluster, in berth-system', () => {
    const owner = { repo: '0123456789abcdef', cluster: 'prod' };
    expect(inventoryName(owner)).toBe('berth-inventory-0123456789abcdef-prod');
    expect(inventoryBody(owner, 'https://git.example/shop.git', entries)).toMatchObject({
      kind: 'ConfigMap',
      metadata: { namespace: 'berth-system', labels: { 'app.kubernetes.io/managed-by': 'berth' }, annotations: { 'berth.dev/repo-id': 'https://git.example/shop.git' } },
    });
  });
});

describe('pruneCandidates and mergeEntries', () => {
  const inventory = [
    e('autoscaling/v2', 'HorizontalPodAutoscaler', 'shop', 'web'),
    e('v1', 'ConfigMap', 'shop', 'old'),
    e('v1', 'ConfigMap', 'shop', 'kept'),
    e('v1', 'ConfigMap', 'shop', 'old'),
  ];
  const declared = [e('autoscaling/v1', 'HorizontalPodAutoscaler', 'shop', 'web'), e('v1', 'ConfigMap', 'shop', 'kept')];
  const keys = new Set(declared.map(identityKey));

  it.each<[string, InventoryEntry[], InventoryEntry[]]>([
    ['only what is no longer declared, once', inventory, [e('v1', 'ConfigMap', 'shop', 'old')]],
    ['a new apiVersion of the same kind and name is not a candidate', [e('autoscaling/v2', 'HorizontalPodAutoscaler', 'shop', 'web')], []],
    ['the same name in another namespace is another object', [e('v1', 'ConfigMap', 'other', 'kept')], [e('v1', 'ConfigMap', 'other', 'kept')]],
    ['the same name of another kind is another object', [e('v1', 'Secret', 'shop', 'kept')], [e('v1', 'Secret', 'shop', 'kept')]],
    ['an empty inventory prunes nothing', [], []],
  ])('%s', (_n, inv, expected) => {
    expect(pruneCandidates(inv, keys)).toEqual(expected);
  });

  it('merge: declared entries at their current apiVersion, plus the kept ones', () => {
    const merged = mergeEntries(declared, [e('autoscaling/v2', 'HorizontalPodAutoscaler', 'shop', 'web'), e('v1', 'ConfigMap', 'shop', 'old')]);
    expect(encodeEntries(merged)).toBe('autoscaling/v1 HorizontalPodAutoscaler shop web\nv1 ConfigMap shop kept\nv1 ConfigMap shop old\n');
  });
});

import { describe, it, expect } from '@jest/globals';
import { BerthError } from '../../core/errors.js';
import { clusterLabelValue, identityKey, isOwnedBy, ownershipSelector, rankOf, refOf, repoLabelValue, withOwnership } from './objects.js';

describe('refOf and identityKey', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['core namespaced', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' } }, '/ConfigMap/shop/c'],
    ['grouped', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } }, 'apps/Deployment/shop/web'],
    ['cluster-scoped drops a defaulted namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', namespace: 'default' } }, '/Namespace//shop'],
    ['the version is not part of the identity', { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace: 'n' } }, 'autoscaling/HorizontalPodAutoscaler/n/h'],
  ])('%s', (_n, body, key) => {
    expect(identityKey(refOf(body))).toBe(key);
  });

  it('v1 and v2 of a kind have the same identity', () => {
    const a = refOf({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace: 'n' } });
    const b = refOf({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace: 'n' } });
    expect(identityKey(a)).toBe(identityKey(b));
  });

  it.each([[{ kind: 'ConfigMap', metadata: { name: 'x' } }], [{ apiVersion: 'v1', metadata: { name: 'x' } }], [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }]])(
    'a body without apiVersion, kind or name is a BerthError: %j',
    (body) => {
      expect(() => refOf(body)).toThrow(BerthError);
    },
  );
});

describe('rankOf: the apply order', () => {
  it('namespaces and CRDs, then config, then Services, then workloads, then autoscalers, then the rest', () => {
    const kinds: [string, string][] = [
      ['example.com', 'Widget'],
      ['autoscaling', 'HorizontalPodAutoscaler'],
      ['apps', 'Deployment'],
      ['', 'Service'],
      ['', 'Secret'],
      ['', 'ServiceAccount'],
      ['', 'ConfigMap'],
      ['apiextensions.k8s.io', 'CustomResourceDefinition'],
      ['', 'Namespace'],
    ];
    const sorted = [...kinds].sort((a, b) => rankOf(...a) - rankOf(...b) || a[1].localeCompare(b[1]));
    expect(sorted.map((k) => k[1])).toEqual(['CustomResourceDefinition', 'Namespace', 'ConfigMap', 'Secret', 'ServiceAccount', 'Service', 'Deployment', 'HorizontalPodAutoscaler', 'Widget']);
  });
});

describe('labels', () => {
  it('the repository label is a 16-hex hash, stable and DNS-label safe', () => {
    const v = repoLabelValue('https://git.example.com/a/very/long/path/to/a/repository/with/a/long/name.git');
    expect(v).toMatch(/^[0-9a-f]{16}$/);
    expect(repoLabelValue('https://git.example.com/a/very/long/path/to/a/repository/with/a/long/name.git')).toBe(v);
    expect(repoLabelValue('/srv/config')).not.toBe(v);
  });

  it.each([
    ['prod', 'prod'],
    ['eu-west-1.prod', 'eu-west-1.prod'],
    ['x'.repeat(64), /^c-[0-9a-f]{16}$/],
    ['-bad', /^c-[0-9a-f]{16}$/],
  ])('cluster %s → %s', (name, expected) => {
    if (typeof expected === 'string') expect(clusterLabelValue(name)).toBe(expected);
    else expect(clusterLabelValue(name)).toMatch(expected);
  });

  it('ownership labels win over user labels of the same key and keep the rest', () => {
    const owner = { repo: 'abc', cluster: 'prod' };
    const body = withOwnership({ metadata: { name: 'x', labels: { app: 'web', 'app.kubernetes.io/managed-by': 'helm' } } }, owner);
    expect(body['metadata']).toEqual({ name: 'x', labels: { app: 'web', 'app.kubernetes.io/managed-by': 'berth', 'berth.dev/repo': 'abc', 'berth.dev/cluster': 'prod' } });
    expect(isOwnedBy(body, owner)).toBe(true);
    expect(isOwnedBy(body, { repo: 'abc', cluster: 'staging' })).toBe(false);
    expect(ownershipSelector(owner)).toBe('app.kubernetes.io/managed-by=berth,berth.dev/repo=abc,berth.dev/cluster=prod');
  });
});

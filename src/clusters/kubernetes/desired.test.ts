import { describe, it, expect } from '@jest/globals';
import { prepareDesired } from './desired.js';

const owner = { repo: 'abc', cluster: 'prod' };

describe('prepareDesired', () => {
  const objects = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: {} },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'shop' }, stringData: { a: 'b' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'tools' } },
  ];
  const p = prepareDesired({ objects, namespaces: ['shop', 'tools', 'extra'] }, owner);

  it('labels every object as berth’s, and Deployments with their app', () => {
    for (const o of p.objects) expect((o.body['metadata'] as { labels: Record<string, string> }).labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'berth', 'berth.dev/repo': 'abc', 'berth.dev/cluster': 'prod' });
    const web = p.objects.find((o) => o.ref.kind === 'Deployment');
    expect(web?.app).toBe('web');
    expect((web?.body['metadata'] as { labels: Record<string, string> }).labels['berth.dev/app']).toBe('web');
  });

  it('marks Secrets so their payload is never shown', () => {
    expect(p.objects.filter((o) => o.secret).map((o) => o.ref.name)).toEqual(['s']);
  });

  it('namespaces used but not declared are implicit, sorted', () => {
    expect(p.implicitNamespaces.map((o) => o.ref.name)).toEqual(['extra', 'tools']);
    expect(p.implicitNamespaces[0]?.rank).toBe(0);
  });

  it('does not modify the input', () => {
    expect(objects[0]).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  });
});

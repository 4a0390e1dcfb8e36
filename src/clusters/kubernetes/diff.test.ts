import { describe, it, expect } from '@jest/globals';
import { diffObjects } from './diff.js';
import { stripServerFields } from './normalize.js';

describe('diffObjects', () => {
  it.each<[string, unknown, unknown, unknown[]]>([
    ['equal objects', { a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }, []],
    ['a scalar changes', { spec: { replicas: 2 } }, { spec: { replicas: 3 } }, [{ path: 'spec.replicas', old: 2, new: 3 }]],
    ['a field appears', { spec: {} }, { spec: { paused: true } }, [{ path: 'spec.paused', new: true }]],
    ['a field disappears', { spec: { paused: true } }, { spec: {} }, [{ path: 'spec.paused', old: true }]],
    ['undefined members are absent', { a: 1, b: undefined }, { a: 1 }, []],
    ['map keys that are not identifiers are bracketed', { metadata: { labels: { 'app.kubernetes.io/name': 'a' } } }, { metadata: { labels: { 'app.kubernetes.io/name': 'b' } } }, [{ path: 'metadata.labels[app.kubernetes.io/name]', old: 'a', new: 'b' }]],
    [
      'lists of named items are keyed by name',
      { containers: [{ name: 'web', image: 'a:1' }, { name: 'side', image: 's:1' }] },
      { containers: [{ name: 'init', image: 'i:1' }, { name: 'web', image: 'a:2' }, { name: 'side', image: 's:1' }] },
      [{ path: 'containers[web].image', old: 'a:1', new: 'a:2' }, { path: 'containers[init]', new: { name: 'init', image: 'i:1' } }],
    ],
    [
      'env by name',
      { env: [{ name: 'COLOR', value: 'teal' }] },
      { env: [{ name: 'COLOR', value: 'orange' }] },
      [{ path: 'env[COLOR].value', old: 'teal', new: 'orange' }],
    ],
    [
      'reordered named items: the order is the change',
      { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
      { env: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }] },
      [{ path: 'env(order)', old: ['A', 'B'], new: ['B', 'A'] }],
    ],
    ['lists of scalars are shown whole', { args: ['-a', '-b'] }, { args: ['-a', '-c'] }, [{ path: 'args', old: ['-a', '-b'], new: ['-a', '-c'] }]],
    ['unnamed object lists are indexed', { ports: [{ port: 80 }, { port: 81 }] }, { ports: [{ port: 80 }, { port: 82 }] }, [{ path: 'ports[1].port', old: 81, new: 82 }]],
    ['type changes are one change', { a: { b: 1 } }, { a: 'x' }, [{ path: 'a', old: { b: 1 }, new: 'x' }]],
  ])('%s', (_name, a, b, expected) => {
    expect(diffObjects(a, b, { secret: false })).toEqual(expected);
  });

  it.each<[string, unknown, unknown, unknown[]]>([
    ['a data value changes', { data: { pw: 'YQ==' } }, { data: { pw: 'Yg==' } }, [{ path: 'data.pw', old: '<secret>', new: '<secret>' }]],
    ['a key appears', { data: {} }, { data: { 'tls.key': 'Yg==' } }, [{ path: 'data[tls.key]', new: '<secret>' }]],
    ['all data appears', {}, { data: { pw: 'Yg==' } }, [{ path: 'data', new: '<secret>' }]],
    ['stringData', { stringData: { pw: 'a' } }, { stringData: { pw: 'b' } }, [{ path: 'stringData.pw', old: '<secret>', new: '<secret>' }]],
    [
      'the last-applied annotation repeats the values',
      { metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"pw":"YQ=="}}' } } },
      { metadata: { annotations: {} } },
      [{ path: 'metadata.annotations[kubectl.kubernetes.io/last-applied-configuration]', old: '<secret>' }],
    ],
    ['other fields of a Secret are shown', { type: 'Opaque' }, { type: 'kubernetes.io/tls' }, [{ path: 'type', old: 'Opaque', new: 'kubernetes.io/tls' }]],
  ])('Secret: %s', (_name, a, b, expected) => {
    expect(diffObjects(a, b, { secret: true })).toEqual(expected);
  });
});

describe('stripServerFields', () => {
  const id = { apiVersion: 'apps/v1', kind: 'Deployment' };
  it('drops what the server owns and keeps the rest', () => {
    const live = {
      metadata: {
        name: 'web',
        namespace: 'shop',
        uid: 'u-1',
        resourceVersion: '42',
        generation: 3,
        creationTimestamp: '2026-01-01T00:00:00Z',
        managedFields: [{ manager: 'berth' }],
        labels: { app: 'web' },
        annotations: { 'deployment.kubernetes.io/revision': '3', owner: 'team-a' },
      },
      spec: { replicas: 2 },
      status: { readyReplicas: 2 },
    };
    expect(stripServerFields(live, id)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' }, annotations: { owner: 'team-a' } },
      spec: { replicas: 2 },
    });
  });

  it('a live object and a dry-run result differing only in bookkeeping compare equal', () => {
    const live = { metadata: { name: 'w', resourceVersion: '1', managedFields: [{ time: 't1' }], annotations: { 'deployment.kubernetes.io/revision': '1' } }, spec: { a: 1 }, status: { x: 1 } };
    const dry = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w', resourceVersion: '2', managedFields: [{ time: 't2' }] }, spec: { a: 1 } };
    expect(diffObjects(stripServerFields(live, id), stripServerFields(dry, id), { secret: false })).toEqual([]);
  });
});

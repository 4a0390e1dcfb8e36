import { describe, it, expect } from '@jest/globals';
import { BerthError, ErrorCode } from '../../core/errors.js';
import type { PodContainer, Workload } from '../../core/model.js';
import { SECRET_PLACEHOLDER } from '../../core/plan.js';
import { hashOfDigest, podSpecDigest } from '../../core/spec-hash.js';
import { diffPodSpecs } from './diff.js';
import type { ObservedHost, ObservedPod } from './observe.js';
import { planChanges, planDocker, type DesiredApp } from './plan.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const container = (greeting: string, extra: Partial<PodContainer> = {}): PodContainer => ({
  name: 'web',
  image: 'berth-demo/web:1',
  env: [
    { name: 'GREETING', value: greeting, secret: false },
    { name: 'TOKEN', value: 'hunter2', secret: true },
  ],
  ports: [{ containerPort: 8080, protocol: 'TCP' }],
  resources: {},
  files: [],
  ...extra,
});
const wl = (replicas: number, c: PodContainer = container('hi'), app = 'web'): Workload => ({
  namespace: 'shop',
  app,
  replicas,
  containers: [c],
  labels: {},
  source: { file: 'apps/web.yaml', line: 1, column: 1 },
});
const desiredApp = (w: Workload): DesiredApp => {
  const digest = podSpecDigest(w);
  return { workload: w, key: `${w.namespace}/${w.app}`, digest, hash: hashOfDigest(digest) };
};

let seq = 0;
/** An observed pod as the driver would list it, for the spec of `w`. */
function pod(w: Workload, slot: number, host: string, state = 'running'): ObservedPod {
  const d = desiredApp(w);
  const id = `c${++seq}`;
  return {
    host,
    namespace: w.namespace,
    app: w.app,
    slot,
    hash: d.hash,
    spec: d.digest,
    running: state === 'running',
    containers: [
      {
        id,
        name: `berth-local-shop-${w.app}-${slot}-${d.hash.slice(0, 7)}`,
        host,
        state,
        namespace: w.namespace,
        app: w.app,
        slot,
        hash: d.hash,
        index: 0,
        container: 'web',
        revision: 'r',
        ports: [],
        ips: {},
        spec: d.digest,
      },
    ],
  };
}

const host = (name: string, pods: ObservedPod[] = [], namespaces: string[] = ['shop']): ObservedHost => ({
  name,
  info: { cpuMilli: 2000, memoryBytes: 1 << 30 },
  pods,
  networks: namespaces.map((ns) => ({ id: `n-${name}-${ns}`, name: `berth_${ns}`, host: name, namespace: ns })),
});

type StepSummary = string;
function summarize(hosts: ObservedHost[], apps: Workload[], namespaces = ['shop']): StepSummary[] {
  const plan = planDocker({ cluster: 'local', hosts, namespaces, apps: apps.map(desiredApp) });
  return plan.apps.flatMap((a) =>
    a.steps.map((s) => {
      switch (s.kind) {
        case 'keep':
          return `${a.app} keep ${s.slot}@${s.host}`;
        case 'create':
          return `${a.app} create ${s.slot}@${s.host}`;
        case 'replace':
          return `${a.app} replace ${s.slot}@${s.old.host}→${s.host}`;
        case 'remove':
          return `${a.app} remove ${s.pod.slot}@${s.pod.host} (${s.reason})`;
      }
    }),
  );
}

const v1 = wl(2);
const v2 = wl(2, container('changed'));

describe('planDocker steps', () => {
  it.each<[string, ObservedHost[], Workload[], StepSummary[]]>([
    ['fresh: create every slot, spread', [host('a'), host('b')], [v1], ['web create 0@a', 'web create 1@b']],
    ['unchanged: keep everything', [host('a', [pod(v1, 0, 'a'), pod(v1, 1, 'a')])], [v1], ['web keep 0@a', 'web keep 1@a']],
    [
      'spec change: replace slot by slot on the same host',
      [host('a', [pod(v1, 0, 'a')]), host('b', [pod(v1, 1, 'b')])],
      [v2],
      ['web replace 0@a→a', 'web replace 1@b→b'],
    ],
    ['scale up keeps and adds', [host('a', [pod(v1, 0, 'a')]), host('b')], [wl(3)], ['web keep 0@a', 'web create 1@b', 'web create 2@a']],
    [
      'scale down removes highest slots first',
      [host('a', [pod(v1, 0, 'a'), pod(v1, 1, 'a'), pod(v1, 2, 'a')])],
      [wl(1)],
      ['web remove 2@a (scale down)', 'web remove 1@a (scale down)', 'web keep 0@a'],
    ],
    [
      'crash: old and new of one slot both running → keep the new, drop the old',
      [host('a', [pod(v1, 0, 'a'), pod(v2, 0, 'a'), pod(v2, 1, 'a')])],
      [v2],
      ['web keep 0@a', 'web remove 0@a (duplicate of the slot)', 'web keep 1@a'],
    ],
    [
      'crash: created-but-not-started new container → removed first, then replace the old',
      [host('a', [pod(v1, 0, 'a'), pod(v2, 0, 'a', 'created')])],
      [wl(1, container('changed'))],
      ['web remove 0@a (not running (created))', 'web replace 0@a→a'],
    ],
    ['exited pod with the desired hash is recreated', [host('a', [pod(v1, 0, 'a', 'exited')])], [wl(1)], ['web remove 0@a (not running (exited))', 'web create 0@a']],
    [
      'a slot running on two hosts keeps one',
      [host('a', [pod(v1, 0, 'a')]), host('b', [pod(v1, 0, 'b')])],
      [wl(1)],
      ['web keep 0@a', 'web remove 0@b (duplicate of the slot)'],
    ],
    ['removed app: all pods go', [host('a', [pod(wl(1, container('x'), 'old'), 0, 'a')])], [], ['old remove 0@a (app removed from the revision)']],
  ])('%s', (_name, hosts, apps, expected) => {
    expect(summarize(hosts, apps)).toEqual(expected);
  });

  it('placement failure is reported on the app, with nothing to do', () => {
    const w = wl(3, container('hi', { ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }] }));
    const plan = planDocker({ cluster: 'local', hosts: [host('a'), host('b')], namespaces: ['shop'], apps: [desiredApp(w)] });
    expect(plan.apps[0]?.steps).toEqual([]);
    expect(plan.apps[0]?.error).toBeInstanceOf(BerthError);
    expect((plan.apps[0]?.error as BerthError).code).toBe(ErrorCode.Placement);
  });

  it('a hostPort held by a running app stays with it; the newcomer fails naming the holder', () => {
    const port = { ports: [{ containerPort: 80, hostPort: 18080, protocol: 'TCP' as const }] };
    const holder = wl(1, container('hi', port), 'zzz');
    const newcomer = wl(1, container('hi', port), 'aaa');
    const plan = planDocker({ cluster: 'local', hosts: [host('a', [pod(holder, 0, 'a')])], namespaces: ['shop'], apps: [desiredApp(newcomer), desiredApp(holder)] });
    const byApp = new Map(plan.apps.map((a) => [a.app, a]));
    expect(byApp.get('zzz')?.error).toBeUndefined();
    expect(byApp.get('zzz')?.steps.map((st) => st.kind)).toEqual(['keep']);
    expect(byApp.get('aaa')?.error?.message).toContain('hostPort 18080 on host a is taken by shop/zzz');
  });
});

describe('planDocker networks and changes', () => {
  it.each<[string, ObservedHost[], string[], string[]]>([
    ['missing network is created per host', [host('a', [], []), host('b', [], ['shop'])], ['shop'], ['create berth_shop@a', 'unchanged berth_shop@b']],
    ['undeclared namespace network is deleted', [host('a', [], ['shop', 'old'])], ['shop'], ['unchanged berth_shop@a', 'delete berth_old@a']],
    [
      "another repository's network is shared, never created again nor deleted",
      [{ ...host('a', [], []), networks: [{ id: 'n1', name: 'berth_shop', host: 'a', namespace: 'shop', owned: false }, { id: 'n2', name: 'berth_x', host: 'a', namespace: 'x', owned: false }] }],
      ['shop'],
      ['unchanged berth_shop@a'],
    ],
  ])('%s', (_n, hosts, namespaces, expected) => {
    const plan = planDocker({ cluster: 'local', hosts, namespaces, apps: [] });
    expect(planChanges(plan).filter((c) => c.kind === 'Network').map((c) => `${c.action} ${c.name}@${String(c.fields[0]?.new)}`)).toEqual(expected);
  });

  it('reports Deployment field diffs and per-container changes', () => {
    const plan = planDocker({ cluster: 'local', hosts: [host('a', [pod(v1, 0, 'a'), pod(v1, 1, 'a')])], namespaces: ['shop'], apps: [desiredApp(wl(3, container('changed')))] });
    const changes = planChanges(plan);
    const deployment = changes.find((c) => c.kind === 'Deployment');
    expect(deployment).toMatchObject({ action: 'update', name: 'web' });
    expect(deployment?.fields).toEqual([
      { path: 'spec.replicas', old: 2, new: 3 },
      { path: 'containers[web].env.GREETING', old: 'hi', new: 'changed' },
    ]);
    expect(changes.filter((c) => c.kind === 'Container').map((c) => c.action)).toEqual(['update', 'update', 'create']);
  });

  it('an unchanged app plans as unchanged (no Container changes)', () => {
    const changes = planChanges(planDocker({ cluster: 'local', hosts: [host('a', [pod(v1, 0, 'a'), pod(v1, 1, 'a')])], namespaces: ['shop'], apps: [desiredApp(v1)] }));
    expect(changes.map((c) => `${c.kind} ${c.action}`)).toEqual(['Network unchanged', 'Deployment unchanged']);
  });
});

describe('diffPodSpecs', () => {
  const d = (c: PodContainer, labels: Record<string, string> = {}) => podSpecDigest({ containers: [c], labels });
  it.each<[string, PodContainer, PodContainer, { path: string; old?: unknown; new?: unknown }[]]>([
    ['no change', container('a'), container('a'), []],
    ['image', container('a'), container('a', { image: 'x:2' }), [{ path: 'containers[web].image', old: 'berth-demo/web:1', new: 'x:2' }]],
    [
      'secret env value is masked',
      container('a'),
      container('a', { env: [{ name: 'GREETING', value: 'a', secret: false }, { name: 'TOKEN', value: 'other', secret: true }] }),
      [{ path: 'containers[web].env.TOKEN', old: SECRET_PLACEHOLDER, new: SECRET_PLACEHOLDER }],
    ],
    [
      'limits',
      container('a'),
      container('a', { resources: { cpuLimitMilli: 500 } }),
      [{ path: 'containers[web].resources.cpuLimitMilli', new: 500 }],
    ],
    [
      'secret file content is masked',
      container('a', { files: [{ path: '/s/k', content: text('one'), mode: 0o600, secret: true }] }),
      container('a', { files: [{ path: '/s/k', content: text('two'), mode: 0o600, secret: true }] }),
      [{ path: 'containers[web].files[/s/k]', old: SECRET_PLACEHOLDER, new: SECRET_PLACEHOLDER }],
    ],
    [
      'config file added',
      container('a'),
      container('a', { files: [{ path: '/c/app.conf', content: text('x'), mode: 0o644, secret: false }] }),
      [{ path: 'containers[web].files[/c/app.conf]', new: expect.stringMatching(/^sha256:[0-9a-f]{16} mode 644$/) }],
    ],
    [
      'env reordered',
      container('a'),
      container('a', { env: [...container('a').env].reverse() }),
      [{ path: 'containers[web].env', old: 'order', new: 'reordered' }],
    ],
  ])('%s', (_n, a, b, expected) => {
    expect(diffPodSpecs(d(a), d(b))).toEqual(expected);
  });

  it('never shows a secret value', () => {
    const out = JSON.stringify(diffPodSpecs(undefined, d(container('a'))).concat(diffPodSpecs(d(container('a')), undefined)));
    expect(out).not.toContain('hunter2');
  });
});

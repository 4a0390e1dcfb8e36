/**
 * The Kubernetes driver against a real control plane (etcd, kube-apiserver, controller-manager,
 * scheduler, kwok): apply, idempotence with zero writes, field diffs, prune, health.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ControlPlane } from '../harness/kube.js';
import { NEVER_READY_LABEL } from '../harness/kube.js';
import { BerthError, ErrorCode } from '../../src/core/errors.js';
import { RUN, TOKEN_ENV, applyCounting, configMap, controlPlane, ctx, deployment, desired, driverFor, getJson, kubectl, log, namespace, planCounting } from './kubernetes-helpers.js';

let cp: ControlPlane;

beforeAll(async () => {
  cp = await controlPlane();
}, 25 * 60_000);

afterAll(async () => {
  await cp.stop();
}, 60_000);

const labelsOf = (o: Record<string, unknown> | undefined): Record<string, string> =>
  ((o?.['metadata'] as { labels?: Record<string, string> } | undefined)?.labels ?? {});
const uidOf = (o: Record<string, unknown> | undefined): string | undefined => (o?.['metadata'] as { uid?: string } | undefined)?.uid;

describe('apply → idempotent → change → prune', () => {
  const repo = `https://git.example/shop-${RUN}.git`;
  const ns = `shop-${RUN}`;
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: ns }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
  const v1 = [
    namespace(ns),
    configMap('settings', ns, { mode: 'blue' }),
    configMap('extra', ns, { a: '1' }),
    service,
    deployment('web', ns, { replicas: 2 }),
  ];

  it('creates everything in order, labelled as berth, and reports a healthy Deployment', async () => {
    const r = await applyCounting(cp, desired(cp, repo, v1));
    expect(r.errors).toEqual([]);
    expect(r.plan.changes.map((c) => `${c.action} ${c.kind} ${c.name}`)).toEqual([
      `create Namespace ${ns}`,
      'create ConfigMap settings',
      'create ConfigMap extra',
      'create Service web',
      'create Deployment web',
    ]);
    expect(r.apps).toEqual([{ namespace: ns, app: 'web', desiredReplicas: 2, runningReplicas: 2, readyReplicas: 2, result: 'healthy', message: expect.any(String) }]);
    const cm = await getJson(cp, ['configmap', 'settings', '-n', ns, '--show-managed-fields']);
    expect(labelsOf(cm)).toMatchObject({ 'app.kubernetes.io/managed-by': 'berth', 'berth.dev/cluster': 'k8s', 'berth.dev/repo': expect.stringMatching(/^[0-9a-f]{16}$/) });
    const managers = (cm?.['metadata'] as { managedFields: { manager: string; operation: string }[] }).managedFields;
    expect(managers.map((m) => `${m.manager}/${m.operation}`)).toEqual(['berth/Apply']);
    const repoHash = labelsOf(cm)['berth.dev/repo'] ?? '';
    const inv = await kubectl(cp, ['get', 'configmap', '-n', 'berth-system', `berth-inventory-${repoHash}-k8s`, '-o', 'jsonpath={.data.objects}']);
    // Each line may carry two hashes of the last verified state after the object's identity.
    expect(inv.split('\n').map((l) => l.split(' ').slice(0, 4).join(' '))).toEqual([`apps/v1 Deployment ${ns} web`, `v1 ConfigMap ${ns} extra`, `v1 ConfigMap ${ns} settings`, `v1 Namespace - ${ns}`, `v1 Service ${ns} web`]);
  });

  it('a second apply of the same input is all unchanged and makes zero mutating requests', async () => {
    // With every dry run made (nothing reused from the inventory's record):
    const dry = await applyCounting(cp, desired(cp, repo, v1), { reuseVerified: false });
    expect(dry.errors).toEqual([]);
    expect(dry.plan.changes.every((c) => c.action === 'unchanged')).toBe(true);
    expect(dry.counts).toEqual({ reads: 5, writes: 0, dryRuns: 5 });
    expect(dry.apps[0]?.result).toBe('healthy');
    // By default: inputs identical to what the server last answered need no dry run at all.
    const r = await applyCounting(cp, desired(cp, repo, v1));
    expect(r.plan.changes.every((c) => c.action === 'unchanged')).toBe(true);
    expect(r.counts).toEqual({ reads: 5, writes: 0, dryRuns: 0 });
  });

  it('someone else changing a field berth owns is drift: found by the dry run and reverted', async () => {
    await kubectl(cp, ['scale', 'deployment', 'web', '-n', ns, '--replicas=5']);
    const { plan } = await planCounting(cp, desired(cp, repo, v1));
    expect(plan.changes.filter((c) => c.action !== 'unchanged')).toEqual([
      { action: 'update', kind: 'Deployment', namespace: ns, name: 'web', app: 'web', fields: [{ path: 'spec.replicas', old: 5, new: 2 }] },
    ]);
    const r = await applyCounting(cp, desired(cp, repo, v1));
    // One write: the Deployment is back to the state the inventory recorded, so that record stands.
    expect(r.counts.writes).toBe(1);
    expect(r.apps[0]).toMatchObject({ desiredReplicas: 2, result: 'healthy' });
    expect((await applyCounting(cp, desired(cp, repo, v1))).counts).toEqual({ reads: 5, writes: 0, dryRuns: 0 });
  });

  it('plan shows a change field by field from the dry run, without writing', async () => {
    const changed = [...v1.slice(0, 1), configMap('settings', ns, { mode: 'green' }), ...v1.slice(2, 4), deployment('web', ns, { replicas: 3 })];
    const { plan, counts } = await planCounting(cp, desired(cp, repo, changed));
    expect(counts.writes).toBe(0);
    expect(plan.changes.filter((c) => c.action !== 'unchanged')).toEqual([
      { action: 'update', kind: 'ConfigMap', namespace: ns, name: 'settings', fields: [{ path: 'data.mode', old: 'blue', new: 'green' }] },
      { action: 'update', kind: 'Deployment', namespace: ns, name: 'web', app: 'web', fields: [{ path: 'spec.replicas', old: 2, new: 3 }] },
    ]);
  });

  it('a change writes only the changed objects', async () => {
    const changed = [...v1.slice(0, 1), configMap('settings', ns, { mode: 'green' }), ...v1.slice(2, 4), deployment('web', ns, { replicas: 3 })];
    const uidBefore = uidOf(await getJson(cp, ['configmap', 'settings', '-n', ns]));
    const r = await applyCounting(cp, desired(cp, repo, changed));
    expect(r.errors).toEqual([]);
    expect(r.counts.writes).toBe(3); // two objects, then the inventory's record of them
    expect(r.apps[0]).toMatchObject({ desiredReplicas: 3, readyReplicas: 3, result: 'healthy' });
    const cm = await getJson(cp, ['configmap', 'settings', '-n', ns]);
    expect((cm?.['data'] as Record<string, string>)['mode']).toBe('green');
    expect(uidOf(cm)).toBe(uidBefore);
  });

  it('prune deletes what is no longer declared and only that; an object with berth.dev/prune "false" stays', async () => {
    // Someone else's ConfigMap in the same namespace, carrying berth's labels by copy-paste: not in the inventory.
    await kubectl(cp, ['apply', '-f', '-'], JSON.stringify({ ...configMap('foreign', ns, { x: '1' }), metadata: { name: 'foreign', namespace: ns, labels: labelsOf(await getJson(cp, ['configmap', 'settings', '-n', ns])) } }));
    // The user switches prune off on `extra` (applied by berth), then removes it and the Service from Git.
    const keep = [...v1.slice(0, 1), configMap('settings', ns, { mode: 'green' }), { ...configMap('extra', ns, { a: '1' }), metadata: { name: 'extra', namespace: ns, annotations: { 'berth.dev/prune': 'false' } } }, service, deployment('web', ns, { replicas: 3 })];
    expect((await applyCounting(cp, desired(cp, repo, keep))).errors).toEqual([]);
    const last = [...v1.slice(0, 1), configMap('settings', ns, { mode: 'green' }), deployment('web', ns, { replicas: 3 })];
    const { plan } = await planCounting(cp, desired(cp, repo, last));
    expect(plan.changes.filter((c) => c.action !== 'unchanged' || c.reason !== undefined)).toEqual([
      { action: 'unchanged', kind: 'ConfigMap', namespace: ns, name: 'extra', fields: [], reason: 'not pruned: berth.dev/prune: "false"' },
      { action: 'delete', kind: 'Service', namespace: ns, name: 'web', fields: [] },
    ]);
    const r = await applyCounting(cp, desired(cp, repo, last));
    expect(r.errors).toEqual([]);
    expect(r.plan.changes.filter((c) => c.action === 'delete').map((c) => `${c.kind} ${c.name}`)).toEqual(['Service web']);
    expect(await getJson(cp, ['service', 'web', '-n', ns])).toBeUndefined();
    expect(await getJson(cp, ['configmap', 'extra', '-n', ns])).toBeDefined();
    expect(await getJson(cp, ['configmap', 'foreign', '-n', ns])).toBeDefined();
    const again = await applyCounting(cp, desired(cp, repo, last));
    expect(again.counts.writes).toBe(0);
    expect(again.plan.changes.filter((c) => c.action !== 'unchanged' || c.reason !== undefined).map((c) => `${c.name}: ${c.reason ?? c.action}`)).toEqual(['extra: not pruned: berth.dev/prune: "false"']);
  });
});

describe('health', () => {
  it('a Deployment whose pods never become Ready reports failed once its progress deadline passes', async () => {
    const ns = `never-${RUN}`;
    const bad = deployment('stuck', ns, { replicas: 2, podLabels: { [NEVER_READY_LABEL]: 'true' }, extra: { progressDeadlineSeconds: 3 } });
    const r = await applyCounting(cp, desired(cp, `https://git.example/never-${RUN}.git`, [bad]), { healthTimeoutMs: 90_000 });
    expect(r.errors).toEqual([]);
    expect(r.apps).toEqual([
      { namespace: ns, app: 'stuck', desiredReplicas: 2, runningReplicas: 2, readyReplicas: 0, result: 'failed', message: expect.stringMatching(/has timed out progressing/) },
    ]);
  }, 120_000);

  it('a rollout that is not done within the bound reports progressing, after waiting on the injected clock', async () => {
    const ns = `slow-${RUN}`;
    const bad = deployment('slow', ns, { podLabels: { [NEVER_READY_LABEL]: 'true' }, extra: { progressDeadlineSeconds: 600 } });
    let t = 0;
    const clock = { now: () => t };
    const slept: number[] = [];
    const h = driverFor(cp, { healthTimeoutMs: 5_000, pollIntervalMs: 1_000, sleep: async (ms) => { slept.push(ms); t += ms; await new Promise((r) => setTimeout(r, 10)); } });
    try {
      const r = await h.driver.apply(desired(cp, `https://git.example/slow-${RUN}.git`, [bad]), { log, clock });
      expect(r.apps[0]).toMatchObject({ result: 'progressing', message: expect.stringMatching(/still progressing after 5s/) });
      expect(slept).toEqual([1000, 1000, 1000, 1000, 1000]);
    } finally {
      await h.driver.close();
    }
  });
});

describe('ownership and inventory', () => {
  it('creates a namespace nobody declared and leaves an existing one (default) alone', async () => {
    const ns = `implicit-${RUN}`;
    const repo = `https://git.example/implicit-${RUN}.git`;
    const r = await applyCounting(cp, desired(cp, repo, [configMap('a', ns, { k: 'v' }), configMap(`b-${RUN}`, 'default', { k: 'v' })]));
    expect(r.errors).toEqual([]);
    expect(r.plan.changes.map((c) => `${c.action} ${c.kind} ${c.name}`)).toEqual([`create Namespace ${ns}`, 'create ConfigMap a', `create ConfigMap b-${RUN}`]);
    expect(labelsOf(await getJson(cp, ['namespace', ns]))['app.kubernetes.io/managed-by']).toBe('berth');
    expect(labelsOf(await getJson(cp, ['namespace', 'default']))['app.kubernetes.io/managed-by']).toBeUndefined();
    const again = await applyCounting(cp, desired(cp, repo, [configMap('a', ns, { k: 'v' }), configMap(`b-${RUN}`, 'default', { k: 'v' })]));
    expect(again.counts.writes).toBe(0);
    // Implicit namespaces are never in the inventory, so they are never pruned.
    const gone = await applyCounting(cp, desired(cp, repo, []));
    expect(gone.plan.changes.map((c) => `${c.action} ${c.kind} ${c.name}`).sort()).toEqual(['delete ConfigMap a', `delete ConfigMap b-${RUN}`]);
    expect(await getJson(cp, ['namespace', ns])).toBeDefined();
  });

  it('adopts an object that exists without berth labels, showing what adoption changes', async () => {
    const ns = `adopt-${RUN}`;
    await kubectl(cp, ['create', 'namespace', ns]);
    await kubectl(cp, ['create', 'configmap', 'legacy', '-n', ns, '--from-literal=k=old']);
    const repo = `https://git.example/adopt-${RUN}.git`;
    const { plan } = await planCounting(cp, desired(cp, repo, [configMap('legacy', ns, { k: 'new' })]));
    const change = plan.changes.find((c) => c.name === 'legacy');
    expect(change).toMatchObject({ action: 'update', reason: 'adopt an existing object' });
    expect(change?.fields).toEqual(expect.arrayContaining([{ path: 'data.k', old: 'old', new: 'new' }, { path: 'metadata.labels', new: expect.objectContaining({ 'app.kubernetes.io/managed-by': 'berth' }) }]));
    const r = await applyCounting(cp, desired(cp, repo, [configMap('legacy', ns, { k: 'new' })]));
    expect(r.errors).toEqual([]);
    expect(labelsOf(await getJson(cp, ['configmap', 'legacy', '-n', ns]))['app.kubernetes.io/managed-by']).toBe('berth');
    expect((await applyCounting(cp, desired(cp, repo, [configMap('legacy', ns, { k: 'new' })]))).counts.writes).toBe(0);
  });

  it('a namespace is not pruned while declared objects or objects with prune off live in it', async () => {
    const ns = `nsprune-${RUN}`;
    const repo = `https://git.example/nsprune-${RUN}.git`;
    const b = { ...configMap('b', ns, {}), metadata: { name: 'b', namespace: ns, annotations: { 'berth.dev/prune': 'false' } } };
    expect((await applyCounting(cp, desired(cp, repo, [namespace(ns), configMap('a', ns, {}), b]))).errors).toEqual([]);
    // The Namespace manifest goes, its objects stay: deleting it would delete them too.
    const step2 = await applyCounting(cp, desired(cp, repo, [configMap('a', ns, {}), b]));
    expect(step2.plan.changes.filter((c) => c.action === 'delete')).toEqual([]);
    // Everything goes but `b` has prune off: `a` is deleted, the namespace (holding `b`) stays.
    const step3 = await applyCounting(cp, desired(cp, repo, []));
    expect(step3.errors).toEqual([]);
    expect(step3.plan.changes.map((c) => `${c.action} ${c.kind} ${c.name}`)).toEqual(['delete ConfigMap a', 'unchanged ConfigMap b']);
    expect(await getJson(cp, ['namespace', ns])).toBeDefined();
    expect(await getJson(cp, ['configmap', 'b', '-n', ns])).toBeDefined();
    expect(await getJson(cp, ['configmap', 'a', '-n', ns])).toBeUndefined();
  });

  it('the same name moving to another apiVersion of its kind is not a delete', async () => {
    const ns = `hpa-${RUN}`;
    const repo = `https://git.example/hpa-${RUN}.git`;
    const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
    const v2 = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: ns }, spec: { scaleTargetRef: target, minReplicas: 1, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] } };
    const v1 = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: ns }, spec: { scaleTargetRef: target, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 80 } };
    const web = deployment('web', ns);
    expect((await applyCounting(cp, desired(cp, repo, [web, v2]))).errors).toEqual([]);
    const uid = uidOf(await getJson(cp, ['hpa', 'web', '-n', ns]));
    const moved = await applyCounting(cp, desired(cp, repo, [web, v1]));
    expect(moved.errors).toEqual([]);
    expect(moved.plan.changes.filter((c) => c.action === 'delete')).toEqual([]);
    expect(uidOf(await getJson(cp, ['hpa', 'web', '-n', ns]))).toBe(uid);
    expect((await applyCounting(cp, desired(cp, repo, [web, v1]))).counts.writes).toBe(0);
  });

  it('a kind whose CRD is gone counts as already deleted and the pass continues', async () => {
    const ns = `crd-${RUN}`;
    const repo = `https://git.example/crd-${RUN}.git`;
    const group = `g${RUN}.berth.test`;
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `widgets.${group}` },
      spec: {
        group,
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    };
    const widget = { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w1', namespace: ns }, spec: { size: 3 } };
    const cm = configMap('keep', ns, { k: 'v' });
    const first = await applyCounting(cp, desired(cp, repo, [crd, widget, cm]));
    expect(first.errors).toEqual([]);
    expect(first.plan.changes.map((c) => `${c.action} ${c.kind}`)).toEqual(['create CustomResourceDefinition', 'create Namespace', 'create ConfigMap', 'create Widget']);
    expect((await applyCounting(cp, desired(cp, repo, [crd, widget, cm]))).counts.writes).toBe(0);
    await kubectl(cp, ['delete', 'crd', `widgets.${group}`, '--wait=true']);
    const after = await applyCounting(cp, desired(cp, repo, [cm]));
    expect(after.errors).toEqual([]);
    expect(after.plan.changes.map((c) => `${c.action} ${c.kind}`)).toEqual(['unchanged ConfigMap']);
    expect((await applyCounting(cp, desired(cp, repo, [cm]))).counts.writes).toBe(0);
  }, 120_000);

  it('a token the server rejects is a BERTH_CREDENTIALS error that does not show the token', async () => {
    const h = driverFor(cp, { env: { [TOKEN_ENV]: 'wrong-token-value-123' } });
    let error: unknown;
    try {
      await h.driver.plan(desired(cp, 'https://git.example/x.git', [configMap('x', 'default', {})]), ctx);
    } catch (e) {
      error = e;
    } finally {
      await h.driver.close();
    }
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe(ErrorCode.Credentials);
    expect((error as BerthError).message).toContain('cluster k8s');
    expect((error as BerthError).message).not.toContain('wrong-token-value-123');
  });
});

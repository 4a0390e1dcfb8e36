/**
 * No false drift: values the API server rewrites (canonical quantities, stringData → data,
 * defaulted fields) are "unchanged" on the next pass, with zero mutating requests. Each case
 * checks the live value first, so the test proves the server really rewrote it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ControlPlane } from '../harness/kube.js';
import { RUN, applyCounting, controlPlane, deployment, desired, getJson, planCounting } from './kubernetes-helpers.js';

let cp: ControlPlane;

beforeAll(async () => {
  cp = await controlPlane();
}, 25 * 60_000);

afterAll(async () => {
  await cp.stop();
}, 60_000);

const ns = `drift-${RUN}`;
let n = 0;

/**
 * Applies `first`, then expects `second` (equivalent) to plan as unchanged and apply with no
 * writes — with every dry run really made (reuseVerified: false), and then by default.
 */
async function expectNoDrift(first: Record<string, unknown>[], second: Record<string, unknown>[] = first): Promise<void> {
  const repo = `https://git.example/drift-${RUN}-${String(n++)}.git`;
  const created = await applyCounting(cp, desired(cp, repo, first), { healthTimeoutMs: 30_000 });
  expect(created.errors).toEqual([]);
  const { plan, counts: planCounts } = await planCounting(cp, desired(cp, repo, second), { reuseVerified: false });
  expect(plan.changes.filter((c) => c.action !== 'unchanged')).toEqual([]);
  expect(planCounts.writes).toBe(0);
  expect(planCounts.dryRuns).toBe(second.length);
  const again = await applyCounting(cp, desired(cp, repo, second), { reuseVerified: false });
  expect(again.errors).toEqual([]);
  expect(again.plan.changes.every((c) => c.action === 'unchanged')).toBe(true);
  expect(again.counts.writes).toBe(0);
  const byDefault = await applyCounting(cp, desired(cp, repo, second));
  expect(byDefault.plan.changes.every((c) => c.action === 'unchanged')).toBe(true);
  expect(byDefault.counts.writes).toBe(0);
}

type Json = Record<string, unknown>;
const at = (o: Json | undefined, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), o);
const resources = (o: Json | undefined): unknown => at(o, 'spec', 'template', 'spec', 'containers', 0, 'resources');

const withResources = (name: string, res: Record<string, Record<string, string>>): Json => deployment(name, ns, { container: { resources: res } });

describe('no false drift on a real API server', () => {
  it('cpu: 1000m in Git, live 1', async () => {
    const obj = withResources('cpu-1000m', { limits: { cpu: '1000m' } });
    await expectNoDrift([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, obj]);
    expect(resources(await getJson(cp, ['deployment', 'cpu-1000m', '-n', ns]))).toEqual({ limits: { cpu: '1' } });
  });

  it('cpu: live 1, then 1000m in Git', async () => {
    await expectNoDrift([withResources('cpu-1', { limits: { cpu: '1' } })], [withResources('cpu-1', { limits: { cpu: '1000m' } })]);
    expect(resources(await getJson(cp, ['deployment', 'cpu-1', '-n', ns]))).toEqual({ limits: { cpu: '1' } });
  });

  it('memory: 1024Mi in Git, live 1Gi; then 1Gi in Git', async () => {
    await expectNoDrift([withResources('mem', { limits: { memory: '1024Mi' } })], [withResources('mem', { limits: { memory: '1Gi' } })]);
    expect(resources(await getJson(cp, ['deployment', 'mem', '-n', ns]))).toEqual({ limits: { memory: '1Gi' } });
  });

  it('cpu: 0.5 in Git, live 500m; then 500m in Git', async () => {
    await expectNoDrift([withResources('half', { requests: { cpu: '0.5' } })], [withResources('half', { requests: { cpu: '500m' } })]);
    expect(resources(await getJson(cp, ['deployment', 'half', '-n', ns]))).toEqual({ requests: { cpu: '500m' } });
  });

  it('a Secret written with stringData, live data', async () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: ns }, stringData: { password: 'hunter2' } };
    await expectNoDrift([secret]);
    const live = await getJson(cp, ['secret', 'creds', '-n', ns]);
    expect(at(live, 'data')).toEqual({ password: Buffer.from('hunter2').toString('base64') });
    expect(at(live, 'stringData')).toBeUndefined();
  });

  it('a Secret moved from stringData to data in Git', async () => {
    const meta = { name: 'creds3', namespace: ns };
    await expectNoDrift(
      [{ apiVersion: 'v1', kind: 'Secret', metadata: meta, stringData: { password: 'hunter2' } }],
      [{ apiVersion: 'v1', kind: 'Secret', metadata: meta, data: { password: Buffer.from('hunter2').toString('base64') } }],
    );
  });

  it('a Secret changed in Git shows the key, never the value', async () => {
    const repo = `https://git.example/drift-${RUN}-secret.git`;
    const secret = (v: string): Json => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds2', namespace: ns }, stringData: { password: v } });
    expect((await applyCounting(cp, desired(cp, repo, [secret('hunter2')]))).errors).toEqual([]);
    const { plan } = await planCounting(cp, desired(cp, repo, [secret('swordfish')]));
    expect(plan.changes).toEqual([{ action: 'update', kind: 'Secret', namespace: ns, name: 'creds2', fields: [{ path: 'data.password', old: '<secret>', new: '<secret>' }] }]);
    expect(JSON.stringify(plan)).not.toMatch(/hunter2|swordfish|aHVudGVyMg|c3dvcmRmaXNo/);
  });

  it('a Service without targetPort or protocol', async () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'plain', namespace: ns }, spec: { selector: { app: 'plain' }, ports: [{ port: 8080 }] } };
    await expectNoDrift([svc]);
    expect(at(await getJson(cp, ['service', 'plain', '-n', ns]), 'spec', 'ports')).toEqual([{ port: 8080, protocol: 'TCP', targetPort: 8080 }]);
  });

  it('defaulted fields: strategy.rollingUpdate, terminationGracePeriodSeconds and friends', async () => {
    await expectNoDrift([deployment('defaults', ns)]);
    const live = await getJson(cp, ['deployment', 'defaults', '-n', ns]);
    expect(at(live, 'spec', 'strategy')).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    expect(at(live, 'spec', 'template', 'spec', 'terminationGracePeriodSeconds')).toBe(30);
    expect(at(live, 'spec', 'revisionHistoryLimit')).toBe(10);
    expect(at(live, 'spec', 'template', 'spec', 'containers', 0, 'imagePullPolicy')).toBe('IfNotPresent');
  });
});

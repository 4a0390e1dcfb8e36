/**
 * One app, one YAML, two clusters: a real Docker host and a real Kubernetes control plane, in one
 * `berth sync` through the CLI (in process), from a real git HTTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDockerd, type Dockerd } from '../harness/dockerd.js';
import { commitFiles, git, startGitServer, withToken, type GitServer } from '../harness/gitserver.js';
import type { ControlPlane } from '../harness/kube.js';
import { berth, berthContainers, byApp } from './helpers.js';
import { berthYaml, SECRET_VALUE, webYaml } from './fixtures.js';
import { controlPlane, getJson, kubectl } from './kubernetes-helpers.js';

const TOKEN = 'e2e-k8s-git-token-5c1e';
let dockerd: Dockerd;
let cp: ControlPlane;
let server: GitServer;
let url: string;
let cache: string;

const env = (): NodeJS.ProcessEnv => ({ BERTH_GIT_TOKEN: TOKEN });
const sync = (): ReturnType<typeof berth> => berth(['sync', '--repo', url, '--cache-dir', cache], env());

function clusterYaml(kubeconfig: string): string {
  return `apiVersion: berth.dev/v1alpha1
kind: Cluster
metadata:
  name: k8s
spec:
  type: kubernetes
  namespace: demo
  kubernetes:
    kubeconfig: ${kubeconfig}
`;
}

async function statusFile(path: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-status-'));
  try {
    await git(['init', '-q', dir]);
    await git(['fetch', '-q', withToken(url, TOKEN), 'refs/heads/berth/status'], dir);
    return await git(['show', `FETCH_HEAD:${path}`], dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** resourceVersion of every object berth owns in the namespace: unchanged ⇔ nothing was written. */
async function versions(): Promise<string> {
  return kubectl(cp, ['get', 'deployments,configmaps,secrets', '-n', 'demo', '-l', 'app.kubernetes.io/managed-by=berth', '-o', 'jsonpath={range .items[*]}{.kind}/{.metadata.name}={.metadata.resourceVersion} {end}']);
}

beforeAll(async () => {
  [dockerd, cp, server] = await Promise.all([startDockerd({ name: 'k8s-e2e', withDemoImage: true }), controlPlane(), startGitServer({ token: TOKEN })]);
  url = await server.createRepo('both');
  cache = await mkdtemp(join(tmpdir(), 'berth-cache-'));
  await commitFiles(url, { 'berth.yaml': berthYaml(dockerd.dockerHost), 'clusters/k8s.yaml': clusterYaml(cp.kubeconfigPath), 'apps/demo/web.yaml': webYaml() }, 'web on Docker and Kubernetes', { token: TOKEN });
}, 25 * 60_000);

afterAll(async () => {
  await Promise.allSettled([server.stop(), dockerd.stop(), cp.stop(), rm(cache, { recursive: true, force: true })]);
}, 120_000);

describe('the same app on a Docker host and a Kubernetes cluster', () => {
  it('one sync runs it on both and reports both in the status branch', async () => {
    const r = await sync();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(byApp(await berthContainers(dockerd.dockerHost), 'web')).toHaveLength(2);
    const dep = await getJson(cp, ['deployment', 'web', '-n', 'demo']);
    expect((dep?.['status'] as { readyReplicas?: number }).readyReplicas).toBe(2);
    expect((dep?.['metadata'] as { labels: Record<string, string> }).labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'berth', 'berth.dev/cluster': 'k8s', 'berth.dev/app': 'web' });
    // The Secret reached the cluster as data, and its value is nowhere in what berth reports.
    const secret = await getJson(cp, ['secret', 'web-secret', '-n', 'demo']);
    expect((secret?.['data'] as Record<string, string>)['api-token']).toBe(Buffer.from(SECRET_VALUE).toString('base64'));
    const k8sStatus = await statusFile('clusters/k8s/demo/web.yaml');
    expect(k8sStatus).toContain('readyReplicas: 2');
    expect(k8sStatus).toContain('result: healthy');
    expect(await statusFile('clusters/e2e/demo/web.yaml')).toContain('result: healthy');
  });

  it('a second sync writes nothing on Kubernetes and commits no status', async () => {
    const before = await versions();
    const head = await git(['ls-remote', withToken(url, TOKEN), 'refs/heads/berth/status']);
    const r = await sync();
    expect(r.code).toBe(0);
    expect(await versions()).toBe(before);
    expect(await git(['ls-remote', withToken(url, TOKEN), 'refs/heads/berth/status'])).toBe(head);
  });

  it('plan shows the Kubernetes change field by field, next to the Docker one', async () => {
    await commitFiles(url, { 'apps/demo/web.yaml': webYaml({ color: 'orange' }) }, 'orange', { token: TOKEN });
    const plan = await berth(['plan', '--repo', url, '--cache-dir', cache], env());
    expect(plan.code).toBe(2);
    expect(plan.out).toContain('cluster k8s (kubernetes)');
    expect(plan.out).toContain('~ Deployment demo/web');
    expect(plan.out).toContain('spec.template.spec.containers[web].env[COLOR].value: teal → orange');
    expect(plan.out).not.toContain(SECRET_VALUE);
    expect((await sync()).code).toBe(0);
    const dep = await getJson(cp, ['deployment', 'web', '-n', 'demo']);
    expect(JSON.stringify(dep)).toContain('"orange"');
  });
});

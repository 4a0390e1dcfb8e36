// Smoke test of the real control plane: a Deployment becomes Available on kwok's fake node, and a
// Deployment whose pods carry `berth.test/never-ready: "true"` never does.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { NEVER_READY_LABEL, startControlPlane, type ControlPlane } from './kube.js';

const exec = promisify(execFile);
const KUBECTL = process.env['KUBECTL'] ?? 'kubectl';

let cp: ControlPlane | undefined;

async function kubectl(args: readonly string[], input?: string): Promise<string> {
  if (cp === undefined) throw new Error('control plane not started');
  const run = exec(KUBECTL, ['--kubeconfig', cp.kubeconfigPath, ...args], { timeout: 60_000 });
  if (input !== undefined) {
    run.child.stdin?.end(input);
  }
  const { stdout } = await run;
  return stdout;
}

function deployment(name: string, replicas: number, podLabels: Record<string, string>): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      progressDeadlineSeconds: 30,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, ...podLabels } },
        spec: { containers: [{ name: 'app', image: 'example.invalid/app:1' }] },
      },
    },
  });
}

interface DeploymentStatus {
  availableReplicas?: number;
  readyReplicas?: number;
  replicas?: number;
}

async function status(name: string): Promise<DeploymentStatus> {
  const out = await kubectl(['get', 'deployment', name, '-o', 'jsonpath={.status}']);
  return out.trim() === '' ? {} : (JSON.parse(out) as DeploymentStatus);
}

async function poll<T>(what: string, timeoutMs: number, get: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await get();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 1000));
    last = await get();
  }
  return last;
}

describe('real Kubernetes control plane (kwok)', () => {
  beforeAll(async () => {
    cp = await startControlPlane({ withKwok: true });
  }, 15 * 60_000);

  afterAll(async () => {
    await cp?.stop();
  }, 60_000);

  it('serves the API with the generated kubeconfig and a Ready fake node', async () => {
    const nodes = await kubectl(['get', 'nodes', '-o', 'jsonpath={.items[*].metadata.name}']);
    expect(nodes.trim()).toBe('kwok-node-0');
    const ready = await kubectl([
      'get',
      'node',
      'kwok-node-0',
      '-o',
      'jsonpath={.status.conditions[?(@.type=="Ready")].status}',
    ]);
    expect(ready.trim()).toBe('True');
  });

  it('makes a Deployment Available and keeps a never-ready Deployment unavailable', async () => {
    await kubectl(['apply', '-f', '-'], deployment('smoke-ok', 2, {}));
    await kubectl(['apply', '-f', '-'], deployment('smoke-never-ready', 2, { [NEVER_READY_LABEL]: 'true' }));

    const ok = await poll('smoke-ok to have 2 available replicas', 120_000, () => status('smoke-ok'), (s) =>
      s.availableReplicas === 2,
    );
    expect(ok.readyReplicas).toBe(2);

    // Its pods are scheduled and Running, but never Ready.
    await poll(
      'smoke-never-ready pods to be Running',
      120_000,
      async () => (await kubectl(['get', 'pods', '-l', 'app=smoke-never-ready', '-o', 'jsonpath={.items[*].status.phase}'])).trim(),
      (phases) => phases === 'Running Running',
    );
    const bad = await status('smoke-never-ready');
    expect(bad.replicas).toBe(2);
    expect(bad.availableReplicas ?? 0).toBe(0);
    expect(bad.readyReplicas ?? 0).toBe(0);

    // The controller manager reports the stuck rollout once progressDeadlineSeconds (30) pass.
    const reason = await poll(
      'smoke-never-ready to exceed its progress deadline',
      120_000,
      async () =>
        (
          await kubectl([
            'get',
            'deployment',
            'smoke-never-ready',
            '-o',
            'jsonpath={.status.conditions[?(@.type=="Progressing")].reason}',
          ])
        ).trim(),
      (r) => r === 'ProgressDeadlineExceeded',
    );
    expect(reason).toBe('ProgressDeadlineExceeded');
  }, 5 * 60_000);
});

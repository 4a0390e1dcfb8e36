/**
 * Docker driver on a real engine: multi-container pods, a rollout whose new pod never becomes
 * ready, and Secret files delivered again after a container restart emptied its tmpfs.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import Docker from 'dockerode';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { systemClock } from '../../core/clock.js';
import type { DriverContext } from '../../core/driver.js';
import { ErrorCode } from '../../core/errors.js';
import { Labels } from '../../core/model.js';
import type { ClusterTarget, HttpProbe, PodContainer } from '../../core/model.js';
import { DEMO_IMAGE, startDockerd, type Dockerd } from '../../../test/harness/dockerd.js';
import { createDockerDriver } from './driver.js';
import { capturingLogger, countingFactory, desiredState, dockerCluster, text, workload } from './testing.js';
import { httpGet as get } from '../../../test/harness/http.js';

/** Status 0 when nothing answers: some checks expect a pod not to serve. */
const httpGet = (url: string): Promise<{ status: number; body: string }> => get(url, 3000).catch(() => ({ status: 0, body: '' }));


const execFileP = promisify(execFile);
const probe = (path: string, port = 8080): HttpProbe => ({ path, port, initialDelaySeconds: 0, periodSeconds: 1, timeoutSeconds: 1, failureThreshold: 2 });

const demo = (name: string, env: Record<string, string>, extra: Partial<PodContainer> = {}): PodContainer => ({
  name,
  image: DEMO_IMAGE,
  env: Object.entries(env).map(([k, v]) => ({ name: k, value: v, secret: false })),
  ports: [{ containerPort: Number(env['PORT'] ?? '8080'), protocol: 'TCP' }],
  resources: {},
  files: [],
  ...extra,
});


describe('Docker driver lifecycle on a real engine', () => {
  let engine: Dockerd;
  let cluster: ClusterTarget;
  let docker: Docker;
  const counting = countingFactory();
  const logs = capturingLogger();
  const ctx: DriverContext = { log: logs.log, clock: systemClock };
  const driver = (): ReturnType<typeof createDockerDriver> =>
    createDockerDriver(cluster, logs.log, { docker: counting.factory, readyTimeoutMs: 20_000, stopTimeoutSeconds: 1 });
  const ids = async (app: string): Promise<string[]> =>
    (await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${Labels.app}=${app}`] }) })).map((c) => c.Id).sort();

  beforeAll(async () => {
    engine = await startDockerd({ name: 'drv-life', withDemoImage: true });
    cluster = dockerCluster('life', [{ name: 'h1', socketPath: engine.socketPath }]);
    docker = new Docker({ socketPath: engine.socketPath });
  }, 120_000);

  afterAll(async () => {
    await (engine as Dockerd | undefined)?.stop();
  }, 60_000);

  it('runs a two-container pod: the second shares the first one\'s network namespace', async () => {
    const pod = workload('multi', 'duo', 1, [
      demo('main', { GREETING: 'main' }, { readinessProbe: probe('/ready') }),
      demo('side', { GREETING: 'side', PORT: '8081' }, { readinessProbe: probe('/ready', 8081) }),
    ]);
    const result = await driver().apply(desiredState(cluster, [pod]), ctx);
    expect(result.errors).toEqual([]);
    expect(result.apps[0]).toMatchObject({ readyReplicas: 1, result: 'healthy' });
    const list = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${Labels.app}=duo`] }) });
    const main = list.find((c) => c.Labels[Labels.container] === 'main');
    const side = list.find((c) => c.Labels[Labels.container] === 'side');
    expect(side?.HostConfig.NetworkMode).toBe(`container:${main?.Id ?? ''}`);
    const sidePort = main?.Ports.find((p) => p.PrivatePort === 8081)?.PublicPort;
    expect((await httpGet(`http://127.0.0.1:${sidePort ?? 0}/`)).body).toContain('side');
    counting.log.writes.length = 0;
    await driver().apply(desiredState(cluster, [pod]), ctx);
    expect(counting.log.writes).toEqual([]);
  });

  it('a new pod that never becomes ready stops the rollout; the old pod keeps serving', async () => {
    const good = workload('roll', 'web', 2, [demo('web', { GREETING: 'v1' }, { readinessProbe: probe('/ready') })]);
    const bad = workload('roll', 'web', 2, [demo('web', { GREETING: 'v2' }, { readinessProbe: probe('/no-such-page') })]);
    const d = driver();
    expect((await d.apply(desiredState(cluster, [good]), ctx)).errors).toEqual([]);
    const before = await ids('web');
    const result = await d.apply(desiredState(cluster, [bad]), ctx);
    expect(result.errors[0]).toMatchObject({ code: ErrorCode.Health });
    expect(result.apps[0]).toMatchObject({ result: 'failed', readyReplicas: 0, runningReplicas: 2 });
    expect(await ids('web')).toEqual(before);
    const serving = result.apps[0]?.endpoints ?? [];
    expect(serving).toHaveLength(2);
    for (const url of serving) expect((await httpGet(`${url}/`)).body).toContain('v1');
    counting.log.writes.length = 0;
    expect((await d.apply(desiredState(cluster, [good]), ctx)).apps[0]?.result).toBe('healthy');
    expect(counting.log.writes).toEqual([]);
  });

  it('Secret files come back after a container restart emptied the tmpfs', async () => {
    const secret = `s-${Math.random().toString(36).slice(2)}`;
    const app = workload('sec', 'vault', 1, [
      demo('vault', { GREETING: 'vault' }, {
        readinessProbe: probe('/ready'),
        files: [{ path: '/etc/berth-demo/secret/token', content: text(secret), mode: 0o600, secret: true }],
      }),
    ]);
    const d = driver();
    const first = await d.apply(desiredState(cluster, [app]), ctx);
    expect(first.errors).toEqual([]);
    const [id] = await ids('vault');
    await execFileP('docker', ['-H', engine.dockerHost, 'restart', '-t', '1', id ?? ''], { timeout: 60_000 });
    // The app waits for its files: not serving.
    const { stdout } = await execFileP('docker', ['-H', engine.dockerHost, 'exec', id ?? '', 'ls', '-A', '/etc/berth-demo/secret']);
    expect(stdout.trim()).toBe('');
    counting.log.writes.length = 0;
    const again = await d.apply(desiredState(cluster, [app]), ctx);
    expect(again.errors).toEqual([]);
    expect(again.apps[0]).toMatchObject({ result: 'healthy' });
    expect(counting.log.writes.every((w) => /\/exec/.test(w))).toBe(true); // files only, nothing recreated
    expect(await ids('vault')).toEqual([id]);
    const cat = await execFileP('docker', ['-H', engine.dockerHost, 'exec', id ?? '', 'cat', '/etc/berth-demo/secret/token']);
    expect(cat.stdout).toBe(secret);
  });
});

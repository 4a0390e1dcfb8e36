/**
 * The Docker driver against real engines (test/harness/dockerd.ts) running the demo image.
 * The tests run in order and build on each other's state, like successive passes of berth.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import Docker from 'dockerode';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { systemClock } from '../../core/clock.js';
import type { ApplyResult, ClusterDriver, DriverContext } from '../../core/driver.js';
import { BerthError, ErrorCode } from '../../core/errors.js';
import { Labels } from '../../core/model.js';
import type { ClusterTarget, PodContainer, Workload } from '../../core/model.js';
import { hasChanges } from '../../core/plan.js';
import { DEMO_IMAGE, startDockerds, type Dockerd } from '../../../test/harness/dockerd.js';
import { createDockerDriver } from './driver.js';
import { capturingLogger, countingFactory, desiredState, dockerCluster, text, workload } from './testing.js';
import { httpGet } from '../../../test/harness/http.js';

const execFileP = promisify(execFile);

const SECRET_FILE_VALUE = `file-secret-${Math.random().toString(36).slice(2)}`;
const SECRET_ENV_VALUE = `env-secret-${Math.random().toString(36).slice(2)}`;
const CONFIG_VALUE = `color=blue-${Math.random().toString(36).slice(2)}`;

const probe = { path: '/ready', port: 8080, initialDelaySeconds: 0, periodSeconds: 1, timeoutSeconds: 2, failureThreshold: 3 };

function web(greeting: string, extra: Partial<PodContainer> = {}): PodContainer {
  return {
    name: 'web',
    image: DEMO_IMAGE,
    env: [
      { name: 'GREETING', value: greeting, secret: false },
      { name: 'API_TOKEN', value: SECRET_ENV_VALUE, secret: true },
    ],
    ports: [{ containerPort: 8080, protocol: 'TCP' }],
    resources: { cpuLimitMilli: 250, memoryLimitBytes: 64 * 1024 * 1024, cpuRequestMilli: 100 },
    files: [
      { path: '/etc/berth-demo/config/app.conf', content: text(CONFIG_VALUE), mode: 0o644, secret: false },
      { path: '/etc/berth-demo/secret/db-password', content: text(SECRET_FILE_VALUE), mode: 0o600, secret: true },
    ],
    readinessProbe: probe,
    ...extra,
  };
}

function api(): PodContainer {
  return { name: 'api', image: DEMO_IMAGE, env: [{ name: 'GREETING', value: 'api' }].map((e) => ({ ...e, secret: false })), ports: [{ containerPort: 8080, protocol: 'TCP' }], resources: {}, files: [] };
}


async function exec(d: Dockerd, id: string, ...cmd: string[]): Promise<string> {
  const { stdout } = await execFileP('docker', ['-H', d.dockerHost, 'exec', id, ...cmd], { timeout: 30_000 });
  return stdout;
}

async function owned(d: Dockerd): Promise<Docker.ContainerInfo[]> {
  const docker = new Docker({ socketPath: d.socketPath });
  const list = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${Labels.managedBy}=berth`] }) });
  return list.sort((a, b) => (a.Names[0] ?? '').localeCompare(b.Names[0] ?? ''));
}

const slotIds = (list: Docker.ContainerInfo[], app: string): Record<string, string> =>
  Object.fromEntries(list.filter((c) => c.Labels[Labels.app] === app).map((c) => [c.Labels[Labels.slot] ?? '', c.Id]));

describe('Docker driver on real engines', () => {
  let h1: Dockerd;
  let h2: Dockerd;
  let cluster: ClusterTarget;
  const counting = countingFactory();
  const logs = capturingLogger();
  let driver: ClusterDriver;
  const ctx: DriverContext = { log: logs.log, clock: systemClock };
  const apply = (workloads: Workload[], namespaces?: string[]): Promise<ApplyResult> =>
    driver.apply(desiredState(cluster, workloads, namespaces === undefined ? {} : { namespaces }), ctx);

  beforeAll(async () => {
    [h1, h2] = (await startDockerds([
      { name: 'drv-h1', withDemoImage: true },
      { name: 'drv-h2', withDemoImage: true },
    ])) as [Dockerd, Dockerd];
    cluster = dockerCluster('local', [{ name: 'h1', socketPath: h1.socketPath }]);
    driver = createDockerDriver(cluster, logs.log, { docker: counting.factory, readyTimeoutMs: 30_000, stopTimeoutSeconds: 1 });
  }, 180_000);

  afterAll(async () => {
    const started = [h1 as Dockerd | undefined, h2 as Dockerd | undefined].filter((d): d is Dockerd => d !== undefined);
    await Promise.all(started.map((d) => d.stop()));
  }, 90_000);

  it('applies a 2-replica workload with env, files, limits and labels', async () => {
    const result = await apply([workload('shop', 'web', 2, [web('hello')], { tier: 'front' }), workload('shop', 'api', 1, [api()])]);
    expect(result.errors).toEqual([]);
    const status = result.apps.find((a) => a.app === 'web');
    expect(status).toMatchObject({ desiredReplicas: 2, runningReplicas: 2, readyReplicas: 2, result: 'healthy' });
    expect(status?.endpoints).toHaveLength(2);
    for (const url of status?.endpoints ?? []) {
      const page = await httpGet(`${url}/`);
      expect(page.body).toContain('hello');
      expect(page.body).toContain(CONFIG_VALUE); // ConfigMap file content is shown
      expect(page.body).toContain('db-password'); // Secret file name only
      expect(page.body).not.toContain(SECRET_FILE_VALUE);
    }

    const docker = new Docker({ socketPath: h1.socketPath });
    const list = (await owned(h1)).filter((c) => c.Labels[Labels.app] === 'web');
    expect(list.map((c) => c.Labels[Labels.slot]).sort()).toEqual(['0', '1']);
    for (const c of list) {
      const info = await docker.getContainer(c.Id).inspect();
      expect(info.Config.Env).toContain('GREETING=hello');
      expect(info.HostConfig.NanoCpus).toBe(250_000_000);
      expect(info.HostConfig.Memory).toBe(64 * 1024 * 1024);
      expect(info.HostConfig.RestartPolicy?.Name).toBe('unless-stopped');
      expect(Object.keys(info.HostConfig.Tmpfs ?? {})).toEqual(['/etc/berth-demo/secret']);
      expect(info.Config.Labels).toMatchObject({
        [Labels.managedBy]: 'berth',
        [Labels.cluster]: 'local',
        [Labels.namespace]: 'shop',
        [Labels.app]: 'web',
        [Labels.host]: 'h1',
        [Labels.container]: 'web',
        tier: 'front',
      });
      expect(JSON.stringify(info.Config.Labels)).not.toContain(SECRET_FILE_VALUE);
      expect(JSON.stringify(info.Config.Labels)).not.toContain(SECRET_ENV_VALUE);
      expect(c.Names[0]).toMatch(/^\/berth-local-shop-web-[01]-[0-9a-f]{7}$/);
      expect(await exec(h1, c.Id, 'cat', '/etc/berth-demo/config/app.conf')).toBe(CONFIG_VALUE);
      expect(await exec(h1, c.Id, 'cat', '/etc/berth-demo/secret/db-password')).toBe(SECRET_FILE_VALUE);
      expect(await exec(h1, c.Id, 'stat', '-c', '%a', '/etc/berth-demo/secret/db-password')).toBe('600\n');
      expect(await exec(h1, c.Id, 'cat', '/proc/mounts')).toMatch(/^tmpfs \/etc\/berth-demo\/secret tmpfs /m);
      // Apps find each other by name on the namespace network.
      expect(await exec(h1, c.Id, 'wget', '-q', '-O-', 'http://api:8080/health')).toBe('ok\n');
    }

    // The Secret file content is nowhere on the host disk of the engine (files on the disk's own
    // filesystem only: -xdev skips the overlay and tmpfs mounts of running containers) …
    const grep = async (value: string): Promise<string> => {
      const { stdout } = await execFileP('sh', ['-c', `find "$1" -xdev -type f -print0 | xargs -0 grep -l -F -- "$2" || true`, 'sh', h1.dir, value]);
      return stdout.trim();
    };
    expect(await grep(SECRET_FILE_VALUE)).toBe('');
    // … while the same search does find the ConfigMap content (the search works).
    expect(await grep(CONFIG_VALUE)).not.toBe('');
  });

  it('second apply over unchanged input: zero write calls, nothing recreated, plan all unchanged', async () => {
    const input = [workload('shop', 'web', 2, [web('hello')], { tier: 'front' }), workload('shop', 'api', 1, [api()])];
    const before = slotIds(await owned(h1), 'web');
    const plan = await driver.plan(desiredState(cluster, input), ctx);
    expect(hasChanges(plan)).toBe(false);
    counting.log.writes.length = 0;
    const result = await apply(input);
    expect(counting.log.writes).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.apps.every((a) => a.result === 'healthy')).toBe(true);
    expect(slotIds(await owned(h1), 'web')).toEqual(before);
  });

  it('an env change replaces only the affected app, one slot at a time', async () => {
    const input = [workload('shop', 'web', 2, [web('bonjour')], { tier: 'front' }), workload('shop', 'api', 1, [api()])];
    const plan = await driver.plan(desiredState(cluster, input), ctx);
    const deployment = plan.changes.find((c) => c.kind === 'Deployment' && c.name === 'web');
    expect(deployment?.action).toBe('update');
    expect(deployment?.fields).toEqual([{ path: 'containers[web].env.GREETING', old: 'hello', new: 'bonjour' }]);
    expect(plan.changes.find((c) => c.kind === 'Deployment' && c.name === 'api')?.action).toBe('unchanged');

    const before = await owned(h1);
    const result = await apply(input);
    expect(result.errors).toEqual([]);
    const after = await owned(h1);
    expect(slotIds(after, 'api')).toEqual(slotIds(before, 'api'));
    const webBefore = slotIds(before, 'web');
    const webAfter = slotIds(after, 'web');
    expect(Object.keys(webAfter).sort()).toEqual(['0', '1']);
    expect(webAfter['0']).not.toBe(webBefore['0']);
    expect(webAfter['1']).not.toBe(webBefore['1']);
    const webEndpoints = result.apps.find((a) => a.app === 'web')?.endpoints ?? [];
    expect(webEndpoints).toHaveLength(2);
    for (const url of webEndpoints) expect((await httpGet(`${url}/`)).body).toContain('bonjour');
  });

  it('scales 2 → 3 → 1, keeping the lower slots untouched', async () => {
    const at = (n: number): Workload[] => [workload('shop', 'web', n, [web('bonjour')], { tier: 'front' }), workload('shop', 'api', 1, [api()])];
    const slot0 = slotIds(await owned(h1), 'web')['0'];
    let result = await apply(at(3));
    expect(result.errors).toEqual([]);
    let ids = slotIds(await owned(h1), 'web');
    expect(Object.keys(ids).sort()).toEqual(['0', '1', '2']);
    expect(ids['0']).toBe(slot0);
    result = await apply(at(1));
    expect(result.errors).toEqual([]);
    ids = slotIds(await owned(h1), 'web');
    expect(ids).toEqual({ 0: slot0 });
    expect(result.apps.find((a) => a.app === 'web')).toMatchObject({ desiredReplicas: 1, readyReplicas: 1, result: 'healthy' });
  });

  it('converges after a crash that left the old and the new container of a slot', async () => {
    const v2 = [workload('shop', 'web', 1, [web('crash')], { tier: 'front' }), workload('shop', 'api', 1, [api()])];
    // Crash 1: berth dies after the new container is ready, before the old one is removed.
    counting.log.failWhen = (call) => call.method === 'DELETE' || /\/stop\??$/.test(call.path);
    const crashed1 = await apply(v2);
    counting.log.failWhen = undefined;
    expect(crashed1.errors.map((e) => e.message).join('\n')).toContain('simulated crash');
    expect((await owned(h1)).filter((c) => c.Labels[Labels.app] === 'web' && c.State === 'running')).toHaveLength(2);
    // Crash 2: during the next rollout, a container created but never started.
    const v3 = [workload('shop', 'web', 1, [web('crash-2')], { tier: 'front' }), workload('shop', 'api', 1, [api()])];
    counting.log.failWhen = (call) => /\/containers\/[0-9a-f]+\/start\??$/.test(call.path) || call.method === 'DELETE';
    const crashed = await apply(v3);
    counting.log.failWhen = undefined;
    expect(crashed.errors.map((e) => e.message).join('\n')).toContain('simulated crash');
    const leftovers = (await owned(h1)).filter((c) => c.Labels[Labels.app] === 'web');
    expect(leftovers.length).toBeGreaterThanOrEqual(3);
    expect(leftovers.some((c) => c.State === 'created')).toBe(true);

    const result = await apply(v2);
    expect(result.errors).toEqual([]);
    const web2 = (await owned(h1)).filter((c) => c.Labels[Labels.app] === 'web');
    expect(web2).toHaveLength(1);
    expect(web2[0]?.State).toBe('running');
    expect((await httpGet(`${result.apps.find((a) => a.app === 'web')?.endpoints?.[0] ?? ''}/`)).body).toContain('crash');
    counting.log.writes.length = 0;
    await apply(v2);
    expect(counting.log.writes).toEqual([]);
  });

  it('an image without /bin/sh cannot take Secret files: a clear error naming the app', async () => {
    await execFileP('sh', [
      '-c',
      'd=$(mktemp -d) && mkdir -p "$d/bin" && cp /bin/busybox "$d/bin/busybox" && tar -C "$d" -cf - . | docker -H "$1" import --change \'CMD ["/bin/busybox","httpd","-f","-p","8080"]\' - berth-test/nosh:1 >/dev/null; rm -rf "$d"',
      'sh',
      h1.dockerHost,
    ]);
    const nosh = workload('shop', 'nosh', 1, [
      { name: 'nosh', image: 'berth-test/nosh:1', env: [], ports: [{ containerPort: 8080, protocol: 'TCP' }], resources: {}, files: web('x').files },
    ]);
    const result = await apply([workload('shop', 'web', 1, [web('crash')], { tier: 'front' }), workload('shop', 'api', 1, [api()]), nosh]);
    const error = result.errors[0];
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe(ErrorCode.Driver);
    expect(error?.message).toContain('shop/nosh');
    expect(error?.message).toContain('/bin/sh');
    expect((await owned(h1)).filter((c) => c.Labels[Labels.app] === 'nosh')).toEqual([]);
    expect(result.apps.find((a) => a.app === 'nosh')?.result).toBe('failed');
    expect(result.apps.find((a) => a.app === 'web')?.result).toBe('healthy');
  });

  it('removing apps and namespaces prunes their containers and networks', async () => {
    const result = await apply([workload('shop', 'api', 1, [api()])]);
    expect(result.errors).toEqual([]);
    expect((await owned(h1)).map((c) => c.Labels[Labels.app])).toEqual(['api']);
    await apply([], []);
    expect(await owned(h1)).toEqual([]);
    const networks = await new Docker({ socketPath: h1.socketPath }).listNetworks({ filters: JSON.stringify({ label: [`${Labels.managedBy}=berth`] }) });
    expect(networks).toEqual([]);
  });

  it('spreads replicas over two endpoints 1 + 1 and is idempotent there too', async () => {
    const two = dockerCluster('pair', [
      { name: 'h1', socketPath: h1.socketPath },
      { name: 'h2', socketPath: h2.socketPath },
    ]);
    const pair = createDockerDriver(two, logs.log, { docker: counting.factory, readyTimeoutMs: 30_000, stopTimeoutSeconds: 1 });
    const input = desiredState(two, [workload('shop', 'web', 2, [web('spread')])]);
    const result = await pair.apply(input, ctx);
    expect(result.errors).toEqual([]);
    expect(result.apps[0]).toMatchObject({ readyReplicas: 2, result: 'healthy' });
    expect((await owned(h1)).map((c) => c.Labels[Labels.host])).toEqual(['h1']);
    expect((await owned(h2)).map((c) => c.Labels[Labels.host])).toEqual(['h2']);
    counting.log.writes.length = 0;
    await pair.apply(input, ctx);
    expect(counting.log.writes).toEqual([]);
    await pair.apply(desiredState(two, [], { namespaces: [] }), ctx);
    expect([...(await owned(h1)), ...(await owned(h2))]).toEqual([]);
  });

  it('an unreachable endpoint is BERTH_DRIVER_UNREACHABLE naming cluster and endpoint', async () => {
    const gone = dockerCluster('ghost', [{ name: 'nowhere', socketPath: '/tmp/berth-no-such.sock' }]);
    const d = createDockerDriver(gone, logs.log);
    await expect(d.plan(desiredState(gone, []), ctx)).rejects.toMatchObject({
      code: ErrorCode.DriverUnreachable,
      message: expect.stringContaining('nowhere'),
    });
  });

  it('never logged a secret value', () => {
    const all = logs.lines.join('');
    expect(all).not.toContain(SECRET_FILE_VALUE);
    expect(all).not.toContain(SECRET_ENV_VALUE);
    expect(all).toContain('visible in docker inspect'); // the one warning about env from a Secret
  });
});

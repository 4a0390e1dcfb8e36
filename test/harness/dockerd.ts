// A real Docker engine of the test's own: one dockerd per simulated host, with its own socket,
// data-root, exec-root, pidfile and address pool, so several run side by side and none touches
// the machine's main engine. Needs root and Debian's docker.io (scripts/ensure-docker.sh).
//
// Networking: `--bridge=none` (no docker0; user-defined networks only) and `--iptables=false`,
// because every dockerd with iptables on rewrites the shared DOCKER chains at start and would
// break the others. Without iptables, published ports still work through docker-proxy, and
// container → host works (INPUT). Container ↔ container on one bridge needs the FORWARD chain
// (br_netfilter sends bridged traffic through it, and the main engine sets its policy to DROP),
// so the harness inserts two ACCEPT rules for its own address pool and removes them at stop().
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export interface Dockerd {
  readonly name: string;
  readonly socketPath: string;
  /** unix://<socketPath>, for DOCKER_HOST or `docker -H`. */
  readonly dockerHost: string;
  /** Temporary directory holding data-root, exec-root, pidfile and dockerd.log. */
  readonly dir: string;
  readonly dataRoot: string;
  /** The address pool containers get addresses from, e.g. 10.201.0.0/16. */
  readonly addressPool: string;
  stop(): Promise<void>;
}

export interface StartDockerdOptions {
  /** Used in the temp dir name and logs. */
  readonly name?: string;
  /** Build berth-demo/web:1 into the new engine (scripts/build-demo-image.sh --host). */
  readonly withDemoImage?: boolean;
  readonly readyTimeoutMs?: number;
}

export const DEMO_IMAGE = 'berth-demo/web:1';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEMO_SCRIPT = join(REPO_ROOT, 'scripts', 'build-demo-image.sh');
const POOL_LOCK_DIR = '/tmp/berth-dockerd-pools';
const POOL_FIRST = 200; // 10.200.0.0/16 … 10.249.0.0/16
const POOL_COUNT = 50;
const STOP_GRACE_MS = 15_000;

export async function startDockerd(opts: StartDockerdOptions = {}): Promise<Dockerd> {
  const name = (opts.name ?? 'dockerd').replace(/[^a-zA-Z0-9-]/g, '-').slice(0, 20);
  if (!(await commandExists('dockerd'))) {
    throw new Error('dockerd is not installed: run scripts/ensure-docker.sh (installs Debian docker.io)');
  }
  if (process.getuid?.() !== 0) throw new Error('startDockerd needs root');

  // Short paths: containerd and shim sockets live under the exec-root (unix sockets ≤ 107 bytes).
  const dir = await mkdtemp('/tmp/bd-');
  const dataRoot = join(dir, 'data');
  const execRoot = join(dir, 'x');
  const socketPath = join(dir, 'docker.sock');
  await mkdir(dataRoot);
  await mkdir(execRoot);
  const pool = await allocatePool();
  const addressPool = `10.${pool.octet}.0.0/16`;
  const firewall = await allowForwarding(addressPool);

  const logPath = join(dir, 'dockerd.log');
  const logFd = openSync(logPath, 'a');
  const child = spawn(
    'dockerd',
    [
      `--host=unix://${socketPath}`,
      `--data-root=${dataRoot}`,
      `--exec-root=${execRoot}`,
      `--pidfile=${join(dir, 'docker.pid')}`,
      '--bridge=none',
      '--iptables=false',
      '--ip-masq=false',
      `--default-address-pool=base=${addressPool},size=24`,
      '--shutdown-timeout=2',
      '--log-level=warn',
    ],
    { stdio: ['ignore', logFd, logFd] },
  );
  closeSync(logFd);
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    try {
      await removeEverything(socketPath);
    } catch {
      // The engine may already be gone; the rest of the cleanup still has to run.
    }
    await terminate(child);
    process.removeListener('exit', killOnExit);
    await unmountUnder(dir);
    await firewall.remove();
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    await pool.release();
  };

  try {
    await waitForPing(socketPath, child, logPath, opts.readyTimeoutMs ?? 60_000);
    if (opts.withDemoImage === true) {
      await execFileP('bash', [DEMO_SCRIPT, '--host', `unix://${socketPath}`], { timeout: 120_000 });
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { name, socketPath, dockerHost: `unix://${socketPath}`, dir, dataRoot, addressPool, stop };
}

/** Start several engines at once; when one fails, the others are stopped before the error. */
export async function startDockerds(list: readonly StartDockerdOptions[]): Promise<Dockerd[]> {
  const settled = await Promise.allSettled(list.map((o) => startDockerd(o)));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  if (failed !== undefined) {
    await Promise.all(started.map((d) => d.stop()));
    throw failed.reason;
  }
  return started;
}

async function commandExists(cmd: string): Promise<boolean> {
  try {
    await execFileP('sh', ['-c', `command -v ${cmd}`]);
    return true;
  } catch {
    return false;
  }
}

/** One /16 per engine, reserved with an exclusive lock file so parallel test workers never share. */
async function allocatePool(): Promise<{ octet: number; release(): Promise<void> }> {
  await mkdir(POOL_LOCK_DIR, { recursive: true });
  const inUse = new Set(
    Object.values(networkInterfaces())
      .flat()
      .map((a) => a?.address ?? '')
      .filter((a) => a.startsWith('10.'))
      .map((a) => Number(a.split('.')[1])),
  );
  const start = Math.floor(Math.random() * POOL_COUNT);
  for (let i = 0; i < POOL_COUNT; i++) {
    const octet = POOL_FIRST + ((start + i) % POOL_COUNT);
    if (inUse.has(octet)) continue;
    const lock = join(POOL_LOCK_DIR, `${octet}.lock`);
    if (tryLock(lock)) return { octet, release: () => unlink(lock).catch(() => undefined) };
  }
  throw new Error(`no free address pool in 10.${POOL_FIRST}-${POOL_FIRST + POOL_COUNT - 1}.0.0/16`);
}

function tryLock(path: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch {
      // Held: reclaim only when the holder process is gone, then retry the exclusive create.
      let pid = 0;
      try {
        pid = Number(readFileSync(path, 'utf8'));
      } catch {
        continue; // removed meanwhile
      }
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return false;
      try {
        unlinkSync(path);
      } catch {
        // a racing worker removed it first
      }
    }
  }
  return false;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function allowForwarding(pool: string): Promise<{ remove(): Promise<void> }> {
  const rules = [
    ['-s', pool, '-j', 'ACCEPT'],
    ['-d', pool, '-j', 'ACCEPT'],
  ];
  if (!(await commandExists('iptables'))) return { remove: () => Promise.resolve() };
  for (const rule of rules) await execFileP('iptables', ['-w', '-I', 'FORWARD', ...rule]);
  return {
    remove: async () => {
      for (const rule of rules) await execFileP('iptables', ['-w', '-D', 'FORWARD', ...rule]).catch(() => undefined);
    },
  };
}

interface ApiResponse {
  readonly status: number;
  readonly body: string;
}

function api(socketPath: string, method: string, path: string, timeoutMs = 10_000): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timeout`)));
    req.on('error', reject);
    req.end();
  });
}

async function waitForPing(socketPath: string, child: ChildProcess, logPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const state = { exited: false };
  child.once('exit', () => {
    state.exited = true;
  });
  while (Date.now() < deadline) {
    if (state.exited) break;
    try {
      const res = await api(socketPath, 'GET', '/_ping', 2000);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const log = await readFile(logPath, 'utf8').catch(() => '');
  throw new Error(`dockerd on ${socketPath} did not answer /_ping${state.exited ? ' (it exited)' : ''}; log tail:\n${log.slice(-2000)}`);
}

/** Remove every container and user network so the engine leaves no bridges or mounts behind. */
async function removeEverything(socketPath: string): Promise<void> {
  const containers = JSON.parse((await api(socketPath, 'GET', '/containers/json?all=1')).body) as { Id: string }[];
  await Promise.all(containers.map((c) => api(socketPath, 'DELETE', `/containers/${c.Id}?force=1&v=1`, 30_000)));
  const networks = JSON.parse((await api(socketPath, 'GET', '/networks')).body) as { Id: string; Name: string }[];
  for (const n of networks) {
    if (['bridge', 'host', 'none'].includes(n.Name)) continue;
    await api(socketPath, 'DELETE', `/networks/${n.Id}`);
  }
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** After a SIGKILL, overlay and netns mounts may stay: unmount them (deepest first) before rm. */
async function unmountUnder(dir: string): Promise<void> {
  const mountinfo = await readFile('/proc/self/mountinfo', 'utf8');
  const points = mountinfo
    .split('\n')
    .map((l) => l.split(' ')[4] ?? '')
    .filter((p) => p === dir || p.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const p of points) await execFileP('umount', ['-l', p]).catch(() => undefined);
}

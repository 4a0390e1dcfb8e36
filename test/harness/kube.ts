// A real Kubernetes control plane for berth's tests: etcd, kube-apiserver,
// kube-controller-manager, kube-scheduler and (optionally) kwok with one fake Node, all on
// loopback, built once by scripts/k8s-build.sh and cached outside the repository.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ControlPlane {
  /** https://127.0.0.1:PORT */
  readonly server: string;
  /** Bearer token of a `system:masters` user. */
  readonly token: string;
  /** PEM file that verifies the API server's serving certificate. */
  readonly caFile: string;
  /** The same PEM, as text. */
  readonly caData: string;
  readonly kubeconfigPath: string;
  /** Temporary directory with data, certificates and one `<component>.log` per process. */
  readonly dir: string;
  stop(): Promise<void>;
}

export interface StartControlPlaneOptions {
  /** Run kwok and create one fake Node (`kwok-node-0`) so pods schedule and become Ready. */
  withKwok?: boolean;
  /** Progress lines; defaults to stderr. */
  log?: (line: string) => void;
}

export const K8S_VERSION = 'v1.37.2';
/** Name of the fake Node created when `withKwok` is set. */
export const FAKE_NODE_NAME = 'kwok-node-0';
/** Pods carrying this label (value "true") are never marked Ready by kwok. */
export const NEVER_READY_LABEL = 'berth.test/never-ready';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILD_SCRIPT = join(REPO_ROOT, 'scripts', 'k8s-build.sh');
const APISERVER_READY_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 10_000;

const BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok'] as const;

function defaultCacheDir(): string {
  return process.env['BERTH_K8S_CACHE'] ?? join(homedir(), '.cache', 'berth', `k8s-${K8S_VERSION}`);
}

/** Runs scripts/k8s-build.sh (a no-op when cached) and returns the directory with the binaries. */
export async function ensureKubeBinaries(log: (line: string) => void = defaultLog): Promise<string> {
  const cache = defaultCacheDir();
  if (!BINARIES.every((b) => existsSync(join(cache, b)))) {
    log(
      `Kubernetes ${K8S_VERSION} binaries are not cached in ${cache}: building them from the Go module proxy ` +
        '(this may take 10-25 minutes, once)',
    );
  }
  return new Promise<string>((resolve, reject) => {
    const child = spawn('bash', [BUILD_SCRIPT], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let stdout = '';
    const errLines: string[] = [];
    let errBuf = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      errBuf += chunk;
      let nl: number;
      while ((nl = errBuf.indexOf('\n')) >= 0) {
        const line = errBuf.slice(0, nl);
        errBuf = errBuf.slice(nl + 1);
        errLines.push(line);
        if (errLines.length > 200) errLines.shift();
        if (line.startsWith('k8s-build:')) log(line);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) {
        const dir = stdout.trim().split('\n').pop() ?? '';
        resolve(dir !== '' ? dir : cache);
      } else {
        if (errBuf !== '') errLines.push(errBuf);
        reject(new Error(`scripts/k8s-build.sh failed (exit ${String(code)}):\n${errLines.slice(-40).join('\n')}`));
      }
    });
  });
}

function defaultLog(line: string): void {
  process.stderr.write(`[kube] ${line}\n`);
}

async function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      if (addr === null || typeof addr === 'string') {
        srv.close();
        reject(new Error('could not get a free port'));
        return;
      }
      const { port } = addr;
      srv.close(() => { resolve(port); });
    });
  });
}

async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function tailFile(path: string, lines = 40): Promise<string> {
  try {
    const text = await readFile(path, 'utf8');
    return text.split('\n').slice(-lines - 1).join('\n');
  } catch {
    return '(no log)';
  }
}

interface Proc {
  readonly name: string;
  readonly child: ChildProcess;
  readonly logFile: string;
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  readonly exited: Promise<void>;
}

// Children still running when the test process exits get SIGKILL, so no orphan keeps ports.
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const c of liveChildren) {
      try {
        c.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

function startProc(name: string, bin: string, args: readonly string[], dir: string): Proc {
  installExitHook();
  const logFile = join(dir, `${name}.log`);
  const fd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(bin, args, { stdio: ['ignore', fd, fd], cwd: dir, env: { ...process.env, HOME: dir } });
  } finally {
    closeSync(fd);
  }
  liveChildren.add(child);
  const proc: Proc = {
    name,
    child,
    logFile,
    exit: undefined,
    exited: new Promise<void>((resolve) => {
      child.on('exit', (code, signal) => {
        proc.exit = { code, signal };
        liveChildren.delete(child);
        resolve();
      });
      child.on('error', (err) => {
        proc.exit = { code: -1, signal: null };
        liveChildren.delete(child);
        void writeFile(logFile, `spawn error: ${err.message}\n`, { flag: 'a' });
        resolve();
      });
    }),
  };
  return proc;
}

async function stopProc(p: Proc): Promise<void> {
  if (p.exit !== undefined) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (p.exit === undefined) p.child.kill('SIGKILL');
  }, STOP_GRACE_MS);
  await p.exited;
  clearTimeout(timer);
}

async function failure(p: Proc, what: string): Promise<Error> {
  const status = p.exit === undefined ? 'still running' : `exited with code ${String(p.exit.code)} signal ${String(p.exit.signal)}`;
  return new Error(`${what} (${p.name} ${status}); last lines of ${p.logFile}:\n${await tailFile(p.logFile)}`);
}

interface HttpResult {
  readonly status: number;
  readonly body: string;
}

interface RequestOptions {
  readonly method?: string;
  readonly token?: string;
  readonly ca?: string;
  readonly body?: unknown;
  readonly timeoutMs?: number;
}

function httpCall(url: string, opts: RequestOptions = {}): Promise<HttpResult> {
  return new Promise<HttpResult>((resolve, reject) => {
    const u = new URL(url);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.token !== undefined) headers['Authorization'] = `Bearer ${opts.token}`;
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    const common = { method: opts.method ?? 'GET', headers, timeout: opts.timeoutMs ?? 10_000 };
    const onRes = (res: IncomingMessage): void => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, body }); });
      res.on('error', reject);
    };
    const req =
      u.protocol === 'https:'
        ? httpsRequest(u, {
            ...common,
            ...(opts.ca !== undefined ? { ca: opts.ca } : { rejectUnauthorized: false }),
          }, onRes)
        : httpRequest(u, common, onRes);
    req.on('timeout', () => req.destroy(new Error(`timeout calling ${url}`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Polls `check` until it returns true; throws the error from `onTimeout` when time runs out. */
async function waitFor(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
  watched: readonly Proc[],
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const p of watched) {
      if (p.exit !== undefined) throw await failure(p, `${p.name} exited while waiting for ${what}`);
    }
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      const last = watched[watched.length - 1];
      if (last !== undefined) throw await failure(last, `timed out after ${timeoutMs / 1000}s waiting for ${what}`);
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    }
    await sleep(500);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nodeIsReadyAndUntainted(body: string): boolean {
  const parsed: unknown = JSON.parse(body);
  if (!isRecord(parsed) || !isRecord(parsed['status'])) return false;
  // A tainted node would leave test pods Pending.
  if (isRecord(parsed['spec']) && Array.isArray(parsed['spec']['taints']) && parsed['spec']['taints'].length > 0) {
    return false;
  }
  const conditions = parsed['status']['conditions'];
  if (!Array.isArray(conditions)) return false;
  return conditions.some((c: unknown) => isRecord(c) && c['type'] === 'Ready' && c['status'] === 'True');
}

function kubeconfigYaml(server: string, caData: string, token: string): string {
  const ca = Buffer.from(caData, 'utf8').toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: berth-test',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${ca}`,
    'users:',
    '- name: berth-test-admin',
    '  user:',
    `    token: ${token}`,
    'contexts:',
    '- name: berth-test',
    '  context:',
    '    cluster: berth-test',
    '    user: berth-test-admin',
    '    namespace: default',
    'current-context: berth-test',
    '',
  ].join('\n');
}

/**
 * kwok stages: the upstream "fast" node and pod stages (kustomize/stage/{node,pod}/fast,
 * node/heartbeat-with-lease), except that pods labelled `berth.test/never-ready: "true"` are
 * moved to Running with Ready=False and stay there, so a rollout of them never completes.
 */
const KWOK_STAGES = String.raw`apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: node-initialize
spec:
  resourceRef:
    apiGroup: v1
    kind: Node
  selector:
    matchExpressions:
    - key: '.status.conditions.[] | select( .type == "Ready" ) | .status'
      operator: 'NotIn'
      values:
      - 'True'
  next:
    statusTemplate: |
      {{ $now := Now }}
      {{ $lastTransitionTime := or .metadata.creationTimestamp $now }}
      conditions:
      {{ range NodeConditions }}
      - lastHeartbeatTime: {{ $now | Quote }}
        lastTransitionTime: {{ $lastTransitionTime | Quote }}
        message: {{ .message | Quote }}
        reason: {{ .reason | Quote }}
        status: {{ .status | Quote }}
        type: {{ .type  | Quote}}
      {{ end }}
      addresses:
      {{ with NodeIP }}
      - address: {{ . | Quote }}
        type: InternalIP
      {{ end }}
      {{ with NodeName }}
      - address: {{ . | Quote }}
        type: Hostname
      {{ end }}
      allocatable:
      {{ with .status.allocatable }}
      {{ YAML . 1 }}
      {{ else }}
        cpu: 1k
        memory: 1Ti
        pods: 1M
      {{ end }}
      capacity:
      {{ with .status.capacity }}
      {{ YAML . 1 }}
      {{ else }}
        cpu: 1k
        memory: 1Ti
        pods: 1M
      {{ end }}
      {{ $nodeInfo := .status.nodeInfo }}
      {{ $kwokVersion := printf "kwok-%s" Version }}
      nodeInfo:
        architecture: {{ or $nodeInfo.architecture "amd64" }}
        bootID: {{ or $nodeInfo.bootID ` + '`""`' + String.raw` }}
        containerRuntimeVersion: {{ or $nodeInfo.containerRuntimeVersion $kwokVersion }}
        kernelVersion: {{ or $nodeInfo.kernelVersion $kwokVersion }}
        kubeProxyVersion: {{ or $nodeInfo.kubeProxyVersion $kwokVersion }}
        kubeletVersion: {{ or $nodeInfo.kubeletVersion $kwokVersion }}
        machineID: {{ or $nodeInfo.machineID ` + '`""`' + String.raw` }}
        operatingSystem: {{ or $nodeInfo.operatingSystem "linux" }}
        osImage: {{ or $nodeInfo.osImage ` + '`""`' + String.raw` }}
        systemUUID: {{ or $nodeInfo.systemUUID ` + '`""`' + String.raw` }}
      phase: Running
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: node-heartbeat-with-lease
spec:
  resourceRef:
    apiGroup: v1
    kind: Node
  selector:
    matchExpressions:
    - key: '.status.phase'
      operator: 'In'
      values:
      - 'Running'
    - key: '.status.conditions.[] | select( .type == "Ready" ) | .status'
      operator: 'In'
      values:
      - 'True'
  delay:
    durationMilliseconds: 600000
    jitterDurationMilliseconds: 610000
  next:
    statusTemplate: |
      {{ $now := Now }}
      {{ $lastTransitionTime := or .metadata.creationTimestamp $now }}
      conditions:
      {{ range NodeConditions }}
      - lastHeartbeatTime: {{ $now | Quote }}
        lastTransitionTime: {{ $lastTransitionTime | Quote }}
        message: {{ .message | Quote }}
        reason: {{ .reason | Quote }}
        status: {{ .status | Quote }}
        type: {{ .type | Quote }}
      {{ end }}
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-ready
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.metadata.labels["berth.test/never-ready"]'
      operator: 'DoesNotExist'
    - key: '.status.phase'
      operator: 'In'
      values:
      - 'Pending'
    - key: '.status.conditions.[] | select( .type == "Ready" ) | .status'
      operator: 'NotIn'
      values:
      - 'True'
  next:
    statusTemplate: |
      {{ $now := Now }}
      conditions:
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: Initialized
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: Ready
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: ContainersReady
      {{ range .spec.readinessGates }}
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: {{ .conditionType | Quote }}
      {{ end }}
      containerStatuses:
      {{ range .spec.containers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: true
        restartCount: 0
        state:
          running:
            startedAt: {{ $now | Quote }}
      {{ end }}
      initContainerStatuses:
      {{ range .spec.initContainers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: true
        restartCount: 0
        {{ if eq .restartPolicy "Always" }}
        started: true
        state:
          running:
            startedAt: {{ $now | Quote }}
        {{ else }}
        state:
          terminated:
            exitCode: 0
            finishedAt: {{ $now | Quote }}
            reason: Completed
            startedAt: {{ $now | Quote }}
        {{ end }}
      {{ end }}
      {{ $hostIPs := NodeIPsWith .spec.nodeName }}
      {{ with $hostIPs }}
      hostIP: {{ index . 0 | Quote }}
      hostIPs:
      {{ range . }}
      - ip: {{ . | Quote }}
      {{ end }}
      {{ end }}
      {{ $podIPs := PodIPsWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
      {{ with $podIPs }}
      podIP: {{ index . 0 | Quote }}
      podIPs:
      {{ range . }}
      - ip: {{ . | Quote }}
      {{ end }}
      {{ end }}
      phase: Running
      startTime: {{ $now | Quote }}
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-never-ready
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.metadata.labels["berth.test/never-ready"]'
      operator: 'Exists'
    - key: '.status.phase'
      operator: 'In'
      values:
      - 'Pending'
  next:
    statusTemplate: |
      {{ $now := Now }}
      conditions:
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: Initialized
      - lastTransitionTime: {{ $now | Quote }}
        status: "False"
        reason: ContainersNotReady
        type: Ready
      - lastTransitionTime: {{ $now | Quote }}
        status: "False"
        reason: ContainersNotReady
        type: ContainersReady
      containerStatuses:
      {{ range .spec.containers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: false
        started: true
        restartCount: 0
        state:
          running:
            startedAt: {{ $now | Quote }}
      {{ end }}
      {{ $hostIPs := NodeIPsWith .spec.nodeName }}
      {{ with $hostIPs }}
      hostIP: {{ index . 0 | Quote }}
      hostIPs:
      {{ range . }}
      - ip: {{ . | Quote }}
      {{ end }}
      {{ end }}
      {{ $podIPs := PodIPsWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
      {{ with $podIPs }}
      podIP: {{ index . 0 | Quote }}
      podIPs:
      {{ range . }}
      - ip: {{ . | Quote }}
      {{ end }}
      {{ end }}
      phase: Running
      startTime: {{ $now | Quote }}
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-complete
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.status.phase'
      operator: 'In'
      values:
      - 'Running'
    - key: '.metadata.ownerReferences.[].kind'
      operator: 'In'
      values:
      - 'Job'
  next:
    statusTemplate: |
      {{ $now := Now }}
      containerStatuses:
      {{ range .spec.containers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: false
        restartCount: 0
        started: false
        state:
          terminated:
            exitCode: 0
            finishedAt: {{ $now | Quote }}
            reason: Completed
            startedAt: {{ $now | Quote }}
      {{ end }}
      phase: Succeeded
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-delete
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'Exists'
  next:
    delete: true
`;

/**
 * Starts a fresh control plane in a new temporary directory. Builds the binaries first when they
 * are not cached (minutes, once). Always call `stop()` (e.g. in `afterAll`).
 */
export async function startControlPlane(opts: StartControlPlaneOptions = {}): Promise<ControlPlane> {
  const log = opts.log ?? defaultLog;
  const binDir = await ensureKubeBinaries(log);
  const bin = (name: (typeof BINARIES)[number]): string => join(binDir, name);

  const dir = await mkdtemp(join(tmpdir(), 'berth-kube-'));
  const procs: Proc[] = [];
  const stop = async (): Promise<void> => {
    for (const p of [...procs].reverse()) await stopProc(p);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const [etcdClientPort, etcdPeerPort, apiPort] = (await freePorts(3)) as [number, number, number];
    const token = randomBytes(24).toString('hex');
    const server = `https://127.0.0.1:${apiPort}`;

    // Service-account signing key pair.
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const saPub = join(dir, 'sa.pub');
    const saKey = join(dir, 'sa.key');
    await writeFile(saPub, publicKey, { mode: 0o600 });
    await writeFile(saKey, privateKey, { mode: 0o600 });
    const tokenFile = join(dir, 'tokens.csv');
    await writeFile(tokenFile, `${token},admin,admin-uid,"system:masters"\n`, { mode: 0o600 });
    const certDir = join(dir, 'apiserver-certs');
    await mkdir(certDir);

    // etcd
    const etcdUrl = `http://127.0.0.1:${etcdClientPort}`;
    const peerUrl = `http://127.0.0.1:${etcdPeerPort}`;
    const etcd = startProc(
      'etcd',
      bin('etcd'),
      [
        '--name=default',
        `--data-dir=${join(dir, 'etcd-data')}`,
        `--listen-client-urls=${etcdUrl}`,
        `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=${peerUrl}`,
        `--initial-advertise-peer-urls=${peerUrl}`,
        `--initial-cluster=default=${peerUrl}`,
        '--initial-cluster-state=new',
        '--unsafe-no-fsync=true',
        '--log-level=warn',
      ],
      dir,
    );
    procs.push(etcd);
    await waitFor(
      'etcd /health',
      60_000,
      async () => {
        const r = await httpCall(`${etcdUrl}/health`);
        return r.status === 200 && r.body.includes('"health":"true"');
      },
      [etcd],
    );
    log(`etcd is up at ${etcdUrl}`);

    // kube-apiserver (flags as controller-runtime's envtest uses them)
    const apiserver = startProc(
      'kube-apiserver',
      bin('kube-apiserver'),
      [
        `--etcd-servers=${etcdUrl}`,
        `--cert-dir=${certDir}`,
        `--secure-port=${apiPort}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        '--service-cluster-ip-range=10.0.0.0/24',
        '--authorization-mode=RBAC',
        `--token-auth-file=${tokenFile}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${saPub}`,
        `--service-account-signing-key-file=${saKey}`,
        // TaintNodesByCondition would put node.kubernetes.io/not-ready on the fake node, and no
        // node-lifecycle-controller runs to lift it (on purpose: a slow CI must not evict pods).
        '--disable-admission-plugins=ServiceAccount,TaintNodesByCondition',
        '--allow-privileged=true',
        '--profiling=false',
        '--endpoint-reconciler-type=none',
      ],
      dir,
    );
    procs.push(apiserver);
    await waitFor(
      'kube-apiserver /readyz',
      APISERVER_READY_TIMEOUT_MS,
      async () => (await httpCall(`${server}/readyz`, { token })).status === 200,
      [etcd, apiserver],
    );
    const caFile = join(certDir, 'apiserver.crt');
    const caData = await readFile(caFile, 'utf8');
    const api = (path: string, o: Omit<RequestOptions, 'token' | 'ca'> = {}): Promise<HttpResult> =>
      httpCall(`${server}${path}`, { ...o, token, ca: caData });
    // Prove that the CA really verifies the serving certificate.
    const version = await api('/version');
    if (version.status !== 200) throw new Error(`GET /version returned ${version.status}: ${version.body}`);
    log(`kube-apiserver is ready at ${server}`);

    const kubeconfigPath = join(dir, 'kubeconfig');
    await writeFile(kubeconfigPath, kubeconfigYaml(server, caData, token), { mode: 0o600 });

    // kube-controller-manager and kube-scheduler (no serving port: nothing to collide on)
    const kcm = startProc(
      'kube-controller-manager',
      bin('kube-controller-manager'),
      [
        `--kubeconfig=${kubeconfigPath}`,
        '--leader-elect=false',
        '--secure-port=0',
        '--controllers=deployment-controller,replicaset-controller,horizontal-pod-autoscaler-controller,' +
          'namespace-controller,garbage-collector-controller,serviceaccount-controller,' +
          'serviceaccount-token-controller,endpointslice-controller',
        `--service-account-private-key-file=${saKey}`,
        `--root-ca-file=${caFile}`,
        '--use-service-account-credentials=false',
        '--concurrent-deployment-syncs=5',
        '--concurrent-replicaset-syncs=5',
      ],
      dir,
    );
    procs.push(kcm);
    const scheduler = startProc(
      'kube-scheduler',
      bin('kube-scheduler'),
      [`--kubeconfig=${kubeconfigPath}`, '--leader-elect=false', '--secure-port=0'],
      dir,
    );
    procs.push(scheduler);
    // The service-account controller creating `default/default` shows the controller manager works.
    await waitFor(
      'kube-controller-manager (default ServiceAccount)',
      120_000,
      async () => (await api('/api/v1/namespaces/default/serviceaccounts/default')).status === 200,
      [etcd, apiserver, scheduler, kcm],
    );
    log('kube-controller-manager and kube-scheduler are running');

    if (opts.withKwok === true) {
      const kwokConfig = join(dir, 'kwok.yaml');
      await writeFile(kwokConfig, KWOK_STAGES);
      const kwok = startProc(
        'kwok',
        bin('kwok'),
        [
          `--kubeconfig=${kubeconfigPath}`,
          `--config=${kwokConfig}`,
          '--manage-all-nodes=false',
          '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
          '--node-ip=10.240.0.1',
          '--cidr=10.244.0.0/16',
          '--node-lease-duration-seconds=40',
        ],
        dir,
      );
      procs.push(kwok);
      const created = await api('/api/v1/nodes', {
        method: 'POST',
        body: {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: {
            name: FAKE_NODE_NAME,
            annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'kwok.x-k8s.io/node': 'fake' },
            labels: {
              'beta.kubernetes.io/arch': 'amd64',
              'beta.kubernetes.io/os': 'linux',
              'kubernetes.io/arch': 'amd64',
              'kubernetes.io/hostname': FAKE_NODE_NAME,
              'kubernetes.io/os': 'linux',
              'kubernetes.io/role': 'agent',
              'node-role.kubernetes.io/agent': '',
              type: 'kwok',
            },
          },
          spec: {},
        },
      });
      if (created.status !== 201) throw new Error(`creating Node ${FAKE_NODE_NAME}: ${created.status} ${created.body}`);
      await waitFor(
        `Node ${FAKE_NODE_NAME} Ready`,
        120_000,
        async () => {
          const r = await api(`/api/v1/nodes/${FAKE_NODE_NAME}`);
          return r.status === 200 && nodeIsReadyAndUntainted(r.body);
        },
        [etcd, apiserver, scheduler, kcm, kwok],
      );
      log(`kwok is running; Node ${FAKE_NODE_NAME} is Ready`);
    }

    return { server, token, caFile, caData, kubeconfigPath, dir, stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

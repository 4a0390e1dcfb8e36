#!/usr/bin/env node
// Benchmark: berth against kubectl on one real control plane (test/harness/kube.ts, with kwok).
// 500 objects (ConfigMaps, Services, Deployments) in a generated config repository; berth and
// kubectl each get their own namespace so both start from empty. Prints figures side by side;
// asserts nothing (timing goals live here, not in tests).
//
//   npm run build && node_modules/.bin/node scripts/bench-k8s.mjs [--objects 500]
//
// Writes are counted by the API server itself (apiserver_request_total from /metrics: mutating
// verbs, not dry runs, on the resources both tools apply), so berth and kubectl are measured the
// same way. berth's own count (its "kubernetes pass finished" log line) is shown beside it.
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import { stringify } from 'yaml';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { objects: { type: 'string', default: '500' } } });
const TOTAL = Number(values.objects);
const KUBECTL = process.env.KUBECTL ?? 'kubectl';
const NODE = process.execPath;
const BERTH = join(ROOT, 'bin', 'berth.js');
const WRITE_VERBS = new Set(['POST', 'PUT', 'PATCH', 'APPLY', 'DELETE', 'DELETECOLLECTION']);
const RESOURCES = new Set(['configmaps', 'services', 'deployments', 'namespaces', 'secrets']);

// The harness is TypeScript; Node 24 strips the types when importing it.
const { startControlPlane } = await import(join(ROOT, 'test', 'harness', 'kube.ts'));

// Half ConfigMaps, a quarter Services, a quarter Deployments: the harness's service CIDR is a /24,
// so two namespaces of 125 Services each still fit.
const PER_KIND = Math.floor(TOTAL / 4);

function objects(ns, variant = 0) {
  const docs = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }];
  const perKind = PER_KIND;
  const configMaps = TOTAL - 2 * perKind;
  for (let i = 0; i < configMaps; i++) {
    // `variant` changes every tenth ConfigMap: the plan/diff benchmark has something to find.
    docs.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: ns }, data: { index: String(i), value: i % 10 === 0 ? `v${variant}` : 'v0' } });
  }
  for (let i = 0; i < perKind; i++) {
    docs.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${i}`, namespace: ns }, spec: { selector: { app: `app-${i}` }, ports: [{ port: 80 }] } });
  }
  for (let i = 0; i < perKind; i++) {
    docs.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `app-${i}`, namespace: ns },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: `app-${i}` } },
        template: {
          metadata: { labels: { app: `app-${i}` } },
          spec: { containers: [{ name: 'app', image: 'berth-demo/web:1', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
        },
      },
    });
  }
  return docs;
}

const toYaml = (docs) => docs.map((d) => stringify(d)).join('---\n');

async function writeManifests(dir, docs) {
  await mkdir(dir, { recursive: true });
  // Several files, as a repository would have them.
  const chunks = 10;
  const size = Math.ceil(docs.length / chunks);
  for (let c = 0; c < chunks; c++) await writeFile(join(dir, `part-${String(c).padStart(2, '0')}.yaml`), toYaml(docs.slice(c * size, (c + 1) * size)));
}

const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@localhost', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@localhost' };
const git = (cwd, args) => run('git', args, { cwd, env: gitEnv });

async function commitRepo(repo, kubeconfig, ns, variant) {
  await writeFile(
    join(repo, 'clusters', 'bench.yaml'),
    `apiVersion: berth.dev/v1alpha1\nkind: Cluster\nmetadata:\n  name: bench\nspec:\n  type: kubernetes\n  namespace: ${ns}\n  kubernetes:\n    kubeconfig: ${kubeconfig}\n`,
  );
  await rm(join(repo, 'apps'), { recursive: true, force: true });
  await writeManifests(join(repo, 'apps', 'bench'), objects(ns, variant));
  await git(repo, ['add', '-A']);
  await git(repo, ['commit', '-q', '-m', `variant ${variant}`, '--allow-empty']);
}

async function timed(fn) {
  const t0 = performance.now();
  const out = await fn();
  return { ms: performance.now() - t0, out };
}

function spawnCollect(cmd, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function berth(cmd, repo) {
  const r = await spawnCollect(NODE, [BERTH, cmd, '--repo', repo, '--log-level', 'info', ...(cmd === 'sync' ? ['--no-status'] : [])]);
  // Logs are JSON lines (stderr in current builds; stdout in older ones).
  const line = `${r.stderr}\n${r.stdout}`.split('\n').find((l) => l.includes('kubernetes pass finished'));
  const info = line ? JSON.parse(line) : undefined;
  if (info === undefined) console.error(`(no driver summary in berth's output: ${r.stdout.slice(0, 400)})`);
  if (r.code !== 0 && !(cmd === 'plan' && r.code === 2)) throw new Error(`berth ${cmd} exited ${r.code}:\n${r.stderr.slice(-3000)}\n${r.stdout.slice(-3000)}`);
  return info;
}

async function kubectl(args, okCodes = [0]) {
  const r = await spawnCollect(KUBECTL, args);
  if (!okCodes.includes(r.code)) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}:\n${r.stderr.slice(-2000)}`);
  return r;
}

function metrics(cp) {
  return new Promise((resolve, reject) => {
    const req = request(`${cp.server}/metrics`, { ca: cp.caData, headers: { Authorization: `Bearer ${cp.token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Mutating, non-dry-run requests on the resources the benchmark applies (no subresources). */
async function writeCount(cp) {
  let writes = 0;
  let dryRuns = 0;
  for (const line of (await metrics(cp)).split('\n')) {
    if (!line.startsWith('apiserver_request_total{')) continue;
    const labels = Object.fromEntries([...line.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (!WRITE_VERBS.has(labels.verb) || !RESOURCES.has(labels.resource) || (labels.subresource ?? '') !== '') continue;
    const n = Number(line.slice(line.lastIndexOf(' ') + 1));
    if ((labels.dry_run ?? '') === '') writes += n;
    else dryRuns += n;
  }
  return { writes, dryRuns };
}

async function measure(cp, fn) {
  const before = await writeCount(cp);
  const { ms, out } = await timed(fn);
  const after = await writeCount(cp);
  return { ms, out, writes: after.writes - before.writes, dryRuns: after.dryRuns - before.dryRuns };
}

const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
/** berth's wall time, with the part spent in the Kubernetes driver (the rest is process start, Git, schemas). */
const bsec = (m) => `${sec(m.ms)} (driver ${m.out?.ms !== undefined ? sec(m.out.ms) : '?'})`;

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'berth-bench-k8s-'));
  const cp = await startControlPlane({ withKwok: true });
  try {
    const kc = ['--kubeconfig', cp.kubeconfigPath];
    const repo = join(work, 'repo');
    await mkdir(join(repo, 'clusters'), { recursive: true });
    await git(repo, ['init', '-q', '-b', 'main']);
    await commitRepo(repo, cp.kubeconfigPath, 'bench-berth', 0);
    const kdir = join(work, 'kubectl');
    await writeManifests(kdir, objects('bench-kubectl', 0));
    const available = (ns) => kubectl([...kc, 'wait', '--for=condition=Available', 'deployment', '--all', '-n', ns, '--timeout=600s']);
    // Warm up both clients' connections and discovery once, so neither pays a cold start alone.
    await kubectl([...kc, 'get', 'ns']);

    const rows = [];
    const b1 = await measure(cp, () => berth('sync', repo));
    const k1 = await measure(cp, () => kubectl([...kc, 'apply', '--server-side', '-f', kdir]));
    const k1w = await timed(() => available('bench-kubectl'));
    rows.push([`first sync, ${TOTAL} objects from empty`, `${bsec(b1)}, of which ${sec(b1.out?.waitMs ?? 0)} waiting for ${PER_KIND} Deployments to be healthy`, `${sec(k1.ms)} apply, +${sec(k1w.ms)} kubectl wait Available = ${sec(k1.ms + k1w.ms)}`]);
    rows.push(['  writes (API server count)', `${b1.writes} (berth: ${b1.out?.requests?.writes})`, `${k1.writes}`]);

    const b2 = await measure(cp, () => berth('sync', repo));
    const k2 = await measure(cp, () => kubectl([...kc, 'apply', '--server-side', '-f', kdir]));
    rows.push(['no-op sync (nothing changed)', bsec(b2), sec(k2.ms)]);
    rows.push(['  writes (API server count)', `${b2.writes} (berth: ${b2.out?.requests?.writes}; dry runs ${b2.dryRuns})`, `${k2.writes}`]);

    const b3 = await measure(cp, () => berth('plan', repo));
    const k3 = await measure(cp, () => kubectl([...kc, 'diff', '--server-side', '-f', kdir], [0, 1]));
    rows.push(['plan / diff, nothing changed', bsec(b3), sec(k3.ms)]);

    await commitRepo(repo, cp.kubeconfigPath, 'bench-berth', 1);
    await writeManifests(kdir, objects('bench-kubectl', 1));
    const b4 = await measure(cp, () => berth('plan', repo));
    const k4 = await measure(cp, () => kubectl([...kc, 'diff', '--server-side', '-f', kdir], [0, 1]));
    rows.push([`plan / diff, ${Math.ceil((TOTAL - 2 * PER_KIND) / 10)} ConfigMaps changed`, `${bsec(b4)}, ${b4.out?.updated} updates found`, sec(k4.ms)]);
    rows.push(['  writes (API server count)', `${b3.writes + b4.writes}`, `${k3.writes + k4.writes}`]);

    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), ['', 'berth', 'kubectl'][i].length));
    const fmt = (r) => r.map((c, i) => c.padEnd(widths[i])).join(' | ');
    const kubectlVersion = (await kubectl(['version', '--client', '-o', 'json'])).stdout;
    console.log(`\n${TOTAL} objects (ConfigMaps, Services, Deployments) + 1 Namespace; Kubernetes v1.37.2 control plane with kwok on loopback; kubectl ${JSON.parse(kubectlVersion).clientVersion.gitVersion}\n`);
    console.log(fmt(['', 'berth', 'kubectl']));
    console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
    for (const r of rows) console.log(fmt(r));
  } finally {
    await cp.stop();
    await rm(work, { recursive: true, force: true });
  }
}

await main();

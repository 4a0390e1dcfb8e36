/**
 * berth end to end on a real Docker host: a real dockerd of the test's own, a real git HTTP
 * server with token auth, berth's CLI in process (and as a child process for kill -9).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startDockerd, type Dockerd } from '../harness/dockerd.js';
import { commitFiles, git, startGitServer, withToken, type FileChange, type GitServer } from '../harness/gitserver.js';
import { berth, berthContainers, byApp, docker, inspect } from './helpers.js';
import { apiYaml, berthYaml, SECRET_VALUE, webYaml } from './fixtures.js';

const TOKEN = 'e2e-git-token-3b7d';
let dockerd: Dockerd;
let server: GitServer;
let url: string;
let cache: string;

const env = (): NodeJS.ProcessEnv => ({ BERTH_GIT_TOKEN: TOKEN });
const sync = async (...extra: string[]) => berth(['sync', '--repo', url, '--cache-dir', cache, ...extra], env());

async function statusHead(): Promise<string> {
  return (await git(['ls-remote', withToken(url, TOKEN), 'refs/heads/berth/status'])).split(/\s/)[0] ?? '';
}

async function statusFile(path: string): Promise<string> {
  return statusFileAt('berth/status', path);
}

beforeAll(async () => {
  dockerd = await startDockerd({ name: 'e2e', withDemoImage: true });
  server = await startGitServer({ token: TOKEN });
  url = await server.createRepo('config');
  cache = await mkdtemp(join(tmpdir(), 'berth-cache-'));
  await commitFiles(url, { 'berth.yaml': berthYaml(dockerd.dockerHost), 'apps/demo/web.yaml': webYaml(), 'apps/demo/api.yaml': apiYaml() }, 'two apps', { token: TOKEN });
}, 300_000);

afterAll(async () => {
  await server.stop();
  await dockerd.stop();
  await rm(cache, { recursive: true, force: true });
}, 120_000);

describe('berth sync on a real Docker host', () => {
  it('runs the apps with their env, files, limits and labels, and commits status', async () => {
    const r = await sync();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const all = await berthContainers(dockerd.dockerHost);
    expect(byApp(all, 'web')).toHaveLength(2);
    expect(byApp(all, 'api')).toHaveLength(1);
    for (const c of all) {
      expect(c.state).toBe('running');
      expect(c.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'berth', 'berth.dev/cluster': 'e2e', 'berth.dev/namespace': 'demo' });
      expect(c.labels['berth.dev/spec-hash']).toMatch(/^[0-9a-f]{7,}$/);
      expect(c.labels['berth.dev/revision']).toMatch(/^[0-9a-f]{40}$/);
    }
    const web = byApp(all, 'web')[0];
    if (web === undefined) throw new Error('no web container');
    const details = await inspect(dockerd.dockerHost, web.id);
    expect(details.Config.Env).toContain('COLOR=teal');
    expect(details.HostConfig.NanoCpus).toBe(250_000_000);
    expect(details.HostConfig.Memory).toBe(64 * 1024 * 1024);
    expect(await docker(dockerd.dockerHost, ['exec', web.id, 'cat', '/etc/berth-demo/config/greeting.txt'])).toBe('Hello from e2e');
    expect(await docker(dockerd.dockerHost, ['exec', web.id, 'cat', '/etc/berth-demo/secret/api-token'])).toBe(SECRET_VALUE);
    // The secret never appears in the container's configuration or labels.
    expect(JSON.stringify(details)).not.toContain(SECRET_VALUE);

    const status = await statusFile('clusters/e2e/demo/web.yaml');
    expect(status).toContain('readyReplicas: 2');
    expect(status).toContain('result: healthy');
    expect(status).not.toContain(SECRET_VALUE);
    const endpoint = /- (http:\/\/127\.0\.0\.1:\d+)/.exec(status)?.[1];
    if (endpoint === undefined) throw new Error(`no endpoint in status:\n${status}`);
    const page = await fetch(`${endpoint}/health`);
    expect(page.status).toBe(200);
  });

  it('a second sync changes nothing: no container recreated, no status commit', async () => {
    const before = await berthContainers(dockerd.dockerHost);
    const head = await statusHead();
    const r = await sync();
    expect(r.code).toBe(0);
    expect((await berthContainers(dockerd.dockerHost)).map((c) => c.id)).toEqual(before.map((c) => c.id));
    expect(await statusHead()).toBe(head);
    const plan = await berth(['plan', '--repo', url, '--cache-dir', cache], env());
    expect(plan.code).toBe(0);
  });

  it('plan shows a change field by field; sync recreates only the affected containers', async () => {
    await commitFiles(url, { 'apps/demo/web.yaml': webYaml({ color: 'orange', replicas: 3 }) }, 'orange web, three replicas', { token: TOKEN });
    const plan = await berth(['plan', '--repo', url, '--cache-dir', cache, '--output', 'json'], env());
    expect(plan.code).toBe(2);
    expect(plan.out).toContain('orange');
    expect(plan.out).not.toContain(SECRET_VALUE);
    const before = await berthContainers(dockerd.dockerHost);
    expect((await sync()).code).toBe(0);
    const after = await berthContainers(dockerd.dockerHost);
    expect(byApp(after, 'api').map((c) => c.id)).toEqual(byApp(before, 'api').map((c) => c.id));
    const web = byApp(after, 'web');
    expect(web).toHaveLength(3);
    for (const c of web) {
      expect(byApp(before, 'web').map((b) => b.id)).not.toContain(c.id);
      expect((await inspect(dockerd.dockerHost, c.id)).Config.Env).toContain('COLOR=orange');
    }
  });

  it('a broken revision applies nothing and the status says why, with file and line', async () => {
    const before = await berthContainers(dockerd.dockerHost);
    await commitFiles(url, { 'apps/demo/api.yaml': apiYaml().replace('replicas: 1', 'replicas: 1\n  replicaz: 4') }, 'typo', { token: TOKEN });
    const r = await sync();
    expect(r.code).toBe(1);
    expect((await berthContainers(dockerd.dockerHost)).map((c) => c.id)).toEqual(before.map((c) => c.id));
    const revision = await statusFile('revision.yaml');
    expect(revision).toContain('result: rejected');
    expect(revision).toContain('file: apps/demo/api.yaml');
    expect(revision).toContain('line: 7');
    expect(revision).toContain('replicaz');
    await commitFiles(url, { 'apps/demo/api.yaml': apiYaml() }, 'fix typo', { token: TOKEN });
  });

  it('an app removed from the repository is pruned', async () => {
    await commitFiles(url, { 'apps/demo/api.yaml': null }, 'remove api', { token: TOKEN });
    expect((await sync()).code).toBe(0);
    const after = await berthContainers(dockerd.dockerHost);
    expect(byApp(after, 'api')).toHaveLength(0);
    expect(byApp(after, 'web')).toHaveLength(3);
    await expect(statusFile('clusters/e2e/demo/api.yaml')).rejects.toThrow();
  });

  it('kill -9 during a sync, then a new sync converges with no duplicate containers', async () => {
    await commitFiles(url, { 'apps/demo/web.yaml': webYaml({ color: 'violet', replicas: 3 }) }, 'violet', { token: TOKEN });
    const before = new Set((await berthContainers(dockerd.dockerHost)).map((c) => c.id));
    const child = spawn(process.execPath, ['bin/berth.js', 'sync', '--repo', url, '--cache-dir', cache, '--log-level', 'warn'], {
      env: { ...process.env, ...env() },
      stdio: 'ignore',
    });
    // Wait (bounded) until berth has created its first new container, then kill it mid-rollout.
    for (let i = 0; i < 600; i++) {
      const now = await berthContainers(dockerd.dockerHost);
      if (now.some((c) => !before.has(c.id))) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect((await sync()).code).toBe(0);
    const web = byApp(await berthContainers(dockerd.dockerHost), 'web');
    expect(web).toHaveLength(3);
    expect(new Set(web.map((c) => c.labels['berth.dev/slot'])).size).toBe(3);
    for (const c of web) expect((await inspect(dockerd.dockerHost, c.id)).Config.Env).toContain('COLOR=violet');
  });
});

/** Every bad-input fixture, pushed on top of a healthy repository: rejected whole, nothing applied. */
describe('bad input on a real Docker host', () => {
  const root = join(process.cwd(), 'fixtures', 'bad');
  const cases = readdirSync(root).sort();

  async function fixtureFiles(dir: string): Promise<Record<string, FileChange>> {
    const out: Record<string, FileChange> = {};
    const walk = async (d: string): Promise<void> => {
      for (const e of await readdir(d, { withFileTypes: true })) {
        const abs = join(d, e.name);
        const rel = relative(dir, abs);
        if (rel === 'expected.json') continue;
        if (e.isDirectory()) await walk(abs);
        else if (e.isSymbolicLink()) out[rel] = { symlink: await readlink(abs) };
        else out[rel] = await readFile(abs, 'utf8');
      }
    };
    await walk(dir);
    return out;
  }

  it.each(cases)('%s: exit 1, nothing applied, status names file and line', async (name) => {
    const expected = JSON.parse(await readFile(join(root, name, 'expected.json'), 'utf8')) as { code: string; file: string; line: number };
    // The fixture replaces the apps: a rejected revision that also drops the running app must
    // not prune it either.
    const files: Record<string, FileChange> = { 'apps/demo/web.yaml': null, ...(await fixtureFiles(join(root, name))) };
    const before = await berthContainers(dockerd.dockerHost);
    const originals: Record<string, FileChange> = {};
    for (const path of Object.keys(files)) originals[path] = await statusFileAt('main', path).catch(() => null);
    await commitFiles(url, files, `bad input: ${name}`, { token: TOKEN });
    try {
      const r = await sync();
      expect(r.code).toBe(1);
      expect((await berthContainers(dockerd.dockerHost)).map((c) => `${c.id}:${c.state}`)).toEqual(before.map((c) => `${c.id}:${c.state}`));
      const revision = await statusFile('revision.yaml');
      expect(revision).toContain('result: rejected');
      expect(revision).toContain(`code: ${expected.code}`);
      expect(revision).toContain(`file: ${expected.file}`);
      expect(revision).toContain(`line: ${expected.line}`);
      expect(revision).not.toContain(SECRET_VALUE);
    } finally {
      await commitFiles(url, originals, `restore after ${name}`, { token: TOKEN });
    }
  });
});

async function statusFileAt(branch: string, path: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-show-'));
  try {
    await git(['init', '-q', dir]);
    await git(['fetch', '-q', withToken(url, TOKEN), `refs/heads/${branch}`], dir);
    return await git(['show', `FETCH_HEAD:${path}`], dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

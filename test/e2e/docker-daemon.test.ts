/**
 * `berth run` as a real process: it converges after a commit within its poll interval, follows
 * the branch it started on, and stops cleanly on SIGTERM. Waits are bounded polls, not timings.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDockerd, type Dockerd } from '../harness/dockerd.js';
import { commitFiles, createWorkRepo, git } from '../harness/gitserver.js';
import { berthContainers, byApp } from './helpers.js';
import { apiYaml, berthYaml } from './fixtures.js';

let dockerd: Dockerd;
let repo: string;
let cache: string;
let daemon: ChildProcess | undefined;
let output = '';

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}; daemon output:\n${output.slice(-3000)}`);
}

const apiCount = async (): Promise<number> => byApp(await berthContainers(dockerd.dockerHost), 'api').length;

beforeAll(async () => {
  dockerd = await startDockerd({ name: 'daemon', withDemoImage: true });
  repo = await createWorkRepo();
  cache = await mkdtemp(join(tmpdir(), 'berth-daemon-cache-'));
  await commitFiles(repo, { 'berth.yaml': berthYaml(dockerd.dockerHost), 'apps/demo/api.yaml': apiYaml() }, 'api');
  daemon = spawn(process.execPath, ['bin/berth.js', 'run', '--repo', repo, '--interval', '2s', '--cache-dir', cache], { stdio: ['ignore', 'pipe', 'pipe'] });
  daemon.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  daemon.stderr?.on('data', (d: Buffer) => (output += d.toString()));
}, 300_000);

afterAll(async () => {
  daemon?.kill('SIGKILL');
  await dockerd.stop();
  await rm(repo, { recursive: true, force: true });
  await rm(cache, { recursive: true, force: true });
}, 120_000);

describe('berth run', () => {
  it('applies at start, converges after a commit, and ignores a branch checked out later', async () => {
    await until('the first pass to start the api', async () => (await apiCount()) === 1);

    await commitFiles(repo, { 'apps/demo/api.yaml': apiYaml().replace('replicas: 1', 'replicas: 2') }, 'two');
    await until('the daemon to scale api to 2', async () => (await apiCount()) === 2);
    await until('the status branch to show 2 ready', async () => (await git(['show', 'berth/status:clusters/e2e/demo/api.yaml'], repo)).includes('readyReplicas: 2'));

    await git(['checkout', '-q', '-b', 'experiment'], repo);
    await commitFiles(repo, { 'apps/demo/api.yaml': apiYaml().replace('replicas: 1', 'replicas: 4') }, 'four, on a feature branch');
    const statusBefore = await git(['rev-parse', 'berth/status'], repo);
    // Several intervals pass: the daemon keeps following main.
    const finished = (): number => (output.match(/pass finished/g) ?? []).length;
    const passes = finished();
    await until('two more passes', () => Promise.resolve(finished() >= passes + 2));
    expect(await apiCount()).toBe(2);
    expect(await git(['rev-parse', 'berth/status'], repo)).toBe(statusBefore);
    expect(output).not.toMatch(/"ref":"experiment"/);
  });

  it('stops after the running pass on SIGTERM, with exit code 0', async () => {
    const exited = new Promise<number | null>((r) => {
      daemon?.once('exit', (code) => {
        r(code);
      });
    });
    daemon?.kill('SIGTERM');
    expect(await exited).toBe(0);
    daemon = undefined;
  });
});

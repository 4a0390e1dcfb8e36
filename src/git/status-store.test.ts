import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodeHttp from 'isomorphic-git/http/node';
import { pino } from 'pino';
import { fixedClock } from '../core/clock.js';
import { BerthError, ErrorCode } from '../core/errors.js';
import { commitFiles, createWorkRepo, git, startGitServer, withToken, type GitServer } from '../../test/harness/gitserver.js';
import type { GitHttp } from './plumbing.js';
import { DEFAULT_STATUS_BRANCH, openStatusStore } from './status-store.js';

const log = pino({ level: 'silent' });
const branch = DEFAULT_STATUS_BRANCH;
const files = (entries: Record<string, string>): ReadonlyMap<string, string> => new Map(Object.entries(entries));

describe('status store on a local working repository', () => {
  let dir: string;
  let cacheDir: string;
  let mainSha: string;

  beforeAll(async () => {
    dir = await createWorkRepo();
    cacheDir = await mkdtemp(join(tmpdir(), 'berth-cache-'));
    mainSha = await commitFiles(dir, { 'berth.yaml': 'v: 1\n' }, 'config');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('commits only when the tree changes, leaving main, the index and the working tree alone', async () => {
    const clock = fixedClock(Date.UTC(2026, 0, 2, 3, 4, 5));
    const store = await openStatusStore({ repo: dir, cacheDir, clock }, log);
    expect(await store.read(branch)).toEqual(new Map());

    const first = await store.write({ branch, files: files({ 'summary.md': '# ok\n', 'apps/web/prod.yaml': 'healthy: true\n' }), message: 'status: 2 apps' }, log);
    expect(first.committed).toBe(true);
    expect(await git(['rev-parse', `refs/heads/${branch}`], dir)).toBe(first.sha);
    expect(await git(['log', '-1', '--format=%an <%ae> %at %s', branch], dir)).toBe(
      `berth <berth@localhost> ${String(clock.now() / 1000)} status: 2 apps`,
    );
    expect(await git(['show', `${branch}:apps/web/prod.yaml`], dir)).toBe('healthy: true');

    const again = await store.write({ branch, files: files({ 'apps/web/prod.yaml': 'healthy: true\n', 'summary.md': '# ok\n' }), message: 'same' }, log);
    expect(again).toEqual({ committed: false, sha: first.sha });

    clock.advance(60_000);
    const third = await store.write({ branch, files: files({ 'summary.md': '# changed\n' }), message: 'status: 1 app' }, log);
    expect(third.committed).toBe(true);
    expect(await git(['rev-parse', `${branch}^`], dir)).toBe(first.sha);
    expect(await store.read(branch)).toEqual(files({ 'summary.md': '# changed\n' }));

    expect(await git(['rev-parse', 'main'], dir)).toBe(mainSha);
    expect(await git(['symbolic-ref', 'HEAD'], dir)).toBe('refs/heads/main');
    expect(await git(['status', '--porcelain'], dir)).toBe('');
  });

  it('refuses to move a branch that is checked out', async () => {
    const store = await openStatusStore({ repo: dir, cacheDir }, log);
    const e = await store.write({ branch: 'main', files: files({ a: 'b' }), message: 'x' }, log).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(BerthError);
    expect((e as BerthError).code).toBe(ErrorCode.Git);
    expect(await git(['rev-parse', 'main'], dir)).toBe(mainSha);
  });
});

describe('status store on a remote with a token', () => {
  const token = `status-token-${String(process.pid)}`;
  let server: GitServer;
  let cacheDir: string;

  beforeAll(async () => {
    server = await startGitServer({ token });
    cacheDir = await mkdtemp(join(tmpdir(), 'berth-cache-'));
  });
  afterAll(async () => {
    await server.stop();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('pushes the first write, skips an identical one and never touches main', async () => {
    const url = await server.createRepo('status-a');
    const mainSha = await commitFiles(url, { 'berth.yaml': 'v: 1\n' }, 'config', { token });
    const store = await openStatusStore({ repo: url, token, cacheDir }, log);
    expect(await store.read(branch)).toEqual(new Map());

    const first = await store.write({ branch, files: files({ 'summary.md': 'one\n' }), message: 'first' }, log);
    expect(first.committed).toBe(true);
    const remote = withToken(url, token);
    expect(await git(['ls-remote', remote, `refs/heads/${branch}`])).toBe(`${String(first.sha)}\trefs/heads/${branch}`);

    const second = await store.write({ branch, files: files({ 'summary.md': 'one\n' }), message: 'again' }, log);
    expect(second).toEqual({ committed: false, sha: first.sha });
    expect(await git(['ls-remote', remote, 'refs/heads/main'])).toBe(`${mainSha}\trefs/heads/main`);

    // A fresh store (empty cache folder) reads what the first one pushed.
    const fresh = await openStatusStore({ repo: url, token, cacheDir: await mkdtemp(join(tmpdir(), 'berth-cache-')) }, log);
    expect(await fresh.read(branch)).toEqual(files({ 'summary.md': 'one\n' }));
  });

  it('retries on a concurrent push and keeps the other writer in history', async () => {
    const url = await server.createRepo('status-b');
    await commitFiles(url, { 'berth.yaml': 'v: 1\n' }, 'config', { token });
    let theirs: string | undefined;
    let receiveDiscoveries = 0;
    // Another writer pushes right after we looked at the branch and before our push lands.
    const http: GitHttp = {
      request: async (req) => {
        const authorized = Object.keys(req.headers ?? {}).some((h) => h.toLowerCase() === 'authorization');
        if (req.url.includes('service=git-receive-pack') && authorized) {
          receiveDiscoveries += 1;
          if (receiveDiscoveries === 2 && theirs === undefined) {
            theirs = await commitFiles(url, { 'other.yaml': 'from: elsewhere\n' }, 'other writer', { token, branch });
          }
        }
        return nodeHttp.request(req);
      },
    };
    const store = await openStatusStore({ repo: url, token, cacheDir, http }, log);
    const base = await store.write({ branch, files: files({ 'summary.md': 'v1\n' }), message: 'ours 1' }, log);
    const ours = await store.write({ branch, files: files({ 'summary.md': 'v2\n' }), message: 'ours 2' }, log);

    expect(theirs).toBeDefined();
    expect(ours.committed).toBe(true);
    expect(receiveDiscoveries).toBe(3); // base push, rejected push, retried push
    const check = await mkdtemp(join(tmpdir(), 'berth-check-'));
    try {
      await git(['clone', '--quiet', '--branch', branch, withToken(url, token), check]);
      expect(await git(['rev-parse', 'HEAD'], check)).toBe(ours.sha);
      await git(['merge-base', '--is-ancestor', String(theirs), 'HEAD'], check);
      await git(['merge-base', '--is-ancestor', String(base.sha), 'HEAD'], check);
      expect(await git(['ls-tree', '--name-only', 'HEAD'], check)).toBe('summary.md');
      expect(await readFile(join(check, 'summary.md'), 'utf8')).toBe('v2\n');
    } finally {
      await rm(check, { recursive: true, force: true });
    }
  });

  it('reports a push refused for another reason as BERTH_GIT_PUSH', async () => {
    const url = await server.createRepo('status-c');
    await commitFiles(url, { 'berth.yaml': 'v: 1\n' }, 'config', { token });
    const hook = join(server.root, 'status-c.git', 'hooks', 'pre-receive');
    await writeFile(hook, '#!/bin/sh\necho "status writes are frozen" >&2\nexit 1\n');
    await chmod(hook, 0o755);
    const store = await openStatusStore({ repo: url, token, cacheDir }, log);
    const e = await store.write({ branch, files: files({ 'summary.md': 'x\n' }), message: 'blocked' }, log).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(BerthError);
    expect((e as BerthError).code).toBe(ErrorCode.GitPush);
    expect((e as BerthError).message).toMatch(/pre-receive hook declined/);
    expect((e as BerthError).message).not.toContain(token);
  });

  it('reports a wrong token as BERTH_GIT without the token', async () => {
    const url = await server.createRepo('status-d');
    await commitFiles(url, { 'berth.yaml': 'v: 1\n' }, 'config', { token });
    const store = await openStatusStore({ repo: url, token: 'not-the-token', cacheDir }, log);
    const e = await store.write({ branch, files: files({ a: 'b' }), message: 'x' }, log).catch((err: unknown) => err);
    expect((e as BerthError).code).toBe(ErrorCode.Git);
    expect((e as BerthError).message).toMatch(/authentication rejected/);
    expect((e as BerthError).message).not.toContain('not-the-token');
  });
});

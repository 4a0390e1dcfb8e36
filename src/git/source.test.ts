import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodeHttp from 'isomorphic-git/http/node';
import { pino } from 'pino';
import { BerthError, ErrorCode } from '../core/errors.js';
import type { ConfigSource } from '../core/source.js';
import { commitFiles, createWorkRepo, git, startGitServer, withToken, type GitServer } from '../../test/harness/gitserver.js';
import type { GitHttp } from './plumbing.js';
import { openSource } from './source.js';

const log = pino({ level: 'silent' });

async function rejection(p: Promise<unknown>): Promise<BerthError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof BerthError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

/** Counts requests so tests can see that an unchanged ref is not fetched again. */
function countingHttp(): GitHttp & { count: number } {
  const h = {
    count: 0,
    request: (req: Parameters<GitHttp['request']>[0]) => {
      h.count += 1;
      return nodeHttp.request(req);
    },
  };
  return h;
}

describe('local repository source', () => {
  let dir: string;
  let cacheDir: string;
  let source: ConfigSource;
  let sha1: string;
  let sha2: string;
  let sideSha: string;

  beforeAll(async () => {
    dir = await createWorkRepo();
    cacheDir = await mkdtemp(join(tmpdir(), 'berth-cache-'));
    sha1 = await commitFiles(dir, { 'berth.yaml': 'v: 1\n', 'apps/a.yaml': 'a: 1\n' }, 'one');
    await git(['tag', '-a', 'v1', '-m', 'release 1'], dir);
    await git(['tag', 'light', sha1], dir);
    await git(['branch', 'feature', sha1], dir);
    sha2 = await commitFiles(
      dir,
      {
        'berth.yaml': 'v: 2\n',
        'shared/common.yaml': 'common: true\n',
        'apps/link.yaml': { symlink: '../shared/common.yaml' },
        'apps/shared': { symlink: '../shared' },
        'apps/evil.yaml': { symlink: '../../../etc/passwd' },
        'big.txt': 'x'.repeat(1024 * 1024 + 1),
        'logo.bin': '\u0000\u0001binary',
      },
      'two',
    );
    await git(['checkout', '--quiet', '-b', 'side', sha1], dir);
    sideSha = await commitFiles(dir, { 'side.yaml': 's: 1\n' }, 'side');
    await git(['checkout', '--quiet', 'main'], dir);
    source = await openSource({ repo: dir, cacheDir }, log);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('is identified by its folder', () => {
    expect(source.id).toBe(dir);
  });

  it.each([
    ['the current branch', undefined, 'main', () => sha2],
    ['a branch', 'feature', 'feature', () => sha1],
    ['an annotated tag (peeled)', 'v1', 'v1', () => sha1],
    ['a lightweight tag', 'light', 'light', () => sha1],
    ['a full ref', 'refs/heads/side', 'refs/heads/side', () => sideSha],
    ['a short SHA', 'SHORT', 'SHORT', () => sideSha],
    ['a full SHA', 'FULL', 'FULL', () => sha1],
  ])('resolves %s', async (_what, ref, wantRef, want) => {
    const input = ref === 'SHORT' ? sideSha.slice(0, 7) : ref === 'FULL' ? sha1 : ref;
    const out = await source.resolve(input);
    expect(out).toEqual({ ref: wantRef === 'SHORT' || wantRef === 'FULL' ? input : wantRef, sha: want() });
  });

  it('rejects an unknown ref with BERTH_GIT_REF naming it', async () => {
    const e = await rejection(source.resolve('no-such-branch'));
    expect(e.code).toBe(ErrorCode.GitRef);
    expect(e.message).toContain('no-such-branch');
    const sha = await rejection(source.resolve('deadbeef'));
    expect(sha.code).toBe(ErrorCode.GitRef);
  });

  it('reads the commit, never the working tree or the index', async () => {
    await writeFile(join(dir, 'berth.yaml'), 'v: dirty\n');
    await writeFile(join(dir, 'untracked.yaml'), 'u: 1\n');
    await writeFile(join(dir, 'apps/a.yaml'), 'a: staged\n');
    await git(['add', 'apps/a.yaml'], dir);
    const snap = await source.snapshot(sha2);
    expect(snap.sha).toBe(sha2);
    const files = new Map(snap.files.map((f) => [f.path, f.text]));
    expect(files.get('berth.yaml')).toBe('v: 2\n');
    expect(files.get('apps/a.yaml')).toBe('a: 1\n');
    expect(files.has('untracked.yaml')).toBe(false);
    const old = await source.snapshot(sha1);
    expect(old.files.map((f) => f.path)).toEqual(['apps/a.yaml', 'berth.yaml']);
  });

  it('follows symlinks inside the repository and rejects the rest', async () => {
    const snap = await source.snapshot(sha2);
    const files = new Map(snap.files.map((f) => [f.path, f.text]));
    expect(files.get('apps/link.yaml')).toBe('common: true\n');
    expect(files.get('apps/shared/common.yaml')).toBe('common: true\n');
    expect(snap.rejected.map((r) => [r.path, r.reason])).toEqual([
      ['apps/evil.yaml', 'symlink-outside'],
      ['big.txt', 'too-large'],
      ['logo.bin', 'binary'],
    ]);
  });

  it('skips submodules', async () => {
    await git(['reset', '--quiet'], dir);
    await git(['update-index', '--add', '--cacheinfo', `160000,${sha1},vendor/sub`], dir);
    await git(['commit', '--quiet', '-m', 'submodule'], dir);
    const snap = await source.snapshot((await source.resolve(undefined)).sha);
    expect(snap.files.some((f) => f.path.startsWith('vendor'))).toBe(false);
    expect(snap.rejected.some((r) => r.path.startsWith('vendor'))).toBe(false);
  });

  it('rejects a folder that is not a repository', async () => {
    const e = await rejection(openSource({ repo: cacheDir, cacheDir }, log));
    expect(e.code).toBe(ErrorCode.Git);
  });
});

describe('remote source over HTTP with a token', () => {
  const token = `tok-${String(process.pid)}-secret`;
  let server: GitServer;
  let url: string;
  let cacheDir: string;
  let mainSha: string;
  let tagSha: string;
  let otherSha: string;

  beforeAll(async () => {
    server = await startGitServer({ token });
    url = await server.createRepo('config');
    cacheDir = await mkdtemp(join(tmpdir(), 'berth-cache-'));
    tagSha = await commitFiles(url, { 'berth.yaml': 'v: 1\n', 'apps/a.yaml': 'a: 1\n' }, 'one', { token });
    const work = await mkdtemp(join(tmpdir(), 'berth-tag-'));
    await git(['clone', '--quiet', withToken(url, token), work]);
    await git(['tag', '-a', 'v1', '-m', 'release', tagSha], work);
    await git(['push', '--quiet', 'origin', 'v1'], work);
    await rm(work, { recursive: true, force: true });
    mainSha = await commitFiles(url, { 'berth.yaml': 'v: 2\n', 'apps/l.yaml': { symlink: 'a.yaml' } }, 'two', { token });
    otherSha = await commitFiles(url, { 'other.yaml': 'o: 1\n' }, 'other', { token, branch: 'other' });
  });
  afterAll(async () => {
    await server.stop();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('resolves the default branch, a tag and a SHA on another branch, and reads snapshots', async () => {
    const http = countingHttp();
    const source = await openSource({ repo: url, token, cacheDir, http }, log);
    expect(source.id).toBe(url);
    expect(await source.resolve(undefined)).toEqual({ ref: 'main', sha: mainSha });
    const first = http.count;
    expect(await source.resolve('main')).toEqual({ ref: 'main', sha: mainSha });
    expect(http.count - first).toBeLessThan(first); // unchanged: refs listed, nothing fetched
    expect(await source.resolve('v1')).toEqual({ ref: 'v1', sha: tagSha });
    expect(await source.resolve(otherSha.slice(0, 8))).toEqual({ ref: otherSha.slice(0, 8), sha: otherSha });

    const snap = await source.snapshot(mainSha);
    expect(snap.files).toEqual([
      { path: 'apps/a.yaml', text: 'a: 1\n' },
      { path: 'apps/l.yaml', text: 'a: 1\n' },
      { path: 'berth.yaml', text: 'v: 2\n' },
    ]);
    expect((await source.snapshot(tagSha)).files.map((f) => f.text)).toEqual(['a: 1\n', 'v: 1\n']);
  });

  it('sees new commits on the next resolve', async () => {
    const source = await openSource({ repo: url, cacheDir, env: { BERTH_GIT_TOKEN: token } }, log);
    await source.resolve(undefined);
    const next = await commitFiles(url, { 'apps/b.yaml': 'b: 1\n' }, 'three', { token });
    expect(await source.resolve(undefined)).toEqual({ ref: 'main', sha: next });
    expect((await source.snapshot(next)).files.map((f) => f.path)).toContain('apps/b.yaml');
    mainSha = next;
  });

  it('takes the token from the URL and keeps it out of the id', async () => {
    const source = await openSource({ repo: withToken(url, token), cacheDir, env: {} }, log);
    expect(source.id).toBe(url);
    expect((await source.resolve('main')).sha).toBe(mainSha);
  });

  it('rejects an unknown ref with BERTH_GIT_REF', async () => {
    const source = await openSource({ repo: url, token, cacheDir }, log);
    const e = await rejection(source.resolve('nope'));
    expect(e.code).toBe(ErrorCode.GitRef);
    expect(e.message).toContain('"nope"');
  });

  it('fails clearly on a wrong or missing token, without the token in the message', async () => {
    const wrong = await openSource({ repo: url, token: 'wrong-secret-value', cacheDir }, log);
    const e = await rejection(wrong.resolve(undefined));
    expect(e.code).toBe(ErrorCode.Git);
    expect(e.message).toMatch(/authentication rejected \(HTTP 401\)/);
    expect(e.message).toContain(url);
    expect(e.message).not.toContain('wrong-secret-value');
    expect(e.cause).toBeDefined();

    const none = await openSource({ repo: url, cacheDir, env: {} }, log);
    const e2 = await rejection(none.resolve(undefined));
    expect(e2.message).toMatch(/no token configured \(set BERTH_GIT_TOKEN\)/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { commitFiles, git, startGitServer, withToken, type GitServer } from './gitserver.js';

describe('git http server (open)', () => {
  let server: GitServer;
  let work: string;
  beforeAll(async () => {
    server = await startGitServer();
    work = await mkdtemp(join(tmpdir(), 'berth-gitserver-test-'));
  });
  afterAll(async () => {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('clones what commitFiles pushed, including deletions and symlinks', async () => {
    const url = await server.createRepo('demo');
    expect(url).toBe(`${server.url}/demo.git`);
    await commitFiles(url, { 'a.txt': 'one\n', 'dir/b.txt': 'two\n' }, 'first');
    const sha = await commitFiles(url, { 'a.txt': null, 'link.txt': { symlink: 'dir/b.txt' } }, 'second');
    expect(sha).toMatch(/^[0-9a-f]{40}$/);

    const clone = join(work, 'clone');
    await git(['clone', '--quiet', url, clone]);
    expect(await git(['rev-parse', 'HEAD'], clone)).toBe(sha);
    expect(await readFile(join(clone, 'dir/b.txt'), 'utf8')).toBe('two\n');
    expect(await readlink(join(clone, 'link.txt'))).toBe('dir/b.txt');
    await expect(readFile(join(clone, 'a.txt'), 'utf8')).rejects.toThrow();
  });

  it('accepts a push from a git CLI clone and creates new branches', async () => {
    const url = await server.createRepo('nested/pushy');
    await commitFiles(url, { 'x.txt': 'x' }, 'init');
    const other = await commitFiles(url, { 's.yaml': 'a: 1\n' }, 'status', { branch: 'berth/status' });
    const refs = await git(['ls-remote', url]);
    expect(refs).toContain(`${other}\trefs/heads/berth/status`);
    expect(refs).toMatch(/refs\/heads\/main/);
  });

  it('passes gzip-encoded request bodies to the backend', async () => {
    const url = await server.createRepo('gz');
    const sha = await commitFiles(url, { 'a.txt': 'a' }, 'init');
    const pkt = (line: string): string => (line.length + 4).toString(16).padStart(4, '0') + line;
    const body = gzipSync(Buffer.from(`${pkt(`want ${sha}\n`)}0000${pkt('done\n')}`));
    const res = await fetch(`${url}/git-upload-pack`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-git-upload-pack-request', 'Content-Encoding': 'gzip' },
      body,
    });
    expect(res.status).toBe(200);
    const text = Buffer.from(await res.arrayBuffer()).toString('latin1');
    expect(text.startsWith('0008NAK\n')).toBe(true);
    expect(text).toContain('PACK');
  });

  it('answers 404 for a repository that does not exist', async () => {
    const res = await fetch(`${server.url}/missing.git/info/refs?service=git-upload-pack`);
    expect(res.status).toBe(404);
  });
});

describe('git http server (token)', () => {
  const token = 'tok-' + String(Date.now());
  let server: GitServer;
  beforeAll(async () => {
    server = await startGitServer({ token });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('rejects requests without the token with 401 and WWW-Authenticate', async () => {
    const url = await server.createRepo('secret');
    const res = await fetch(`${url}/info/refs?service=git-upload-pack`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
    await expect(git(['ls-remote', withToken(url, 'wrong')])).rejects.toThrow(/Authentication failed|401/);
  });

  it('serves clone and push with the token as password or user name', async () => {
    const url = await server.createRepo('secret2');
    const sha = await commitFiles(url, { 'a.txt': 'a' }, 'init', { token });
    expect(await git(['ls-remote', withToken(url, token), 'refs/heads/main'])).toBe(`${sha}\trefs/heads/main`);
    const asUser = new URL(url);
    asUser.username = token;
    expect(await git(['ls-remote', asUser.toString(), 'refs/heads/main'])).toContain(sha);
  });
});

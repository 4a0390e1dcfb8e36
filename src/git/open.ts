/**
 * Turns a repository spec into either a local git directory (read in place) or a remote with its
 * cache; shared by the config source and the status store.
 */
import { promises as nodeFsPromises } from 'node:fs';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import { BerthError, ErrorCode } from '../core/errors.js';
import { nodeGitFs, openRepo, type GitFs, type GitHttp, type Repo } from './plumbing.js';
import { openRemote, type Remote } from './remote.js';
import { isHttpUrl, isUnsupportedUrl, redactUrl } from './urls.js';

export interface RepoSpec {
  /** A local folder (working or bare repository) or an http(s) URL. */
  readonly repo: string;
  /** Token for HTTP(S) remotes; defaults to the URL's user info, then BERTH_GIT_TOKEN. */
  readonly token?: string | undefined;
  /** Where bare caches of remotes live (`<cacheDir>/<hash of url>`). */
  readonly cacheDir: string;
  readonly fs?: GitFs | undefined;
  readonly http?: GitHttp | undefined;
  /** Environment to read BERTH_GIT_TOKEN from; defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

export type Location =
  | { readonly kind: 'local'; readonly id: string; readonly repo: Repo }
  | { readonly kind: 'remote'; readonly id: string; readonly remote: Remote };

interface StatLike {
  isDirectory(): boolean;
  isFile(): boolean;
}

/** `stat` through whichever style of fs was injected (promise or callback). */
async function statOf(fs: GitFs, path: string): Promise<StatLike | undefined> {
  try {
    if ('promises' in fs) return (await (fs.promises.stat as (p: string) => Promise<StatLike>)(path));
    const stat = fs.stat as (p: string, cb: (err: unknown, s: StatLike) => void) => void;
    return await new Promise<StatLike>((res, rej) => {
      stat(path, (err, s) => {
        if (err) rej(err instanceof Error ? err : new Error('fs call failed', { cause: err }));
        else res(s);
      });
    });
  } catch {
    return undefined;
  }
}

async function readText(fs: GitFs, path: string): Promise<string> {
  if (fs === nodeGitFs) return nodeFsPromises.readFile(path, 'utf8');
  if ('promises' in fs) return String(await (fs.promises.readFile as (p: string, e: string) => Promise<unknown>)(path, 'utf8'));
  const readFile = fs.readFile as (p: string, e: string, cb: (err: unknown, d: unknown) => void) => void;
  return new Promise((res, rej) => {
    readFile(path, 'utf8', (err, d) => {
      if (err) rej(err instanceof Error ? err : new Error('fs call failed', { cause: err }));
      else res(String(d));
    });
  });
}

/** The git directory of a working repository (`.git` folder or `gitdir:` file) or a bare one. */
export async function findGitdir(fs: GitFs, folder: string): Promise<string> {
  const dotGit = join(folder, '.git');
  const st = await statOf(fs, dotGit);
  if (st?.isDirectory()) return dotGit;
  if (st?.isFile()) {
    const match = /^gitdir:\s*(.+?)\s*$/m.exec(await readText(fs, dotGit));
    if (match?.[1] !== undefined) return isAbsolute(match[1]) ? match[1] : resolvePath(folder, match[1]);
  }
  const [head, objects] = await Promise.all([statOf(fs, join(folder, 'HEAD')), statOf(fs, join(folder, 'objects'))]);
  if (head?.isFile() && objects?.isDirectory()) return folder;
  throw new BerthError(ErrorCode.Git, `${folder} is not a git repository (no .git folder, not a bare repository)`);
}

export async function openLocation(spec: RepoSpec, cacheSuffix = ''): Promise<Location> {
  const fs = spec.fs ?? nodeGitFs;
  if (isHttpUrl(spec.repo)) {
    const remote = await openRemote({ ...spec, url: spec.repo, fs, cacheSuffix });
    return { kind: 'remote', id: remote.url, remote };
  }
  if (isUnsupportedUrl(spec.repo)) {
    throw new BerthError(
      ErrorCode.Usage,
      `repository ${redactUrl(spec.repo)}: only http(s) URLs and local folders are supported (not ssh, git or file URLs)`,
    );
  }
  const folder = resolvePath(spec.repo);
  return { kind: 'local', id: folder, repo: openRepo(await findGitdir(fs, folder), fs) };
}

/** Runs async sections one at a time: fetches and ref updates of one cache must not interleave. */
export function serial(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

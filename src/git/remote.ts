/**
 * Talking to an HTTP(S) remote through a bare cache repository: list refs, fetch exactly what is
 * needed, push one branch. Credentials only ever travel through onAuth: the URL handed to
 * isomorphic-git, ids, logs and error messages carry none.
 */
import { join } from 'node:path';
import * as git from 'isomorphic-git';
import type { AuthCallback } from 'isomorphic-git';
import nodeHttp from 'isomorphic-git/http/node';
import { BerthError, ErrorCode, isBerthError } from '../core/errors.js';
import { openRepo, type GitFs, type GitHttp, type Repo } from './plumbing.js';
import { cacheKey, scrub, splitCredentials } from './urls.js';

export const TOKEN_ENV = 'BERTH_GIT_TOKEN';
const REMOTE = 'origin';

export interface RemoteSpec {
  readonly url: string;
  readonly token?: string | undefined;
  readonly cacheDir: string;
  /** Suffix of the cache folder, so the status store never races the config source's fetches. */
  readonly cacheSuffix?: string;
  readonly fs: GitFs;
  readonly http?: GitHttp | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

export interface Remote {
  readonly repo: Repo;
  /** The URL without credentials: also the source id. */
  readonly url: string;
  readonly http: GitHttp;
  readonly onAuth: AuthCallback | undefined;
  readonly hasToken: boolean;
  readonly secrets: readonly string[];
}

/** Credentials: the spec's token, else the URL's user info, else BERTH_GIT_TOKEN. */
export function remoteAuth(spec: Pick<RemoteSpec, 'url' | 'token' | 'env'>): {
  url: string;
  username: string;
  token: string | undefined;
} {
  const parts = splitCredentials(spec.url);
  const fromUrl = parts.password ?? parts.username;
  const env = spec.env ?? process.env;
  const token = spec.token ?? fromUrl ?? env[TOKEN_ENV];
  // x-access-token works as the user name for GitHub tokens; GitLab and Gitea ignore the user name.
  const username = parts.password !== undefined && parts.username !== undefined ? parts.username : 'x-access-token';
  return { url: parts.url, username, token: token === '' ? undefined : token };
}

export async function openRemote(spec: RemoteSpec): Promise<Remote> {
  const { url, username, token } = remoteAuth(spec);
  const gitdir = join(spec.cacheDir, cacheKey(url) + (spec.cacheSuffix ?? ''));
  const repo = openRepo(gitdir, spec.fs);
  await git.init({ fs: repo.fs, gitdir, bare: true, defaultBranch: 'main' });
  await git.addRemote({ fs: repo.fs, gitdir, remote: REMOTE, url, force: true });
  const onAuth: AuthCallback | undefined = token === undefined ? undefined : () => ({ username, password: token });
  return {
    repo,
    url,
    http: spec.http ?? nodeHttp,
    onAuth,
    hasToken: token !== undefined,
    secrets: token === undefined ? [] : [token],
  };
}

/** A BerthError for a failed remote operation; the message never contains a credential. */
export function remoteError(remote: Remote, e: unknown, action: string, code: ErrorCode = ErrorCode.Git): BerthError {
  if (isBerthError(e)) return e;
  let reason: string;
  if (e instanceof git.Errors.HttpError && e.data.statusCode === 401) {
    reason = remote.hasToken
      ? 'authentication rejected (HTTP 401): check the token'
      : `authentication required (HTTP 401): no token configured (set ${TOKEN_ENV})`;
  } else if (e instanceof git.Errors.HttpError && e.data.statusCode === 403) {
    reason = `access denied (HTTP 403): ${remote.hasToken ? 'the token lacks permission' : `no token configured (set ${TOKEN_ENV})`}`;
  } else {
    reason = scrub(e instanceof Error ? e.message : String(e), remote.secrets);
  }
  return new BerthError(code, `${action} ${remote.url} failed: ${reason}`, { cause: e });
}

export interface RemoteRefs {
  /** Full ref name → the commit it names (annotated tags peeled). */
  readonly commits: ReadonlyMap<string, string>;
  /** Full ref name of the default branch, when the server says. */
  readonly head: string | undefined;
}

export async function listRemoteRefs(remote: Remote): Promise<RemoteRefs> {
  try {
    const refs = await git.listServerRefs({
      http: remote.http,
      url: remote.url,
      ...(remote.onAuth ? { onAuth: remote.onAuth } : {}),
      protocolVersion: 2,
      symrefs: true,
      peelTags: true,
    });
    const commits = new Map<string, string>();
    let head: string | undefined;
    for (const r of refs) {
      if (r.ref === 'HEAD') head = r.target;
      else if (r.ref.startsWith('refs/') && !r.ref.endsWith('^{}')) commits.set(r.ref, r.peeled ?? r.oid);
    }
    return { commits, head };
  } catch (e) {
    throw remoteError(remote, e, 'listing refs of');
  }
}

/** Where a fetched ref is kept in the cache: it serves as the "have" of the next fetch. */
export function trackingRef(fullref: string): string {
  return fullref.startsWith('refs/heads/') ? `refs/remotes/${REMOTE}/${fullref.slice('refs/heads/'.length)}` : fullref;
}

/** What every fetch and push of a remote passes to isomorphic-git: where, how, as whom. */
function transferOptions(remote: Remote) {
  return {
    fs: remote.repo.fs,
    cache: remote.repo.cache,
    gitdir: remote.repo.gitdir,
    http: remote.http,
    ...(remote.onAuth ? { onAuth: remote.onAuth } : {}),
    url: remote.url,
    remote: REMOTE,
  };
}

/**
 * Fetches one ref (singleBranch). `haveRef` is a local ref whose history the server may assume
 * we hold, so only new objects travel.
 */
export async function fetchRef(remote: Remote, fullref: string, haveRef: string | undefined): Promise<string> {
  try {
    const res = await git.fetch({
      ...transferOptions(remote),
      ref: haveRef ?? fullref,
      remoteRef: fullref,
      singleBranch: true,
      tags: false,
    });
    if (res.fetchHead === null) throw new BerthError(ErrorCode.GitRef, `ref "${fullref}" not found on ${remote.url}`);
    // Branches land in refs/remotes/origin/* by refspec; tags we record ourselves.
    if (!fullref.startsWith('refs/heads/')) {
      await git.writeRef({ fs: remote.repo.fs, gitdir: remote.repo.gitdir, ref: trackingRef(fullref), value: res.fetchHead, force: true });
    }
    return res.fetchHead;
  } catch (e) {
    throw remoteError(remote, e, `fetching ${fullref} from`);
  }
}

/** Fetches every branch and tag: only for a bare SHA that may live anywhere. */
export async function fetchAll(remote: Remote, defaultRef: string): Promise<void> {
  try {
    await git.fetch({
      ...transferOptions(remote),
      ref: trackingRef(defaultRef),
      remoteRef: defaultRef,
      singleBranch: false,
      tags: true,
    });
  } catch (e) {
    throw remoteError(remote, e, 'fetching all branches and tags from');
  }
}

/** A ref update refused because the remote branch is not what we built on: worth a retry. */
function isRaceRejection(e: unknown): boolean {
  if (e instanceof git.Errors.PushRejectedError) return e.data.reason === 'not-fast-forward';
  if (e instanceof git.Errors.GitPushError) {
    // The server's per-ref status text is all git gives us here (receive-pack `ng <ref> <why>`).
    return Object.values(e.data.result.refs).some(
      (r) => !r.ok && /non-fast-forward|fetch first|failed to update ref|failed to lock|cannot lock/.test(r.error),
    );
  }
  return false;
}

/** Pushes local `refs/heads/<branch>` to the same name. 'rejected' when the remote moved. */
export async function pushBranch(remote: Remote, branch: string): Promise<'ok' | 'rejected'> {
  const ref = `refs/heads/${branch}`;
  try {
    const res = await git.push({
      ...transferOptions(remote),
      ref,
      remoteRef: ref,
    });
    if (!res.ok) throw new BerthError(ErrorCode.GitPush, `pushing ${branch} to ${remote.url} failed: ${res.error ?? 'unknown'}`);
    return 'ok';
  } catch (e) {
    if (isRaceRejection(e)) return 'rejected';
    throw remoteError(remote, e, `pushing ${branch} to`, ErrorCode.GitPush);
  }
}

/**
 * ConfigSource over git: a local repository read in place, or an HTTP(S) remote through a bare
 * cache under `cacheDir`. A resolved SHA is fixed: snapshots read the commit's objects only.
 */
import type { Logger } from 'pino';
import { BerthError, ErrorCode } from '../core/errors.js';
import type { ConfigSource, RevisionSnapshot } from '../core/source.js';
import { openLocation, serial, type RepoSpec } from './open.js';
import { currentBranch, peelToCommit, resolveRefName, resolveSha, type Repo } from './plumbing.js';
import { fetchAll, fetchRef, listRemoteRefs, trackingRef, type Remote } from './remote.js';
import { takeSnapshot } from './snapshot.js';
import { looksLikeSha, matchRef, shortRef } from './urls.js';

export type SourceSpec = RepoSpec;

function refNotFound(ref: string, id: string): BerthError {
  return new BerthError(ErrorCode.GitRef, `ref "${ref}" not found in ${id} (expected a branch, tag or commit SHA)`);
}

/** Opens the config source for a local folder or an http(s) URL (see RepoSpec). */
export async function openSource(spec: SourceSpec, log: Logger): Promise<ConfigSource> {
  const loc = await openLocation(spec);
  const child = log.child({ source: loc.id });
  return loc.kind === 'local' ? localSource(loc.id, loc.repo, child) : remoteSource(loc.remote, child);
}

function localSource(id: string, repo: Repo, log: Logger): ConfigSource {
  return {
    id,
    async resolve(ref) {
      const name = ref ?? (await currentBranch(repo)) ?? 'HEAD';
      // Ref names win over SHAs, as in `git rev-parse`.
      const sha = (await resolveRefName(repo, name)) ?? (looksLikeSha(name) ? await resolveSha(repo, name) : undefined);
      if (sha === undefined) throw refNotFound(name, id);
      log.debug({ ref: name, sha }, 'ref resolved');
      return { ref: name, sha };
    },
    snapshot: (sha) => takeSnapshot(repo, sha, id, log),
  };
}

function remoteSource(remote: Remote, log: Logger): ConfigSource {
  const id = remote.url;
  const { repo } = remote;
  const once = serial();

  /** The local ref whose history the server may assume we have: the same ref, else the default branch. */
  const haveRef = async (fullref: string, head: string | undefined): Promise<string | undefined> => {
    for (const candidate of [fullref, head]) {
      if (candidate === undefined) continue;
      if ((await resolveRefName(repo, trackingRef(candidate))) !== undefined) return trackingRef(candidate);
    }
    return undefined;
  };

  const resolveNamed = async (ref: string | undefined): Promise<{ ref: string; sha: string } | undefined> => {
    const refs = await listRemoteRefs(remote);
    const fullref = ref === undefined ? refs.head : matchRef(ref, new Set(refs.commits.keys()));
    if (fullref === undefined) {
      if (ref === undefined) throw new BerthError(ErrorCode.GitRef, `${id} has no default branch (empty repository?)`);
      return undefined;
    }
    const target = refs.commits.get(fullref);
    let sha = target === undefined ? undefined : await peelToCommit(repo, target);
    if (sha === undefined) {
      const fetched = await fetchRef(remote, fullref, await haveRef(fullref, refs.head));
      sha = await peelToCommit(repo, fetched);
      log.info({ ref: fullref, sha }, 'fetched');
    }
    if (sha === undefined) throw new BerthError(ErrorCode.Git, `${fullref} of ${id} does not name a commit`);
    return { ref: ref ?? shortRef(fullref), sha };
  };

  const resolveCommitSha = async (ref: string): Promise<{ ref: string; sha: string } | undefined> => {
    let sha = await resolveSha(repo, ref);
    if (sha === undefined) {
      const refs = await listRemoteRefs(remote);
      if (refs.head === undefined) return undefined;
      await fetchAll(remote, refs.head);
      sha = await resolveSha(repo, ref);
    }
    return sha === undefined ? undefined : { ref, sha };
  };

  return {
    id,
    resolve: (ref) =>
      once(async () => {
        const found = (await resolveNamed(ref)) ?? (ref !== undefined && looksLikeSha(ref) ? await resolveCommitSha(ref) : undefined);
        if (found === undefined) throw refNotFound(ref ?? 'HEAD', id);
        log.debug(found, 'ref resolved');
        return found;
      }),
    snapshot: (sha): Promise<RevisionSnapshot> => once(() => takeSnapshot(repo, sha, id, log)),
  };
}

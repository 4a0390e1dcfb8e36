/**
 * StatusStore over git: the given files become the whole tree of one branch (default
 * `berth/status`). Only that branch's ref and new objects are written — never another branch,
 * a working tree or an index. Remote writes push with retry: a concurrent writer's commit stays
 * in history as our parent, and our files replace theirs.
 */
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../core/clock.js';
import { BerthError, ErrorCode } from '../core/errors.js';
import type { StatusCommit, StatusStore } from '../core/source.js';
import { openLocation, serial, type Location, type RepoSpec } from './open.js';
import { commitTreeOid, currentBranch, readRef, readTextFiles, writeCommit, writeFilesTree, writeRef, type Repo } from './plumbing.js';
import { fetchRef, listRemoteRefs, pushBranch, trackingRef, type Remote } from './remote.js';

export const DEFAULT_STATUS_BRANCH = 'berth/status';
export const STATUS_AUTHOR = { name: 'berth', email: 'berth@localhost' } as const;
/** Attempts of one write when the branch keeps moving under us. */
export const MAX_WRITE_ATTEMPTS = 5;

export interface StatusStoreSpec extends RepoSpec {
  readonly clock?: Clock | undefined;
}

/** How one kind of repository reads a branch head and moves it. */
interface BranchTarget {
  readonly repo: Repo;
  readonly id: string;
  head(branch: string): Promise<string | undefined>;
  /** 'moved' when the branch is no longer at `expected`. */
  publish(branch: string, commit: string, expected: string | undefined): Promise<'ok' | 'moved'>;
}

function localTarget(id: string, repo: Repo): BranchTarget {
  return {
    repo,
    id,
    head: (branch) => readRef(repo, `refs/heads/${branch}`),
    async publish(branch, commit, expected) {
      if ((await currentBranch(repo)) === branch) {
        // Moving the checked-out branch would leave the user's working tree and index stale.
        throw new BerthError(ErrorCode.Git, `status branch ${branch} is checked out in ${id}; use another branch`);
      }
      // Compare-and-swap as far as refs on disk allow: re-read just before writing.
      if ((await readRef(repo, `refs/heads/${branch}`)) !== expected) return 'moved';
      await writeRef(repo, `refs/heads/${branch}`, commit);
      return 'ok';
    },
  };
}

function remoteTarget(remote: Remote): BranchTarget {
  return {
    repo: remote.repo,
    id: remote.url,
    async head(branch) {
      const fullref = `refs/heads/${branch}`;
      const oid = (await listRemoteRefs(remote)).commits.get(fullref);
      if (oid === undefined) return undefined;
      const tracked = await readRef(remote.repo, trackingRef(fullref));
      if (tracked === oid) return oid;
      return fetchRef(remote, fullref, tracked === undefined ? undefined : trackingRef(fullref));
    },
    async publish(branch, commit) {
      await writeRef(remote.repo, `refs/heads/${branch}`, commit);
      return (await pushBranch(remote, branch)) === 'ok' ? 'ok' : 'moved';
    },
  };
}

function targetOf(loc: Location): BranchTarget {
  return loc.kind === 'local' ? localTarget(loc.id, loc.repo) : remoteTarget(loc.remote);
}

/** Opens the status store of a local folder or an http(s) URL (see RepoSpec). */
export async function openStatusStore(spec: StatusStoreSpec, log: Logger): Promise<StatusStore> {
  // Its own cache folder: status pushes never interleave with the config source's fetches.
  const target = targetOf(await openLocation(spec, '-status'));
  const clock = spec.clock ?? systemClock;
  const once = serial();
  log.debug({ repo: target.id }, 'status store opened');

  const write = async (c: StatusCommit, wlog: Logger): Promise<{ committed: boolean; sha: string | undefined }> => {
    const branch = c.branch === '' ? DEFAULT_STATUS_BRANCH : c.branch;
    const tree = await writeFilesTree(target.repo, c.files);
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      const head = await target.head(branch);
      if (head !== undefined && (await commitTreeOid(target.repo, head)) === tree) {
        wlog.debug({ branch, sha: head }, 'status unchanged');
        return { committed: false, sha: head };
      }
      const commit = await writeCommit(target.repo, {
        tree,
        parents: head === undefined ? [] : [head],
        message: c.message,
        timestampMs: clock.now(),
        author: STATUS_AUTHOR,
      });
      if ((await target.publish(branch, commit, head)) === 'ok') {
        wlog.info({ branch, commit, attempt, files: c.files.size }, 'status committed');
        return { committed: true, sha: commit };
      }
      wlog.info({ branch, attempt }, 'status branch moved meanwhile; rebuilding on the new head');
    }
    throw new BerthError(
      ErrorCode.GitPush,
      `status branch ${branch} of ${target.id} moved during each of ${MAX_WRITE_ATTEMPTS} attempts to write it`,
    );
  };

  return {
    write: (c, wlog) => once(() => write(c, wlog)),
    read: (branch) =>
      once(async () => {
        const head = await target.head(branch === '' ? DEFAULT_STATUS_BRANCH : branch);
        return head === undefined ? new Map<string, string>() : readTextFiles(target.repo, head);
      }),
  };
}

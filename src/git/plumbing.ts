/**
 * Object-level isomorphic-git plumbing shared by the config source and the status store. Only
 * objects and refs are touched: never a working tree or an index, so a user's checkout is safe.
 */
import * as nodeFs from 'node:fs';
import * as git from 'isomorphic-git';
import type { FsClient, HttpClient, TreeEntry } from 'isomorphic-git';
import { BerthError, ErrorCode } from '../core/errors.js';
import type { TreeNode } from './tree-files.js';
import { isCleanRelativePath } from './urls.js';

export type GitFs = FsClient;
export type GitHttp = HttpClient;
export const nodeGitFs: GitFs = nodeFs;

/** One git directory (bare or `.git`), with isomorphic-git's pack cache kept per instance. */
export interface Repo {
  readonly fs: GitFs;
  readonly gitdir: string;
  readonly cache: object;
}

export function openRepo(gitdir: string, fs: GitFs = nodeGitFs): Repo {
  return { fs, gitdir, cache: {} };
}

/** isomorphic-git's stable error code (`NotFoundError`, `HttpError`, …), if `e` is one of its errors. */
export function igCode(e: unknown): string | undefined {
  if (e instanceof Error && 'code' in e && typeof e.code === 'string') return e.code;
  return undefined;
}

const MAX_TAG_DEPTH = 10;

/** The commit an oid names, following annotated tags; undefined when it is not a commit. */
export async function peelToCommit(repo: Repo, oid: string): Promise<string | undefined> {
  let current = oid;
  for (let i = 0; i < MAX_TAG_DEPTH; i++) {
    try {
      return (await git.readCommit({ ...repo, oid: current })).oid;
    } catch (e) {
      const code = igCode(e);
      if (code === 'NotFoundError') return undefined;
      if (code !== 'ObjectTypeError') throw e;
    }
    try {
      current = (await git.readTag({ ...repo, oid: current })).tag.object;
    } catch (e) {
      if (igCode(e) === 'ObjectTypeError') return undefined; // a tree or a blob
      throw e;
    }
  }
  return undefined;
}

/** Resolves a ref name (branch, tag, `refs/…`, remote-tracking) to its commit, or undefined. */
export async function resolveRefName(repo: Repo, ref: string): Promise<string | undefined> {
  let oid: string;
  try {
    oid = await git.resolveRef({ fs: repo.fs, gitdir: repo.gitdir, ref });
  } catch (e) {
    if (igCode(e) === 'NotFoundError') return undefined;
    throw e;
  }
  return peelToCommit(repo, oid);
}

/** Expands a full or abbreviated SHA present in the repository to its commit, or undefined. */
export async function resolveSha(repo: Repo, sha: string): Promise<string | undefined> {
  let oid: string;
  try {
    oid = await git.expandOid({ ...repo, oid: sha.toLowerCase() });
  } catch (e) {
    const code = igCode(e);
    if (code === 'NotFoundError' || code === 'AmbiguousError') return undefined;
    throw e;
  }
  return peelToCommit(repo, oid);
}

export async function currentBranch(repo: Repo): Promise<string | undefined> {
  const branch = await git.currentBranch({ fs: repo.fs, gitdir: repo.gitdir, fullname: false, test: true });
  return branch ?? undefined;
}

/** A ref's value without following tags; undefined when it does not exist. */
export async function readRef(repo: Repo, fullref: string): Promise<string | undefined> {
  try {
    return await git.resolveRef({ fs: repo.fs, gitdir: repo.gitdir, ref: fullref });
  } catch (e) {
    if (igCode(e) === 'NotFoundError') return undefined;
    throw e;
  }
}

export async function writeRef(repo: Repo, fullref: string, oid: string): Promise<void> {
  await git.writeRef({ fs: repo.fs, gitdir: repo.gitdir, ref: fullref, value: oid, force: true });
}

export async function commitTreeOid(repo: Repo, commit: string): Promise<string> {
  const { commit: c } = await git.readCommit({ ...repo, oid: commit });
  return c.tree;
}

export async function readBlob(repo: Repo, oid: string): Promise<Uint8Array> {
  const { blob } = await git.readBlob({ ...repo, oid });
  return blob;
}

function toNode(entry: TreeEntry): TreeNode | 'link' {
  if (entry.mode === '120000') return 'link';
  if (entry.type === 'tree') return { kind: 'tree' };
  if (entry.type === 'commit') return { kind: 'submodule' };
  return { kind: 'blob', oid: entry.oid };
}

/** Every entry of a commit's tree, recursively, keyed by repository-relative path. */
export async function listTree(repo: Repo, commit: string): Promise<Map<string, TreeNode>> {
  const out = new Map<string, TreeNode>();
  const walk = async (treeOid: string, prefix: string): Promise<void> => {
    const { tree } = await git.readTree({ ...repo, oid: treeOid });
    await Promise.all(
      tree.map(async (entry) => {
        const path = prefix === '' ? entry.path : `${prefix}/${entry.path}`;
        const node = toNode(entry);
        if (node === 'link') {
          const target = new TextDecoder().decode(await readBlob(repo, entry.oid));
          out.set(path, { kind: 'link', target });
          return;
        }
        out.set(path, node);
        if (node.kind === 'tree') await walk(entry.oid, path);
      }),
    );
  };
  await walk(commit, '');
  return out;
}

interface DirBuild {
  readonly files: Map<string, string>; // name → blob oid
  readonly dirs: Map<string, DirBuild>;
}

/** Writes `files` (path → text) as blobs and nested trees; returns the root tree oid. */
export async function writeFilesTree(repo: Repo, files: ReadonlyMap<string, string>): Promise<string> {
  const root: DirBuild = { files: new Map(), dirs: new Map() };
  for (const [path, text] of files) {
    if (!isCleanRelativePath(path)) {
      throw new BerthError(ErrorCode.Git, `status file path "${path}" is not a clean repository-relative path`);
    }
    const parts = path.split('/');
    const name = parts.pop() ?? path;
    let dir = root;
    for (const part of parts) {
      if (dir.files.has(part)) throw new BerthError(ErrorCode.Git, `status path "${path}" is below a file`);
      const next = dir.dirs.get(part) ?? { files: new Map(), dirs: new Map() };
      dir.dirs.set(part, next);
      dir = next;
    }
    if (dir.dirs.has(name)) throw new BerthError(ErrorCode.Git, `status path "${path}" is also a folder`);
    const oid = await git.writeBlob({ fs: repo.fs, gitdir: repo.gitdir, blob: new TextEncoder().encode(text) });
    dir.files.set(name, oid);
  }
  const write = async (dir: DirBuild): Promise<string> => {
    const tree: TreeEntry[] = [];
    for (const [path, oid] of dir.files) tree.push({ mode: '100644', path, oid, type: 'blob' });
    for (const [path, sub] of dir.dirs) tree.push({ mode: '040000', path, oid: await write(sub), type: 'tree' });
    return git.writeTree({ fs: repo.fs, gitdir: repo.gitdir, tree });
  };
  return write(root);
}

export interface NewCommit {
  readonly tree: string;
  readonly parents: readonly string[];
  readonly message: string;
  readonly timestampMs: number;
  readonly author: { readonly name: string; readonly email: string };
}

export async function writeCommit(repo: Repo, c: NewCommit): Promise<string> {
  const who = { ...c.author, timestamp: Math.floor(c.timestampMs / 1000), timezoneOffset: 0 };
  return git.writeCommit({
    fs: repo.fs,
    gitdir: repo.gitdir,
    commit: { tree: c.tree, parent: [...c.parents], message: c.message, author: who, committer: who },
  });
}

/** The text of every plain file of a commit (status trees hold nothing else). */
export async function readTextFiles(repo: Repo, commit: string): Promise<Map<string, string>> {
  const entries = await listTree(repo, commit);
  const out = new Map<string, string>();
  const decoder = new TextDecoder();
  for (const [path, node] of [...entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (node.kind === 'blob') out.set(path, decoder.decode(await readBlob(repo, node.oid)));
  }
  return out;
}

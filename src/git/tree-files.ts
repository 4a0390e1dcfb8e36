/**
 * Pure part of a snapshot: given every entry of a commit's tree, decide which blob each visible
 * path shows, following symlinks inside the repository the way a checkout would, and which
 * paths are rejected. No I/O: the caller lists the tree and reads the blobs.
 */

export type TreeNode =
  | { readonly kind: 'blob'; readonly oid: string }
  | { readonly kind: 'link'; readonly target: string }
  | { readonly kind: 'tree' }
  | { readonly kind: 'submodule' };

/** A link chain longer than this is treated as unresolvable (git itself allows more; we are strict). */
export const MAX_SYMLINK_HOPS = 8;

export type Resolved =
  | { readonly ok: true; readonly path: string; readonly node: TreeNode }
  | { readonly ok: false; readonly problem: 'outside' | 'loop' | 'missing' };

/**
 * Resolves a repository path component by component, following symlinks in any component; a
 * link's target is relative to the link's folder. '..' above the root means outside: we cannot
 * know what the repository's folder is called, and a checkout may live anywhere.
 */
export function resolvePath(entries: ReadonlyMap<string, TreeNode>, path: string): Resolved {
  const pending = path.split('/');
  const real: string[] = [];
  let node: TreeNode = { kind: 'tree' };
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift() ?? '';
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (real.length === 0) return { ok: false, problem: 'outside' };
      real.pop();
      node = { kind: 'tree' };
      continue;
    }
    const next = entries.get([...real, part].join('/'));
    if (next === undefined) return { ok: false, problem: 'missing' };
    if (next.kind === 'link') {
      hops += 1;
      if (hops > MAX_SYMLINK_HOPS) return { ok: false, problem: 'loop' };
      if (next.target.startsWith('/')) return { ok: false, problem: 'outside' };
      pending.unshift(...next.target.split('/'));
      continue;
    }
    if (pending.some((p) => p !== '' && p !== '.') && next.kind !== 'tree') {
      // A following component that is only '..' still needs this to be a folder.
      return { ok: false, problem: 'missing' };
    }
    real.push(part);
    node = next;
  }
  return { ok: true, path: real.join('/'), node };
}

export interface PlannedFile {
  readonly path: string; // where the file shows in the snapshot
  readonly oid: string; // the blob it shows
  readonly via?: string; // the real path when reached through a symlink
}

export interface PlannedRejection {
  readonly path: string;
  readonly reason: 'symlink-outside';
  readonly detail: string;
}

const PROBLEM_TEXT = {
  outside: 'leaves the repository',
  loop: `does not resolve within ${MAX_SYMLINK_HOPS} symlink hops or loops`,
  missing: 'does not exist in the repository at this commit',
} as const;

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

function isSameOrAncestor(dir: string, of: string): boolean {
  return dir === '' || of === dir || of.startsWith(`${dir}/`);
}

/**
 * Every visible file of the tree, sorted by path. A symlink to a file shows the target's blob
 * under the link's path; a symlink to a folder shows the folder's files under the link's path,
 * unless that would recurse into a folder already being listed.
 */
export function planFiles(entries: ReadonlyMap<string, TreeNode>): {
  files: PlannedFile[];
  rejected: PlannedRejection[];
} {
  const children = new Map<string, string[]>();
  for (const path of entries.keys()) {
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '' : path.slice(0, slash);
    const list = children.get(dir) ?? [];
    list.push(path.slice(slash + 1));
    children.set(dir, list);
  }
  const files: PlannedFile[] = [];
  const rejected: PlannedRejection[] = [];

  const visit = (aliasDir: string, realDir: string, chain: readonly string[]): void => {
    for (const name of children.get(realDir) ?? []) {
      const alias = join(aliasDir, name);
      const real = join(realDir, name);
      const node = entries.get(real);
      if (node === undefined || node.kind === 'submodule') continue;
      if (node.kind === 'blob') {
        files.push(alias === real ? { path: alias, oid: node.oid } : { path: alias, oid: node.oid, via: real });
        continue;
      }
      if (node.kind === 'tree') {
        visit(alias, real, [...chain, real]);
        continue;
      }
      const r = resolvePath(entries, real);
      const what = `symlink to "${node.target}"`;
      if (!r.ok) {
        rejected.push({ path: alias, reason: 'symlink-outside', detail: `${what} ${PROBLEM_TEXT[r.problem]}` });
      } else if (r.node.kind === 'blob') {
        files.push({ path: alias, oid: r.node.oid, via: r.path });
      } else if (r.node.kind === 'tree') {
        if (chain.some((c) => isSameOrAncestor(r.path, c)) || isSameOrAncestor(r.path, real)) {
          rejected.push({ path: alias, reason: 'symlink-outside', detail: `${what} ${PROBLEM_TEXT.loop}` });
        } else {
          visit(alias, r.path, [...chain, r.path]);
        }
      }
    }
  };
  visit('', '', ['']);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  rejected.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, rejected };
}

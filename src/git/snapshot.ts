/**
 * Reads every file of one commit: the tree is listed, symlinks are resolved inside the
 * repository (tree-files.ts), and blob bytes become text. Only objects are read, so the result
 * is the same whatever state a working tree is in.
 */
import type { Logger } from 'pino';
import { BerthError, ErrorCode } from '../core/errors.js';
import type { RejectedFile, RevisionFile, RevisionSnapshot } from '../core/source.js';
import { listTree, peelToCommit, readBlob, type Repo } from './plumbing.js';
import { planFiles } from './tree-files.js';

export const MAX_FILE_BYTES = 1024 * 1024;

/** Like git's own heuristic (a NUL byte), plus anything that is not valid UTF-8. */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

type Read = { readonly text: string } | { readonly reason: 'too-large' | 'binary'; readonly detail: string };

async function readOne(repo: Repo, oid: string): Promise<Read> {
  const bytes = await readBlob(repo, oid);
  if (bytes.length > MAX_FILE_BYTES) {
    return { reason: 'too-large', detail: `${bytes.length} bytes is more than the limit of ${MAX_FILE_BYTES}` };
  }
  const text = decodeText(bytes);
  return text === undefined ? { reason: 'binary', detail: 'not UTF-8 text' } : { text };
}

export async function takeSnapshot(repo: Repo, sha: string, id: string, log: Logger): Promise<RevisionSnapshot> {
  const commit = await peelToCommit(repo, sha);
  if (commit === undefined) throw new BerthError(ErrorCode.GitRef, `commit ${sha} not found in ${id}`);
  const plan = planFiles(await listTree(repo, commit));
  const reads = new Map<string, Promise<Read>>();
  const files: RevisionFile[] = [];
  const rejected: RejectedFile[] = [...plan.rejected];
  for (const f of plan.files) {
    let read = reads.get(f.oid);
    if (read === undefined) {
      read = readOne(repo, f.oid);
      reads.set(f.oid, read);
    }
    const r = await read;
    if ('text' in r) files.push({ path: f.path, text: r.text });
    else rejected.push({ path: f.path, reason: r.reason, detail: f.via === undefined ? r.detail : `${r.detail} (via ${f.via})` });
  }
  rejected.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  log.debug({ source: id, sha: commit, files: files.length, rejected: rejected.length }, 'snapshot read');
  return { sha: commit, files, rejected };
}

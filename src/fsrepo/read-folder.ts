/**
 * Reads a config repository from a plain folder (for `berth validate`, which works offline on a
 * working tree). Symlinks are followed only while they stay inside the folder, like the Git reader.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { RejectedFile, RevisionFile } from '../core/source.js';

const MAX_FILE_BYTES = 1024 * 1024;
const SKIP_DIRS = new Set(['.git', 'node_modules']);

export async function readFolder(root: string): Promise<{ files: RevisionFile[]; rejected: RejectedFile[] }> {
  const realRoot = await realpath(root);
  const files: RevisionFile[] = [];
  const rejected: RejectedFile[] = [];
  const inside = (p: string): boolean => p === realRoot || p.startsWith(realRoot + sep);
  // `dir` is where the files are read, `at` the repository path they appear under (they differ
  // below a symlinked folder); `open` holds the real folders being listed, to stop loops.
  async function walk(dir: string, at: string, open: ReadonlySet<string>): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const abs = join(dir, e.name);
      const path = at === '' ? e.name : `${at}/${e.name}`;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await walk(abs, path, new Set([...open, await realpath(abs)]));
        continue;
      }
      let target = abs;
      if (e.isSymbolicLink()) {
        const resolved = await realpath(abs).catch(() => undefined);
        if (resolved === undefined || !inside(resolved)) {
          rejected.push({ path, reason: 'symlink-outside', detail: 'its target resolves outside the repository folder' });
          continue;
        }
        if ((await stat(resolved)).isDirectory()) {
          // As the Git reader does: a linked folder's files appear under the link's path.
          if (!open.has(resolved)) await walk(resolved, path, new Set([...open, resolved]));
          continue;
        }
        target = resolved;
      } else if (!e.isFile()) continue;
      const st = await stat(target);
      if (st.size > MAX_FILE_BYTES) {
        rejected.push({ path, reason: 'too-large', detail: `${st.size} bytes (limit ${MAX_FILE_BYTES})` });
        continue;
      }
      files.push({ path, text: await readFile(target, 'utf8') });
    }
  }
  await walk(root, '', new Set([realRoot]));
  return { files, rejected };
}

/**
 * Reads a config repository from a plain folder (for `berth validate`, which works offline on a
 * working tree). Symlinks are followed only while they stay inside the folder, like the Git reader.
 */
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { RejectedFile, RevisionFile } from '../core/source.js';

const MAX_FILE_BYTES = 1024 * 1024;
const SKIP_DIRS = new Set(['.git', 'node_modules']);

export async function readFolder(root: string): Promise<{ files: RevisionFile[]; rejected: RejectedFile[] }> {
  const realRoot = await realpath(root);
  const files: RevisionFile[] = [];
  const rejected: RejectedFile[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const abs = join(dir, e.name);
      const path = relative(root, abs).split(sep).join('/');
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await walk(abs);
        continue;
      }
      let target = abs;
      if (e.isSymbolicLink()) {
        const resolved = await realpath(abs).catch(() => undefined);
        if (resolved === undefined || (resolved !== realRoot && !resolved.startsWith(realRoot + sep))) {
          rejected.push({ path, reason: 'symlink-outside', detail: 'its target resolves outside the repository folder' });
          continue;
        }
        if ((await lstat(resolved)).isDirectory()) continue;
        target = resolved;
      } else if (!e.isFile()) continue;
      const st = await lstat(target);
      if (st.size > MAX_FILE_BYTES) {
        rejected.push({ path, reason: 'too-large', detail: `${st.size} bytes (limit ${MAX_FILE_BYTES})` });
        continue;
      }
      files.push({ path, text: await readFile(target, 'utf8') });
    }
  }
  await walk(root);
  return { files, rejected };
}

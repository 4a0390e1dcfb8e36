/**
 * Test-only: reads a fixture folder the way the git layer reads a commit — symlinks that stay
 * inside the folder are followed, those that leave it become RejectedFiles, never read.
 */
import { lstat, readFile, readdir, readlink, stat } from 'node:fs/promises';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import type { RejectedFile, RevisionFile } from '../core/source.js';

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

export async function readFixtureDir(dir: string): Promise<{ files: RevisionFile[]; rejected: RejectedFile[] }> {
  const root = resolve(dir);
  const files: RevisionFile[] = [];
  const rejected: RejectedFile[] = [];

  async function visit(abs: string): Promise<void> {
    const entries = await readdir(abs, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(abs, entry.name);
      const path = relative(root, full).split(sep).join(posix.sep);
      if (entry.isDirectory()) {
        await visit(full);
        continue;
      }
      if (entry.isSymbolicLink()) {
        // resolved lexically, as git stores the link text: the target need not exist
        const target = await readlink(full);
        const resolved = resolve(dirname(full), target);
        if (!inside(root, resolved)) {
          rejected.push({ path, reason: 'symlink-outside', detail: target });
          continue;
        }
        const info = await stat(resolved).catch(() => undefined);
        if (info?.isFile() === true) files.push({ path, text: await readFile(resolved, 'utf8') });
        continue;
      }
      if ((await lstat(full)).isFile()) files.push({ path, text: await readFile(full, 'utf8') });
    }
  }

  await visit(root);
  return { files, rejected };
}

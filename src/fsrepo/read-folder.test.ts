import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFolder } from './read-folder.js';

describe('readFolder', () => {
  it('reads files through symlinks inside the folder, as the Git reader does, and rejects those leaving it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'berth-folder-'));
    try {
      await mkdir(join(root, 'apps', 'web'), { recursive: true });
      await writeFile(join(root, 'apps', 'web', 'a.yaml'), 'a');
      await symlink('web', join(root, 'apps', 'alias')); // folder link inside
      await symlink('web/a.yaml', join(root, 'apps', 'b.yaml')); // file link inside
      await symlink('..', join(root, 'apps', 'web', 'loop')); // loops back: not listed again
      await symlink('/etc/hostname', join(root, 'apps', 'evil.yaml')); // leaves the folder
      const { files, rejected } = await readFolder(root);
      expect(files.map((f) => f.path).sort()).toEqual(['apps/alias/a.yaml', 'apps/b.yaml', 'apps/web/a.yaml']);
      expect(rejected.map((r) => [r.path, r.reason])).toEqual([['apps/evil.yaml', 'symlink-outside']]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

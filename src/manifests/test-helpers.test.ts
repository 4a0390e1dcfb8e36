import { describe, it, expect, afterAll } from '@jest/globals';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFixtureDir } from './test-helpers.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('readFixtureDir', () => {
  it('follows symlinks inside the folder and rejects those that leave it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'berth-fixture-'));
    dirs.push(root);
    await mkdir(join(root, 'apps'));
    await writeFile(join(root, 'shared.yaml'), 'a: 1\n');
    await symlink('../shared.yaml', join(root, 'apps', 'inside.yaml'));
    await symlink('../../outside.yaml', join(root, 'apps', 'outside.yaml'));
    const { files, rejected } = await readFixtureDir(root);
    expect(files).toEqual([
      { path: 'apps/inside.yaml', text: 'a: 1\n' },
      { path: 'shared.yaml', text: 'a: 1\n' },
    ]);
    expect(rejected).toEqual([{ path: 'apps/outside.yaml', reason: 'symlink-outside', detail: '../../outside.yaml' }]);
  });
});

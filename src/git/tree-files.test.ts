import { describe, expect, it } from '@jest/globals';
import { planFiles, resolvePath, type TreeNode } from './tree-files.js';

const blob = (oid: string): TreeNode => ({ kind: 'blob', oid });
const link = (target: string): TreeNode => ({ kind: 'link', target });
const tree: TreeNode = { kind: 'tree' };

/** A tree with files, folders and every kind of link. */
const entries = new Map<string, TreeNode>([
  ['a.yaml', blob('A')],
  ['base', tree],
  ['base/d.yaml', blob('D')],
  ['apps', tree],
  ['apps/to-a.yaml', link('../a.yaml')],
  ['apps/chain.yaml', link('to-a.yaml')],
  ['apps/base', link('../base')],
  ['apps/via-dir.yaml', link('base/d.yaml')],
  ['apps/out.yaml', link('../../etc/passwd')],
  ['apps/abs.yaml', link('/etc/passwd')],
  ['apps/dangling.yaml', link('nope.yaml')],
  ['apps/loop1', link('loop2')],
  ['apps/loop2', link('loop1')],
  ['apps/up', link('..')],
  ['sub', { kind: 'submodule' }],
]);

describe('resolvePath', () => {
  it.each([
    ['a.yaml', { ok: true, path: 'a.yaml', node: blob('A') }],
    ['apps/to-a.yaml', { ok: true, path: 'a.yaml', node: blob('A') }],
    ['apps/chain.yaml', { ok: true, path: 'a.yaml', node: blob('A') }],
    ['apps/via-dir.yaml', { ok: true, path: 'base/d.yaml', node: blob('D') }],
    ['apps/base/d.yaml', { ok: true, path: 'base/d.yaml', node: blob('D') }],
    ['apps/up/a.yaml', { ok: true, path: 'a.yaml', node: blob('A') }],
    ['apps/out.yaml', { ok: false, problem: 'outside' }],
    ['apps/abs.yaml', { ok: false, problem: 'outside' }],
    ['apps/dangling.yaml', { ok: false, problem: 'missing' }],
    ['apps/loop1', { ok: false, problem: 'loop' }],
    ['a.yaml/x', { ok: false, problem: 'missing' }],
  ])('%s', (path, want) => {
    expect(resolvePath(entries, path)).toEqual(want);
  });

  it('gives up after 8 hops', () => {
    const chain = new Map<string, TreeNode>([['f', blob('F')]]);
    for (let i = 1; i <= 9; i++) chain.set(`l${i}`, link(i === 1 ? 'f' : `l${i - 1}`));
    expect(resolvePath(chain, 'l8')).toMatchObject({ ok: true, path: 'f' });
    expect(resolvePath(chain, 'l9')).toEqual({ ok: false, problem: 'loop' });
  });
});

describe('planFiles', () => {
  it('shows files, follows links inside, rejects the rest and skips submodules', () => {
    const { files, rejected } = planFiles(entries);
    expect(files).toEqual([
      { path: 'a.yaml', oid: 'A' },
      { path: 'apps/base/d.yaml', oid: 'D', via: 'base/d.yaml' },
      { path: 'apps/chain.yaml', oid: 'A', via: 'a.yaml' },
      { path: 'apps/to-a.yaml', oid: 'A', via: 'a.yaml' },
      { path: 'apps/via-dir.yaml', oid: 'D', via: 'base/d.yaml' },
      { path: 'base/d.yaml', oid: 'D' },
    ]);
    expect(rejected.map((r) => [r.path, r.reason])).toEqual([
      ['apps/abs.yaml', 'symlink-outside'],
      ['apps/dangling.yaml', 'symlink-outside'],
      ['apps/loop1', 'symlink-outside'],
      ['apps/loop2', 'symlink-outside'],
      ['apps/out.yaml', 'symlink-outside'],
      ['apps/up', 'symlink-outside'],
    ]);
    expect(rejected.find((r) => r.path === 'apps/out.yaml')?.detail).toMatch(/leaves the repository/);
    expect(rejected.find((r) => r.path === 'apps/dangling.yaml')?.detail).toMatch(/does not exist/);
  });

  it('stops folder links that lead back into a folder being listed', () => {
    const cyc = new Map<string, TreeNode>([
      ['a', tree],
      ['a/x', link('../b')],
      ['b', tree],
      ['b/f', blob('F')],
      ['b/y', link('../a')],
    ]);
    const { files, rejected } = planFiles(cyc);
    expect(files.map((f) => f.path)).toEqual(['a/x/f', 'b/f']);
    expect(rejected.map((r) => r.path)).toEqual(['a/x/y', 'b/y/x']);
  });
});

import { describe, expect, it } from '@jest/globals';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kindKey } from '../src/core/reconciler.js';
import { KINDS } from '../src/manifests/kinds.js';
import { reconcilers } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
const folders = readdirSync(here).filter((f) => statSync(join(here, f)).isDirectory());

describe('reconciler registry', () => {
  it.each(folders)('folder %s is registered under its own name', (folder) => {
    expect(reconcilers.map((r) => r.name)).toContain(folder);
  });

  it('every registered reconciler has a folder and fits the interface', () => {
    for (const r of reconcilers) {
      expect(folders).toContain(r.name);
      expect(typeof r.compile).toBe('function');
      expect(Array.isArray(r.kinds) && Array.isArray(r.fields)).toBe(true);
    }
  });

  it('no kind has two owners', () => {
    const owned = reconcilers.flatMap((r) => r.kinds);
    expect(new Set(owned).size).toBe(owned.length);
  });

  it.each(Object.values(KINDS).filter((k) => k.dirs.includes('apps')))('kind $apiVersion/$kind the loader accepts has an owner', (k) => {
    expect(reconcilers.flatMap((r) => r.kinds)).toContain(kindKey(k.apiVersion, k.kind));
  });
});

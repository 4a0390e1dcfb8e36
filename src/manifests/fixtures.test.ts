import { describe, it, expect } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRevision } from './load.js';
import { readFixtureDir } from './test-helpers.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const badDir = join(repoRoot, 'fixtures', 'bad');
const examplesRepo = join(repoRoot, 'examples-repo');

interface Expected {
  code: string;
  file: string;
  line: number;
  messageIncludes: string;
  messageExcludes?: string;
}

const badCases = readdirSync(badDir).sort();

describe('fixtures/bad: each case is rejected with the expected code at the expected place', () => {
  it.each(badCases)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(join(badDir, name, 'expected.json'), 'utf8')) as Expected;
    const { files, rejected } = await readFixtureDir(join(badDir, name));
    const result = loadRevision(files, rejected);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const formatted = result.problems.map((p) => p.format());
    const match = result.problems.find(
      (p) => p.code === expected.code && p.location?.file === expected.file && p.location.line === expected.line,
    );
    expect({ match: match?.format(), all: formatted }).toEqual({
      match: expect.stringContaining(expected.messageIncludes),
      all: formatted,
    });
    if (expected.messageExcludes !== undefined) {
      for (const f of formatted) expect(f).not.toContain(expected.messageExcludes);
    }
  });
});

describe('valid inputs load', () => {
  it('fixtures/spec-example.yaml (the spec example, verbatim) validates as berth.yaml', () => {
    const text = readFileSync(join(repoRoot, 'fixtures', 'spec-example.yaml'), 'utf8');
    const result = loadRevision([{ path: 'berth.yaml', text }], []);
    expect(result.ok ? [] : result.problems.map((p) => p.format())).toEqual([]);
    expect(result.ok && result.revision.config?.multi_cluster?.cluster_management?.map((c) => c.cluster)).toEqual([
      'production',
      'staging',
      'development',
    ]);
  });

  it('fixtures/good/minimal', async () => {
    const { files, rejected } = await readFixtureDir(join(repoRoot, 'fixtures', 'good', 'minimal'));
    const result = loadRevision(files, rejected);
    expect(result.ok ? [] : result.problems.map((p) => p.format())).toEqual([]);
    if (!result.ok) return;
    expect(result.revision.clusters.map((c) => c.name)).toEqual(['local']);
    expect(result.revision.objects.map((o) => `${o.kind}/${o.namespace ?? '-'}/${o.name}`)).toEqual([
      'ConfigMap/web/web-config',
      'Secret/web/web-secret',
      'Deployment/web/web',
      'Namespace/-/web',
      'Service/web/web',
    ]);
  });

  const hasExamples = existsSync(examplesRepo);
  (hasExamples ? it : it.skip)('examples-repo (every file) validates', async () => {
    const { files, rejected } = await readFixtureDir(examplesRepo);
    const result = loadRevision(files, rejected);
    expect(result.ok ? [] : result.problems.map((p) => p.format())).toEqual([]);
  });
});

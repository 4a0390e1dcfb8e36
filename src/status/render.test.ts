import { describe, expect, it } from '@jest/globals';
import { BerthError, ErrorCode } from '../core/errors.js';
import type { AppStatus } from '../core/driver.js';
import { renderStatus, REVISION_FILE, stableError, SUMMARY_FILE, type PassOutcome } from './render.js';

const app = (over: Partial<AppStatus> = {}): AppStatus => ({
  namespace: 'demo',
  app: 'web',
  desiredReplicas: 2,
  runningReplicas: 2,
  readyReplicas: 2,
  result: 'healthy',
  ...over,
});
const outcome = (over: Partial<PassOutcome> = {}): PassOutcome => ({
  repository: '/repo',
  ref: 'main',
  sha: 'a'.repeat(40),
  clusters: [{ cluster: 'local', type: 'docker', apps: [app()] }],
  ...over,
});

describe('renderStatus', () => {
  it('writes one file per cluster and app, a revision record and a summary', () => {
    const files = renderStatus(outcome(), new Map());
    expect([...files.keys()].sort()).toEqual([SUMMARY_FILE, 'clusters/local/cluster.yaml', 'clusters/local/demo/web.yaml', REVISION_FILE]);
    expect(files.get('clusters/local/demo/web.yaml')).toContain(`revision: ${'a'.repeat(40)}`);
    expect(files.get('clusters/local/demo/web.yaml')).toContain('result: healthy');
    expect(files.get(SUMMARY_FILE)).toContain('| local | demo | web | 2/2 | healthy | aaaaaaa |');
  });

  it('is deterministic: the same outcome renders the same bytes', () => {
    expect(renderStatus(outcome(), new Map())).toEqual(renderStatus(outcome(), new Map()));
  });

  it('a rejected revision keeps every app file and records why, with file and line', () => {
    const before = renderStatus(outcome(), new Map());
    const problem = new BerthError(ErrorCode.SchemaType, 'spec.replicas: expected integer', { location: { file: 'apps/web.yaml', line: 7, column: 13 }, field: 'spec.replicas' });
    const after = renderStatus(outcome({ sha: 'b'.repeat(40), problems: [problem], clusters: [] }), before);
    expect(after.get('clusters/local/demo/web.yaml')).toBe(before.get('clusters/local/demo/web.yaml'));
    const rev = after.get(REVISION_FILE) ?? '';
    expect(rev).toContain('result: rejected');
    expect(rev).toContain(`applied: ${'a'.repeat(40)}`);
    expect(rev).toContain('file: apps/web.yaml');
    expect(rev).toContain('line: 7');
    expect(after.get(SUMMARY_FILE)).toContain('nothing was applied');
  });

  it('an unreachable cluster keeps its last known app files and says why', () => {
    const before = renderStatus(outcome(), new Map());
    const after = renderStatus(outcome({ clusters: [{ cluster: 'local', type: 'docker', apps: [], error: 'connect ENOENT' }] }), before);
    expect(after.get('clusters/local/demo/web.yaml')).toBe(before.get('clusters/local/demo/web.yaml'));
    expect(after.get('clusters/local/cluster.yaml')).toContain('lastError: connect ENOENT');
    expect(after.get(REVISION_FILE)).toContain('result: failed');
  });

  it('a failed pass does not claim its revision as applied', () => {
    const before = renderStatus(outcome(), new Map());
    const after = renderStatus(outcome({ sha: 'd'.repeat(40), clusters: [{ cluster: 'local', type: 'docker', apps: [app({ result: 'failed' })] }] }), before);
    expect(after.get(REVISION_FILE)).toContain(`revision: ${'d'.repeat(40)}`);
    expect(after.get(REVISION_FILE)).toContain(`applied: ${'a'.repeat(40)}`);
  });

  it('drops files of apps that are gone', () => {
    const before = renderStatus(outcome(), new Map());
    const after = renderStatus(outcome({ clusters: [{ cluster: 'local', type: 'docker', apps: [] }] }), before);
    expect(after.has('clusters/local/demo/web.yaml')).toBe(false);
  });

  it('an unchanged failure renders the same bytes although the engine ids differ', () => {
    const fail = (id: string): PassOutcome => outcome({ clusters: [{ cluster: 'local', type: 'docker', apps: [app({ result: 'failed', message: `endpoint ${id} failed: port is already allocated` })] }] });
    const a = renderStatus(fail('1'.repeat(64)), new Map());
    const b = renderStatus(fail('2'.repeat(64)), new Map());
    expect(a).toEqual(b);
    expect(a.get('clusters/local/demo/web.yaml')).toContain('lastError: "endpoint <id> failed');
  });

  it('a pass limited to some clusters keeps the others and does not claim the revision applied', () => {
    const two = outcome({ clusters: [{ cluster: 'a', type: 'docker', apps: [app()] }, { cluster: 'b', type: 'docker', apps: [app()] }] });
    const before = renderStatus(two, new Map());
    const after = renderStatus(outcome({ sha: 'e'.repeat(40), clusters: [{ cluster: 'a', type: 'docker', apps: [app()] }] }), before, { partial: true });
    expect(after.get('clusters/b/demo/web.yaml')).toBe(before.get('clusters/b/demo/web.yaml'));
    expect(after.get(REVISION_FILE)).toContain(`applied: ${'a'.repeat(40)}`);
  });

  it.each([['a1b2c3d4e5f6'], ['f'.repeat(64)]])('engine id %s is stable in lastError', (id) => {
    expect(stableError(`container ${id} failed`)).toBe('container <id> failed');
  });
});

import { describe, expect, it } from '@jest/globals';
import type { PassReport } from '../pass/run-pass.js';
import { formatPassText, planExitCode } from './format-plan.js';

const report = (changes: PassReport['clusters'][number]['plan']): PassReport => ({
  ref: 'main',
  sha: 'c'.repeat(40),
  clusters: [{ cluster: 'local', type: 'docker', ...(changes ? { plan: changes } : {}) }],
  statusCommitted: false,
  ok: true,
});

describe('plan output', () => {
  it.each([
    [[{ action: 'unchanged' as const, kind: 'Deployment', name: 'web', namespace: 'demo', fields: [] }], 0],
    [[{ action: 'update' as const, kind: 'Deployment', name: 'web', namespace: 'demo', fields: [{ path: 'spec.replicas', old: 2, new: 3 }] }], 2],
    [[{ action: 'create' as const, kind: 'Namespace', name: 'demo', fields: [] }], 2],
  ])('exit code for %j is %d', (changes, code) => {
    expect(planExitCode(report({ cluster: 'local', changes }))).toBe(code);
  });

  it('shows field changes old → new', () => {
    const text = formatPassText(
      report({ cluster: 'local', changes: [{ action: 'update', kind: 'Deployment', name: 'web', namespace: 'demo', fields: [{ path: 'spec.replicas', old: 2, new: 3 }] }] }),
    );
    expect(text).toContain('~ Deployment demo/web');
    expect(text).toContain('spec.replicas: 2 → 3');
  });

  it('an error is exit code 1', () => {
    expect(planExitCode({ ...report(undefined), clusters: [{ cluster: 'x', type: 'docker', error: new Error('down') }] })).toBe(1);
  });
});

import { describe, it, expect } from '@jest/globals';
import { deploymentHealth } from './health.js';

const dep = (spec: Record<string, unknown>, status: Record<string, unknown>, generation = 2): unknown => ({ metadata: { generation }, spec, status });

describe('deploymentHealth', () => {
  it.each<[string, unknown, string, string | RegExp]>([
    ['all replicas updated and available', dep({ replicas: 3 }, { observedGeneration: 2, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 }), 'healthy', '3 of 3 replicas available'],
    ['the controller has not seen the new spec', dep({ replicas: 3 }, { observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 }), 'progressing', 'waiting for the controller to observe generation 2'],
    ['new replicas still being created', dep({ replicas: 3 }, { observedGeneration: 2, replicas: 3, updatedReplicas: 1, availableReplicas: 3 }), 'progressing', '1 of 3 replicas updated'],
    ['old replicas still terminating', dep({ replicas: 2 }, { observedGeneration: 2, replicas: 3, updatedReplicas: 2, availableReplicas: 2 }), 'progressing', '1 old replicas pending termination'],
    ['updated but not yet available', dep({ replicas: 2 }, { observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 1 }), 'progressing', '1 of 2 updated replicas available'],
    [
      'progress deadline exceeded',
      dep({ replicas: 2 }, { observedGeneration: 2, replicas: 2, updatedReplicas: 2, conditions: [{ type: 'Available', status: 'False' }, { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-1" has timed out progressing.' }] }),
      'failed',
      'ReplicaSet "web-1" has timed out progressing.',
    ],
    ['zero replicas is healthy', dep({ replicas: 0 }, { observedGeneration: 2 }), 'healthy', '0 of 0 replicas available'],
    ['replicas defaults to 1', dep({}, { observedGeneration: 2, replicas: 1, updatedReplicas: 1, availableReplicas: 1, readyReplicas: 1 }), 'healthy', '1 of 1 replicas available'],
    ['no status yet', { metadata: { generation: 1 }, spec: { replicas: 1 } }, 'progressing', /observe generation 1/],
  ])('%s → %s', (_n, obj, result, message) => {
    const h = deploymentHealth(obj);
    expect(h.result).toBe(result);
    if (typeof message === 'string') expect(h.message).toBe(message);
    else expect(h.message).toMatch(message);
  });

  it('counts desired, running and ready replicas', () => {
    expect(deploymentHealth(dep({ replicas: 3 }, { observedGeneration: 2, replicas: 4, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 }))).toMatchObject({
      desiredReplicas: 3,
      runningReplicas: 4,
      readyReplicas: 2,
    });
  });
});

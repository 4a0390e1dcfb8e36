/**
 * Health of a Deployment from its status, the way `kubectl rollout status` judges it. Pure.
 *
 * A status is only believed once the controller has seen the current spec
 * (status.observedGeneration ≥ metadata.generation); before that the rollout is progressing.
 * A Progressing condition with reason ProgressDeadlineExceeded is final: failed.
 */
import type { AppResult } from '../../core/driver.js';
import { isRecord, metadataOf, str } from './objects.js';

export interface WorkloadHealth {
  readonly result: AppResult;
  readonly message: string;
  readonly desiredReplicas: number;
  readonly runningReplicas: number;
  readonly readyReplicas: number;
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason: string;
  readonly message: string;
}

function conditions(status: Readonly<Record<string, unknown>>): Condition[] {
  const list = status['conditions'];
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).map((c) => ({
    type: str(c['type']),
    status: str(c['status']),
    reason: str(c['reason']),
    message: str(c['message']),
  }));
}

export function deploymentHealth(obj: unknown): WorkloadHealth {
  const spec = isRecord(obj) && isRecord(obj['spec']) ? obj['spec'] : {};
  const status = isRecord(obj) && isRecord(obj['status']) ? obj['status'] : {};
  const desired = spec['replicas'] === undefined ? 1 : num(spec['replicas']);
  const replicas = num(status['replicas']);
  const updated = num(status['updatedReplicas']);
  const ready = num(status['readyReplicas']);
  const available = num(status['availableReplicas']);
  const counts = { desiredReplicas: desired, runningReplicas: replicas, readyReplicas: ready };
  const generation = num(metadataOf(obj)['generation']);
  const observed = num(status['observedGeneration']);

  if (observed < generation) {
    return { ...counts, result: 'progressing', message: `waiting for the controller to observe generation ${String(generation)}` };
  }
  const progressing = conditions(status).find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { ...counts, result: 'failed', message: progressing.message !== '' ? progressing.message : 'progress deadline exceeded' };
  }
  if (updated < desired) {
    return { ...counts, result: 'progressing', message: `${String(updated)} of ${String(desired)} replicas updated` };
  }
  if (replicas > updated) {
    return { ...counts, result: 'progressing', message: `${String(replicas - updated)} old replicas pending termination` };
  }
  if (available < updated) {
    return { ...counts, result: 'progressing', message: `${String(available)} of ${String(updated)} updated replicas available` };
  }
  return { ...counts, result: 'healthy', message: `${String(available)} of ${String(desired)} replicas available` };
}

export function isFinal(result: AppResult): boolean {
  return result === 'healthy' || result === 'failed';
}

/**
 * Waits between phases: a namespace being deleted must be gone before it can be created again,
 * and a new CustomResourceDefinition must be Established before objects of its kind are applied.
 * Both are bounded on the injected clock.
 */
import type { Clock } from '../../core/clock.js';
import { BerthError, ErrorCode } from '../../core/errors.js';
import type { KubeApi } from './api.js';
import { isRecord, type Body } from './objects.js';
import { nameOf } from './reconcile.js';
import { builtinResource } from './resources.js';

const POLL_MS = 500;

async function until(what: string, check: () => Promise<boolean>, clock: Clock, sleep: (ms: number) => Promise<void>, timeoutMs: number): Promise<void> {
  const deadline = clock.now() + timeoutMs;
  while (!(await check())) {
    if (clock.now() >= deadline) throw new BerthError(ErrorCode.Driver, `timed out after ${String(Math.round(timeoutMs / 1000))}s waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

export async function settleNamespaces(api: KubeApi, terminating: readonly Body[], clock: Clock, sleep: (ms: number) => Promise<void>, timeoutMs: number): Promise<void> {
  const resource = builtinResource('', 'v1', 'Namespace');
  if (resource === undefined) return;
  for (const ns of terminating) {
    const name = nameOf(ns);
    await until(`namespace ${name} to finish terminating`, async () => (await api.get(resource, { namespace: undefined, name })) === undefined, clock, sleep, timeoutMs);
  }
}

function established(crd: Body | undefined): boolean {
  const status = crd !== undefined && isRecord(crd['status']) ? crd['status'] : {};
  const conditions = Array.isArray(status['conditions']) ? status['conditions'] : [];
  return conditions.some((c) => isRecord(c) && c['type'] === 'Established' && c['status'] === 'True');
}

export async function waitForCrds(api: KubeApi, names: readonly string[], clock: Clock, sleep: (ms: number) => Promise<void>, timeoutMs: number): Promise<void> {
  const resource = builtinResource('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition');
  if (resource === undefined) return;
  for (const name of names) {
    await until(`CustomResourceDefinition ${name} to be established`, async () => established(await api.get(resource, { namespace: undefined, name })), clock, sleep, timeoutMs);
  }
}

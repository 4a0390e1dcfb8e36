/**
 * The Kubernetes driver: server-side apply as field manager `berth`, phase by phase (namespaces
 * and CRDs, config, Services, workloads, then what refers to workloads), a diff from the server's
 * own dry run, prune from an in-cluster inventory, and Deployment health. `plan` runs the same
 * steps with dry runs only: it never writes.
 */
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { AppStatus, ApplyResult, ClusterDriver, DriverContext } from '../../core/driver.js';
import type { ClusterTarget, DesiredState } from '../../core/model.js';
import type { Change, ClusterPlan } from '../../core/plan.js';
import { loadAccess, type AccessDeps } from './access.js';
import { KubeApi } from './api.js';
import { prepareDesired } from './desired.js';
import { INVENTORY_KEY, inventoryBody, inventoryName, INVENTORY_NAMESPACE, decodeEntries, encodeEntries, mergeEntries, pruneCandidates, type InventoryEntry } from './inventory.js';
import { clusterLabelValue, identityKey, isRecord, str, PHASES, repoLabelValue, type Body, type Ownership } from './objects.js';
import { executePrune, judgePrune, pruneChange } from './prune.js';
import { isTerminating, reconcilePhase, type Mode, type ObjectOutcome, type ReconcileContext } from './reconcile.js';
import { builtinResource } from './resources.js';
import { createTransport, RequestCounter, type ClosableKubeHttp, type KubeHttp } from './transport.js';
import { waitForApps } from './wait.js';
import { settleNamespaces, waitForCrds } from './settle.js';

export interface KubernetesDriverDeps {
  /** Environment for `tokenEnv` (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly readFile?: (path: string) => string;
  /** Wraps the HTTP layer, e.g. to count requests in a test. */
  readonly wrapHttp?: (http: KubeHttp) => KubeHttp;
  /** How long apply waits for changed Deployments to become healthy (default 120 s). */
  readonly healthTimeoutMs?: number;
  readonly pollIntervalMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Requests in flight at once (default 8). */
  readonly concurrency?: number;
  readonly requestTimeoutMs?: number;
  /** Skip dry runs whose inputs were already verified (default true; see verified.ts). */
  readonly reuseVerified?: boolean;
}

const DEFAULT_HEALTH_TIMEOUT_MS = 120_000;
const DEFAULT_POLL_INTERVAL_MS = 1_000;
const DEFAULT_CONCURRENCY = 8;

const NAMESPACE_RESOURCE = builtinResource('', 'v1', 'Namespace');
const CONFIGMAP_RESOURCE = builtinResource('', 'v1', 'ConfigMap');

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

export function createKubernetesDriver(cluster: ClusterTarget, log: Logger, deps: KubernetesDriverDeps = {}): ClusterDriver {
  const accessDeps: AccessDeps = { env: deps.env ?? process.env, readFile: deps.readFile ?? ((p) => readFileSync(p, 'utf8')) };
  const counter = new RequestCounter();
  const sleep = deps.sleep ?? defaultSleep;
  const concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
  let transport: Promise<ClosableKubeHttp> | undefined;

  const http = async (): Promise<KubeHttp> => {
    if (transport === undefined) {
      log.debug({ server: cluster.kubernetes?.server, kubeconfig: cluster.kubernetes?.kubeconfig }, 'connecting');
      // Imported here, not at the top: loading the client takes most of a second, which every
      // berth command would pay even with no Kubernetes cluster configured.
      transport = import('@kubernetes/client-node').then((lib) =>
        createTransport(loadAccess(cluster, accessDeps, lib), { clusterName: cluster.name, ...(deps.requestTimeoutMs !== undefined ? { requestTimeoutMs: deps.requestTimeoutMs } : {}) }, lib),
      );
    }
    const base = await transport;
    return counter.wrap(deps.wrapHttp !== undefined ? deps.wrapHttp(base) : base);
  };

  async function run(mode: Mode, desired: DesiredState, dctx: DriverContext): Promise<ApplyResult> {
    const started = dctx.clock.now();
    const before = counter.snapshot();
    const api = new KubeApi(await http(), { clusterName: cluster.name, sleep, signal: dctx.signal });
    const owner: Ownership = { repo: repoLabelValue(desired.repo), cluster: clusterLabelValue(cluster.name) };
    const prepared = prepareDesired(desired, owner);
    if (NAMESPACE_RESOURCE === undefined || CONFIGMAP_RESOURCE === undefined) throw new Error('resource table incomplete');

    // Namespaces one by one (few): existence decides about implicit ones, and they are the live side
    // of declared ones. The inventory is read at the same time.
    const namespaceNames = [...new Set([...prepared.objects.filter((o) => o.ref.kind === 'Namespace' && o.ref.group === '').map((o) => o.ref.name), ...prepared.implicitNamespaces.map((o) => o.ref.name)])];
    const invName = inventoryName(owner);
    const [nsLive, inventoryObject] = await Promise.all([
      Promise.all(namespaceNames.map(async (n) => [n, await api.get(NAMESPACE_RESOURCE, { namespace: undefined, name: n })] as const)),
      api.get(CONFIGMAP_RESOURCE, { namespace: INVENTORY_NAMESPACE, name: invName }),
    ]);
    const liveNamespaces = new Map(nsLive.flatMap(([n, body]) => (body !== undefined ? [[n, body] as const] : [])));
    const storedText = isRecord(inventoryObject?.['data']) ? str(inventoryObject['data'][INVENTORY_KEY]) : '';
    const inventory = decodeEntries(storedText);
    const verified = new Map(inventory.flatMap((e) => (e.verified !== undefined ? [[identityKey(e), e.verified] as const] : [])));
    const rctx: ReconcileContext = { api, owner, log: dctx.log, concurrency, mode, verified: deps.reuseVerified === false ? new Map() : verified };

    const missingImplicit = prepared.implicitNamespaces.filter((o) => !liveNamespaces.has(o.ref.name));
    const objects = [...prepared.objects, ...missingImplicit];
    const declaredBefore = prepared.objects.map((o) => ({ ...o.ref, verified: verified.get(o.key) }));
    const known = new Map<string, Body>();
    for (const o of objects) {
      const live = o.ref.kind === 'Namespace' && o.ref.group === '' ? liveNamespaces.get(o.ref.name) : undefined;
      if (live !== undefined) known.set(o.key, live);
    }

    const writeInventory = async (entries: readonly InventoryEntry[], current: string): Promise<string> => {
      const text = encodeEntries(entries);
      if (text === current) return current;
      if (inventoryObject === undefined && current === storedText) {
        await api.apply(NAMESPACE_RESOURCE, { group: '', version: 'v1', kind: 'Namespace', namespace: undefined, name: INVENTORY_NAMESPACE }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: INVENTORY_NAMESPACE, labels: { 'app.kubernetes.io/managed-by': 'berth' } } }, false);
      }
      const body = inventoryBody(owner, desired.repo, entries);
      await api.apply(CONFIGMAP_RESOURCE, { group: '', version: 'v1', kind: 'ConfigMap', namespace: INVENTORY_NAMESPACE, name: invName }, body, false);
      return text;
    };

    const changes: Change[] = [];
    const errors: Error[] = [];
    const outcomes: ObjectOutcome[] = [];
    let inventoryText = storedText;
    if (mode === 'apply') {
      // Record intent before creating anything, so an interrupted pass never loses track of objects.
      inventoryText = await writeInventory(mergeEntries(declaredBefore, inventory), inventoryText);
    }

    const creatingNamespaces = new Set<string>();
    for (const phase of PHASES) {
      const batch = objects.filter((o) => o.rank === phase);
      if (batch.length === 0) continue;
      if (phase === 0 && mode === 'apply') await settleNamespaces(api, [...liveNamespaces.values()].filter(isTerminating), dctx.clock, sleep, deps.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS);
      const phaseStarted = dctx.clock.now();
      const results = await reconcilePhase(rctx, { objects: batch, known, creatingNamespaces });
      dctx.log.debug({ phase, objects: batch.length, ms: dctx.clock.now() - phaseStarted }, 'phase done');
      outcomes.push(...results);
      for (const r of results) {
        changes.push(r.change);
        if (r.error !== undefined) errors.push(r.error);
        if (r.object.ref.kind === 'Namespace' && r.change.action === 'create') creatingNamespaces.add(r.object.ref.name);
      }
      if (errors.length > 0 && mode === 'apply') break; // later phases depend on this one
      if (phase === 0 && mode === 'apply') {
        const crds = results.filter((r) => r.object.ref.kind === 'CustomResourceDefinition' && r.change.action !== 'unchanged');
        if (crds.length > 0) {
          await waitForCrds(api, crds.map((r) => r.object.ref.name), dctx.clock, sleep, deps.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS);
          api.invalidate();
        }
      }
    }

    // Prune: plan it always, do it only after a fully successful apply.
    const desiredKeys = new Set(objects.map((o) => o.key));
    const usedNamespaces = new Set([...desired.namespaces, ...objects.flatMap((o) => (o.ref.namespace !== undefined ? [o.ref.namespace] : []))]);
    const pctx = { api, owner, log: dctx.log, concurrency };
    try {
      const decisions = await judgePrune(pctx, pruneCandidates(inventory, desiredKeys), usedNamespaces);
      for (const d of decisions) {
        const c = pruneChange(d);
        if (c !== undefined) changes.push(c);
      }
      if (mode === 'apply' && errors.length === 0) {
        const results = await executePrune(pctx, decisions);
        for (const r of results) if (r.error !== undefined) errors.push(r.error);
        const deleted = new Set(results.filter((r) => r.deleted).map((r) => r.decision.entry));
        // Objects with prune switched off stay listed: a namespace holding one is then never pruned.
        const keep = decisions.filter((d) => (d.verdict === 'delete' && !deleted.has(d.entry)) || d.verdict === 'in-use' || d.verdict === 'disabled').map((d) => d.entry);
        // Fresh hashes ride along when the inventory is written anyway (the set changed or
        // something was applied); a pass that wrote nothing stays without writes.
        const byKey = new Map(outcomes.map((o) => [o.object.key, o]));
        const declared = prepared.objects.map((o) => ({ ...o.ref, verified: byKey.get(o.key)?.verified ?? verified.get(o.key) }));
        const next = mergeEntries(declared, keep);
        const setChanged = encodeEntries(next, { withHashes: false }) !== encodeEntries(inventory, { withHashes: false });
        if (setChanged || outcomes.some((o) => o.wrote === true)) await writeInventory(next, inventoryText);
      }
    } catch (e) {
      errors.push(asError(e));
    }

    const waitStarted = dctx.clock.now();
    let apps: AppStatus[] = [];
    const deployments = outcomes.filter((o) => o.object.app !== undefined && o.error === undefined);
    if (mode === 'apply') {
      try {
        apps = await waitForApps(
          deployments.map((o) => ({ object: o.object, current: o.result, changed: o.change.action !== 'unchanged' })),
          { api, owner, clock: dctx.clock, sleep, timeoutMs: deps.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS, pollIntervalMs: deps.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, signal: dctx.signal },
        );
      } catch (e) {
        errors.push(asError(e));
      }
    }

    const after = counter.snapshot();
    const count = (a: ClusterPlan['changes'][number]['action']): number => changes.filter((c) => c.action === a).length;
    dctx.log.info(
      {
        mode,
        created: count('create'),
        updated: count('update'),
        deleted: count('delete'),
        unchanged: count('unchanged'),
        errors: errors.length,
        requests: { reads: after.reads - before.reads, writes: after.writes - before.writes, dryRuns: after.dryRuns - before.dryRuns },
        ms: dctx.clock.now() - started,
        waitMs: dctx.clock.now() - waitStarted,
      },
      'kubernetes pass finished',
    );
    return { plan: { cluster: cluster.name, changes }, apps, errors };
  }

  return {
    type: 'kubernetes',
    async plan(desired, ctx) {
      // What would fail is listed beside what would change, as on Docker.
      const r = await run('plan', desired, ctx);
      return r.errors.length > 0 ? { ...r.plan, errors: r.errors } : r.plan;
    },
    apply: (desired, ctx) => run('apply', desired, ctx),
    async close() {
      const t = transport;
      transport = undefined;
      if (t !== undefined) await (await t.catch(() => undefined))?.close();
    },
  };
}

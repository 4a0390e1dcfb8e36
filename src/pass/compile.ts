/**
 * Compiles a loaded revision into the desired state of each cluster by running every registered
 * reconciler in order. Pure: the same revision and clusters give the same desired states.
 */
import type { BerthError } from '../core/errors.js';
import type { ClusterTarget, DesiredState, Workload } from '../core/model.js';
import type { Reconciler } from '../core/reconciler.js';
import type { LoadedObject } from '../core/revision.js';
import { CLUSTERS_ANNOTATION } from '../manifests/checks.js';


/** An object goes to every cluster unless its `berth.dev/clusters` annotation names some. */
export function selectedFor(obj: LoadedObject, cluster: ClusterTarget): boolean {
  const meta = obj.body.metadata as { annotations?: Record<string, string> } | undefined;
  const list = meta?.annotations?.[CLUSTERS_ANNOTATION];
  if (list === undefined || list.trim() === '') return true;
  return list.split(',').map((s) => s.trim()).includes(cluster.name);
}

function withNamespace(obj: LoadedObject, ns: string): LoadedObject {
  if (obj.namespace !== undefined || obj.kind === 'Namespace') return obj;
  const meta = { ...(obj.body.metadata as Record<string, unknown>), namespace: ns };
  return { ...obj, namespace: ns, body: { ...obj.body, metadata: meta }, locate: (path) => obj.locate(path) };
}

export function compileCluster(
  input: { repo: string; revision: string; cluster: ClusterTarget; objects: readonly LoadedObject[] },
  reconcilers: readonly Reconciler[],
): { desired: DesiredState; errors: readonly BerthError[] } {
  const { cluster } = input;
  const objects = input.objects.filter((o) => selectedFor(o, cluster)).map((o) => withNamespace(o, cluster.defaultNamespace));
  const namespaces = new Set<string>();
  const workloads: Workload[] = [];
  const bodies: Readonly<Record<string, unknown>>[] = [];
  const shared = new Map<string, unknown>();
  const errors: BerthError[] = [];
  const out = {
    addNamespace: (n: string) => namespaces.add(n),
    addWorkload: (w: Workload) => workloads.push(w),
    addObject: (b: Readonly<Record<string, unknown>>) => bodies.push(b),
    shared,
  };
  for (const r of reconcilers) errors.push(...r.compile({ cluster, objects }, out));
  return {
    desired: {
      repo: input.repo,
      revision: input.revision,
      cluster,
      namespaces: [...namespaces].sort(),
      workloads,
      objects: bodies,
    },
    errors,
  };
}

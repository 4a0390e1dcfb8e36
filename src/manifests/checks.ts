/**
 * Checks across objects, after each passed its schema: duplicates, references from Deployments to
 * ConfigMaps, Secrets and volumes, selectors, and clusters declared twice.
 */
import { BerthError, ErrorCode, type SourceLocation } from '../core/errors.js';
import type { FieldPath, LoadedObject } from '../core/revision.js';
import { apiGroup, isKind, type TypedObject } from './kinds.js';
import { formatPath } from './paths.js';
import type { LoadedCluster } from './revision.js';

function where(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

function nsText(ns: string | undefined): string {
  return ns === undefined ? 'the default namespace' : `namespace "${ns}"`;
}

export function duplicateObjects(objects: readonly LoadedObject[]): BerthError[] {
  const first = new Map<string, LoadedObject>();
  const out: BerthError[] = [];
  for (const o of objects) {
    // the namespace as written: a default namespace is applied per cluster, later
    const key = `${apiGroup(o.apiVersion)}/${o.kind}/${o.namespace ?? ''}/${o.name}`;
    const prior = first.get(key);
    if (prior === undefined) {
      first.set(key, o);
      continue;
    }
    const inNs = o.namespace === undefined ? '' : ` in namespace "${o.namespace}"`;
    out.push(
      new BerthError(
        ErrorCode.DuplicateObject,
        `duplicate ${o.kind} "${o.name}"${inNs}: also defined at ${where(prior.locate(['metadata', 'name']))}`,
        { location: o.locate(['metadata', 'name']), field: 'metadata.name' },
      ),
    );
  }
  return out;
}

export interface ClusterDeclaration {
  readonly name: string;
  readonly loc: SourceLocation;
  readonly form: 'berth.yaml' | 'Cluster';
}

export function duplicateClusters(declarations: readonly ClusterDeclaration[]): BerthError[] {
  const first = new Map<string, ClusterDeclaration>();
  const out: BerthError[] = [];
  for (const d of declarations) {
    const prior = first.get(d.name);
    if (prior === undefined) {
      first.set(d.name, d);
      continue;
    }
    const hint =
      prior.form === d.form
        ? ''
        : ' (declare a cluster either in berth.yaml multi_cluster.cluster_management or as a Cluster manifest, not both)';
    out.push(
      new BerthError(
        ErrorCode.DuplicateObject,
        `cluster "${d.name}" is declared twice: also at ${where(prior.loc)}${hint}`,
        {
          location: d.loc,
        },
      ),
    );
  }
  return out;
}

export function clusterDeclarations(clusters: readonly LoadedCluster[]): ClusterDeclaration[] {
  return clusters.map((c) => ({ name: c.name, loc: c.locate(['metadata', 'name']), form: 'Cluster' as const }));
}

/** Same namespace as written; an unwritten namespace may become any cluster's default, so it matches. */
function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

type RefKind = 'ConfigMap' | 'Secret';

function keysOf(o: TypedObject<'ConfigMap'> | TypedObject<'Secret'>): Set<string> {
  const maps = isKind(o, 'ConfigMap') ? [o.body.data, o.body.binaryData] : [o.body.data, o.body.stringData];
  const keys = new Set<string>();
  for (const m of maps) if (m !== undefined) for (const k of Object.keys(m)) keys.add(k);
  return keys;
}

function deploymentChecks(
  dep: TypedObject<'Deployment'>,
  configs: readonly (TypedObject<'ConfigMap'> | TypedObject<'Secret'>)[],
): BerthError[] {
  const out: BerthError[] = [];
  const pod = dep.body.spec.template.spec;
  const podPath: FieldPath = ['spec', 'template', 'spec'];

  const need = (kind: RefKind, name: string, at: FieldPath, keys: readonly { key: string; at: FieldPath }[]): void => {
    const targets = configs.filter(
      (c) => c.kind === kind && c.name === name && sameNamespace(c.namespace, dep.namespace),
    );
    if (targets.length === 0) {
      out.push(
        new BerthError(
          ErrorCode.MissingReference,
          `Deployment "${dep.name}" references ${kind} "${name}", which is not in this revision (${nsText(dep.namespace)}); add it, or mark the reference optional: true`,
          { location: dep.locate(at), field: formatPath(at) },
        ),
      );
      return;
    }
    for (const k of keys) {
      if (targets.some((t) => keysOf(t).has(k.key))) continue;
      out.push(
        new BerthError(
          ErrorCode.MissingReference,
          `${kind} "${name}" has no key "${k.key}" (referenced by Deployment "${dep.name}")`,
          {
            location: dep.locate(k.at),
          },
        ),
      );
    }
  };

  const volumeNames = new Set<string>();
  (pod.volumes ?? []).forEach((v, i) => {
    volumeNames.add(v.name);
    const at = [...podPath, 'volumes', i];
    if (v.configMap !== undefined && v.configMap.optional !== true) {
      const keys = (v.configMap.items ?? []).map((it, j) => ({
        key: it.key,
        at: [...at, 'configMap', 'items', j, 'key'],
      }));
      need('ConfigMap', v.configMap.name, [...at, 'configMap', 'name'], keys);
    }
    if (v.secret !== undefined && v.secret.optional !== true) {
      const keys = (v.secret.items ?? []).map((it, j) => ({ key: it.key, at: [...at, 'secret', 'items', j, 'key'] }));
      need('Secret', v.secret.secretName, [...at, 'secret', 'secretName'], keys);
    }
  });

  pod.containers.forEach((c, ci) => {
    const cAt = [...podPath, 'containers', ci];
    (c.env ?? []).forEach((e, ei) => {
      const at = [...cAt, 'env', ei, 'valueFrom'];
      const cm = e.valueFrom?.configMapKeyRef;
      if (cm !== undefined && cm.optional !== true) {
        need(
          'ConfigMap',
          cm.name,
          [...at, 'configMapKeyRef', 'name'],
          [{ key: cm.key, at: [...at, 'configMapKeyRef', 'key'] }],
        );
      }
      const sk = e.valueFrom?.secretKeyRef;
      if (sk !== undefined && sk.optional !== true) {
        need('Secret', sk.name, [...at, 'secretKeyRef', 'name'], [{ key: sk.key, at: [...at, 'secretKeyRef', 'key'] }]);
      }
    });
    (c.envFrom ?? []).forEach((e, ei) => {
      const at = [...cAt, 'envFrom', ei];
      if (e.configMapRef !== undefined && e.configMapRef.optional !== true) {
        need('ConfigMap', e.configMapRef.name, [...at, 'configMapRef', 'name'], []);
      }
      if (e.secretRef !== undefined && e.secretRef.optional !== true) {
        need('Secret', e.secretRef.name, [...at, 'secretRef', 'name'], []);
      }
    });
    const portNames = new Set((c.ports ?? []).flatMap((p) => (p.name !== undefined ? [p.name] : [])));
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
      const port = c[probe]?.httpGet?.port ?? c[probe]?.tcpSocket?.port;
      if (typeof port !== 'string' || portNames.has(port)) continue;
      const at = [...cAt, probe, c[probe]?.httpGet !== undefined ? 'httpGet' : 'tcpSocket', 'port'];
      // A probe on an unknown port would be dropped on Docker (never probed) and never pass on Kubernetes.
      out.push(
        new BerthError(ErrorCode.MissingReference, `${formatPath(at)}: container "${c.name}" has no port named "${port}"`, {
          location: dep.locate(at),
          field: formatPath(at),
        }),
      );
    }
    (c.volumeMounts ?? []).forEach((m, mi) => {
      if (volumeNames.has(m.name)) return;
      out.push(
        new BerthError(
          ErrorCode.MissingReference,
          `volume mount "${m.name}" of container "${c.name}" names no volume in spec.template.spec.volumes`,
          { location: dep.locate([...cAt, 'volumeMounts', mi, 'name']) },
        ),
      );
    });
  });

  // as the API server insists: the selector must select the pods the template makes
  const podLabels = dep.body.spec.template.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(dep.body.spec.selector.matchLabels ?? {})) {
    if (podLabels[k] === v) continue;
    out.push(
      new BerthError(
        ErrorCode.SchemaInvalid,
        `spec.selector.matchLabels: "${k}: ${v}" does not match spec.template.metadata.labels (the Deployment would select none of its own pods)`,
        { location: dep.locate(['spec', 'selector', 'matchLabels', k]), field: 'spec.selector.matchLabels' },
      ),
    );
  }
  return out;
}

export function referenceChecks(objects: readonly LoadedObject[]): BerthError[] {
  const configs: (TypedObject<'ConfigMap'> | TypedObject<'Secret'>)[] = [];
  for (const o of objects) if (isKind(o, 'ConfigMap') || isKind(o, 'Secret')) configs.push(o);
  const out: BerthError[] = [];
  for (const o of objects) if (isKind(o, 'Deployment')) out.push(...deploymentChecks(o, configs));
  return out;
}

export const CLUSTERS_ANNOTATION = 'berth.dev/clusters';

/**
 * Every name in a `berth.dev/clusters` annotation must be a declared cluster (enabled or not): a
 * typo would otherwise deploy the object nowhere — and prune it where it runs.
 */
export function clusterSelectionChecks(objects: readonly LoadedObject[], declared: ReadonlySet<string>): BerthError[] {
  const out: BerthError[] = [];
  for (const o of objects) {
    const meta = o.body.metadata as { annotations?: Record<string, string> } | undefined;
    const list = meta?.annotations?.[CLUSTERS_ANNOTATION];
    if (list === undefined || list.trim() === '') continue;
    for (const name of list.split(',').map((s) => s.trim())) {
      if (declared.has(name)) continue;
      const at: FieldPath = ['metadata', 'annotations', CLUSTERS_ANNOTATION];
      const known = [...declared].sort().join(', ') || 'none';
      out.push(
        new BerthError(ErrorCode.ClusterUnknown, `${o.kind} "${o.name}" is meant for cluster "${name}", which is not declared (declared: ${known})`, {
          location: o.locate(at),
          field: formatPath(at),
        }),
      );
    }
  }
  return out;
}

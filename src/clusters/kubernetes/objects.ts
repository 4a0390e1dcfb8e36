/**
 * Identity, ordering and ownership of Kubernetes objects. Pure.
 *
 * An object's identity for berth is group/kind/namespace/name — without the version, so the same
 * object moving from autoscaling/v1 to autoscaling/v2 is an update, not a delete plus a create.
 */
import { sha256Hex } from '../../core/spec-hash.js';
import { BerthError, ErrorCode } from '../../core/errors.js';
import { Labels, MANAGED_BY } from '../../core/model.js';

export interface ObjectRef {
  readonly group: string; // '' for the core group
  readonly version: string;
  readonly kind: string;
  readonly namespace: string | undefined; // undefined for cluster-scoped kinds
  readonly name: string;
}

export type Body = Record<string, unknown>;

/** A string field, or '' when absent or not a string. */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function apiVersionOf(ref: Pick<ObjectRef, 'group' | 'version'>): string {
  return ref.group === '' ? ref.version : `${ref.group}/${ref.version}`;
}

/** Kinds that never live in a namespace (for the standard kinds berth knows without discovery). */
const CLUSTER_SCOPED = new Set([
  '/Namespace',
  '/PersistentVolume',
  '/Node',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'storage.k8s.io/StorageClass',
  'scheduling.k8s.io/PriorityClass',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
]);

export function isClusterScoped(group: string, kind: string): boolean {
  return CLUSTER_SCOPED.has(`${group}/${kind}`);
}

/** The reference of a manifest body; a body without apiVersion, kind or name is a driver error. */
export function refOf(body: Readonly<Body>): ObjectRef {
  const meta = isRecord(body['metadata']) ? body['metadata'] : {};
  const apiVersion = body['apiVersion'];
  const kind = body['kind'];
  const name = meta['name'];
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof name !== 'string' || name === '') {
    throw new BerthError(ErrorCode.Driver, `an object without apiVersion, kind or metadata.name cannot be applied (${String(kind)} ${String(name)})`);
  }
  const { group, version } = splitApiVersion(apiVersion);
  const ns = meta['namespace'];
  const namespace = isClusterScoped(group, kind) ? undefined : typeof ns === 'string' && ns !== '' ? ns : undefined;
  return { group, version, kind, namespace, name };
}

/** Version-free identity: the key of the inventory and of the desired set. */
export function identityKey(ref: Omit<ObjectRef, 'version'>): string {
  return `${ref.group}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** `Deployment shop/web` — for messages and logs. */
export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace !== undefined ? `${ref.namespace}/` : ''}${ref.name}`;
}

/**
 * Apply order: namespaces and CRDs first (everything else lives in or depends on them), then what
 * workloads read (config, identities, policies), then Services, then workloads, then what refers
 * to workloads (autoscalers, disruption budgets). Unknown kinds (custom resources) come last.
 * Prune runs the other way round.
 */
const RANK: Readonly<Record<string, number>> = {
  '/Namespace': 0,
  'apiextensions.k8s.io/CustomResourceDefinition': 0,
  '/ResourceQuota': 1,
  '/LimitRange': 1,
  '/ServiceAccount': 1,
  '/ConfigMap': 1,
  '/Secret': 1,
  '/PersistentVolumeClaim': 1,
  'rbac.authorization.k8s.io/ClusterRole': 1,
  'rbac.authorization.k8s.io/ClusterRoleBinding': 1,
  'rbac.authorization.k8s.io/Role': 1,
  'rbac.authorization.k8s.io/RoleBinding': 1,
  'networking.k8s.io/NetworkPolicy': 1,
  '/Service': 2,
  'networking.k8s.io/Ingress': 2,
  'apps/Deployment': 3,
  'apps/StatefulSet': 3,
  'apps/DaemonSet': 3,
  'batch/Job': 3,
  'batch/CronJob': 3,
  'autoscaling/HorizontalPodAutoscaler': 4,
  'policy/PodDisruptionBudget': 4,
};
export const PHASES = [0, 1, 2, 3, 4, 5] as const;

export function rankOf(group: string, kind: string): number {
  return RANK[`${group}/${kind}`] ?? 5;
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function hex(text: string, length: number): string {
  return sha256Hex(text).slice(0, length);
}

/** The repository id as a label value: a hash (ids are URLs or paths, label values ≤ 63 chars). */
export function repoLabelValue(repo: string): string {
  return hex(repo, 16);
}

/** The cluster name as a label value: itself when it is a valid one, else a hash. */
export function clusterLabelValue(cluster: string): string {
  return cluster.length <= 63 && LABEL_VALUE.test(cluster) ? cluster : `c-${hex(cluster, 16)}`;
}

export interface Ownership {
  readonly repo: string; // label value (hash)
  readonly cluster: string; // label value
}

export function ownershipLabels(o: Ownership): Record<string, string> {
  return { [Labels.managedBy]: MANAGED_BY, [Labels.repo]: o.repo, [Labels.cluster]: o.cluster };
}

/** A label selector matching what berth applied for this repository on this cluster. */
export function ownershipSelector(o: Ownership): string {
  return Object.entries(ownershipLabels(o))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export function labelsOf(obj: unknown): Readonly<Record<string, unknown>> {
  if (!isRecord(obj) || !isRecord(obj['metadata'])) return {};
  const labels = obj['metadata']['labels'];
  return isRecord(labels) ? labels : {};
}

export function annotationsOf(obj: unknown): Readonly<Record<string, unknown>> {
  if (!isRecord(obj) || !isRecord(obj['metadata'])) return {};
  const a = obj['metadata']['annotations'];
  return isRecord(a) ? a : {};
}

export function isOwnedBy(obj: unknown, o: Ownership): boolean {
  const labels = labelsOf(obj);
  return Object.entries(ownershipLabels(o)).every(([k, v]) => labels[k] === v);
}

/** A copy of the body with berth's ownership labels set (they win over labels of the same key). */
export function withOwnership(body: Readonly<Body>, o: Ownership, extra: Readonly<Record<string, string>> = {}): Body {
  const meta = isRecord(body['metadata']) ? body['metadata'] : {};
  const labels = isRecord(meta['labels']) ? meta['labels'] : {};
  return { ...body, metadata: { ...meta, labels: { ...labels, ...extra, ...ownershipLabels(o) } } };
}

export function metadataOf(obj: unknown): Readonly<Record<string, unknown>> {
  return isRecord(obj) && isRecord(obj['metadata']) ? obj['metadata'] : {};
}

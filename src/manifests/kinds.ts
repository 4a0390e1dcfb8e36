/**
 * The one registry of the kinds the loader accepts: (apiVersion, kind) → JSON Schema (a file of
 * schemas/, embedded in src/types/generated/schemas.ts) and the generated TypeScript type.
 */
import type { LoadedObject } from '../core/revision.js';
import type { Cluster, ConfigMap, Deployment, Namespace, Secret, Service } from '../types/index.js';

export interface KindInfo {
  readonly apiVersion: string;
  readonly kind: string;
  readonly schema: string; // file name in schemas/
  readonly namespaced: boolean;
  readonly dirs: readonly ('apps' | 'clusters')[]; // top-level folders the kind may live in
}

export type KindName = 'Namespace' | 'ConfigMap' | 'Secret' | 'Service' | 'Deployment' | 'Cluster';

export const KINDS: Readonly<Record<KindName, KindInfo>> = {
  Namespace: {
    apiVersion: 'v1',
    kind: 'Namespace',
    schema: 'namespace.schema.json',
    namespaced: false,
    dirs: ['apps'],
  },
  ConfigMap: { apiVersion: 'v1', kind: 'ConfigMap', schema: 'configmap.schema.json', namespaced: true, dirs: ['apps'] },
  Secret: { apiVersion: 'v1', kind: 'Secret', schema: 'secret.schema.json', namespaced: true, dirs: ['apps'] },
  Service: { apiVersion: 'v1', kind: 'Service', schema: 'service.schema.json', namespaced: true, dirs: ['apps'] },
  Deployment: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    schema: 'deployment.schema.json',
    namespaced: true,
    dirs: ['apps'],
  },
  Cluster: {
    apiVersion: 'berth.dev/v1alpha1',
    kind: 'Cluster',
    schema: 'cluster.schema.json',
    namespaced: false,
    dirs: ['clusters'],
  },
};

/** berth.yaml's schema: the whole document `{ container_orchestrator: … }`. */
export const CONFIG_SCHEMA = 'container-orchestrator.schema.json';

export interface KindBodies {
  readonly Namespace: Namespace;
  readonly ConfigMap: ConfigMap;
  readonly Secret: Secret;
  readonly Service: Service;
  readonly Deployment: Deployment;
  readonly Cluster: Cluster;
}

/** A loaded object whose body has been narrowed to its generated type. */
export type TypedObject<K extends KindName> = LoadedObject & {
  readonly kind: K;
  readonly body: Readonly<Record<string, unknown>> & KindBodies[K];
};

export function lookupKind(apiVersion: string, kind: string): KindName | undefined {
  for (const [name, info] of Object.entries(KINDS) as [KindName, KindInfo][]) {
    if (info.apiVersion === apiVersion && info.kind === kind) return name;
  }
  return undefined;
}

/** Narrows a loaded object (validated by the loader against the kind's schema) to its type. */
export function isKind<K extends KindName>(o: LoadedObject, kind: K): o is TypedObject<K> {
  return o.apiVersion === KINDS[kind].apiVersion && o.kind === KINDS[kind].kind;
}

/** The API group of an apiVersion: "apps/v1" → "apps", "v1" → "". */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** "apps/v1 Deployment, v1 ConfigMap, …" for error messages. */
export function knownKinds(): string {
  return Object.values(KINDS)
    .map((k: KindInfo) => `${k.apiVersion} ${k.kind}`)
    .join(', ');
}

/** What the loader hands on: a whole, schema-valid revision with every object's source location. */
import type { BerthError, SourceLocation } from '../core/errors.js';
import type { FieldPath, LoadedObject } from '../core/revision.js';
import type { ContainerOrchestrator } from '../types/index.js';
import type { TypedObject } from './kinds.js';

/** A `Cluster` manifest from clusters/ (the long form of a cluster declaration). */
export type LoadedCluster = TypedObject<'Cluster'>;

/** berth.yaml's `container_orchestrator` block; paths given to `locate` are relative to it. */
export interface LoadedConfig {
  readonly body: ContainerOrchestrator;
  readonly loc: SourceLocation;
  locate(path: FieldPath): SourceLocation;
}

export interface LoadedRevision {
  /** berth.yaml's container_orchestrator block; undefined when the file is absent or empty. */
  readonly config: ContainerOrchestrator | undefined;
  readonly configSource: LoadedConfig | undefined;
  readonly clusters: readonly LoadedCluster[];
  /** Every other object (Namespace, ConfigMap, Secret, Service, Deployment), in file order. */
  readonly objects: readonly LoadedObject[];
}

export type LoadResult =
  | { readonly ok: true; readonly revision: LoadedRevision }
  | { readonly ok: false; readonly problems: readonly BerthError[] };

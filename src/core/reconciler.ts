/**
 * One interface for every reconciler in reconcilers/*. A reconciler owns kinds (and, where two
 * could overlap, fields) and compiles the revision's objects of those kinds into the driver-neutral
 * desired state of one cluster. Compilation is pure: no I/O, errors returned not thrown.
 */
import type { BerthError } from './errors.js';
import type { ClusterTarget, Workload } from './model.js';
import type { LoadedObject } from './revision.js';

export interface CompileInput {
  readonly cluster: ClusterTarget;
  /** Objects of the revision selected for this cluster, every kind, namespace defaulted. */
  readonly objects: readonly LoadedObject[];
}

/** Shared, mutable while compiling one cluster; reconcilers run in registry order. */
export interface DesiredBuilder {
  addNamespace(name: string): void;
  addWorkload(workload: Workload): void;
  addObject(body: Readonly<Record<string, unknown>>): void;
  /** Values published by earlier reconcilers for later ones (e.g. decoded ConfigMaps/Secrets). */
  readonly shared: Map<string, unknown>;
}

export interface Reconciler {
  readonly name: string;
  /** `apiVersion/kind` pairs this reconciler owns; each pair has exactly one owner. */
  readonly kinds: readonly string[];
  /** Fields of kinds owned elsewhere that this reconciler governs (for example spec.replicas). */
  readonly fields: readonly string[];
  compile(input: CompileInput, out: DesiredBuilder): readonly BerthError[];
}

export function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

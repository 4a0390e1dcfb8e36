/**
 * Driver-neutral desired state: what one cluster should run after a revision has been loaded,
 * validated and compiled by the reconcilers. Manifest types (Deployment, ConfigMap, …) come from
 * the JSON Schemas in schemas/ (src/types/generated); these are the compiled forms drivers consume.
 */
import type { SourceLocation } from './errors.js';

export const Labels = {
  managedBy: 'app.kubernetes.io/managed-by',
  name: 'app.kubernetes.io/name',
  repo: 'berth.dev/repo',
  cluster: 'berth.dev/cluster',
  namespace: 'berth.dev/namespace',
  app: 'berth.dev/app',
  revision: 'berth.dev/revision',
  specHash: 'berth.dev/spec-hash',
  slot: 'berth.dev/slot',
  container: 'berth.dev/container',
  host: 'berth.dev/host',
} as const;
export const MANAGED_BY = 'berth';

export type ClusterType = 'docker' | 'kubernetes';

export interface DockerEndpoint {
  readonly name: string; // host name used for placement and in status
  readonly socketPath?: string; // unix socket
  readonly host?: string; // tcp host
  readonly port?: number;
  readonly protocol?: 'http' | 'https';
  readonly labels: Readonly<Record<string, string>>;
}

export interface KubernetesAccess {
  readonly server: string;
  readonly kubeconfig?: string; // path of a kubeconfig file (outside the repository)
  readonly context?: string;
  readonly tokenEnv?: string; // name of an environment variable holding a bearer token
  readonly tokenFile?: string; // path of a file holding a bearer token
  readonly caFile?: string;
  readonly insecureSkipTlsVerify?: boolean;
}

/** One target cluster, from a `Cluster` manifest or a `multi_cluster.cluster_management` entry. */
export interface ClusterTarget {
  readonly name: string;
  readonly type: ClusterType;
  readonly defaultNamespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly docker?: { readonly endpoints: readonly DockerEndpoint[] };
  readonly kubernetes?: KubernetesAccess;
  readonly source: SourceLocation;
}

export interface EnvVar {
  readonly name: string;
  readonly value: string;
  readonly secret: boolean; // true when it came from a Secret: never logged
}

export interface PortSpec {
  readonly name?: string;
  readonly containerPort: number;
  readonly hostPort?: number; // when set, at most one replica per host (Kubernetes hostPort semantics)
  readonly protocol: 'TCP' | 'UDP';
}

export interface ResourceSpec {
  readonly cpuLimitMilli?: number;
  readonly memoryLimitBytes?: number;
  readonly cpuRequestMilli?: number;
  readonly memoryRequestBytes?: number;
}

export interface HttpProbe {
  readonly path: string;
  readonly port: number;
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
}

/** A file a ConfigMap or Secret volume places inside a container. */
export interface MountedFile {
  readonly path: string; // absolute path inside the container
  readonly content: Uint8Array;
  readonly mode: number;
  readonly secret: boolean; // Secret files never touch the host disk in clear
}

export interface PodContainer {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly workingDir?: string;
  readonly env: readonly EnvVar[];
  readonly ports: readonly PortSpec[];
  readonly resources: ResourceSpec;
  readonly files: readonly MountedFile[];
  readonly livenessProbe?: HttpProbe;
  readonly readinessProbe?: HttpProbe;
}

/** A Deployment compiled for one cluster. */
export interface Workload {
  readonly namespace: string;
  readonly app: string; // the Deployment's name
  readonly replicas: number;
  readonly containers: readonly PodContainer[];
  readonly labels: Readonly<Record<string, string>>; // user labels of the pod template
  readonly source: SourceLocation;
  /** Where spec.replicas is written (the document when it is not): placement errors point here. */
  readonly replicasSource?: SourceLocation;
}

/** Everything one cluster should run for one repository at one revision. */
export interface DesiredState {
  readonly repo: string; // repository id (label value)
  readonly revision: string; // commit SHA
  readonly cluster: ClusterTarget;
  readonly namespaces: readonly string[];
  readonly workloads: readonly Workload[];
  /** Raw standard-kind objects for drivers that apply manifests as they are (Kubernetes). */
  readonly objects: readonly Readonly<Record<string, unknown>>[];
}

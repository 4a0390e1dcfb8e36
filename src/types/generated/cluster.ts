/* generated — do not edit. Source: schemas/cluster.schema.json; regenerate with `npm run gen:types`. */
import type * as Common from './common.js';

/**
 * A target cluster (long form; a berth.yaml multi_cluster.cluster_management entry is the short form). Credentials are references to the environment or files, never values.
 */
export interface Cluster {
  apiVersion: 'berth.dev/v1alpha1';
  kind: 'Cluster';
  metadata: ClusterMeta;
  spec: ClusterSpec;
}
export interface ClusterMeta {
  name: Common.DnsLabel;
  labels?: Common.Labels;
  annotations?: Common.Annotations;
}
/**
 * This interface was referenced by `Cluster`'s JSON-Schema
 * via the `definition` "ClusterSpec".
 */
export interface ClusterSpec {
  type: 'docker' | 'kubernetes';
  /**
   * Namespace for objects that do not name one (default "default").
   */
  namespace?: Common.DnsLabel;
  enabled?: boolean;
  docker?: DockerClusterSpec;
  kubernetes?: KubernetesClusterSpec;
}
/**
 * This interface was referenced by `Cluster`'s JSON-Schema
 * via the `definition` "DockerClusterSpec".
 */
export interface DockerClusterSpec {
  /**
   * @minItems 1
   */
  endpoints: DockerEndpointSpec[];
}
/**
 * This interface was referenced by `Cluster`'s JSON-Schema
 * via the `definition` "DockerEndpointSpec".
 */
export interface DockerEndpointSpec {
  name: Common.DnsLabel;
  /**
   * unix:///path/to/docker.sock or tcp://host:port
   */
  url: string;
  labels?: Common.Labels;
}
/**
 * This interface was referenced by `Cluster`'s JSON-Schema
 * via the `definition` "KubernetesClusterSpec".
 */
export interface KubernetesClusterSpec {
  server?: string;
  /**
   * Path of a kubeconfig file outside the repository.
   */
  kubeconfig?: string;
  context?: string;
  /**
   * Name of an environment variable holding a bearer token.
   */
  tokenEnv?: string;
  tokenFile?: string;
  caFile?: string;
  insecureSkipTLSVerify?: boolean;
}

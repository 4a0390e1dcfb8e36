/* generated — do not edit. Source: schemas/container-orchestrator.schema.json; regenerate with `npm run gen:types`. */
import type * as Common from './common.js';

/**
 * berth.yaml: the spec's container_orchestrator block with berth's defaults and policies.
 */
export interface BerthConfig {
  container_orchestrator: ContainerOrchestrator;
}
/**
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "ContainerOrchestrator".
 */
export interface ContainerOrchestrator {
  container_management?: ContainerManagement;
  auto_scaling?: AutoScaling;
  deployment_management?: DeploymentManagement;
  resource_management?: ResourceManagement;
  health_monitoring?: HealthMonitoring;
  multi_cluster?: MultiCluster;
}
/**
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "ContainerManagement".
 */
export interface ContainerManagement {
  enabled?: boolean;
  container_runtime?: 'containerd' | 'docker' | 'cri-o';
  image_registry?: string;
  container_network?: string;
  storage_driver?: string;
  container_security?: ContainerSecurityOption[];
}
export interface ContainerSecurityOption {
  security: 'seccomp' | 'apparmor' | 'capabilities' | 'selinux' | 'no_new_privileges';
  enabled?: boolean;
}
/**
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "AutoScaling".
 */
export interface AutoScaling {
  enabled?: boolean;
  scaling_engine?: 'horizontal_pod_autoscaler';
  scaling_metrics?: ScalingMetric[];
  scaling_policies?: ScalingPolicyRule[];
}
/**
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "ScalingMetric".
 */
export interface ScalingMetric {
  metric: 'cpu_utilization' | 'memory_utilization' | 'custom_metrics';
  target: number;
  min_replicas?: number;
  max_replicas?: number;
}
/**
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "ScalingPolicyRule".
 */
export interface ScalingPolicyRule {
  policy: 'scale_up' | 'scale_down';
  cooldown?: Common.Duration;
  stabilization_window?: Common.Duration;
}
/**
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "DeploymentManagement".
 */
export interface DeploymentManagement {
  enabled?: boolean;
  deployment_strategies?: DeploymentStrategyDefaults[];
  rollback_policy?: RollbackPolicy[];
  deployment_validation?: DeploymentValidation[];
}
/**
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "DeploymentStrategyDefaults".
 */
export interface DeploymentStrategyDefaults {
  strategy: 'rolling_update' | 'blue_green' | 'canary';
  max_surge?: Common.IntOrPercent;
  max_unavailable?: Common.IntOrPercent;
  switch_time?: Common.Duration;
  traffic_split?: number;
}
/**
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "RollbackPolicy".
 */
export interface RollbackPolicy {
  policy: 'automatic_rollback' | 'manual_rollback';
  failure_threshold?: number;
  rollback_window?: Common.Duration;
}
/**
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "DeploymentValidation".
 */
export interface DeploymentValidation {
  validation: 'health_check' | 'readiness_check';
  endpoint?: string;
  timeout?: Common.Duration;
}
/**
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "ResourceManagement".
 */
export interface ResourceManagement {
  enabled?: boolean;
  resource_quotas?: NamespaceQuota[];
  resource_requests?: ContainerRequestDefaults[];
  resource_monitoring?: ResourceMonitoring[];
}
/**
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "NamespaceQuota".
 */
export interface NamespaceQuota {
  namespace: Common.DnsLabel;
  cpu_limit?: Common.Quantity;
  memory_limit?: Common.Quantity;
  storage_limit?: Common.Quantity;
}
/**
 * Default requests for containers of this name ("*" for every container).
 *
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "ContainerRequestDefaults".
 */
export interface ContainerRequestDefaults {
  container: string;
  cpu_request?: Common.Quantity;
  memory_request?: Common.Quantity;
  storage_request?: Common.Quantity;
}
/**
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "ResourceMonitoring".
 */
export interface ResourceMonitoring {
  monitoring: 'cpu_usage' | 'memory_usage' | 'storage_usage';
  interval?: Common.Duration;
}
/**
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "HealthMonitoring".
 */
export interface HealthMonitoring {
  enabled?: boolean;
  health_checks?: HealthCheckDefaults[];
  health_recovery?: HealthRecovery[];
}
/**
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "HealthCheckDefaults".
 */
export interface HealthCheckDefaults {
  check: 'liveness_probe' | 'readiness_probe' | 'startup_probe';
  type?: 'http' | 'tcp' | 'exec';
  path?: string;
  port?: Common.Port;
  initial_delay?: Common.Duration;
  period?: Common.Duration;
  timeout?: Common.Duration;
  failure_threshold?: number;
}
/**
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "HealthRecovery".
 */
export interface HealthRecovery {
  recovery: 'restart_container' | 'replace_pod';
  max_restarts?: number;
  restart_delay?: Common.Duration;
  replacement_strategy?: 'least_loaded' | 'spread' | 'same_host';
}
/**
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "MultiCluster".
 */
export interface MultiCluster {
  enabled?: boolean;
  cluster_management?: ClusterManagementEntry[];
  cluster_sync?: ClusterSync[];
}
/**
 * Short-form cluster declaration: https:// is a Kubernetes API server, unix:// or tcp:// a Docker engine.
 *
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "ClusterManagementEntry".
 */
export interface ClusterManagementEntry {
  cluster: Common.DnsLabel;
  api_server: string;
  namespace?: Common.DnsLabel;
}
/**
 * This interface was referenced by `BerthConfig`'s JSON-Schema
 * via the `definition` "ClusterSync".
 */
export interface ClusterSync {
  sync: 'config_maps' | 'secrets' | 'deployments' | 'services' | 'namespaces';
  enabled?: boolean;
}

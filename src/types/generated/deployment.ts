/* generated — do not edit. Source: schemas/deployment.schema.json; regenerate with `npm run gen:types`. */
import type * as Common from './common.js';

/**
 * File permission bits, 0 to 0777 (511).
 *
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "FileMode".
 */
export type FileMode = number;

/**
 * An apps/v1 Deployment (the subset berth runs on Kubernetes and on Docker hosts).
 */
export interface Deployment {
  apiVersion: 'apps/v1';
  kind: 'Deployment';
  metadata: Common.ObjectMeta;
  spec: DeploymentSpec;
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "DeploymentSpec".
 */
export interface DeploymentSpec {
  replicas?: number;
  selector: LabelSelector;
  strategy?: DeploymentStrategy;
  minReadySeconds?: number;
  progressDeadlineSeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  template: PodTemplate;
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "LabelSelector".
 */
export interface LabelSelector {
  matchLabels?: Common.Labels;
  matchExpressions?: LabelSelectorRequirement[];
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "LabelSelectorRequirement".
 */
export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "DeploymentStrategy".
 */
export interface DeploymentStrategy {
  type?: 'RollingUpdate' | 'Recreate';
  rollingUpdate?: RollingUpdateDeployment;
}
export interface RollingUpdateDeployment {
  maxSurge?: Common.IntOrPercent;
  maxUnavailable?: Common.IntOrPercent;
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "PodTemplate".
 */
export interface PodTemplate {
  metadata?: PodTemplateMeta;
  spec: PodSpec;
}
export interface PodTemplateMeta {
  labels?: Common.Labels;
  annotations?: Common.Annotations;
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "PodSpec".
 */
export interface PodSpec {
  /**
   * @minItems 1
   */
  containers: Container[];
  volumes?: Volume[];
  terminationGracePeriodSeconds?: number;
  restartPolicy?: 'Always';
  serviceAccountName?: Common.Name;
  nodeSelector?: Common.StringMap;
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "Container".
 */
export interface Container {
  name: Common.DnsLabel;
  image: string;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  ports?: ContainerPort[];
  resources?: ResourceRequirements;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  volumeMounts?: VolumeMount[];
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "EnvVar".
 */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: EnvVarSource;
}
/**
 * Exactly one source: an empty valueFrom would silently drop the variable.
 *
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "EnvVarSource".
 */
export interface EnvVarSource {
  configMapKeyRef?: KeySelector;
  secretKeyRef?: KeySelector;
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "KeySelector".
 */
export interface KeySelector {
  name: Common.Name;
  key: string;
  optional?: boolean;
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "EnvFromSource".
 */
export interface EnvFromSource {
  prefix?: string;
  configMapRef?: LocalObjectReference;
  secretRef?: LocalObjectReference;
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "LocalObjectReference".
 */
export interface LocalObjectReference {
  name: Common.Name;
  optional?: boolean;
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "ContainerPort".
 */
export interface ContainerPort {
  name?: Common.PortName;
  containerPort: Common.Port;
  hostPort?: Common.Port;
  protocol?: 'TCP' | 'UDP';
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "ResourceRequirements".
 */
export interface ResourceRequirements {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "ResourceList".
 */
export interface ResourceList {
  cpu?: Common.Quantity;
  memory?: Common.Quantity;
  'ephemeral-storage'?: Common.Quantity;
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "Probe".
 */
export interface Probe {
  httpGet?: HTTPGetAction;
  tcpSocket?: TCPSocketAction;
  exec?: ExecAction;
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
  successThreshold?: number;
}
export interface HTTPGetAction {
  path?: string;
  port: Common.IntOrPortName;
  host?: string;
  scheme?: 'HTTP' | 'HTTPS';
  httpHeaders?: HTTPHeader[];
}
export interface HTTPHeader {
  name: string;
  value: string;
}
export interface TCPSocketAction {
  port: Common.IntOrPortName;
  host?: string;
}
export interface ExecAction {
  /**
   * @minItems 1
   */
  command: string[];
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "VolumeMount".
 */
export interface VolumeMount {
  name: Common.DnsLabel;
  mountPath: string;
  readOnly?: boolean;
  subPath?: string;
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "Volume".
 */
export interface Volume {
  name: Common.DnsLabel;
  configMap?: ConfigMapVolumeSource;
  secret?: SecretVolumeSource;
  emptyDir?: EmptyDirVolumeSource;
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "ConfigMapVolumeSource".
 */
export interface ConfigMapVolumeSource {
  name: Common.Name;
  items?: KeyToPath[];
  defaultMode?: FileMode;
  optional?: boolean;
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "KeyToPath".
 */
export interface KeyToPath {
  key: string;
  path: string;
  mode?: FileMode;
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "SecretVolumeSource".
 */
export interface SecretVolumeSource {
  secretName: Common.Name;
  items?: KeyToPath[];
  defaultMode?: FileMode;
  optional?: boolean;
}
/**
 * This interface was referenced by `Deployment`'s JSON-Schema
 * via the `definition` "EmptyDirVolumeSource".
 */
export interface EmptyDirVolumeSource {
  medium?: '' | 'Memory';
  sizeLimit?: Common.Quantity;
}

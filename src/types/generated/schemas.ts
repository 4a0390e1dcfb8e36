/* generated — do not edit. Source: schemas/*.schema.json; regenerate with `npm run gen:types`. */

/** The JSON Schemas, keyed by file name, for the ajv validators (no file access at run time). */
export const SCHEMAS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  "cluster.schema.json": {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://berth.dev/schemas/cluster.schema.json",
    "title": "Cluster",
    "description": "A target cluster (long form; a berth.yaml multi_cluster.cluster_management entry is the short form). Credentials are references to the environment or files, never values.",
    "type": "object",
    "additionalProperties": false,
    "required": [
      "apiVersion",
      "kind",
      "metadata",
      "spec"
    ],
    "properties": {
      "apiVersion": {
        "const": "berth.dev/v1alpha1"
      },
      "kind": {
        "const": "Cluster"
      },
      "metadata": {
        "title": "ClusterMeta",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name"
        ],
        "properties": {
          "name": {
            "$ref": "common.schema.json#/definitions/DnsLabel"
          },
          "labels": {
            "$ref": "common.schema.json#/definitions/Labels"
          },
          "annotations": {
            "$ref": "common.schema.json#/definitions/Annotations"
          }
        }
      },
      "spec": {
        "$ref": "#/definitions/ClusterSpec"
      }
    },
    "definitions": {
      "ClusterSpec": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "type"
        ],
        "properties": {
          "type": {
            "enum": [
              "docker",
              "kubernetes"
            ]
          },
          "namespace": {
            "description": "Namespace for objects that do not name one (default \"default\").",
            "$ref": "common.schema.json#/definitions/DnsLabel"
          },
          "enabled": {
            "type": "boolean",
            "default": true
          },
          "docker": {
            "$ref": "#/definitions/DockerClusterSpec"
          },
          "kubernetes": {
            "$ref": "#/definitions/KubernetesClusterSpec"
          }
        },
        "if": {
          "properties": {
            "type": {
              "const": "docker"
            }
          },
          "required": [
            "type"
          ]
        },
        "then": {
          "required": [
            "docker"
          ],
          "properties": {
            "kubernetes": false
          }
        },
        "else": {
          "if": {
            "properties": {
              "type": {
                "const": "kubernetes"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "required": [
              "kubernetes"
            ],
            "properties": {
              "docker": false
            }
          }
        }
      },
      "DockerClusterSpec": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "endpoints"
        ],
        "properties": {
          "endpoints": {
            "type": "array",
            "minItems": 1,
            "items": {
              "$ref": "#/definitions/DockerEndpointSpec"
            }
          }
        }
      },
      "DockerEndpointSpec": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name",
          "url"
        ],
        "properties": {
          "name": {
            "$ref": "common.schema.json#/definitions/DnsLabel"
          },
          "url": {
            "description": "unix:///path/to/docker.sock or tcp://host:port",
            "type": "string",
            "pattern": "^(unix:///[^\\s]*|tcp://[^\\s/:]+:[0-9]{1,5})$"
          },
          "labels": {
            "$ref": "common.schema.json#/definitions/Labels"
          }
        }
      },
      "KubernetesClusterSpec": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "server": {
            "type": "string",
            "pattern": "^https://[^\\s]+$"
          },
          "kubeconfig": {
            "description": "Path of a kubeconfig file outside the repository.",
            "type": "string",
            "minLength": 1
          },
          "context": {
            "type": "string",
            "minLength": 1
          },
          "tokenEnv": {
            "description": "Name of an environment variable holding a bearer token.",
            "type": "string",
            "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
          },
          "tokenFile": {
            "type": "string",
            "minLength": 1
          },
          "caFile": {
            "type": "string",
            "minLength": 1
          },
          "insecureSkipTLSVerify": {
            "type": "boolean"
          }
        },
        "anyOf": [
          {
            "required": [
              "server"
            ]
          },
          {
            "required": [
              "kubeconfig"
            ]
          }
        ]
      }
    }
  },
  "common.schema.json": {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://berth.dev/schemas/common.schema.json",
    "title": "Common",
    "description": "Shared pieces of berth's schemas: object metadata, names, labels, quantities, durations.",
    "definitions": {
      "Name": {
        "description": "A DNS-1123 subdomain: lower-case alphanumerics, '-' and '.', at most 253 characters.",
        "type": "string",
        "minLength": 1,
        "maxLength": 253,
        "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"
      },
      "DnsLabel": {
        "description": "A DNS-1123 label: lower-case alphanumerics and '-', at most 63 characters.",
        "type": "string",
        "minLength": 1,
        "maxLength": 63,
        "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
      },
      "Labels": {
        "description": "Kubernetes labels: qualified-name keys, values of at most 63 characters.",
        "type": "object",
        "propertyNames": {
          "description": "a qualified name: an optional DNS-subdomain prefix and '/', then at most 63 alphanumerics, '-', '_' or '.'",
          "maxLength": 317,
          "pattern": "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$"
        },
        "additionalProperties": {
          "description": "a label value: at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric",
          "type": "string",
          "maxLength": 63,
          "pattern": "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$"
        }
      },
      "Annotations": {
        "type": "object",
        "propertyNames": {
          "description": "a qualified name: an optional DNS-subdomain prefix and '/', then at most 63 alphanumerics, '-', '_' or '.'",
          "maxLength": 317,
          "pattern": "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$"
        },
        "additionalProperties": {
          "type": "string"
        }
      },
      "StringMap": {
        "type": "object",
        "additionalProperties": {
          "type": "string"
        }
      },
      "ObjectMeta": {
        "description": "Metadata of a namespaced object.",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name"
        ],
        "properties": {
          "name": {
            "$ref": "#/definitions/Name"
          },
          "namespace": {
            "$ref": "#/definitions/DnsLabel"
          },
          "labels": {
            "$ref": "#/definitions/Labels"
          },
          "annotations": {
            "$ref": "#/definitions/Annotations"
          }
        }
      },
      "ClusterObjectMeta": {
        "description": "Metadata of a cluster-scoped object (no namespace).",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name"
        ],
        "properties": {
          "name": {
            "$ref": "#/definitions/Name"
          },
          "labels": {
            "$ref": "#/definitions/Labels"
          },
          "annotations": {
            "$ref": "#/definitions/Annotations"
          }
        }
      },
      "Quantity": {
        "description": "A Kubernetes quantity such as \"100m\", \"4\", \"0.5\", \"128Mi\", \"1G\" or \"1e3\" (or a plain non-negative number).",
        "type": [
          "string",
          "number"
        ],
        "minimum": 0,
        "pattern": "^([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?$"
      },
      "Duration": {
        "description": "A duration such as \"500ms\", \"30s\", \"3m\" or \"1h\".",
        "type": "string",
        "pattern": "^[0-9]+(ms|s|m|h)$"
      },
      "IntOrString": {
        "type": [
          "integer",
          "string"
        ]
      },
      "IntOrPercent": {
        "description": "A non-negative integer or a percentage such as \"25%\".",
        "type": [
          "integer",
          "string"
        ],
        "minimum": 0,
        "pattern": "^[0-9]+%$"
      },
      "Port": {
        "type": "integer",
        "minimum": 1,
        "maximum": 65535
      },
      "PortName": {
        "description": "An IANA service name: at most 15 lower-case alphanumerics or '-'.",
        "type": "string",
        "minLength": 1,
        "maxLength": 15,
        "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
      },
      "IntOrPortName": {
        "type": [
          "integer",
          "string"
        ],
        "minimum": 1,
        "maximum": 65535,
        "maxLength": 15,
        "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
      }
    }
  },
  "configmap.schema.json": {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://berth.dev/schemas/configmap.schema.json",
    "title": "ConfigMap",
    "description": "A v1 ConfigMap: text values in data, base64 values in binaryData.",
    "type": "object",
    "additionalProperties": false,
    "required": [
      "apiVersion",
      "kind",
      "metadata"
    ],
    "properties": {
      "apiVersion": {
        "const": "v1"
      },
      "kind": {
        "const": "ConfigMap"
      },
      "metadata": {
        "$ref": "common.schema.json#/definitions/ObjectMeta"
      },
      "immutable": {
        "type": "boolean"
      },
      "data": {
        "type": "object",
        "propertyNames": {
          "$ref": "#/definitions/ConfigKey"
        },
        "additionalProperties": {
          "type": "string"
        }
      },
      "binaryData": {
        "type": "object",
        "propertyNames": {
          "$ref": "#/definitions/ConfigKey"
        },
        "additionalProperties": {
          "type": "string",
          "description": "base64-encoded data",
          "pattern": "^[A-Za-z0-9+/\\s]*(=\\s*){0,2}$"
        }
      }
    },
    "definitions": {
      "ConfigKey": {
        "description": "A key of a ConfigMap or Secret: alphanumerics, '-', '_' or '.'.",
        "type": "string",
        "minLength": 1,
        "maxLength": 253,
        "pattern": "^[-._a-zA-Z0-9]+$"
      }
    }
  },
  "container-orchestrator.schema.json": {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://berth.dev/schemas/container-orchestrator.schema.json",
    "title": "BerthConfig",
    "description": "berth.yaml: the spec's container_orchestrator block with berth's defaults and policies.",
    "type": "object",
    "additionalProperties": false,
    "required": [
      "container_orchestrator"
    ],
    "properties": {
      "container_orchestrator": {
        "$ref": "#/definitions/ContainerOrchestrator"
      }
    },
    "definitions": {
      "ContainerOrchestrator": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "container_management": {
            "$ref": "#/definitions/ContainerManagement"
          },
          "auto_scaling": {
            "$ref": "#/definitions/AutoScaling"
          },
          "deployment_management": {
            "$ref": "#/definitions/DeploymentManagement"
          },
          "resource_management": {
            "$ref": "#/definitions/ResourceManagement"
          },
          "health_monitoring": {
            "$ref": "#/definitions/HealthMonitoring"
          },
          "multi_cluster": {
            "$ref": "#/definitions/MultiCluster"
          }
        }
      },
      "ContainerManagement": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "enabled": {
            "type": "boolean"
          },
          "container_runtime": {
            "enum": [
              "containerd",
              "docker",
              "cri-o"
            ]
          },
          "image_registry": {
            "type": "string",
            "minLength": 1
          },
          "container_network": {
            "type": "string",
            "minLength": 1
          },
          "storage_driver": {
            "type": "string",
            "minLength": 1
          },
          "container_security": {
            "type": "array",
            "items": {
              "title": "ContainerSecurityOption",
              "type": "object",
              "additionalProperties": false,
              "required": [
                "security"
              ],
              "properties": {
                "security": {
                  "enum": [
                    "seccomp",
                    "apparmor",
                    "capabilities",
                    "selinux",
                    "no_new_privileges"
                  ]
                },
                "enabled": {
                  "type": "boolean"
                }
              }
            }
          }
        }
      },
      "AutoScaling": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "enabled": {
            "type": "boolean"
          },
          "scaling_engine": {
            "enum": [
              "horizontal_pod_autoscaler"
            ]
          },
          "scaling_metrics": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/ScalingMetric"
            }
          },
          "scaling_policies": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/ScalingPolicyRule"
            }
          }
        }
      },
      "ScalingMetric": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "metric",
          "target"
        ],
        "properties": {
          "metric": {
            "enum": [
              "cpu_utilization",
              "memory_utilization",
              "custom_metrics"
            ]
          },
          "target": {
            "type": "number",
            "exclusiveMinimum": 0
          },
          "min_replicas": {
            "type": "integer",
            "minimum": 0
          },
          "max_replicas": {
            "type": "integer",
            "minimum": 1
          }
        }
      },
      "ScalingPolicyRule": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "policy"
        ],
        "properties": {
          "policy": {
            "enum": [
              "scale_up",
              "scale_down"
            ]
          },
          "cooldown": {
            "$ref": "common.schema.json#/definitions/Duration"
          },
          "stabilization_window": {
            "$ref": "common.schema.json#/definitions/Duration"
          }
        }
      },
      "DeploymentManagement": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "enabled": {
            "type": "boolean"
          },
          "deployment_strategies": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/DeploymentStrategyDefaults"
            }
          },
          "rollback_policy": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/RollbackPolicy"
            }
          },
          "deployment_validation": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/DeploymentValidation"
            }
          }
        }
      },
      "DeploymentStrategyDefaults": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "strategy"
        ],
        "properties": {
          "strategy": {
            "enum": [
              "rolling_update",
              "blue_green",
              "canary"
            ]
          },
          "max_surge": {
            "$ref": "common.schema.json#/definitions/IntOrPercent"
          },
          "max_unavailable": {
            "$ref": "common.schema.json#/definitions/IntOrPercent"
          },
          "switch_time": {
            "$ref": "common.schema.json#/definitions/Duration"
          },
          "traffic_split": {
            "type": "number",
            "minimum": 0,
            "maximum": 100
          }
        }
      },
      "RollbackPolicy": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "policy"
        ],
        "properties": {
          "policy": {
            "enum": [
              "automatic_rollback",
              "manual_rollback"
            ]
          },
          "failure_threshold": {
            "type": "integer",
            "minimum": 1
          },
          "rollback_window": {
            "$ref": "common.schema.json#/definitions/Duration"
          }
        }
      },
      "DeploymentValidation": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "validation"
        ],
        "properties": {
          "validation": {
            "enum": [
              "health_check",
              "readiness_check"
            ]
          },
          "endpoint": {
            "type": "string",
            "pattern": "^/"
          },
          "timeout": {
            "$ref": "common.schema.json#/definitions/Duration"
          }
        }
      },
      "ResourceManagement": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "enabled": {
            "type": "boolean"
          },
          "resource_quotas": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/NamespaceQuota"
            }
          },
          "resource_requests": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/ContainerRequestDefaults"
            }
          },
          "resource_monitoring": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/ResourceMonitoring"
            }
          }
        }
      },
      "NamespaceQuota": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "namespace"
        ],
        "properties": {
          "namespace": {
            "$ref": "common.schema.json#/definitions/DnsLabel"
          },
          "cpu_limit": {
            "$ref": "common.schema.json#/definitions/Quantity"
          },
          "memory_limit": {
            "$ref": "common.schema.json#/definitions/Quantity"
          },
          "storage_limit": {
            "$ref": "common.schema.json#/definitions/Quantity"
          }
        }
      },
      "ContainerRequestDefaults": {
        "description": "Default requests for containers of this name (\"*\" for every container).",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "container"
        ],
        "properties": {
          "container": {
            "type": "string",
            "minLength": 1
          },
          "cpu_request": {
            "$ref": "common.schema.json#/definitions/Quantity"
          },
          "memory_request": {
            "$ref": "common.schema.json#/definitions/Quantity"
          },
          "storage_request": {
            "$ref": "common.schema.json#/definitions/Quantity"
          }
        }
      },
      "ResourceMonitoring": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "monitoring"
        ],
        "properties": {
          "monitoring": {
            "enum": [
              "cpu_usage",
              "memory_usage",
              "storage_usage"
            ]
          },
          "interval": {
            "$ref": "common.schema.json#/definitions/Duration"
          }
        }
      },
      "HealthMonitoring": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "enabled": {
            "type": "boolean"
          },
          "health_checks": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/HealthCheckDefaults"
            }
          },
          "health_recovery": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/HealthRecovery"
            }
          }
        }
      },
      "HealthCheckDefaults": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "check"
        ],
        "properties": {
          "check": {
            "enum": [
              "liveness_probe",
              "readiness_probe",
              "startup_probe"
            ]
          },
          "type": {
            "enum": [
              "http",
              "tcp",
              "exec"
            ]
          },
          "path": {
            "type": "string",
            "pattern": "^/"
          },
          "port": {
            "$ref": "common.schema.json#/definitions/Port"
          },
          "initial_delay": {
            "$ref": "common.schema.json#/definitions/Duration"
          },
          "period": {
            "$ref": "common.schema.json#/definitions/Duration"
          },
          "timeout": {
            "$ref": "common.schema.json#/definitions/Duration"
          },
          "failure_threshold": {
            "type": "integer",
            "minimum": 1
          }
        }
      },
      "HealthRecovery": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "recovery"
        ],
        "properties": {
          "recovery": {
            "enum": [
              "restart_container",
              "replace_pod"
            ]
          },
          "max_restarts": {
            "type": "integer",
            "minimum": 0
          },
          "restart_delay": {
            "$ref": "common.schema.json#/definitions/Duration"
          },
          "replacement_strategy": {
            "enum": [
              "least_loaded",
              "spread",
              "same_host"
            ]
          }
        }
      },
      "MultiCluster": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "enabled": {
            "type": "boolean"
          },
          "cluster_management": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/ClusterManagementEntry"
            }
          },
          "cluster_sync": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/ClusterSync"
            }
          }
        }
      },
      "ClusterManagementEntry": {
        "description": "Short-form cluster declaration: https:// is a Kubernetes API server, unix:// or tcp:// a Docker engine.",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "cluster",
          "api_server"
        ],
        "properties": {
          "cluster": {
            "$ref": "common.schema.json#/definitions/DnsLabel"
          },
          "api_server": {
            "type": "string",
            "pattern": "^(https://[^\\s]+|unix:///[^\\s]*|tcp://[^\\s/:]+:[0-9]{1,5})$"
          },
          "namespace": {
            "$ref": "common.schema.json#/definitions/DnsLabel"
          }
        }
      },
      "ClusterSync": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "sync"
        ],
        "properties": {
          "sync": {
            "enum": [
              "config_maps",
              "secrets",
              "deployments",
              "services",
              "namespaces"
            ]
          },
          "enabled": {
            "type": "boolean"
          }
        }
      }
    }
  },
  "deployment.schema.json": {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://berth.dev/schemas/deployment.schema.json",
    "title": "Deployment",
    "description": "An apps/v1 Deployment (the subset berth runs on Kubernetes and on Docker hosts).",
    "type": "object",
    "additionalProperties": false,
    "required": [
      "apiVersion",
      "kind",
      "metadata",
      "spec"
    ],
    "properties": {
      "apiVersion": {
        "const": "apps/v1"
      },
      "kind": {
        "const": "Deployment"
      },
      "metadata": {
        "$ref": "common.schema.json#/definitions/ObjectMeta"
      },
      "spec": {
        "$ref": "#/definitions/DeploymentSpec"
      }
    },
    "definitions": {
      "DeploymentSpec": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "selector",
          "template"
        ],
        "properties": {
          "replicas": {
            "type": "integer",
            "minimum": 0
          },
          "selector": {
            "$ref": "#/definitions/LabelSelector"
          },
          "strategy": {
            "$ref": "#/definitions/DeploymentStrategy"
          },
          "minReadySeconds": {
            "type": "integer",
            "minimum": 0
          },
          "progressDeadlineSeconds": {
            "type": "integer",
            "minimum": 1
          },
          "revisionHistoryLimit": {
            "type": "integer",
            "minimum": 0
          },
          "paused": {
            "type": "boolean"
          },
          "template": {
            "$ref": "#/definitions/PodTemplate"
          }
        }
      },
      "LabelSelector": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "matchLabels": {
            "$ref": "common.schema.json#/definitions/Labels"
          },
          "matchExpressions": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/LabelSelectorRequirement"
            }
          }
        }
      },
      "LabelSelectorRequirement": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "key",
          "operator"
        ],
        "properties": {
          "key": {
            "type": "string",
            "minLength": 1
          },
          "operator": {
            "enum": [
              "In",
              "NotIn",
              "Exists",
              "DoesNotExist"
            ]
          },
          "values": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "DeploymentStrategy": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "type": {
            "enum": [
              "RollingUpdate",
              "Recreate"
            ]
          },
          "rollingUpdate": {
            "title": "RollingUpdateDeployment",
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "maxSurge": {
                "$ref": "common.schema.json#/definitions/IntOrPercent"
              },
              "maxUnavailable": {
                "$ref": "common.schema.json#/definitions/IntOrPercent"
              }
            }
          }
        }
      },
      "PodTemplate": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "spec"
        ],
        "properties": {
          "metadata": {
            "title": "PodTemplateMeta",
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "labels": {
                "$ref": "common.schema.json#/definitions/Labels"
              },
              "annotations": {
                "$ref": "common.schema.json#/definitions/Annotations"
              }
            }
          },
          "spec": {
            "$ref": "#/definitions/PodSpec"
          }
        }
      },
      "PodSpec": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "containers"
        ],
        "properties": {
          "containers": {
            "type": "array",
            "minItems": 1,
            "items": {
              "$ref": "#/definitions/Container"
            }
          },
          "volumes": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/Volume"
            }
          },
          "terminationGracePeriodSeconds": {
            "type": "integer",
            "minimum": 0
          },
          "restartPolicy": {
            "enum": [
              "Always"
            ]
          },
          "serviceAccountName": {
            "$ref": "common.schema.json#/definitions/Name"
          },
          "nodeSelector": {
            "$ref": "common.schema.json#/definitions/StringMap"
          }
        }
      },
      "Container": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name",
          "image"
        ],
        "properties": {
          "name": {
            "$ref": "common.schema.json#/definitions/DnsLabel"
          },
          "image": {
            "type": "string",
            "minLength": 1,
            "pattern": "^\\S+$"
          },
          "imagePullPolicy": {
            "enum": [
              "Always",
              "IfNotPresent",
              "Never"
            ]
          },
          "command": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "args": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "workingDir": {
            "type": "string"
          },
          "env": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/EnvVar"
            }
          },
          "envFrom": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/EnvFromSource"
            }
          },
          "ports": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/ContainerPort"
            }
          },
          "resources": {
            "$ref": "#/definitions/ResourceRequirements"
          },
          "livenessProbe": {
            "$ref": "#/definitions/Probe"
          },
          "readinessProbe": {
            "$ref": "#/definitions/Probe"
          },
          "startupProbe": {
            "$ref": "#/definitions/Probe"
          },
          "volumeMounts": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/VolumeMount"
            }
          }
        }
      },
      "EnvVar": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name"
        ],
        "properties": {
          "name": {
            "type": "string",
            "minLength": 1,
            "pattern": "^[^=]+$"
          },
          "value": {
            "type": "string"
          },
          "valueFrom": {
            "$ref": "#/definitions/EnvVarSource"
          }
        }
      },
      "EnvVarSource": {
        "description": "Exactly one source: an empty valueFrom would silently drop the variable.",
        "type": "object",
        "additionalProperties": false,
        "minProperties": 1,
        "maxProperties": 1,
        "properties": {
          "configMapKeyRef": {
            "$ref": "#/definitions/KeySelector"
          },
          "secretKeyRef": {
            "$ref": "#/definitions/KeySelector"
          }
        }
      },
      "KeySelector": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name",
          "key"
        ],
        "properties": {
          "name": {
            "$ref": "common.schema.json#/definitions/Name"
          },
          "key": {
            "type": "string",
            "minLength": 1
          },
          "optional": {
            "type": "boolean"
          }
        }
      },
      "EnvFromSource": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "prefix": {
            "type": "string"
          },
          "configMapRef": {
            "$ref": "#/definitions/LocalObjectReference"
          },
          "secretRef": {
            "$ref": "#/definitions/LocalObjectReference"
          }
        }
      },
      "LocalObjectReference": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name"
        ],
        "properties": {
          "name": {
            "$ref": "common.schema.json#/definitions/Name"
          },
          "optional": {
            "type": "boolean"
          }
        }
      },
      "ContainerPort": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "containerPort"
        ],
        "properties": {
          "name": {
            "$ref": "common.schema.json#/definitions/PortName"
          },
          "containerPort": {
            "$ref": "common.schema.json#/definitions/Port"
          },
          "hostPort": {
            "$ref": "common.schema.json#/definitions/Port"
          },
          "protocol": {
            "enum": [
              "TCP",
              "UDP"
            ]
          }
        }
      },
      "ResourceRequirements": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "limits": {
            "$ref": "#/definitions/ResourceList"
          },
          "requests": {
            "$ref": "#/definitions/ResourceList"
          }
        }
      },
      "ResourceList": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "cpu": {
            "$ref": "common.schema.json#/definitions/Quantity"
          },
          "memory": {
            "$ref": "common.schema.json#/definitions/Quantity"
          },
          "ephemeral-storage": {
            "$ref": "common.schema.json#/definitions/Quantity"
          }
        }
      },
      "Probe": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "httpGet": {
            "title": "HTTPGetAction",
            "type": "object",
            "additionalProperties": false,
            "required": [
              "port"
            ],
            "properties": {
              "path": {
                "type": "string",
                "pattern": "^/"
              },
              "port": {
                "$ref": "common.schema.json#/definitions/IntOrPortName"
              },
              "host": {
                "type": "string"
              },
              "scheme": {
                "enum": [
                  "HTTP",
                  "HTTPS"
                ]
              },
              "httpHeaders": {
                "type": "array",
                "items": {
                  "title": "HTTPHeader",
                  "type": "object",
                  "additionalProperties": false,
                  "required": [
                    "name",
                    "value"
                  ],
                  "properties": {
                    "name": {
                      "type": "string"
                    },
                    "value": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          },
          "tcpSocket": {
            "title": "TCPSocketAction",
            "type": "object",
            "additionalProperties": false,
            "required": [
              "port"
            ],
            "properties": {
              "port": {
                "$ref": "common.schema.json#/definitions/IntOrPortName"
              },
              "host": {
                "type": "string"
              }
            }
          },
          "exec": {
            "title": "ExecAction",
            "type": "object",
            "additionalProperties": false,
            "required": [
              "command"
            ],
            "properties": {
              "command": {
                "type": "array",
                "minItems": 1,
                "items": {
                  "type": "string"
                }
              }
            }
          },
          "initialDelaySeconds": {
            "type": "integer",
            "minimum": 0
          },
          "periodSeconds": {
            "type": "integer",
            "minimum": 1
          },
          "timeoutSeconds": {
            "type": "integer",
            "minimum": 1
          },
          "failureThreshold": {
            "type": "integer",
            "minimum": 1
          },
          "successThreshold": {
            "type": "integer",
            "minimum": 1
          }
        }
      },
      "VolumeMount": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name",
          "mountPath"
        ],
        "properties": {
          "name": {
            "$ref": "common.schema.json#/definitions/DnsLabel"
          },
          "mountPath": {
            "type": "string",
            "pattern": "^/"
          },
          "readOnly": {
            "type": "boolean"
          },
          "subPath": {
            "type": "string"
          }
        }
      },
      "Volume": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name"
        ],
        "properties": {
          "name": {
            "$ref": "common.schema.json#/definitions/DnsLabel"
          },
          "configMap": {
            "$ref": "#/definitions/ConfigMapVolumeSource"
          },
          "secret": {
            "$ref": "#/definitions/SecretVolumeSource"
          },
          "emptyDir": {
            "$ref": "#/definitions/EmptyDirVolumeSource"
          }
        }
      },
      "KeyToPath": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "key",
          "path"
        ],
        "properties": {
          "key": {
            "type": "string",
            "minLength": 1
          },
          "path": {
            "type": "string",
            "minLength": 1,
            "pattern": "^[^/]"
          },
          "mode": {
            "$ref": "#/definitions/FileMode"
          }
        }
      },
      "FileMode": {
        "description": "File permission bits, 0 to 0777 (511).",
        "type": "integer",
        "minimum": 0,
        "maximum": 511
      },
      "ConfigMapVolumeSource": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name"
        ],
        "properties": {
          "name": {
            "$ref": "common.schema.json#/definitions/Name"
          },
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/KeyToPath"
            }
          },
          "defaultMode": {
            "$ref": "#/definitions/FileMode"
          },
          "optional": {
            "type": "boolean"
          }
        }
      },
      "SecretVolumeSource": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "secretName"
        ],
        "properties": {
          "secretName": {
            "$ref": "common.schema.json#/definitions/Name"
          },
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/definitions/KeyToPath"
            }
          },
          "defaultMode": {
            "$ref": "#/definitions/FileMode"
          },
          "optional": {
            "type": "boolean"
          }
        }
      },
      "EmptyDirVolumeSource": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "medium": {
            "enum": [
              "",
              "Memory"
            ]
          },
          "sizeLimit": {
            "$ref": "common.schema.json#/definitions/Quantity"
          }
        }
      }
    }
  },
  "namespace.schema.json": {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://berth.dev/schemas/namespace.schema.json",
    "title": "Namespace",
    "description": "A v1 Namespace.",
    "type": "object",
    "additionalProperties": false,
    "required": [
      "apiVersion",
      "kind",
      "metadata"
    ],
    "properties": {
      "apiVersion": {
        "const": "v1"
      },
      "kind": {
        "const": "Namespace"
      },
      "metadata": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name"
        ],
        "properties": {
          "name": {
            "$ref": "common.schema.json#/definitions/DnsLabel"
          },
          "labels": {
            "$ref": "common.schema.json#/definitions/Labels"
          },
          "annotations": {
            "$ref": "common.schema.json#/definitions/Annotations"
          }
        }
      },
      "spec": {
        "title": "NamespaceSpec",
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "finalizers": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      }
    }
  },
  "secret.schema.json": {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://berth.dev/schemas/secret.schema.json",
    "title": "Secret",
    "description": "A v1 Secret: base64 values in data (or berth-encrypted ENC[...] values), plain values in stringData.",
    "type": "object",
    "additionalProperties": false,
    "required": [
      "apiVersion",
      "kind",
      "metadata"
    ],
    "properties": {
      "apiVersion": {
        "const": "v1"
      },
      "kind": {
        "const": "Secret"
      },
      "metadata": {
        "$ref": "common.schema.json#/definitions/ObjectMeta"
      },
      "type": {
        "type": "string",
        "minLength": 1
      },
      "immutable": {
        "type": "boolean"
      },
      "data": {
        "type": "object",
        "propertyNames": {
          "$ref": "#/definitions/SecretKey"
        },
        "additionalProperties": {
          "type": "string",
          "description": "base64-encoded data or a berth-encrypted ENC[...] value",
          "pattern": "^([A-Za-z0-9+/\\s]*(=\\s*){0,2}|ENC\\[[^\\]]*\\])$"
        }
      },
      "stringData": {
        "type": "object",
        "propertyNames": {
          "$ref": "#/definitions/SecretKey"
        },
        "additionalProperties": {
          "type": "string"
        }
      }
    },
    "definitions": {
      "SecretKey": {
        "type": "string",
        "minLength": 1,
        "maxLength": 253,
        "pattern": "^[-._a-zA-Z0-9]+$"
      }
    }
  },
  "service.schema.json": {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://berth.dev/schemas/service.schema.json",
    "title": "Service",
    "description": "A v1 Service.",
    "type": "object",
    "additionalProperties": false,
    "required": [
      "apiVersion",
      "kind",
      "metadata",
      "spec"
    ],
    "properties": {
      "apiVersion": {
        "const": "v1"
      },
      "kind": {
        "const": "Service"
      },
      "metadata": {
        "$ref": "common.schema.json#/definitions/ObjectMeta"
      },
      "spec": {
        "title": "ServiceSpec",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "ports"
        ],
        "properties": {
          "type": {
            "enum": [
              "ClusterIP",
              "NodePort",
              "LoadBalancer"
            ]
          },
          "selector": {
            "$ref": "common.schema.json#/definitions/StringMap"
          },
          "ports": {
            "type": "array",
            "minItems": 1,
            "items": {
              "$ref": "#/definitions/ServicePort"
            }
          }
        }
      }
    },
    "definitions": {
      "ServicePort": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "port"
        ],
        "properties": {
          "name": {
            "$ref": "common.schema.json#/definitions/PortName"
          },
          "port": {
            "$ref": "common.schema.json#/definitions/Port"
          },
          "targetPort": {
            "$ref": "common.schema.json#/definitions/IntOrPortName"
          },
          "protocol": {
            "enum": [
              "TCP",
              "UDP",
              "SCTP"
            ]
          },
          "nodePort": {
            "$ref": "common.schema.json#/definitions/Port"
          }
        }
      }
    }
  }
};

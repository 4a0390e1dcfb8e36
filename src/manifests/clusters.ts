/**
 * Cluster declarations → the driver-neutral ClusterTarget. Two forms (berth's documented decision):
 * a berth.yaml `multi_cluster.cluster_management` entry is the short form (`https://` → a
 * Kubernetes API server, `unix://` or `tcp://` → one Docker engine); a `Cluster` manifest in
 * clusters/ is the long form. The loader has already rejected a name declared twice.
 */
import type { DockerEndpoint, ClusterTarget } from '../core/model.js';
import type { ClusterManagementEntry, DockerEndpointSpec } from '../types/index.js';
import type { LoadedCluster, LoadedRevision } from './revision.js';

export const DEFAULT_NAMESPACE = 'default';

/** `unix:///var/run/docker.sock` or `tcp://host:2375` as a DockerEndpoint. */
export function dockerEndpoint(
  name: string,
  url: string,
  labels: Readonly<Record<string, string>> = {},
): DockerEndpoint {
  if (url.startsWith('unix://')) return { name, socketPath: url.slice('unix://'.length), labels };
  const m = /^tcp:\/\/([^/:]+):([0-9]{1,5})$/.exec(url);
  if (m?.[1] === undefined || m[2] === undefined) throw new Error(`not a Docker endpoint URL: ${url}`);
  return { name, host: m[1], port: Number(m[2]), protocol: 'http', labels };
}

function fromShortForm(entry: ClusterManagementEntry, source: ClusterTarget['source']): ClusterTarget {
  const base = { name: entry.cluster, defaultNamespace: entry.namespace ?? DEFAULT_NAMESPACE, labels: {}, source };
  if (entry.api_server.startsWith('https://'))
    return { ...base, type: 'kubernetes', kubernetes: { server: entry.api_server } };
  return { ...base, type: 'docker', docker: { endpoints: [dockerEndpoint(entry.cluster, entry.api_server)] } };
}

function fromManifest(c: LoadedCluster): ClusterTarget {
  const spec = c.body.spec;
  const base = {
    name: c.name,
    defaultNamespace: spec.namespace ?? DEFAULT_NAMESPACE,
    labels: c.body.metadata.labels ?? {},
    source: c.loc,
  };
  if (spec.type === 'docker') {
    const endpoints = (spec.docker?.endpoints ?? []).map((e: DockerEndpointSpec) =>
      dockerEndpoint(e.name, e.url, e.labels ?? {}),
    );
    return { ...base, type: 'docker', docker: { endpoints } };
  }
  const k = spec.kubernetes ?? {};
  return {
    ...base,
    type: 'kubernetes',
    kubernetes: {
      server: k.server ?? '', // empty: the server comes from the kubeconfig
      ...(k.kubeconfig === undefined ? {} : { kubeconfig: k.kubeconfig }),
      ...(k.context === undefined ? {} : { context: k.context }),
      ...(k.tokenEnv === undefined ? {} : { tokenEnv: k.tokenEnv }),
      ...(k.tokenFile === undefined ? {} : { tokenFile: k.tokenFile }),
      ...(k.caFile === undefined ? {} : { caFile: k.caFile }),
      ...(k.insecureSkipTLSVerify === undefined ? {} : { insecureSkipTlsVerify: k.insecureSkipTLSVerify }),
    },
  };
}

/**
 * Every enabled target cluster of a revision, sorted by name. Short-form entries count only while
 * `multi_cluster.enabled` is not false; a Cluster manifest with `spec.enabled: false` is skipped.
 */
export function clusterTargets(revision: LoadedRevision): ClusterTarget[] {
  const out: ClusterTarget[] = [];
  const multi = revision.config?.multi_cluster;
  const source = revision.configSource;
  if (multi !== undefined && multi.enabled !== false && source !== undefined) {
    (multi.cluster_management ?? []).forEach((entry, i) => {
      out.push(fromShortForm(entry, source.locate(['multi_cluster', 'cluster_management', i])));
    });
  }
  for (const c of revision.clusters) if (c.body.spec.enabled !== false) out.push(fromManifest(c));
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

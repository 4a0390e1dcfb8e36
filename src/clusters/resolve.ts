/**
 * One meaning for "a cluster": `multi_cluster.cluster_management` entries in berth.yaml are the
 * short form (name, api_server, default namespace; the URL scheme picks the driver) and `Cluster`
 * manifests under clusters/ are the long form (several Docker hosts, labels, credential
 * references). Both become the same ClusterTarget; a name declared twice is an error (the loader
 * reports it with both places). Pure.
 */
import { BerthError, ErrorCode, type SourceLocation } from '../core/errors.js';
import type { ClusterTarget, DockerEndpoint } from '../core/model.js';

export interface ShortFormCluster {
  readonly cluster: string;
  readonly api_server: string;
  readonly namespace?: string | undefined;
}

export interface LongFormCluster {
  readonly metadata: { readonly name: string; readonly labels?: Readonly<Record<string, string>> | undefined };
  readonly spec: {
    readonly type: 'docker' | 'kubernetes';
    readonly namespace?: string | undefined;
    readonly enabled?: boolean | undefined;
    readonly docker?: { readonly endpoints: readonly { readonly name: string; readonly url: string; readonly labels?: Readonly<Record<string, string>> | undefined }[] } | undefined;
    readonly kubernetes?:
      | {
          readonly server?: string | undefined;
          readonly kubeconfig?: string | undefined;
          readonly context?: string | undefined;
          readonly tokenEnv?: string | undefined;
          readonly tokenFile?: string | undefined;
          readonly caFile?: string | undefined;
          readonly insecureSkipTLSVerify?: boolean | undefined;
        }
      | undefined;
  };
}

export function parseDockerUrl(name: string, url: string, labels: Readonly<Record<string, string>> = {}): DockerEndpoint | undefined {
  if (url.startsWith('unix://')) return { name, socketPath: url.slice('unix://'.length), labels };
  const m = /^tcp:\/\/([^:/\s]+):(\d{1,5})$/.exec(url);
  if (m?.[1] !== undefined && m[2] !== undefined) return { name, host: m[1], port: Number(m[2]), protocol: 'http', labels };
  return undefined;
}

function fromShortForm(e: ShortFormCluster, loc: SourceLocation): ClusterTarget {
  const base = { name: e.cluster, defaultNamespace: e.namespace ?? 'default', labels: {}, source: loc };
  if (e.api_server.startsWith('https://')) return { ...base, type: 'kubernetes', kubernetes: { server: e.api_server } };
  const endpoint = parseDockerUrl(e.cluster, e.api_server);
  if (endpoint === undefined) {
    throw new BerthError(ErrorCode.SchemaInvalid, `api_server "${e.api_server}" must be https:// (Kubernetes), unix:// or tcp://host:port (Docker)`, {
      location: loc,
      field: 'container_orchestrator.multi_cluster.cluster_management.api_server',
    });
  }
  return { ...base, type: 'docker', docker: { endpoints: [endpoint] } };
}

function fromLongForm(c: LongFormCluster, loc: SourceLocation): ClusterTarget {
  const base = { name: c.metadata.name, defaultNamespace: c.spec.namespace ?? 'default', labels: { ...(c.metadata.labels ?? {}) }, source: loc };
  if (c.spec.type === 'docker') {
    const endpoints = (c.spec.docker?.endpoints ?? []).map((e, i) => {
      const ep = parseDockerUrl(e.name, e.url, e.labels ?? {});
      if (ep === undefined) throw new BerthError(ErrorCode.SchemaInvalid, `endpoint url "${e.url}" must be unix:///path or tcp://host:port`, { location: loc, field: `spec.docker.endpoints[${i}].url` });
      return ep;
    });
    return { ...base, type: 'docker', docker: { endpoints } };
  }
  const k = c.spec.kubernetes ?? {};
  const access = Object.fromEntries(
    Object.entries({
      server: k.server ?? '',
      kubeconfig: k.kubeconfig,
      context: k.context,
      tokenEnv: k.tokenEnv,
      tokenFile: k.tokenFile,
      caFile: k.caFile,
      insecureSkipTlsVerify: k.insecureSkipTLSVerify,
    }).filter(([, v]) => v !== undefined),
  ) as unknown as NonNullable<ClusterTarget['kubernetes']>;
  return { ...base, type: 'kubernetes', kubernetes: access };
}

export function resolveClusters(input: {
  readonly shortForm: readonly { readonly entry: ShortFormCluster; readonly loc: SourceLocation }[];
  readonly longForm: readonly { readonly body: LongFormCluster; readonly loc: SourceLocation }[];
  readonly multiClusterEnabled: boolean;
}): { clusters: ClusterTarget[]; errors: BerthError[] } {
  const clusters: ClusterTarget[] = [];
  const errors: BerthError[] = [];
  const add = (f: () => ClusterTarget): void => {
    try {
      clusters.push(f());
    } catch (e) {
      if (e instanceof BerthError) errors.push(e);
      else throw e;
    }
  };
  if (input.multiClusterEnabled) for (const s of input.shortForm) add(() => fromShortForm(s.entry, s.loc));
  for (const l of input.longForm) if (l.body.spec.enabled !== false) add(() => fromLongForm(l.body, l.loc));
  clusters.sort((a, b) => a.name.localeCompare(b.name));
  return { clusters, errors };
}

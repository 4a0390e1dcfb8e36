/**
 * Credentials for one Kubernetes cluster, never from the repository: a kubeconfig file (and
 * context) named in the Cluster manifest, or the API server URL plus a bearer token taken from an
 * environment variable or a file, plus a CA file. Missing pieces are a BERTH_CREDENTIALS error
 * that names the cluster and what is missing — never a token.
 */
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type * as K8s from '@kubernetes/client-node';
import type { KubeConfig } from '@kubernetes/client-node';
import { BerthError, ErrorCode } from '../../core/errors.js';
import type { ClusterTarget } from '../../core/model.js';

export interface AccessDeps {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads a file as text; throws when it cannot. */
  readonly readFile: (path: string) => string;
  readonly homedir?: () => string;
}

/** The part of @kubernetes/client-node this module uses (loaded lazily by the driver: it is slow to import). */
export type ClientLib = Pick<typeof K8s, 'KubeConfig'>;

/** What the transport needs: a loaded KubeConfig and the server URL it points at. */
export interface ClusterAccess {
  readonly kubeConfig: KubeConfig;
  readonly server: string;
}

function credentialsError(cluster: ClusterTarget, what: string, cause?: unknown): BerthError {
  return new BerthError(ErrorCode.Credentials, `cluster ${cluster.name}: ${what}`, { location: cluster.source, cause });
}

/** `~/…` is expanded: people write kubeconfig paths the way their shell does. */
export function expandPath(path: string, home: () => string = homedir): string {
  if (path === '~') return home();
  if (path.startsWith('~/')) return resolve(home(), path.slice(2));
  return isAbsolute(path) ? path : resolve(path);
}

/** BERTH_K8S_TOKEN_<NAME> and BERTH_K8S_CA_FILE_<NAME>, the name upper-cased with - and . as _. */
export function conventionalEnv(clusterName: string): { token: string; caFile: string } {
  const suffix = clusterName.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return { token: `BERTH_K8S_TOKEN_${suffix}`, caFile: `BERTH_K8S_CA_FILE_${suffix}` };
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function readToken(cluster: ClusterTarget, deps: AccessDeps): string | undefined {
  const k = cluster.kubernetes;
  if (k?.tokenEnv !== undefined) {
    const value = deps.env[k.tokenEnv];
    if (value === undefined || value.trim() === '') throw credentialsError(cluster, `environment variable ${k.tokenEnv} (tokenEnv) is not set or empty`);
    return value.trim();
  }
  if (k?.tokenFile !== undefined) {
    const path = expandPath(k.tokenFile, deps.homedir);
    let text: string;
    try {
      text = deps.readFile(path);
    } catch (e) {
      throw credentialsError(cluster, `token file ${path} (tokenFile) cannot be read`, e);
    }
    if (text.trim() === '') throw credentialsError(cluster, `token file ${path} (tokenFile) is empty`);
    return text.trim();
  }
  return undefined;
}

function readCa(cluster: ClusterTarget, deps: AccessDeps): string | undefined {
  const caFile = cluster.kubernetes?.caFile;
  if (caFile === undefined) return undefined;
  const path = expandPath(caFile, deps.homedir);
  try {
    deps.readFile(path);
  } catch (e) {
    throw credentialsError(cluster, `CA file ${path} (caFile) cannot be read`, e);
  }
  return path;
}

function fromKubeconfig(cluster: ClusterTarget, path: string, deps: AccessDeps, lib: ClientLib): KubeConfig {
  const k = cluster.kubernetes;
  let text: string;
  try {
    text = deps.readFile(path);
  } catch (e) {
    throw credentialsError(cluster, `kubeconfig ${path} cannot be read`, e);
  }
  const kc = new lib.KubeConfig();
  try {
    kc.loadFromString(text);
    kc.makePathsAbsolute(resolve(path, '..'));
  } catch (e) {
    throw credentialsError(cluster, `kubeconfig ${path} is not a valid kubeconfig`, e);
  }
  if (k?.context !== undefined) {
    if (kc.getContextObject(k.context) === null) throw credentialsError(cluster, `kubeconfig ${path} has no context "${k.context}"`);
    kc.setCurrentContext(k.context);
  }
  const current = kc.getCurrentCluster();
  if (current === null) throw credentialsError(cluster, `kubeconfig ${path} has no current context with a cluster (set context: in the Cluster manifest)`);
  const user = kc.getCurrentUser();
  const token = readToken(cluster, deps);
  const caFile = readCa(cluster, deps);
  const server = k?.server !== undefined && k.server !== '' ? k.server : current.server;
  if (token === undefined && user === null) throw credentialsError(cluster, `kubeconfig ${path}: the current context has no user`);
  if (token === undefined && server === current.server && caFile === undefined && k?.insecureSkipTlsVerify === undefined) return kc;
  // The manifest overrides parts of the kubeconfig (server, token, CA), like kubectl's flags do.
  const merged = new lib.KubeConfig();
  merged.loadFromClusterAndUser(
    {
      name: current.name,
      server,
      skipTLSVerify: k?.insecureSkipTlsVerify ?? current.skipTLSVerify,
      ...(current.tlsServerName !== undefined ? { tlsServerName: current.tlsServerName } : {}),
      ...(current.proxyUrl !== undefined ? { proxyUrl: current.proxyUrl } : {}),
      ...(caFile !== undefined ? { caFile } : current.caFile !== undefined ? { caFile: current.caFile } : {}),
      ...(caFile === undefined && current.caData !== undefined ? { caData: current.caData } : {}),
    },
    token !== undefined ? { name: 'berth-token', token } : (user ?? { name: 'anonymous' }),
  );
  return merged;
}

export function loadAccess(cluster: ClusterTarget, deps: AccessDeps, lib: ClientLib): ClusterAccess {
  const k = cluster.kubernetes;
  if (k === undefined) throw credentialsError(cluster, 'no kubernetes access configured (spec.kubernetes: server or kubeconfig)');
  let kc: KubeConfig;
  if (k.kubeconfig !== undefined) {
    kc = fromKubeconfig(cluster, expandPath(k.kubeconfig, deps.homedir), deps, lib);
  } else {
    if (k.server === '') throw credentialsError(cluster, 'no API server: set spec.kubernetes.server or spec.kubernetes.kubeconfig');
    // A short-form cluster (berth.yaml cluster_management) names no credentials: they come from
    // variables named after the cluster.
    const fallback = conventionalEnv(cluster.name);
    const token = readToken(cluster, deps) ?? nonEmpty(deps.env[fallback.token]);
    if (token === undefined) {
      throw credentialsError(cluster, `no credentials for ${k.server}: set tokenEnv or tokenFile (or the environment variable ${fallback.token}), or use a kubeconfig`);
    }
    const envCa = nonEmpty(deps.env[fallback.caFile]);
    const caFile = readCa(envCa !== undefined && k.caFile === undefined ? { ...cluster, kubernetes: { ...k, caFile: envCa } } : cluster, deps);
    kc = new lib.KubeConfig();
    kc.loadFromClusterAndUser(
      { name: cluster.name, server: k.server, skipTLSVerify: k.insecureSkipTlsVerify ?? false, ...(caFile !== undefined ? { caFile } : {}) },
      { name: 'berth-token', token },
    );
  }
  const server = kc.getCurrentCluster()?.server ?? '';
  if (!/^https?:\/\//.test(server)) throw credentialsError(cluster, `API server URL "${server}" is not an http(s) URL`);
  return { kubeConfig: kc, server: server.replace(/\/+$/, '') };
}

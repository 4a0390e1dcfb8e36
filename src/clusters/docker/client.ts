/** Connecting to Docker endpoints. The only place a Dockerode client is constructed. */
import Docker from 'dockerode';
import { BerthError, ErrorCode } from '../../core/errors.js';
import type { ClusterTarget, DockerEndpoint } from '../../core/model.js';

export type DockerFactory = (endpoint: DockerEndpoint) => Docker;

const REQUEST_TIMEOUT_MS = 60_000;

export const defaultDockerFactory: DockerFactory = (endpoint) => {
  if (endpoint.socketPath !== undefined) return new Docker({ socketPath: endpoint.socketPath, timeout: REQUEST_TIMEOUT_MS });
  if (endpoint.host !== undefined) {
    return new Docker({
      host: endpoint.host,
      port: endpoint.port ?? (endpoint.protocol === 'https' ? 2376 : 2375),
      protocol: endpoint.protocol ?? 'http',
      timeout: REQUEST_TIMEOUT_MS,
    });
  }
  return new Docker({ socketPath: '/var/run/docker.sock', timeout: REQUEST_TIMEOUT_MS });
};

/** Where an endpoint is, for messages (never credentials). */
export function describeEndpoint(endpoint: DockerEndpoint): string {
  if (endpoint.socketPath !== undefined) return `unix://${endpoint.socketPath}`;
  if (endpoint.host !== undefined) return `${endpoint.protocol ?? 'http'}://${endpoint.host}:${endpoint.port ?? 2375}`;
  return 'unix:///var/run/docker.sock';
}

export interface HostInfo {
  readonly cpuMilli: number;
  readonly memoryBytes: number;
}

export interface Connection {
  readonly endpoint: DockerEndpoint;
  readonly docker: Docker;
}

/** Ping and read capacity; an endpoint that does not answer fails the whole cluster pass. */
export async function connect(cluster: ClusterTarget, endpoint: DockerEndpoint, docker: Docker): Promise<HostInfo> {
  try {
    await docker.ping();
    const info = (await docker.info()) as { NCPU?: unknown; MemTotal?: unknown };
    return {
      cpuMilli: typeof info.NCPU === 'number' ? info.NCPU * 1000 : Number.MAX_SAFE_INTEGER,
      memoryBytes: typeof info.MemTotal === 'number' ? info.MemTotal : Number.MAX_SAFE_INTEGER,
    };
  } catch (cause) {
    throw new BerthError(
      ErrorCode.DriverUnreachable,
      `cluster ${cluster.name}: Docker endpoint ${endpoint.name} (${describeEndpoint(endpoint)}) does not answer: ${errorText(cause)}`,
      { location: cluster.source, cause },
    );
  }
}

/** A short text for a Docker API error (its message; dockerode adds the HTTP status). */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message.trim() : String(e);
}

export function httpStatusOf(e: unknown): number | undefined {
  if (e !== null && typeof e === 'object' && 'statusCode' in e && typeof e.statusCode === 'number') return e.statusCode;
  return undefined;
}

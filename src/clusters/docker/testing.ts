/**
 * Test helpers for the Docker driver: builders of desired state, and a thin wrapper around the
 * REAL Dockerode client that records every write call (anything but GET/HEAD). Not a fake.
 */
import Docker from 'dockerode';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import type { ClusterTarget, DesiredState, PodContainer, Workload } from '../../core/model.js';
import type { DockerFactory } from './client.js';

export const text = (s: string): Uint8Array => new TextEncoder().encode(s);

export function dockerCluster(name: string, endpoints: readonly { name: string; socketPath: string }[]): ClusterTarget {
  return {
    name,
    type: 'docker',
    defaultNamespace: 'default',
    labels: {},
    docker: { endpoints: endpoints.map((e) => ({ name: e.name, socketPath: e.socketPath, labels: {} })) },
    source: { file: `clusters/${name}.yaml`, line: 1, column: 1 },
  };
}

export function workload(namespace: string, app: string, replicas: number, containers: readonly PodContainer[], labels: Record<string, string> = {}): Workload {
  return { namespace, app, replicas, containers, labels, source: { file: `apps/${app}.yaml`, line: 1, column: 1 } };
}

export function desiredState(cluster: ClusterTarget, workloads: readonly Workload[], extra: Partial<DesiredState> = {}): DesiredState {
  return {
    repo: 'https://git.example/berth-config.git',
    revision: '0'.repeat(40),
    cluster,
    namespaces: [...new Set(workloads.map((w) => w.namespace))],
    workloads,
    objects: [],
    ...extra,
  };
}

interface DialOptions {
  readonly method: string;
  readonly path: string;
}
type Dial = (options: DialOptions, callback: (err: unknown, data: unknown) => void) => void;

export interface CallLog {
  readonly writes: string[];
  /** Make matching calls fail (simulates a crash of berth at that point). */
  failWhen: ((call: DialOptions) => boolean) | undefined;
}

/** A factory of real clients whose write calls are recorded in `log.writes`. */
export function countingFactory(): { factory: DockerFactory; log: CallLog } {
  const log: CallLog = { writes: [], failWhen: undefined };
  const factory: DockerFactory = (endpoint) => {
    const docker = new Docker({ socketPath: endpoint.socketPath ?? '/var/run/docker.sock' });
    const modem = docker.modem as { dial: Dial };
    const dial = modem.dial.bind(modem);
    modem.dial = (options, callback) => {
      if (options.method !== 'GET' && options.method !== 'HEAD') log.writes.push(`${endpoint.name} ${options.method} ${options.path}`);
      if (log.failWhen?.(options) === true) {
        callback(Object.assign(new Error(`simulated crash at ${options.method} ${options.path}`), { statusCode: 599 }), null);
        return;
      }
      dial(options, callback);
    };
    return docker;
  };
  return { factory, log };
}

/** A pino logger whose output lines are kept (to assert that no secret is ever logged). */
export function capturingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString('utf8'));
      cb();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

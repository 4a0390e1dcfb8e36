/**
 * Content hash of a container spec: decides "recreate" versus "leave alone" on Docker.
 *
 * The hash covers exactly what the running container is made of: image, command, args,
 * working directory, env (in order), ports, resource limits and requests, probes, the mounted
 * files (path, mode, secret flag and a digest of the content) and the pod's user labels (they
 * land on the container, and Docker labels cannot change in place — Kubernetes also rolls pods
 * when template labels change). It does NOT cover the revision SHA, the repository or cluster
 * (identity, not spec), the slot or the host, so an unchanged container survives new commits.
 *
 * Decision — env order matters: env is an ordered list in Kubernetes (later entries may refer to
 * earlier ones with $(VAR), a duplicate name resolves to the last), so reordering it is a real
 * spec change. Object key order never matters (canonical JSON sorts keys).
 *
 * Secret values never appear in the digest: they are replaced by a sha256 of the value. The
 * digest is stored in a container label so plans can show field diffs without local state;
 * anyone able to read Docker labels can already `docker exec` into the container, so the
 * digest reveals nothing they could not read directly.
 */
import { createHash, createHmac } from 'node:crypto';
import type { PodContainer, Workload } from './model.js';

/** Bump when the meaning of the digest changes, so every container is recreated once. */
export const SPEC_HASH_VERSION = 1;
const HASH_HEX_LENGTH = 16;

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted at every level and `undefined` members dropped. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Uint8Array) return { sha256: sha256Hex(value) };
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** A short digest of a value: used for secret values and file contents inside the spec digest. */
export function shortDigest(data: string | Uint8Array): string {
  return `sha256:${sha256Hex(data).slice(0, HASH_HEX_LENGTH)}`;
}

/**
 * The digest of a Secret value as it appears in a container label. Keyed (HMAC) when a key is
 * configured, so whoever can `docker inspect` cannot test guesses offline; unkeyed otherwise
 * (like a Helm checksum annotation). Every berth acting on a cluster must share the key.
 */
export function secretDigest(data: string | Uint8Array, key: string | undefined): string {
  if (key === undefined || key === '') return shortDigest(data);
  return `hmac:${createHmac('sha256', key).update(data).digest('hex').slice(0, HASH_HEX_LENGTH)}`;
}

export interface EnvDigest {
  readonly name: string;
  readonly value?: string; // plain values only
  readonly secret?: true;
  readonly digest?: string; // secret values: a digest, never the value
}

export interface FileDigest {
  readonly path: string;
  readonly mode: number;
  readonly secret: boolean;
  readonly digest: string;
}

/** Everything of a container that the hash covers, with no secret value in it (safe to show). */
export interface ContainerSpecDigest {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly workingDir?: string;
  readonly env: readonly EnvDigest[];
  readonly ports: PodContainer['ports'];
  readonly resources: PodContainer['resources'];
  readonly files: readonly FileDigest[];
  readonly livenessProbe?: PodContainer['livenessProbe'];
  readonly readinessProbe?: PodContainer['readinessProbe'];
}

export function containerSpecDigest(c: PodContainer, secretKey?: string): ContainerSpecDigest {
  return {
    name: c.name,
    image: c.image,
    ...(c.command !== undefined ? { command: c.command } : {}),
    ...(c.args !== undefined ? { args: c.args } : {}),
    ...(c.workingDir !== undefined ? { workingDir: c.workingDir } : {}),
    env: c.env.map((e) =>
      e.secret ? { name: e.name, secret: true as const, digest: secretDigest(e.value, secretKey) } : { name: e.name, value: e.value },
    ),
    ports: c.ports,
    resources: c.resources,
    // Files are a set keyed by path: their order in the manifest does not matter.
    files: [...c.files]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((f) => ({ path: f.path, mode: f.mode, secret: f.secret, digest: f.secret ? secretDigest(f.content, secretKey) : shortDigest(f.content) })),
    ...(c.livenessProbe !== undefined ? { livenessProbe: c.livenessProbe } : {}),
    ...(c.readinessProbe !== undefined ? { readinessProbe: c.readinessProbe } : {}),
  };
}

export interface PodSpecDigest {
  readonly v: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly containers: readonly ContainerSpecDigest[];
}

export function podSpecDigest(pod: Pick<Workload, 'containers' | 'labels'>, secretKey?: string): PodSpecDigest {
  return { v: SPEC_HASH_VERSION, labels: pod.labels, containers: pod.containers.map((c) => containerSpecDigest(c, secretKey)) };
}

/**
 * Hash of a whole pod (all its containers and labels). On Docker the slot is the unit: the extra
 * containers share the first one's network namespace, so they are recreated together.
 */
export function podSpecHash(pod: Pick<Workload, 'containers' | 'labels'>): string {
  return hashOfDigest(podSpecDigest(pod));
}

export function hashOfDigest(digest: PodSpecDigest): string {
  return sha256Hex(canonicalJson(digest)).slice(0, HASH_HEX_LENGTH);
}

/**
 * A pod container → Docker create options. Pure.
 *
 * - command → Entrypoint, args → Cmd (Kubernetes semantics: command replaces the image's
 *   ENTRYPOINT and drops its CMD; args alone replace CMD).
 * - limits → NanoCpus / Memory; requests only matter to placement.
 * - the first container of a pod owns the network namespace: it joins `berth_<namespace>` with
 *   aliases `<app>` and `<app>-<slot>` and publishes every port of the pod (127.0.0.1 with an
 *   ephemeral host port, or 0.0.0.0:<hostPort>); the others use NetworkMode container:<id>.
 * - Secret files: each one's directory gets a tmpfs, so their content never reaches the host disk.
 *   The content arrives after start through `docker exec` (files.ts), so the entrypoint is wrapped
 *   to wait for a marker file before it execs the real command. This needs /bin/sh in the image.
 */
import { BerthError, ErrorCode } from '../../core/errors.js';
import { Labels } from '../../core/model.js';
import type { MountedFile, PodContainer, Workload } from '../../core/model.js';
import { DockerLabels, containerName, isReservedLabel, networkName, ownerLabels, type Owner } from './naming.js';

/** $0 of the wrapper shell: how a still-waiting container is recognised in `docker top`. */
export const WAIT_ARG0 = 'berth-wait';
export const READY_MARKER = '.berth-ready';
const WAIT_SCRIPT = 'm="$1"; shift; while [ ! -e "$m" ]; do sleep 0.1; done; exec "$@"';

export interface ImageDefaults {
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
}

export interface FileLayout {
  /** Directories mounted as tmpfs (outermost only). */
  readonly tmpfsDirs: readonly string[];
  /** Delivered with putArchive before start (ConfigMap files outside any tmpfs). */
  readonly archiveFiles: readonly MountedFile[];
  /** Delivered with docker exec after start (Secret files, and any file under a tmpfs). */
  readonly execFiles: readonly MountedFile[];
  /** Created last; the wrapped entrypoint waits for it. Undefined when nothing needs exec. */
  readonly marker: string | undefined;
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function isUnder(path: string, dir: string): boolean {
  return dir === '/' || path === dir || path.startsWith(`${dir}/`);
}

export function fileLayout(c: PodContainer): FileLayout {
  const dirs = [...new Set(c.files.filter((f) => f.secret).map((f) => dirname(f.path)))].sort();
  const tmpfsDirs = dirs.filter((d) => !dirs.some((o) => o !== d && isUnder(d, o)));
  const underTmpfs = (f: MountedFile): boolean => tmpfsDirs.some((d) => isUnder(f.path, d));
  const execFiles = c.files.filter((f) => f.secret || underTmpfs(f));
  const first = tmpfsDirs[0];
  return {
    tmpfsDirs,
    archiveFiles: c.files.filter((f) => !f.secret && !underTmpfs(f)),
    execFiles,
    marker: first === undefined ? undefined : `${first === '/' ? '' : first}/${READY_MARKER}`,
  };
}

export interface CreateInput {
  readonly owner: Owner;
  readonly revision: string;
  readonly host: string;
  readonly workload: Workload;
  readonly index: number; // container index in the pod
  readonly slot: number;
  readonly hash: string;
  readonly specLabel: string; // canonical JSON of the pod's spec digest
  /** The image's own ENTRYPOINT/CMD: needed only when the entrypoint is wrapped. */
  readonly image?: ImageDefaults;
  /** Id of the pod's first container: required for index > 0. */
  readonly mainId?: string;
}

export interface CreateSpec {
  readonly name: string;
  readonly Image: string;
  readonly Hostname?: string;
  readonly Env: string[];
  readonly Entrypoint?: string[];
  readonly Cmd?: string[];
  readonly WorkingDir?: string;
  readonly Labels: Record<string, string>;
  readonly ExposedPorts?: Record<string, Record<string, never>>;
  readonly HostConfig: {
    readonly NetworkMode: string;
    readonly RestartPolicy: { readonly Name: string };
    readonly PortBindings?: Record<string, { HostIp: string; HostPort: string }[]>;
    readonly NanoCpus?: number;
    readonly Memory?: number;
    readonly Tmpfs?: Record<string, string>;
  };
  readonly NetworkingConfig?: { readonly EndpointsConfig: Record<string, { readonly Aliases: string[] }> };
}

export function needsImageDefaults(c: PodContainer): boolean {
  return fileLayout(c).marker !== undefined && (c.command === undefined || c.args === undefined);
}

export function buildCreateSpec(input: CreateInput): CreateSpec {
  const { workload: w, index } = input;
  const c = w.containers[index];
  if (c === undefined) throw new Error(`container index ${index} out of range for ${w.namespace}/${w.app}`);
  const layout = fileLayout(c);
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(w.labels)) if (!isReservedLabel(k)) labels[k] = v;
  Object.assign(labels, ownerLabels(input.owner), {
    [Labels.name]: w.app,
    [Labels.namespace]: w.namespace,
    [Labels.app]: w.app,
    [Labels.revision]: input.revision,
    [Labels.specHash]: input.hash,
    [Labels.slot]: String(input.slot),
    [Labels.container]: c.name,
    [Labels.host]: input.host,
    [DockerLabels.containerIndex]: String(index),
    [DockerLabels.spec]: input.specLabel,
  });

  const network = networkName(w.namespace);
  const main = index === 0;
  if (!main && input.mainId === undefined) throw new Error('mainId is required for a pod\'s extra containers');
  const podPorts = main ? w.containers.flatMap((x) => x.ports) : [];
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of podPorts) {
    const key = `${p.containerPort}/${p.protocol.toLowerCase()}`;
    exposed[key] = {};
    bindings[key] = p.hostPort === undefined ? [{ HostIp: '127.0.0.1', HostPort: '' }] : [{ HostIp: '0.0.0.0', HostPort: String(p.hostPort) }];
  }
  const tmpfs: Record<string, string> = {};
  const secretBytes = layout.execFiles.reduce((s, f) => s + f.content.length, 0);
  const size = Math.max(1024 * 1024, secretBytes * 2 + 64 * 1024);
  for (const dir of layout.tmpfsDirs) tmpfs[dir] = `rw,nosuid,nodev,noexec,mode=0755,size=${size}`;

  return {
    name: containerName({ cluster: input.owner.cluster, namespace: w.namespace, app: w.app, slot: input.slot, hash: input.hash }, index, c.name),
    Image: c.image,
    ...(main ? { Hostname: `${w.app}-${input.slot}`.slice(0, 63) } : {}),
    // Env from a Secret is a known exception: Docker keeps Env in the container config on disk
    // and shows it in `docker inspect` (the driver warns once). Secret *files* never go there.
    Env: c.env.map((e) => `${e.name}=${e.value}`),
    ...entrypoint(c, w, layout, input.image),
    ...(c.workingDir !== undefined ? { WorkingDir: c.workingDir } : {}),
    Labels: labels,
    ...(main && podPorts.length > 0 ? { ExposedPorts: exposed } : {}),
    HostConfig: {
      NetworkMode: main ? network : `container:${input.mainId ?? ''}`,
      RestartPolicy: { Name: 'unless-stopped' },
      ...(main && podPorts.length > 0 ? { PortBindings: bindings } : {}),
      ...(c.resources.cpuLimitMilli !== undefined ? { NanoCpus: c.resources.cpuLimitMilli * 1_000_000 } : {}),
      ...(c.resources.memoryLimitBytes !== undefined ? { Memory: c.resources.memoryLimitBytes } : {}),
      ...(layout.tmpfsDirs.length > 0 ? { Tmpfs: tmpfs } : {}),
    },
    ...(main ? { NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: [w.app, `${w.app}-${input.slot}`] } } } } : {}),
  };
}

function entrypoint(
  c: PodContainer,
  w: Workload,
  layout: FileLayout,
  image: ImageDefaults | undefined,
): { Entrypoint?: string[]; Cmd?: string[] } {
  if (layout.marker === undefined) {
    if (c.command !== undefined) return { Entrypoint: [...c.command], Cmd: [...(c.args ?? [])] };
    return c.args !== undefined ? { Cmd: [...c.args] } : {};
  }
  const argv = [
    ...(c.command ?? image?.entrypoint ?? []),
    ...(c.args ?? (c.command !== undefined ? [] : (image?.cmd ?? []))),
  ];
  if (argv.length === 0) {
    throw new BerthError(
      ErrorCode.Driver,
      `${w.namespace}/${w.app}: container ${c.name} mounts Secret files but neither it nor image ${c.image} gives a command to run`,
      { location: w.source, field: 'spec.template.spec.containers' },
    );
  }
  return { Entrypoint: ['/bin/sh', '-c', WAIT_SCRIPT, WAIT_ARG0], Cmd: [layout.marker, ...argv] };
}

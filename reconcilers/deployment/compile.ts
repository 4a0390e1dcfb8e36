/**
 * Pure compilation of one Deployment into a Workload: env and volume references resolved against
 * the revision's ConfigMaps and Secrets, quantities parsed, probes and named ports resolved.
 */
import { BerthError, ErrorCode } from '../../src/core/errors.js';
import type { EnvVar, HttpProbe, MountedFile, PodContainer, PortSpec, ResourceSpec, Workload } from '../../src/core/model.js';
import type { FieldPath, LoadedObject } from '../../src/core/revision.js';
import type { Deployment } from '../../src/types/index.js';
import { formatPath } from '../../src/manifests/paths.js';
import { parseCpuMilli, parseMemoryBytes } from '../../src/manifests/quantity.js';
import type { ConfigIndex, KeyValues } from '../config/decode.js';

type PodSpec = Deployment['spec']['template']['spec'];
type ContainerDef = PodSpec['containers'][number];
type VolumeDef = NonNullable<PodSpec['volumes']>[number];
type ProbeDef = NonNullable<ContainerDef['readinessProbe']>;

interface Ctx {
  readonly obj: LoadedObject;
  readonly namespace: string;
  readonly index: ConfigIndex;
  readonly errors: BerthError[];
}

function missing(ctx: Ctx, path: FieldPath, what: string): void {
  const field = formatPath(path);
  ctx.errors.push(
    new BerthError(ErrorCode.MissingReference, `${field}: ${what} not found in namespace "${ctx.namespace}"`, {
      location: ctx.obj.locate(path),
      field,
    }),
  );
}

function lookup(ctx: Ctx, kind: 'ConfigMap' | 'Secret', name: string): KeyValues | undefined {
  const table = kind === 'ConfigMap' ? ctx.index.configMaps : ctx.index.secrets;
  return table.get(`${ctx.namespace}/${name}`);
}

const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

function compileEnv(ctx: Ctx, c: ContainerDef, base: FieldPath): EnvVar[] {
  const env: EnvVar[] = [];
  (c.envFrom ?? []).forEach((src, i) => {
    const ref = src.configMapRef ?? src.secretRef;
    if (ref === undefined) return;
    const kind = src.configMapRef ? 'ConfigMap' : 'Secret';
    const values = lookup(ctx, kind, ref.name);
    if (values === undefined) {
      if (ref.optional !== true) missing(ctx, [...base, 'envFrom', i, kind === 'ConfigMap' ? 'configMapRef' : 'secretRef', 'name'], `${kind} "${ref.name}"`);
      return;
    }
    for (const [k, v] of values) env.push({ name: `${src.prefix ?? ''}${k}`, value: text(v), secret: kind === 'Secret' });
  });
  (c.env ?? []).forEach((e, i) => {
    if (e.value !== undefined || e.valueFrom === undefined) {
      env.push({ name: e.name, value: e.value ?? '', secret: false });
      return;
    }
    const cm = e.valueFrom.configMapKeyRef;
    const sk = e.valueFrom.secretKeyRef;
    const ref = cm ?? sk;
    if (ref === undefined) return;
    const kind = cm ? 'ConfigMap' : 'Secret';
    const refPath = [...base, 'env', i, 'valueFrom', cm ? 'configMapKeyRef' : 'secretKeyRef'];
    const value = lookup(ctx, kind, ref.name)?.get(ref.key);
    if (value === undefined) {
      if (ref.optional !== true) missing(ctx, [...refPath, 'key'], `key "${ref.key}" of ${kind} "${ref.name}"`);
      return;
    }
    env.push({ name: e.name, value: text(value), secret: kind === 'Secret' });
  });
  // Later definitions win, as in Kubernetes; keep the position of the first occurrence.
  const byName = new Map<string, EnvVar>();
  for (const v of env) byName.set(v.name, v);
  return [...byName.values()];
}

function compilePorts(c: ContainerDef): PortSpec[] {
  return (c.ports ?? []).map((p) => ({
    ...(p.name !== undefined ? { name: p.name } : {}),
    containerPort: p.containerPort,
    ...(p.hostPort !== undefined ? { hostPort: p.hostPort } : {}),
    protocol: p.protocol === 'UDP' ? 'UDP' : 'TCP',
  }));
}

function compileResources(c: ContainerDef): ResourceSpec {
  const r = c.resources;
  const out: { -readonly [K in keyof ResourceSpec]: ResourceSpec[K] } = {};
  if (r?.limits?.cpu !== undefined) out.cpuLimitMilli = parseCpuMilli(r.limits.cpu);
  if (r?.limits?.memory !== undefined) out.memoryLimitBytes = parseMemoryBytes(r.limits.memory);
  if (r?.requests?.cpu !== undefined) out.cpuRequestMilli = parseCpuMilli(r.requests.cpu);
  if (r?.requests?.memory !== undefined) out.memoryRequestBytes = parseMemoryBytes(r.requests.memory);
  return out;
}

function compileProbe(probe: ProbeDef | undefined, ports: readonly PortSpec[]): HttpProbe | undefined {
  const http = probe?.httpGet;
  if (probe === undefined || http === undefined) return undefined;
  const port = typeof http.port === 'number' ? http.port : ports.find((p) => p.name === http.port)?.containerPort;
  if (port === undefined) return undefined;
  return {
    path: http.path ?? '/',
    port,
    initialDelaySeconds: probe.initialDelaySeconds ?? 0,
    periodSeconds: probe.periodSeconds ?? 10,
    timeoutSeconds: probe.timeoutSeconds ?? 1,
    failureThreshold: probe.failureThreshold ?? 3,
  };
}

function joinPath(dir: string, file: string): string {
  return `${dir.replace(/\/+$/, '')}/${file}`;
}

function compileFiles(ctx: Ctx, c: ContainerDef, volumes: readonly VolumeDef[], base: FieldPath): MountedFile[] {
  const files: MountedFile[] = [];
  (c.volumeMounts ?? []).forEach((m, i) => {
    const vi = volumes.findIndex((v) => v.name === m.name);
    const vol = volumes[vi];
    if (vol === undefined) {
      ctx.errors.push(
        new BerthError(ErrorCode.MissingReference, `${formatPath([...base, 'volumeMounts', i, 'name'])}: volume "${m.name}" is not declared in spec.template.spec.volumes`, {
          location: ctx.obj.locate([...base, 'volumeMounts', i, 'name']),
          field: formatPath([...base, 'volumeMounts', i, 'name']),
        }),
      );
      return;
    }
    const src = vol.configMap
      ? { kind: 'ConfigMap' as const, name: vol.configMap.name, items: vol.configMap.items, mode: vol.configMap.defaultMode, optional: vol.configMap.optional, field: 'configMap', nameField: 'name' }
      : vol.secret
        ? { kind: 'Secret' as const, name: vol.secret.secretName, items: vol.secret.items, mode: vol.secret.defaultMode, optional: vol.secret.optional, field: 'secret', nameField: 'secretName' }
        : undefined;
    if (src === undefined) return; // emptyDir and friends carry no content
    const values = lookup(ctx, src.kind, src.name);
    const volPath: FieldPath = ['spec', 'template', 'spec', 'volumes', vi, src.field];
    if (values === undefined) {
      if (src.optional !== true) missing(ctx, [...volPath, src.nameField], `${src.kind} "${src.name}"`);
      return;
    }
    const secret = src.kind === 'Secret';
    const defaultMode = src.mode ?? 0o644; // Kubernetes' default for both kinds: the same YAML behaves the same on Docker
    const entries: { key: string; path: string; mode: number }[] =
      src.items?.map((it) => ({ key: it.key, path: it.path, mode: it.mode ?? defaultMode })) ??
      [...values.keys()].sort().map((k) => ({ key: k, path: k, mode: defaultMode }));
    entries.forEach((e, ei) => {
      const content = values.get(e.key);
      if (content === undefined) {
        if (src.optional !== true) missing(ctx, [...volPath, 'items', ei, 'key'], `key "${e.key}" of ${src.kind} "${src.name}"`);
        return;
      }
      if (m.subPath !== undefined && m.subPath !== e.path) return;
      const path = m.subPath !== undefined ? m.mountPath : joinPath(m.mountPath, e.path);
      files.push({ path, content, mode: e.mode, secret });
    });
  });
  return files;
}

export function compileDeployment(
  obj: LoadedObject,
  defaultNamespace: string,
  index: ConfigIndex,
): { workload: Workload | undefined; errors: readonly BerthError[] } {
  const d = obj.body as unknown as Deployment;
  const namespace = obj.namespace ?? defaultNamespace;
  const ctx: Ctx = { obj, namespace, index, errors: [] };
  const pod = d.spec.template.spec;
  const volumes = pod.volumes ?? [];
  const containers: PodContainer[] = pod.containers.map((c, i) => {
    const base: FieldPath = ['spec', 'template', 'spec', 'containers', i];
    const ports = compilePorts(c);
    const liveness = compileProbe(c.livenessProbe, ports);
    const readiness = compileProbe(c.readinessProbe, ports);
    return {
      name: c.name,
      image: c.image,
      ...(c.command !== undefined ? { command: c.command } : {}),
      ...(c.args !== undefined ? { args: c.args } : {}),
      ...(c.workingDir !== undefined ? { workingDir: c.workingDir } : {}),
      env: compileEnv(ctx, c, base),
      ports,
      resources: compileResources(c),
      files: compileFiles(ctx, c, volumes, base),
      ...(liveness ? { livenessProbe: liveness } : {}),
      ...(readiness ? { readinessProbe: readiness } : {}),
    };
  });
  if (ctx.errors.length > 0) return { workload: undefined, errors: ctx.errors };
  return {
    workload: {
      namespace,
      app: obj.name,
      replicas: d.spec.replicas ?? 1,
      containers,
      labels: { ...(d.spec.template.metadata?.labels ?? {}) },
      source: obj.loc,
      replicasSource: obj.locate(['spec', 'replicas']),
    },
    errors: [],
  };
}

import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '../../src/core/errors.js';
import { loadRevision } from '../../src/manifests/index.js';
import { configReconciler } from '../config/index.js';
import { getConfigIndex } from '../config/decode.js';
import { compileDeployment } from './compile.js';

const CONFIG = `apiVersion: v1
kind: ConfigMap
metadata: { name: cfg, namespace: ns }
data: { a.txt: "A", MODE: fast }
---
apiVersion: v1
kind: Secret
metadata: { name: sec, namespace: ns }
data: { token: c2VjcmV0LXRva2Vu }
stringData: { pass: p4ss-word }
`;

function deployment(container: string, volumes = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: ns }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: img:1
${container}
${volumes}`;
}

function compile(container: string, volumes = '') {
  const loaded = loadRevision([{ path: 'apps/all.yaml', text: `${CONFIG}---\n${deployment(container, volumes)}` }], []);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.format()).join('\n'));
  const shared = new Map<string, unknown>();
  configReconciler.compile(
    { cluster: { name: 'c', type: 'docker', defaultNamespace: 'default', labels: {}, source: { file: 'x', line: 1, column: 1 } }, objects: loaded.revision.objects },
    { addNamespace: () => undefined, addWorkload: () => undefined, addObject: () => undefined, shared },
  );
  const dep = loaded.revision.objects.find((o) => o.kind === 'Deployment');
  if (dep === undefined) throw new Error('no deployment');
  return compileDeployment(dep, 'default', getConfigIndex(shared));
}

describe('compileDeployment', () => {
  it.each([
    ['plain env', '          env: [{ name: X, value: "1" }]', [{ name: 'X', value: '1', secret: false }]],
    ['configMapKeyRef', '          env: [{ name: M, valueFrom: { configMapKeyRef: { name: cfg, key: MODE } } }]', [{ name: 'M', value: 'fast', secret: false }]],
    ['secretKeyRef', '          env: [{ name: T, valueFrom: { secretKeyRef: { name: sec, key: token } } }]', [{ name: 'T', value: 'secret-token', secret: true }]],
    ['envFrom with prefix', '          envFrom: [{ configMapRef: { name: cfg }, prefix: C_ }]', [{ name: 'C_a.txt', value: 'A', secret: false }, { name: 'C_MODE', value: 'fast', secret: false }]],
    ['later wins', '          env: [{ name: X, value: "1" }, { name: X, value: "2" }]', [{ name: 'X', value: '2', secret: false }]],
  ])('%s', (_name, container, env) => {
    const r = compile(container);
    expect(r.errors).toEqual([]);
    expect(r.workload?.containers[0]?.env).toEqual(env);
    expect(r.workload?.replicas).toBe(3);
  });

  it.each([
    ['100m', '64Mi', 100, 64 * 1024 * 1024],
    ['1', '1Gi', 1000, 1024 ** 3],
    ['0.5', '500M', 500, 500_000_000],
  ])('limits cpu %s memory %s', (cpu, memory, milli, bytes) => {
    const r = compile(`          resources: { limits: { cpu: "${cpu}", memory: "${memory}" } }`);
    expect(r.workload?.containers[0]?.resources).toEqual({ cpuLimitMilli: milli, memoryLimitBytes: bytes });
  });

  it('mounts ConfigMap and Secret keys as files; secret files flagged', () => {
    const r = compile(
      '          volumeMounts: [{ name: c, mountPath: /etc/c }, { name: s, mountPath: /run/s/ }]',
      '      volumes: [{ name: c, configMap: { name: cfg } }, { name: s, secret: { secretName: sec, items: [{ key: pass, path: p/pass.txt }] } }]',
    );
    expect(r.errors).toEqual([]);
    const files = r.workload?.containers[0]?.files.map((f) => ({ path: f.path, text: Buffer.from(f.content).toString(), secret: f.secret, mode: f.mode }));
    expect(files).toEqual([
      { path: '/etc/c/MODE', text: 'fast', secret: false, mode: 0o644 },
      { path: '/etc/c/a.txt', text: 'A', secret: false, mode: 0o644 },
      { path: '/run/s/p/pass.txt', text: 'p4ss-word', secret: true, mode: 0o644 },
    ]);
  });

  it('remembers where spec.replicas is written, for placement errors', () => {
    const text = `${CONFIG}---\n${deployment('')}`;
    const line = text.split('\n').findIndex((l) => l.includes('replicas: 3')) + 1;
    expect(compile('').workload?.replicasSource).toMatchObject({ file: 'apps/all.yaml', line });
  });

  it('resolves a named probe port', () => {
    const r = compile('          ports: [{ name: http, containerPort: 8080 }]\n          readinessProbe: { httpGet: { path: /ready, port: http }, periodSeconds: 2 }');
    expect(r.workload?.containers[0]?.readinessProbe).toEqual({ path: '/ready', port: 8080, initialDelaySeconds: 0, periodSeconds: 2, timeoutSeconds: 1, failureThreshold: 3 });
  });

  it.each([
    ['missing key of an existing ConfigMap', '          env: [{ name: M, valueFrom: { configMapKeyRef: { name: cfg, key: nope } } }]'],
    ['a volume mount naming no volume', '          volumeMounts: [{ name: ghost, mountPath: /x }]'],
  ])('%s rejects the revision at its line', (_n, container) => {
    const loaded = loadRevision([{ path: 'apps/all.yaml', text: `${CONFIG}---\n${deployment(container)}` }], []);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.problems[0]?.code).toBe(ErrorCode.MissingReference);
    expect(loaded.problems[0]?.location?.line).toBe(24);
  });

  it('an optional missing reference is not an error', () => {
    const r = compile('          env: [{ name: M, valueFrom: { configMapKeyRef: { name: cfg, key: nope, optional: true } } }]');
    expect(r.errors).toEqual([]);
    expect(r.workload?.containers[0]?.env).toEqual([]);
  });
});

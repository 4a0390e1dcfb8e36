import { describe, it, expect } from '@jest/globals';
import type { RejectedFile, RevisionFile } from '../core/source.js';
import { clusterTargets } from './clusters.js';
import { isKind } from './kinds.js';
import { loadRevision } from './load.js';

function problems(files: Record<string, string>, rejected: readonly RejectedFile[] = []): string[] {
  const list: RevisionFile[] = Object.entries(files).map(([path, text]) => ({ path, text }));
  const result = loadRevision(list, rejected);
  return result.ok ? [] : result.problems.map((p) => p.format());
}

function loaded(files: Record<string, string>) {
  const result = loadRevision(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    [],
  );
  if (!result.ok) throw new Error(result.problems.map((p) => p.format()).join('\n'));
  return result.revision;
}

const deployment = (extra = '', name = 'web', ns = '') =>
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}${ns === '' ? '' : `\n  namespace: ${ns}`}
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: busybox
${extra}`;

const configMap = (name: string, ns = '') =>
  `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}${ns === '' ? '' : `\n  namespace: ${ns}`}
data:
  key: value
`;

describe('loadRevision: one problem per case, at the right place, in words', () => {
  it.each<[string, Record<string, string>, string]>([
    [
      'enum',
      {
        'apps/s.yaml':
          'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: Magic\n  ports: [{port: 80}]\n',
      },
      'apps/s.yaml:5:9: spec.type: expected one of "ClusterIP", "NodePort", "LoadBalancer", got string "Magic" [BERTH_SCHEMA_INVALID]',
    ],
    [
      'minimum',
      { 'apps/s.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 0}]\n' },
      'apps/s.yaml:5:18: spec.ports[0].port: expected a number >= 1, got integer 0 [BERTH_SCHEMA_INVALID]',
    ],
    [
      'label key',
      { 'apps/n.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n  labels:\n    "bad key": x\n' },
      'apps/n.yaml:6:5: metadata.labels: invalid key "bad key": expected a qualified name',
    ],
    [
      'quantity',
      { 'apps/d.yaml': deployment('          resources: { limits: { memory: 1GB } }\n') },
      'apps/d.yaml:13:42: spec.template.spec.containers[0].resources.limits.memory: expected a Kubernetes quantity such as',
    ],
    [
      'kubernetes cluster needs server or kubeconfig',
      {
        'clusters/k.yaml':
          'apiVersion: berth.dev/v1alpha1\nkind: Cluster\nmetadata: {name: k}\nspec:\n  type: kubernetes\n  kubernetes:\n    context: x\n',
      },
      'clusters/k.yaml:6:3: missing required field: one of "spec.kubernetes.server", "spec.kubernetes.kubeconfig" [BERTH_SCHEMA_REQUIRED]',
    ],
    [
      'docker cluster with a kubernetes block',
      {
        'clusters/d.yaml':
          'apiVersion: berth.dev/v1alpha1\nkind: Cluster\nmetadata: {name: d}\nspec:\n  type: docker\n  docker: {endpoints: [{name: a, url: "unix:///var/run/docker.sock"}]}\n  kubernetes: {server: "https://x"}\n',
      },
      'clusters/d.yaml:7:3: field "spec.kubernetes" is not allowed here [BERTH_SCHEMA_UNKNOWN_FIELD]',
    ],
    [
      'docker endpoint url',
      {
        'clusters/d.yaml':
          'apiVersion: berth.dev/v1alpha1\nkind: Cluster\nmetadata: {name: d}\nspec:\n  type: docker\n  docker:\n    endpoints:\n      - name: a\n        url: http://x\n',
      },
      'clusters/d.yaml:9:14: spec.docker.endpoints[0].url: expected unix:///path/to/docker.sock or tcp://host:port, got string "http://x"',
    ],
    [
      'document that is not a mapping',
      { 'apps/x.yaml': '- a\n- b\n' },
      'apps/x.yaml:1:1: document: expected a mapping with apiVersion, kind and metadata [BERTH_SCHEMA_TYPE]',
    ],
    [
      'missing kind',
      { 'apps/x.yaml': 'apiVersion: v1\nmetadata: {name: x}\n' },
      'apps/x.yaml:1:1: missing required field "kind" [BERTH_SCHEMA_REQUIRED]',
    ],
    [
      'kind in the wrong folder',
      { 'apps/c.yaml': 'apiVersion: berth.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\nspec: {type: docker}\n' },
      'apps/c.yaml:2:7: kind Cluster does not belong in apps/; put it in clusters/ [BERTH_UNKNOWN_KIND]',
    ],
    [
      'duplicate key',
      { 'apps/x.yaml': 'apiVersion: v1\nkind: Namespace\nkind: Namespace\nmetadata: {name: x}\n' },
      'apps/x.yaml:3:1: invalid YAML: Map keys must be unique [BERTH_YAML_SYNTAX]',
    ],
    [
      'two documents in berth.yaml',
      { 'berth.yaml': 'container_orchestrator: {}\n---\ncontainer_orchestrator: {}\n' },
      'berth.yaml:3:1: berth.yaml holds one YAML document; found another here [BERTH_SCHEMA_INVALID]',
    ],
    [
      'unknown berth.yaml section',
      { 'berth.yaml': 'container_orchestrator:\n  auto_scalin: {}\n' },
      'berth.yaml:2:3: unknown field "container_orchestrator.auto_scalin" (did you mean "auto_scaling"?) [BERTH_SCHEMA_UNKNOWN_FIELD]',
    ],
    [
      'configMapKeyRef to a missing key',
      {
        'apps/cm.yaml': configMap('cfg'),
        'apps/d.yaml': deployment(
          '          env:\n            - name: A\n              valueFrom: { configMapKeyRef: { name: cfg, key: nope } }\n',
        ),
      },
      'apps/d.yaml:15:63: ConfigMap "cfg" has no key "nope" (referenced by Deployment "web") [BERTH_MISSING_REFERENCE]',
    ],
    [
      'volume mount without a volume',
      { 'apps/d.yaml': deployment('          volumeMounts: [{ name: data, mountPath: /data }]\n') },
      'apps/d.yaml:13:34: volume mount "data" of container "web" names no volume in spec.template.spec.volumes [BERTH_MISSING_REFERENCE]',
    ],
    [
      'selector that selects none of the pods',
      { 'apps/d.yaml': deployment().replace('matchLabels: { app: web }', 'matchLabels: { app: api }') },
      'apps/d.yaml:6:35: spec.selector.matchLabels: "app: api" does not match spec.template.metadata.labels',
    ],
    [
      'secret referenced from another namespace',
      {
        'apps/s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: other}\nstringData: {a: b}\n',
        'apps/d.yaml': deployment('          envFrom: [{ secretRef: { name: s } }]\n', 'web', 'prod'),
      },
      'apps/d.yaml:14:42: Deployment "web" references Secret "s", which is not in this revision (namespace "prod")',
    ],
    [
      'file over 1 MiB',
      { 'apps/big.yaml': `# ${'x'.repeat(1024 * 1024)}\n` },
      'apps/big.yaml:1:1: file is 1048579 bytes; the limit is 1048576 (1 MiB) [BERTH_FILE_TOO_LARGE]',
    ],
  ])('%s', (_name, files, expected) => {
    const found = problems(files);
    expect(found).toEqual([expect.stringContaining(expected)]);
  });
});

describe('loadRevision: the revision as a whole', () => {
  it('collects every problem across files, sorted by file and line', () => {
    const found = problems({
      'apps/b.yaml': deployment().replace('image: busybox', 'image: 5'),
      'apps/a.yaml': 'apiVersion: v1\nkind: Foo\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: Bad_Name}\n',
      'clusters/c.yaml': 'a: [\n',
    });
    expect(found.map((f) => f.replace(/: .*\[/, ' ['))).toEqual([
      'apps/a.yaml:2:7 [BERTH_UNKNOWN_KIND]',
      'apps/a.yaml:6:18 [BERTH_SCHEMA_INVALID]',
      'apps/b.yaml:12:18 [BERTH_SCHEMA_TYPE]',
      expect.stringMatching(/^clusters\/c\.yaml:2:1 \[BERTH_YAML_SYNTAX\]/),
    ]);
  });

  it('never puts a Secret value into a message', () => {
    const value = 'hunter2-topsecret';
    const found = problems({
      'apps/s1.yaml': `apiVersion: v1\nkind: Secret\nmetadata: {name: a}\ndata: "${value}"\n`,
      'apps/s2.yaml': `apiVersion: v1\nkind: Secret\nmetadata: {name: b}\nstringData:\n  password: ["${value}"]\n`,
      'apps/s3.yaml': `apiVersion: v1\nkind: Secret\nmetadata: {name: c}\ndata:\n  password: "${value}!"\n`,
      'apps/s4.yaml': `apiVersion: v1\nkind: Secret\nmetadata: {name: d}\nstringData:\n  password: "${value}\n`,
    });
    expect(found).toHaveLength(4);
    for (const f of found) expect(f).not.toContain('hunter2');
    expect(found[1]).toContain('stringData.password: expected string, got array (value hidden)');
  });

  it('reads only berth.yaml, clusters/ and apps/ YAML, never .berth/', () => {
    const rev = loaded({
      'README.md': 'not: [yaml',
      'apps/notes.txt': 'not: [yaml',
      'apps/.berth/state.yaml': 'not: [yaml',
      'other/x.yaml': 'not: [yaml',
      'apps/ns.yml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: web}\n',
    });
    expect(rev.config).toBeUndefined();
    expect(rev.objects.map((o) => o.name)).toEqual(['web']);
  });

  it('an empty berth.yaml means defaults', () => {
    expect(loaded({ 'berth.yaml': '# nothing yet\n' }).config).toBeUndefined();
  });

  it('rejected files: reported where the loader would have read them, at path:1:1', () => {
    const rejected: RejectedFile[] = [
      { path: 'apps/evil.yaml', reason: 'symlink-outside', detail: '../../etc/passwd' },
      { path: 'docs/link.md', reason: 'symlink-outside', detail: '/etc/hosts' },
      { path: 'apps/huge.yaml', reason: 'too-large', detail: '5242880 bytes' },
    ];
    expect(problems({}, rejected)).toEqual([
      'apps/evil.yaml:1:1: symbolic link points outside the repository (../../etc/passwd); berth does not follow it [BERTH_SYMLINK_OUTSIDE_REPO]',
      'apps/huge.yaml:1:1: file is too large (5242880 bytes); the limit is 1 MiB [BERTH_FILE_TOO_LARGE]',
    ]);
  });

  it('optional references and references to an unwritten namespace are satisfied', () => {
    const rev = loaded({
      'apps/cm.yaml': configMap('cfg'),
      'apps/d.yaml': deployment(
        '          envFrom: [{ configMapRef: { name: cfg } }, { secretRef: { name: absent, optional: true } }]\n',
        'web',
        'prod',
      ),
    });
    expect(rev.objects).toHaveLength(2);
  });

  it('the same name in two namespaces is not a duplicate', () => {
    expect(problems({ 'apps/a.yaml': configMap('cfg', 'a'), 'apps/b.yaml': configMap('cfg', 'b') })).toEqual([]);
  });

  it('objects are typed and locate their fields', () => {
    const rev = loaded({ 'apps/d.yaml': deployment() });
    const [dep] = rev.objects;
    if (dep === undefined || !isKind(dep, 'Deployment')) throw new Error('expected a Deployment');
    expect(dep.body.spec.template.spec.containers[0]?.image).toBe('busybox');
    expect(dep.namespace).toBeUndefined();
    expect(dep.loc).toEqual({ file: 'apps/d.yaml', line: 1, column: 1 });
    expect(dep.locate(['spec', 'template', 'spec', 'containers', 0, 'image'])).toEqual({
      file: 'apps/d.yaml',
      line: 12,
      column: 18,
    });
  });

  it('a deeply nested document is an error, not a crash', () => {
    const deep = `${'['.repeat(20000)}${']'.repeat(20000)}`;
    const found = problems({ 'apps/deep.yaml': deep });
    expect(found).toEqual([
      expect.stringMatching(
        /^apps\/deep\.yaml:1:[0-9]+: invalid YAML: nested too deeply to process \[BERTH_YAML_SYNTAX\]$/,
      ),
    ]);
  });
});

describe('clusterTargets', () => {
  it('turns short and long forms into ClusterTargets', () => {
    const rev = loaded({
      'berth.yaml': [
        'container_orchestrator:',
        '  multi_cluster:',
        '    cluster_management:',
        '      - { cluster: prod, api_server: "https://prod:6443", namespace: production }',
        '      - { cluster: edge, api_server: "tcp://10.0.0.5:2375" }',
        '',
      ].join('\n'),
      'clusters/local.yaml': [
        'apiVersion: berth.dev/v1alpha1',
        'kind: Cluster',
        'metadata: { name: local, labels: { env: dev } }',
        'spec:',
        '  type: docker',
        '  docker: { endpoints: [{ name: h1, url: "unix:///run/docker.sock", labels: { zone: a } }] }',
        '---',
        'apiVersion: berth.dev/v1alpha1',
        'kind: Cluster',
        'metadata: { name: off }',
        'spec: { type: kubernetes, enabled: false, kubernetes: { kubeconfig: /k } }',
        '',
      ].join('\n'),
    });
    const targets = clusterTargets(rev);
    expect(targets.map((t) => ({ ...t, source: undefined }))).toEqual([
      {
        name: 'edge',
        type: 'docker',
        defaultNamespace: 'default',
        labels: {},
        docker: { endpoints: [{ name: 'edge', host: '10.0.0.5', port: 2375, protocol: 'http', labels: {} }] },
      },
      {
        name: 'local',
        type: 'docker',
        defaultNamespace: 'default',
        labels: { env: 'dev' },
        docker: { endpoints: [{ name: 'h1', socketPath: '/run/docker.sock', labels: { zone: 'a' } }] },
      },
      {
        name: 'prod',
        type: 'kubernetes',
        defaultNamespace: 'production',
        labels: {},
        kubernetes: { server: 'https://prod:6443' },
      },
    ]);
    expect(targets[2]?.source).toEqual({ file: 'berth.yaml', line: 4, column: 9 });
  });
});

describe('cross-object checks after a broken document', () => {
  it('a Secret that fails validation is reported once, not again as a missing reference', () => {
    const found = problems({
      'apps/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: { name: creds }\ndata: { token: "not base64!" }\n',
      'apps/web.yaml': deployment('          env: [{ name: T, valueFrom: { secretKeyRef: { name: creds, key: token } } }]'),
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('apps/secret.yaml:4:');
  });
});

describe('berth.dev/clusters', () => {
  const berthYaml = 'container_orchestrator:\n  multi_cluster:\n    enabled: true\n    cluster_management:\n      - cluster: local\n        api_server: unix:///var/run/docker.sock\n';
  it.each([
    ['local', 0],
    ['local, lcoal', 1],
    ['lcoal', 1],
  ])('"%s" → %d problem(s)', (value, count) => {
    const web = deployment().replace('  name: web\n', `  name: web\n  annotations: { berth.dev/clusters: "${value}" }\n`);
    const found = problems({ 'berth.yaml': berthYaml, 'apps/web.yaml': web });
    expect(found).toHaveLength(count);
    if (count > 0) expect(found[0]).toMatch(/^apps\/web\.yaml:5:\d+: Deployment "web" is meant for cluster "lcoal", which is not declared \(declared: local\).*\[BERTH_CLUSTER_UNKNOWN\]$/);
  });
});

describe('probe ports', () => {
  it.each([
    ['ports: [{ name: http, containerPort: 80 }]\n          readinessProbe: { httpGet: { path: /, port: http } }', 0],
    ['ports: [{ name: http, containerPort: 80 }]\n          readinessProbe: { httpGet: { path: /, port: htpp } }', 1],
    ['livenessProbe: { tcpSocket: { port: 8080 } }', 0],
  ])('%s → %d problem(s)', (extra, count) => {
    const found = problems({ 'apps/web.yaml': deployment(`          ${extra}`) });
    expect(found).toHaveLength(count);
    if (count > 0) expect(found[0]).toMatch(/^apps\/web\.yaml:14:\d+: .*has no port named "htpp" \[BERTH_MISSING_REFERENCE\]$/);
  });
});

describe('env valueFrom', () => {
  it.each([
    ['{}', 1],
    ['{ configMapKeyRef: { name: c, key: k, optional: true } }', 0],
    ['{ configMapKeyRef: { name: c, key: k, optional: true }, secretKeyRef: { name: s, key: k, optional: true } }', 1],
  ])('valueFrom: %s → %d problem(s)', (from, count) => {
    expect(problems({ 'apps/web.yaml': deployment(`          env: [{ name: X, valueFrom: ${from} }]`) })).toHaveLength(count);
  });
});

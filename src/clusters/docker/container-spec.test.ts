import { describe, it, expect } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthError } from '../../core/errors.js';
import type { MountedFile, PodContainer, Workload } from '../../core/model.js';
import { buildCreateSpec, fileLayout, WAIT_ARG0, type CreateInput } from './container-spec.js';
import { tarArchive } from './tar.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const file = (path: string, secret: boolean): MountedFile => ({ path, content: text(path), mode: 0o644, secret });
const c = (extra: Partial<PodContainer> = {}): PodContainer => ({ name: 'web', image: 'img:1', env: [], ports: [], resources: {}, files: [], ...extra });
const w = (containers: PodContainer[]): Workload => ({
  namespace: 'shop',
  app: 'web',
  replicas: 1,
  containers,
  labels: { tier: 'front', 'berth.dev/app': 'spoof' },
  source: { file: 'apps/web.yaml', line: 3, column: 1 },
});
const input = (workload: Workload, extra: Partial<CreateInput> = {}): CreateInput => ({
  owner: { repo: 'r', cluster: 'local' },
  revision: 'abc',
  host: 'h1',
  workload,
  index: 0,
  slot: 2,
  hash: '0123456789abcdef',
  specLabel: '{}',
  ...extra,
});

describe('buildCreateSpec: command and args (Kubernetes semantics)', () => {
  const image = { entrypoint: ['/entry'], cmd: ['serve', '--port=1'] };
  it.each<[string, Partial<PodContainer>, boolean, { Entrypoint?: string[]; Cmd?: string[] }]>([
    ['neither: image defaults', {}, false, {}],
    ['command only: replaces ENTRYPOINT, drops CMD', { command: ['/bin/app'] }, false, { Entrypoint: ['/bin/app'], Cmd: [] }],
    ['args only: replace CMD', { args: ['-v'] }, false, { Cmd: ['-v'] }],
    ['both', { command: ['/bin/app'], args: ['-v'] }, false, { Entrypoint: ['/bin/app'], Cmd: ['-v'] }],
    ['secret files, neither: image argv behind the wrapper', {}, true, { Cmd: ['/run/s/.berth-ready', '/entry', 'serve', '--port=1'] }],
    ['secret files, args only', { args: ['-v'] }, true, { Cmd: ['/run/s/.berth-ready', '/entry', '-v'] }],
    ['secret files, command only', { command: ['/bin/app'] }, true, { Cmd: ['/run/s/.berth-ready', '/bin/app'] }],
  ])('%s', (_n, extra, secret, expected) => {
    const files = secret ? [file('/run/s/token', true)] : [];
    const spec = buildCreateSpec(input(w([c({ ...extra, files })]), { image }));
    expect(spec.Cmd).toEqual(expected.Cmd);
    if (secret) expect(spec.Entrypoint?.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    if (secret) expect(spec.Entrypoint?.[3]).toBe(WAIT_ARG0);
    else expect(spec.Entrypoint).toEqual(expected.Entrypoint);
  });

  it('secret files with no command anywhere → BerthError naming the app', () => {
    expect(() => buildCreateSpec(input(w([c({ files: [file('/run/s/t', true)] })]), { image: { entrypoint: [], cmd: [] } }))).toThrow(
      BerthError,
    );
  });
});

describe('buildCreateSpec: host config', () => {
  it('maps ports, limits, network, labels and tmpfs', () => {
    const spec = buildCreateSpec(
      input(
        w([
          c({
            ports: [
              { containerPort: 8080, protocol: 'TCP' },
              { containerPort: 53, hostPort: 5353, protocol: 'UDP' },
            ],
            resources: { cpuLimitMilli: 1500, memoryLimitBytes: 1 << 26, cpuRequestMilli: 100 },
            files: [file('/etc/app/secret/key', true), file('/etc/app/conf', false)],
          }),
        ]),
        { image: { entrypoint: ['/x'], cmd: [] } },
      ),
    );
    expect(spec.name).toBe('berth-local-shop-web-2-0123456');
    expect(spec.Hostname).toBe('web-2');
    expect(spec.HostConfig.PortBindings).toEqual({
      '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
      '53/udp': [{ HostIp: '0.0.0.0', HostPort: '5353' }],
    });
    expect(spec.HostConfig.NanoCpus).toBe(1_500_000_000);
    expect(spec.HostConfig.Memory).toBe(1 << 26);
    expect(spec.HostConfig.NetworkMode).toBe('berth_shop');
    expect(spec.HostConfig.RestartPolicy).toEqual({ Name: 'unless-stopped' });
    expect(Object.keys(spec.HostConfig.Tmpfs ?? {})).toEqual(['/etc/app/secret']);
    expect(spec.NetworkingConfig?.EndpointsConfig['berth_shop']?.Aliases).toEqual(['web', 'web-2']);
    expect(spec.Labels['berth.dev/app']).toBe('web'); // a user label cannot spoof ownership
    expect(spec.Labels['tier']).toBe('front');
    expect(spec.Labels['berth.dev/slot']).toBe('2');
  });

  it('an extra container joins the first one\'s network namespace and publishes nothing', () => {
    const spec = buildCreateSpec(input(w([c({ ports: [{ containerPort: 80, protocol: 'TCP' }] }), c({ name: 'side', ports: [{ containerPort: 81, protocol: 'TCP' }] })]), { index: 1, mainId: 'abc123' }));
    expect(spec.name).toBe('berth-local-shop-web-2-0123456-side');
    expect(spec.HostConfig.NetworkMode).toBe('container:abc123');
    expect(spec.HostConfig.PortBindings).toBeUndefined();
    expect(spec.NetworkingConfig).toBeUndefined();
    expect(spec.Hostname).toBeUndefined();
  });

  it('the first container publishes the ports of every container of the pod', () => {
    const spec = buildCreateSpec(input(w([c({ ports: [{ containerPort: 80, protocol: 'TCP' }] }), c({ name: 'side', ports: [{ containerPort: 81, protocol: 'TCP' }] })])));
    expect(Object.keys(spec.HostConfig.PortBindings ?? {})).toEqual(['80/tcp', '81/tcp']);
  });
});

describe('fileLayout', () => {
  it.each<[string, MountedFile[], string[], string[], string[]]>([
    ['config only', [file('/etc/a', false)], [], ['/etc/a'], []],
    ['secret dir becomes tmpfs', [file('/s/k', true), file('/etc/a', false)], ['/s'], ['/etc/a'], ['/s/k']],
    ['nested secret dirs: outermost only', [file('/s/k', true), file('/s/sub/k2', true)], ['/s'], [], ['/s/k', '/s/sub/k2']],
    ['config file under a secret tmpfs goes by exec', [file('/s/k', true), file('/s/plain', false)], ['/s'], [], ['/s/k', '/s/plain']],
  ])('%s', (_n, files, tmpfs, archive, exec) => {
    const layout = fileLayout(c({ files }));
    expect(layout.tmpfsDirs).toEqual(tmpfs);
    expect(layout.archiveFiles.map((f) => f.path)).toEqual(archive);
    expect(layout.execFiles.map((f) => f.path)).toEqual(exec);
  });
});

describe('tarArchive', () => {
  it('is read back by GNU tar with content and mode, including long paths', () => {
    const long = `${'d'.repeat(90)}/${'e'.repeat(60)}/file.conf`;
    const tar = tarArchive([
      { path: 'etc/app/a.conf', content: text('hello\n'), mode: 0o640 },
      { path: long, content: text('x'.repeat(1000)), mode: 0o644 },
      { path: 'empty', content: new Uint8Array(), mode: 0o600 },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'berth-tar-'));
    try {
      execFileSync('tar', ['-x', '-C', dir], { input: tar });
      expect(readFileSync(join(dir, 'etc/app/a.conf'), 'utf8')).toBe('hello\n');
      expect(statSync(join(dir, 'etc/app/a.conf')).mode & 0o777).toBe(0o640);
      expect(readFileSync(join(dir, long), 'utf8')).toHaveLength(1000);
      expect(statSync(join(dir, 'empty')).size).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

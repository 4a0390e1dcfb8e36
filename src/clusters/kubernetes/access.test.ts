import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthError, ErrorCode } from '../../core/errors.js';
import type { ClusterTarget, KubernetesAccess } from '../../core/model.js';
import * as lib from '@kubernetes/client-node';
import { expandPath, loadAccess } from './access.js';

const TOKEN = 'sekret-token-value-0042';
let dir: string;

const kubeconfig = (server: string): string => `apiVersion: v1
kind: Config
clusters:
- name: a
  cluster: { server: "${server}", insecure-skip-tls-verify: true }
- name: b
  cluster: { server: "https://b.example:6443" }
users:
- name: u
  user: { token: ${TOKEN} }
contexts:
- name: ctx-a
  context: { cluster: a, user: u }
- name: ctx-b
  context: { cluster: b, user: u }
current-context: ctx-a
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-access-'));
  await writeFile(join(dir, 'config'), kubeconfig('https://a.example:6443'));
  await writeFile(join(dir, 'token'), `${TOKEN}\n`);
  await writeFile(join(dir, 'empty'), '  \n');
  await writeFile(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cluster = (k: Partial<KubernetesAccess> | undefined): ClusterTarget => ({
  name: 'prod',
  type: 'kubernetes',
  defaultNamespace: 'default',
  labels: {},
  ...(k !== undefined ? { kubernetes: { server: '', ...k } } : {}),
  source: { file: 'clusters/prod.yaml', line: 1, column: 1 },
});

const deps = (env: Record<string, string> = {}) => ({ env, readFile: (p: string) => readFileSync(p, 'utf8'), homedir: () => dir });

describe('loadAccess', () => {
  it('a kubeconfig file: its current context', () => {
    const a = loadAccess(cluster({ kubeconfig: join(dir, 'config') }), deps(), lib);
    expect(a.server).toBe('https://a.example:6443');
  });

  it('a kubeconfig file with a context, written with ~/', () => {
    const a = loadAccess(cluster({ kubeconfig: '~/config', context: 'ctx-b' }), deps(), lib);
    expect(a.server).toBe('https://b.example:6443');
  });

  it('a server with a token from the environment and a CA file', () => {
    const a = loadAccess(cluster({ server: 'https://api.example:6443/', tokenEnv: 'K8S_TOKEN', caFile: join(dir, 'ca.pem') }), deps({ K8S_TOKEN: TOKEN }), lib);
    expect(a.server).toBe('https://api.example:6443');
    expect(a.kubeConfig.getCurrentUser()?.token).toBe(TOKEN);
    expect(a.kubeConfig.getCurrentCluster()?.caFile).toBe(join(dir, 'ca.pem'));
  });

  it('a server with a token file (trimmed)', () => {
    const a = loadAccess(cluster({ server: 'https://api.example:6443', tokenFile: join(dir, 'token') }), deps(), lib);
    expect(a.kubeConfig.getCurrentUser()?.token).toBe(TOKEN);
  });

  it('a short-form cluster (server only): token and CA from variables named after the cluster', () => {
    const a = loadAccess(cluster({ server: 'https://api.example:6443' }), deps({ BERTH_K8S_TOKEN_PROD: TOKEN, BERTH_K8S_CA_FILE_PROD: join(dir, 'ca.pem') }), lib);
    expect(a.kubeConfig.getCurrentUser()?.token).toBe(TOKEN);
    expect(a.kubeConfig.getCurrentCluster()?.caFile).toBe(join(dir, 'ca.pem'));
  });

  it.each<[string, Partial<KubernetesAccess> | undefined, Record<string, string>, RegExp]>([
    ['no kubernetes block', undefined, {}, /no kubernetes access configured/],
    ['neither server nor kubeconfig', {}, {}, /no API server/],
    ['a server without a token', { server: 'https://api.example:6443' }, {}, /no credentials for https:\/\/api.example:6443: set tokenEnv or tokenFile \(or the environment variable BERTH_K8S_TOKEN_PROD\)/],
    ['tokenEnv not set', { server: 'https://api.example:6443', tokenEnv: 'K8S_TOKEN' }, {}, /environment variable K8S_TOKEN \(tokenEnv\) is not set or empty/],
    ['tokenEnv empty', { server: 'https://api.example:6443', tokenEnv: 'K8S_TOKEN' }, { K8S_TOKEN: ' ' }, /K8S_TOKEN \(tokenEnv\) is not set or empty/],
    ['token file missing', { server: 'https://api.example:6443', tokenFile: '/nonexistent/token' }, {}, /token file \/nonexistent\/token \(tokenFile\) cannot be read/],
    ['token file empty', { server: 'https://api.example:6443', tokenFile: '~/empty' }, {}, /token file .*empty \(tokenFile\) is empty/],
    ['CA file missing', { server: 'https://api.example:6443', tokenEnv: 'T', caFile: '/nonexistent/ca.pem' }, { T: TOKEN }, /CA file \/nonexistent\/ca.pem \(caFile\) cannot be read/],
    ['kubeconfig missing', { kubeconfig: '/nonexistent/kubeconfig' }, {}, /kubeconfig \/nonexistent\/kubeconfig cannot be read/],
    ['unknown context', { kubeconfig: '~/config', context: 'nope' }, {}, /has no context "nope"/],
  ])('%s → BERTH_CREDENTIALS naming the cluster and what is missing', (_n, k, env, message) => {
    let error: unknown;
    try {
      loadAccess(cluster(k), deps(env), lib);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BerthError);
    const be = error as BerthError;
    expect(be.code).toBe(ErrorCode.Credentials);
    expect(be.message).toMatch(/^cluster prod: /);
    expect(be.message).toMatch(message);
    expect(be.location?.file).toBe('clusters/prod.yaml');
    expect(be.format()).not.toContain(TOKEN);
  });
});

describe('expandPath', () => {
  it.each([
    ['~/x/config', '/home/u/x/config'],
    ['~', '/home/u'],
    ['/abs/config', '/abs/config'],
  ])('%s → %s', (p, expected) => {
    expect(expandPath(p, () => '/home/u')).toBe(expected);
  });
});

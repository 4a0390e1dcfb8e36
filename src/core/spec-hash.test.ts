import { describe, it, expect } from '@jest/globals';
import type { PodContainer } from './model.js';
import { canonicalJson, containerSpecDigest, podSpecDigest, podSpecHash, secretDigest, shortDigest } from './spec-hash.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

const greeting = { name: 'GREETING', value: 'hello', secret: false };
const token = { name: 'TOKEN', value: 's3cr3t-value', secret: true };
const fileA = { path: '/etc/app/a.conf', content: text('a=1'), mode: 0o644, secret: false };
const fileB = { path: '/etc/app/b.conf', content: text('b=1'), mode: 0o644, secret: false };
const base: PodContainer = {
  name: 'web',
  image: 'berth-demo/web:1',
  env: [greeting, token],
  ports: [{ containerPort: 8080, protocol: 'TCP' }],
  resources: { cpuLimitMilli: 500, memoryLimitBytes: 64 * 1024 * 1024 },
  files: [fileA, fileB],
};

const with_ = (patch: Partial<PodContainer>): PodContainer => ({ ...base, ...patch });

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, { a: 2, b: 1 }],
    [{ x: { d: [1, { z: 1, y: 2 }], c: 'c' } }, { x: { c: 'c', d: [1, { y: 2, z: 1 }] } }],
    [{ a: 1, u: undefined }, { a: 1 }],
  ])('sorts keys and drops undefined: %j', (a, b) => {
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });
});

describe('specHash', () => {
  const h0 = podSpecHash({ containers: [base], labels: {} });

  it('is 16 lowercase hex characters and stable', () => {
    expect(h0).toMatch(/^[0-9a-f]{16}$/);
    expect(podSpecHash({ containers: [base], labels: {} })).toBe(h0);
  });

  it.each<[string, PodContainer, boolean]>([
    ['same content, new objects', with_({ resources: { memoryLimitBytes: 64 * 1024 * 1024, cpuLimitMilli: 500 } }), false],
    ['files listed in another order', with_({ files: [...base.files].reverse() }), false],
    ['file content changes', with_({ files: [{ ...fileA, content: text('a=2') }, fileB] }), true],
    ['file mode changes', with_({ files: [{ ...fileA, mode: 0o600 }, fileB] }), true],
    ['image changes', with_({ image: 'berth-demo/web:2' }), true],
    ['env value changes', with_({ env: [{ ...greeting, value: 'hi' }, token] }), true],
    ['secret env value changes', with_({ env: [greeting, { ...token, value: 'other' }] }), true],
    // Decision: env order matters (Kubernetes env is an ordered list; $(VAR) refers to earlier entries).
    ['env order changes', with_({ env: [...base.env].reverse() }), true],
    ['cpu limit changes', with_({ resources: { ...base.resources, cpuLimitMilli: 250 } }), true],
    ['args appear', with_({ args: ['-v'] }), true],
    ['port changes', with_({ ports: [{ containerPort: 8081, protocol: 'TCP' }] }), true],
  ])('%s → changed: %s', (_name, changed, expected) => {
    expect(podSpecHash({ containers: [changed], labels: {} }) !== h0).toBe(expected);
  });

  it('does not depend on the revision: it is not an input at all, and labels only when given', () => {
    expect(podSpecHash({ containers: [base], labels: {} })).toBe(h0);
    expect(podSpecHash({ containers: [base], labels: { tier: 'web' } })).not.toBe(h0);
  });
});

describe('podSpecHash', () => {
  const pod = { containers: [base], labels: { tier: 'web' } };
  it.each([
    ['label key order', { containers: [base], labels: { tier: 'web' } }, false],
    ['label value', { containers: [base], labels: { tier: 'api' } }, true],
    ['a sidecar', { containers: [base, with_({ name: 'side' })], labels: { tier: 'web' } }, true],
  ])('%s → changed: %s', (_n, other, expected) => {
    expect(podSpecHash(other) !== podSpecHash(pod)).toBe(expected);
  });
});

describe('containerSpecDigest', () => {
  it('never contains a secret value', () => {
    const secretFile = { path: '/run/s/token', content: text('file-secret-xyz'), mode: 0o600, secret: true };
    const digest = JSON.stringify(podSpecDigest({ containers: [with_({ files: [secretFile] })], labels: {} }));
    expect(digest).not.toContain('s3cr3t-value');
    expect(digest).not.toContain('file-secret-xyz');
    expect(containerSpecDigest(base).env[1]).toEqual({ name: 'TOKEN', secret: true, digest: expect.stringMatching(/^sha256:/) });
  });
});

describe('secretDigest', () => {
  it.each([
    [undefined, /^sha256:[0-9a-f]{16}$/],
    ['', /^sha256:[0-9a-f]{16}$/],
    ['k3y-material', /^hmac:[0-9a-f]{16}$/],
  ])('key %j', (key, shape) => {
    expect(secretDigest('s3cret', key)).toMatch(shape);
  });

  it('a keyed digest depends on the key and is not the plain digest', () => {
    expect(secretDigest('s3cret', 'a')).not.toBe(secretDigest('s3cret', 'b'));
    expect(secretDigest('s3cret', 'a').slice(5)).not.toBe(shortDigest('s3cret').slice(7));
  });
});

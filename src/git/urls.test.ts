import { describe, expect, it } from '@jest/globals';
import { cacheKey, isCleanRelativePath, isHttpUrl, isUnsupportedUrl, looksLikeSha, matchRef, redactUrl, scrub, shortRef, splitCredentials } from './urls.js';
import { remoteAuth } from './remote.js';

describe('urls', () => {
  it.each([
    ['https://h/x.git', true],
    ['HTTP://h/x.git', true],
    ['/srv/repo', false],
    ['ssh://git@h/x.git', false],
  ])('isHttpUrl(%s) = %s', (url, want) => {
    expect(isHttpUrl(url)).toBe(want);
  });

  it.each([
    ['ssh://git@h/x.git', true],
    ['git@github.com:o/r.git', true],
    ['file:///srv/repo', true],
    ['/srv/repo', false],
    ['./repo', false],
  ])('isUnsupportedUrl(%s) = %s', (url, want) => {
    expect(isUnsupportedUrl(url)).toBe(want);
  });

  it.each([
    ['https://user:s3cret@h/x.git', 'https://h/x.git'],
    ['https://s3cret@h/x.git', 'https://h/x.git'],
    ['https://h/x.git', 'https://h/x.git'],
    ['ssh://u:s3cret@h/x.git', 'ssh://h/x.git'],
    ['/srv/repo', '/srv/repo'],
  ])('redactUrl(%s) = %s', (url, want) => {
    expect(redactUrl(url)).toBe(want);
  });

  it('splits percent-encoded credentials off a URL', () => {
    expect(splitCredentials('https://u%40x:p%2Fw@h/r.git')).toEqual({ url: 'https://h/r.git', username: 'u@x', password: 'p/w' });
  });

  it.each([
    [{ url: 'https://h/r.git', token: 'spec' }, { url: 'https://h/r.git', username: 'x-access-token', token: 'spec' }],
    [{ url: 'https://u:urltok@h/r.git' }, { url: 'https://h/r.git', username: 'u', token: 'urltok' }],
    [{ url: 'https://urltok@h/r.git' }, { url: 'https://h/r.git', username: 'x-access-token', token: 'urltok' }],
    [{ url: 'https://h/r.git', env: { BERTH_GIT_TOKEN: 'envtok' } }, { url: 'https://h/r.git', username: 'x-access-token', token: 'envtok' }],
    [{ url: 'https://h/r.git', env: {} }, { url: 'https://h/r.git', username: 'x-access-token', token: undefined }],
  ])('remoteAuth(%j)', (spec, want) => {
    expect(remoteAuth(spec)).toEqual(want);
  });

  it('scrubs secrets and URL user info from text', () => {
    expect(scrub('failed https://a:tok@h/x with tok', ['tok'])).toBe('failed https://h/x with ***');
  });

  it('keys the cache by the URL without credentials', () => {
    expect(cacheKey('https://a:b@h/x.git')).toBe(cacheKey('https://h/x.git'));
    expect(cacheKey('https://h/x.git')).not.toBe(cacheKey('https://h/y.git'));
  });

  it.each([
    ['abcd', true],
    ['0123456789abcdef0123456789abcdef01234567', true],
    ['abc', false],
    ['main', false],
    ['v1.0', false],
  ])('looksLikeSha(%s) = %s', (ref, want) => {
    expect(looksLikeSha(ref)).toBe(want);
  });

  const refs = new Set(['refs/heads/main', 'refs/tags/v1', 'refs/heads/v1', 'refs/heads/feature/x']);
  it.each([
    ['main', 'refs/heads/main'],
    ['v1', 'refs/tags/v1'], // tags before branches, as in git rev-parse
    ['feature/x', 'refs/heads/feature/x'],
    ['refs/heads/v1', 'refs/heads/v1'],
    ['heads/main', 'refs/heads/main'],
    ['nope', undefined],
  ])('matchRef(%s) = %s', (name, want) => {
    expect(matchRef(name, refs)).toBe(want);
  });

  it.each([
    ['refs/heads/main', 'main'],
    ['refs/tags/v1', 'v1'],
    ['refs/pull/1/head', 'refs/pull/1/head'],
  ])('shortRef(%s) = %s', (full, want) => {
    expect(shortRef(full)).toBe(want);
  });

  it.each([
    ['a/b.yaml', true],
    ['', false],
    ['/a', false],
    ['a//b', false],
    ['a/../b', false],
    ['./a', false],
    ['.git/config', false],
  ])('isCleanRelativePath(%s) = %s', (p, want) => {
    expect(isCleanRelativePath(p)).toBe(want);
  });
});

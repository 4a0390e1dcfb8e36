/**
 * Pure helpers about repository locations and ref names. No I/O, no isomorphic-git.
 */
import { sha256Hex } from '../core/spec-hash.js';

/** isomorphic-git speaks only HTTP(S) to remotes; everything else is treated as a local folder. */
export function isHttpUrl(repo: string): boolean {
  return /^https?:\/\//i.test(repo);
}

/** Other URL forms git users write; rejected with a clear message instead of read as a folder. */
export function isUnsupportedUrl(repo: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[^/\s]+@[^/\s]+:/.test(repo);
}

/**
 * Splits credentials off an HTTP(S) URL: the bare URL goes to isomorphic-git and into ids and
 * logs, the secret only into onAuth. `https://tok@host` and `https://user:tok@host` both work.
 */
export function splitCredentials(url: string): { url: string; username?: string; password?: string } {
  const u = new URL(url);
  const username = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  u.username = '';
  u.password = '';
  return {
    url: u.toString(),
    ...(username !== '' ? { username } : {}),
    ...(password !== '' ? { password } : {}),
  };
}

/** The URL without user info, for ids, logs and error messages. Non-URLs come back unchanged. */
export function redactUrl(url: string): string {
  if (isHttpUrl(url)) {
    try {
      return splitCredentials(url).url;
    } catch {
      // not a parseable URL: fall through to the textual strip
    }
  }
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

/** Removes every occurrence of the secrets from a text that may end up in a log or an error. */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (s !== undefined && s.length > 0) out = out.split(s).join('***');
  }
  return out.replace(/(https?:\/\/)[^/@\s]*@/gi, '$1');
}

/** Folder name of a remote's cache: stable for one URL, independent of the credentials. */
export function cacheKey(url: string): string {
  return sha256Hex(redactUrl(url)).slice(0, 20);
}

export function looksLikeSha(ref: string): boolean {
  return /^[0-9a-f]{4,40}$/i.test(ref);
}

/**
 * Finds a ref name among a server's refs the way git does (`git rev-parse` order):
 * the name itself, refs/<name>, refs/tags/<name>, refs/heads/<name>.
 */
export function matchRef(name: string, refs: ReadonlySet<string>): string | undefined {
  const candidates = [name, `refs/${name}`, `refs/tags/${name}`, `refs/heads/${name}`];
  return candidates.find((c) => c.startsWith('refs/') && refs.has(c));
}

/** `refs/heads/main` → `main`, `refs/tags/v1` → `v1`. */
export function shortRef(fullref: string): string {
  return fullref.replace(/^refs\/(heads|tags)\//, '');
}

/** Repository-relative POSIX paths that are safe to write as a tree: no '', '.', '..' segments. */
export function isCleanRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((s) => s !== '' && s !== '.' && s !== '..' && s !== '.git');
}

// A real git HTTP server for berth's tests: Debian git's git-http-backend run as CGI behind a
// small Node `http` server on loopback, plus a helper that commits with the git CLI. Both sides
// are real git, so what isomorphic-git does against it is what it would do against a forge.
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';

export interface GitServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** GIT_PROJECT_ROOT: the bare repositories live here. */
  readonly root: string;
  /** Creates `<name>.git` (bare, HEAD → main, pushes allowed) and returns its clone URL. */
  createRepo(name: string): Promise<string>;
  stop(): Promise<void>;
}

export interface GitServerOptions {
  /** When set, every request needs HTTP Basic auth whose password (or username) is the token. */
  readonly token?: string;
}

/** Test identity and settings for every git CLI call, independent of the machine's config. */
const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@localhost',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@localhost',
  GIT_TERMINAL_PROMPT: '0',
};

/** Runs the git CLI and returns trimmed stdout. */
export async function git(args: readonly string[], cwd?: string): Promise<string> {
  const { stdout } = await run('git', [...args], { cwd, env: GIT_ENV, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

export async function startGitServer(opts: GitServerOptions = {}): Promise<GitServer> {
  const root = await mkdtemp(join(tmpdir(), 'berth-gitserver-'));
  const server = createServer((req, res) => {
    handle(root, opts.token, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return {
    url,
    root,
    async createRepo(name: string) {
      const dir = name.endsWith('.git') ? name : `${name}.git`;
      const path = join(root, dir);
      await mkdir(dirname(path), { recursive: true });
      await git(['init', '--quiet', '--bare', '-b', 'main', path]);
      await git(['config', 'http.receivepack', 'true'], path);
      return `${url}/${dir}`;
    },
    async stop() {
      await closeServer(server);
      await rm(root, { recursive: true, force: true });
    },
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => {
    server.close((err) => {
      if (err) reject(err);
      else resolve();
    });
  });
}

/** The Basic-auth user when the request carries the token, else undefined. */
function authorizedUser(req: IncomingMessage, token: string): string | undefined {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon < 0 ? decoded : decoded.slice(0, colon);
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  return password === token || user === token ? user || 'token' : undefined;
}

function handle(root: string, token: string | undefined, req: IncomingMessage, res: ServerResponse): void {
  let user: string | undefined;
  if (token !== undefined) {
    user = authorizedUser(req, token);
    if (user === undefined) {
      req.resume();
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="berth-test"', 'Content-Type': 'text/plain' });
      res.end('authentication required\n');
      return;
    }
  }
  const parsed = new URL(req.url ?? '/', 'http://localhost');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    PATH_INFO: decodeURIComponent(parsed.pathname),
    REQUEST_METHOD: req.method ?? 'GET',
    QUERY_STRING: parsed.search.replace(/^\?/, ''),
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
  };
  // Chunked requests have no length: git-http-backend then reads the body until EOF.
  if (req.headers['content-length'] !== undefined) env['CONTENT_LENGTH'] = req.headers['content-length'];
  if (user !== undefined) env['REMOTE_USER'] = user;
  const protocol = req.headers['git-protocol'];
  if (typeof protocol === 'string') env['HTTP_GIT_PROTOCOL'] = protocol;
  const encoding = req.headers['content-encoding'];
  if (typeof encoding === 'string') env['HTTP_CONTENT_ENCODING'] = encoding;

  const cgi = spawn(HTTP_BACKEND, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  req.pipe(cgi.stdin);
  cgi.stdin.on('error', () => undefined); // the backend may exit before reading everything
  let stderr = '';
  cgi.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  let head = Buffer.alloc(0);
  let headersDone = false;
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const split = findHeaderEnd(head);
    if (split === undefined) return;
    headersDone = true;
    writeCgiHead(res, head.subarray(0, split.at).toString('latin1'));
    const rest = head.subarray(split.at + split.length);
    if (rest.length > 0) res.write(rest);
  });
  cgi.on('close', (code) => {
    if (!headersDone) {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`git-http-backend exited with ${String(code)}: ${stderr}`);
      return;
    }
    res.end();
  });
  cgi.on('error', (err) => {
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end(String(err));
  });
}

/** CGI headers end with an empty line; the backend uses CRLF but plain LF is legal too. */
function findHeaderEnd(buf: Buffer): { at: number; length: number } | undefined {
  const crlf = buf.indexOf('\r\n\r\n');
  const lf = buf.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { at: crlf, length: 4 };
  if (lf >= 0) return { at: lf, length: 2 };
  return undefined;
}

function writeCgiHead(res: ServerResponse, text: string): void {
  let status = 200;
  let reason: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') {
      const match = /^(\d{3})\s*(.*)$/.exec(value);
      if (match) {
        status = Number(match[1]);
        reason = match[2] || undefined;
      }
    } else {
      res.appendHeader(name, value);
    }
  }
  res.statusCode = status;
  if (reason !== undefined) res.statusMessage = reason;
}

/** A file's new content, `null` to delete it, or a symlink to create. */
export type FileChange = string | null | { readonly symlink: string };

export interface CommitOptions {
  /** Branch to commit on (remote only; created as an orphan when missing). Default: main. */
  readonly branch?: string;
  /** Token for a server started with `{ token }`. */
  readonly token?: string;
}

/**
 * Commits `files` with the git CLI and returns the new commit SHA. `target` is either a local
 * working repository (commits on its current branch, no push) or a clone URL (fetches the
 * branch into a temporary repository, commits on top of it, pushes, removes the temporary copy).
 */
export async function commitFiles(
  target: string,
  files: Readonly<Record<string, FileChange>>,
  message: string,
  opts: CommitOptions = {},
): Promise<string> {
  if (!/^https?:\/\//.test(target)) return commitInWorkdir(target, files, message);
  const branch = opts.branch ?? 'main';
  const url = withToken(target, opts.token);
  const dir = await mkdtemp(join(tmpdir(), 'berth-commit-'));
  try {
    await git(['init', '--quiet', '-b', branch, dir]);
    const exists = (await git(['ls-remote', '--heads', url, `refs/heads/${branch}`], dir)) !== '';
    if (exists) {
      await git(['fetch', '--quiet', url, `refs/heads/${branch}`], dir);
      await git(['reset', '--quiet', '--hard', 'FETCH_HEAD'], dir);
    }
    const sha = await commitInWorkdir(dir, files, message);
    await git(['push', '--quiet', url, `HEAD:refs/heads/${branch}`], dir);
    return sha;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function commitInWorkdir(dir: string, files: Readonly<Record<string, FileChange>>, message: string): Promise<string> {
  for (const [path, change] of Object.entries(files)) {
    const full = join(dir, path);
    await rm(full, { force: true });
    if (change === null) continue;
    await mkdir(dirname(full), { recursive: true });
    if (typeof change === 'string') await writeFile(full, change);
    else await symlink(change.symlink, full);
  }
  await git(['add', '-A', '--', ...Object.keys(files)], dir);
  await git(['commit', '--quiet', '--allow-empty', '-m', message], dir);
  return git(['rev-parse', 'HEAD'], dir);
}

/** Creates a non-bare working repository (branch main) in a new temporary folder. */
export async function createWorkRepo(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-workrepo-'));
  await git(['init', '--quiet', '-b', 'main', dir]);
  return dir;
}

/** The URL with `x-access-token:<token>@` for the git CLI (tests only: never log it). */
export function withToken(url: string, token: string | undefined): string {
  if (token === undefined) return url;
  const u = new URL(url);
  u.username = 'x-access-token';
  u.password = token;
  return u.toString();
}

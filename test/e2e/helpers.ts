/** Helpers shared by the end-to-end tests: berth in-process, the docker CLI for assertions. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { main, type Io } from '../../src/cli/main.js';

const run = promisify(execFile);

export interface Captured {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the berth CLI in this process with its own environment; logs go to stdout as JSON. */
export async function berth(argv: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), isTty: false, env: { ...process.env, ...env } };
  const code = await main([...argv, '--log-level', 'warn'], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export async function docker(host: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('docker', ['-H', host, ...args], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

export interface LiveContainer {
  readonly id: string;
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly state: string;
}

/** Every container berth manages on this engine (running or not), sorted by name. */
export async function berthContainers(host: string): Promise<LiveContainer[]> {
  const ids = (await docker(host, ['ps', '-aq', '--filter', 'label=app.kubernetes.io/managed-by=berth'])).split('\n').filter(Boolean);
  if (ids.length === 0) return [];
  const raw = JSON.parse(await docker(host, ['inspect', ...ids])) as { Id: string; Name: string; Config: { Labels: Record<string, string> }; State: { Status: string } }[];
  return raw.map((c) => ({ id: c.Id, name: c.Name.replace(/^\//, ''), labels: c.Config.Labels, state: c.State.Status })).sort((a, b) => a.name.localeCompare(b.name));
}

export async function inspect(host: string, id: string): Promise<{ Config: { Env: string[] }; HostConfig: { NanoCpus: number; Memory: number } }> {
  const [c] = JSON.parse(await docker(host, ['inspect', id])) as { Config: { Env: string[] }; HostConfig: { NanoCpus: number; Memory: number } }[];
  if (c === undefined) throw new Error(`no container ${id}`);
  return c;
}

export const byApp = (cs: readonly LiveContainer[], app: string): LiveContainer[] => cs.filter((c) => c.labels['berth.dev/app'] === app);

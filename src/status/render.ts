/**
 * Renders the status branch tree from one pass: a small YAML file per cluster and app, one per
 * cluster, the revision record and a readable SUMMARY.md. Pure and deterministic (no timestamps:
 * the commit carries the time), so an unchanged world renders byte-identical files and the status
 * store commits nothing.
 */
import { stringify } from 'yaml';
import type { AppStatus } from '../core/driver.js';
import type { BerthError } from '../core/errors.js';

export interface ClusterOutcome {
  readonly cluster: string;
  readonly type: string;
  readonly apps: readonly AppStatus[];
  readonly error?: string; // cluster-level failure (unreachable, apply error)
}

export interface PassOutcome {
  readonly repository: string;
  readonly ref: string;
  readonly sha: string;
  /** Set when the revision was rejected: nothing was applied. */
  readonly problems?: readonly BerthError[];
  readonly clusters: readonly ClusterOutcome[];
}

export const REVISION_FILE = 'revision.yaml';
export const SUMMARY_FILE = 'SUMMARY.md';

interface RevisionRecord {
  repository: string;
  ref: string;
  revision: string;
  result: 'applied' | 'rejected' | 'failed';
  applied?: string; // last revision applied (kept when a newer one is rejected)
  problems?: { code: string; file?: string; line?: number; column?: number; field?: string; message: string }[];
}

const appPath = (cluster: string, ns: string, app: string): string => `clusters/${cluster}/${ns}/${app}.yaml`;
const clusterPath = (cluster: string): string => `clusters/${cluster}/cluster.yaml`;

/**
 * Engine errors carry ids that change on every attempt (Docker endpoint and container ids); the
 * status keeps the message stable so an unchanged failure does not make a commit every pass.
 */
export function stableError(message: string): string {
  return message.replace(/\b[0-9a-f]{12,64}\b/g, '<id>');
}

function dump(value: unknown): string {
  return stringify(value, { lineWidth: 0, sortMapEntries: false });
}

function problemRecord(e: BerthError): NonNullable<RevisionRecord['problems']>[number] {
  return {
    code: e.code,
    ...(e.location ? { file: e.location.file, line: e.location.line, column: e.location.column } : {}),
    ...(e.field !== undefined ? { field: e.field } : {}),
    message: e.message,
  };
}

/**
 * `previous` is the current status tree. A rejected revision keeps every app file as it was
 * (what runs keeps running) and only records why it was rejected.
 */
export function renderStatus(outcome: PassOutcome, previous: ReadonlyMap<string, string>, opts: { readonly partial?: boolean } = {}): Map<string, string> {
  const files = new Map<string, string>();
  if (opts.partial === true) {
    // A pass limited to some clusters (--cluster) says nothing new about the others.
    const passed = new Set(outcome.clusters.map((c) => c.cluster));
    for (const [k, v] of previous) {
      const cluster = /^clusters\/([^/]+)\//.exec(k)?.[1];
      if (cluster !== undefined && !passed.has(cluster)) files.set(k, v);
    }
  }
  const prevRevision = previous.get(REVISION_FILE);
  const lastApplied = /^applied: (\S+)$/m.exec(prevRevision ?? '')?.[1] ?? /^revision: (\S+)$/m.exec(prevRevision ?? '')?.[1];

  if (outcome.problems !== undefined) {
    for (const [k, v] of previous) if (k.startsWith('clusters/')) files.set(k, v);
    const record: RevisionRecord = {
      repository: outcome.repository,
      ref: outcome.ref,
      revision: outcome.sha,
      result: 'rejected',
      ...(lastApplied !== undefined ? { applied: lastApplied } : {}),
      problems: outcome.problems.map(problemRecord),
    };
    files.set(REVISION_FILE, dump(record));
    files.set(SUMMARY_FILE, summarize(outcome, files));
    return files;
  }

  let failed = false;
  for (const c of outcome.clusters) {
    if (c.error !== undefined) {
      failed = true;
      // The cluster could not be observed: keep what was last known of its apps.
      if (c.apps.length === 0) for (const [k, v] of previous) if (k.startsWith(`clusters/${c.cluster}/`)) files.set(k, v);
    }
    files.set(clusterPath(c.cluster), dump({ cluster: c.cluster, type: c.type, result: c.error === undefined ? 'ok' : 'failed', ...(c.error !== undefined ? { lastError: stableError(c.error) } : {}) }));
    for (const a of c.apps) {
      if (a.result === 'failed' || a.result === 'degraded') failed = true;
      files.set(
        appPath(c.cluster, a.namespace, a.app),
        dump({
          cluster: c.cluster,
          namespace: a.namespace,
          app: a.app,
          revision: outcome.sha,
          desiredReplicas: a.desiredReplicas,
          runningReplicas: a.runningReplicas,
          readyReplicas: a.readyReplicas,
          result: a.result,
          ...(a.message !== undefined ? { lastError: stableError(a.message) } : {}),
          ...(a.endpoints !== undefined && a.endpoints.length > 0 ? { endpoints: [...a.endpoints] } : {}),
        }),
      );
    }
  }
  // `applied` names the last revision that every cluster took without failure.
  const applied = failed || opts.partial === true ? lastApplied : outcome.sha;
  const record: RevisionRecord = {
    repository: outcome.repository,
    ref: outcome.ref,
    revision: outcome.sha,
    result: failed ? 'failed' : 'applied',
    ...(applied !== undefined ? { applied } : {}),
  };
  files.set(REVISION_FILE, dump(record));
  files.set(SUMMARY_FILE, summarize(outcome, files));
  return files;
}

function summarize(outcome: PassOutcome, files: ReadonlyMap<string, string>): string {
  const lines = [`# berth status`, '', `Repository: ${outcome.repository}`, `Ref: ${outcome.ref} at ${outcome.sha}`, ''];
  if (outcome.problems !== undefined) {
    lines.push(`**Revision rejected — nothing was applied; what ran before keeps running.**`, '');
    for (const p of outcome.problems) lines.push(`- \`${p.format()}\``);
    lines.push('');
  }
  lines.push('| cluster | namespace | app | ready | result | revision |', '|---|---|---|---|---|---|');
  for (const [path, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const m = /^clusters\/([^/]+)\/([^/]+)\/([^/]+)\.yaml$/.exec(path);
    if (!m) continue;
    const field = (k: string): string => new RegExp(`^${k}: (.*)$`, 'm').exec(text)?.[1] ?? '';
    lines.push(`| ${m[1] ?? ''} | ${m[2] ?? ''} | ${m[3] ?? ''} | ${field('readyReplicas')}/${field('desiredReplicas')} | ${field('result')} | ${field('revision').slice(0, 7)} |`);
  }
  for (const c of outcome.clusters) if (c.error !== undefined) lines.push('', `Cluster ${c.cluster}: ${c.error}`);
  return `${lines.join('\n')}\n`;
}

export function commitMessage(outcome: PassOutcome): string {
  const short = outcome.sha.slice(0, 7);
  if (outcome.problems !== undefined) return `berth: rejected ${short} (${outcome.problems.length} problem(s)); nothing applied`;
  const apps = outcome.clusters.flatMap((c) => c.apps);
  const healthy = apps.filter((a) => a.result === 'healthy').length;
  const errors = outcome.clusters.filter((c) => c.error !== undefined).map((c) => c.cluster);
  return `berth: ${short} on ${outcome.clusters.map((c) => c.cluster).join(', ') || 'no clusters'}: ${healthy}/${apps.length} apps healthy${errors.length ? `; failed: ${errors.join(', ')}` : ''}`;
}

/** Renders plans for people (text) and for machines (JSON). Pure. */
import type { Change, ClusterPlan } from '../core/plan.js';
import type { ClusterReport, PassReport } from '../pass/run-pass.js';
import { BerthError } from '../core/errors.js';

const SYMBOL: Record<Change['action'], string> = { create: '+', update: '~', delete: '-', unchanged: '=' };

function show(v: unknown): string {
  if (v === undefined) return '(none)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function objectName(c: Change): string {
  return c.namespace !== undefined ? `${c.namespace}/${c.name}` : c.name;
}

export function formatClusterPlan(plan: ClusterPlan, type: string): string[] {
  const lines = [`cluster ${plan.cluster} (${type})`];
  const changed = plan.changes.filter((c) => c.action !== 'unchanged');
  for (const c of changed) {
    lines.push(`  ${SYMBOL[c.action]} ${c.kind} ${objectName(c)}${c.reason !== undefined ? `  (${c.reason})` : ''}`);
    for (const f of c.fields) lines.push(`      ${f.path}: ${show(f.old)} → ${show(f.new)}`);
  }
  const unchanged = plan.changes.length - changed.length;
  if (changed.length === 0) lines.push(`  no changes (${unchanged} unchanged)`);
  else if (unchanged > 0) lines.push(`  = ${unchanged} unchanged`);
  return lines;
}

function clusterError(r: ClusterReport): string | undefined {
  if (r.error === undefined) return undefined;
  return r.error instanceof BerthError ? r.error.format() : r.error.message;
}

export function formatPassText(report: PassReport): string {
  const lines = [`revision ${report.sha} (${report.ref})`];
  if (report.problems !== undefined) {
    lines.push('revision rejected; nothing would be applied:');
    for (const p of report.problems) lines.push(`  ${p.format()}`);
  }
  for (const r of report.clusters) {
    if (r.plan) lines.push(...formatClusterPlan(r.plan, r.type));
    const errors = r.plan?.errors ?? (r.error !== undefined ? [r.error] : []);
    for (const e of errors) lines.push(`cluster ${r.cluster} (${r.type}): error: ${e instanceof BerthError ? e.format() : e.message}`);
  }
  return lines.join('\n');
}

export function passToJson(report: PassReport): unknown {
  return {
    revision: report.sha,
    ref: report.ref,
    ...(report.problems !== undefined ? { problems: report.problems.map((p) => ({ code: p.code, message: p.format(), location: p.location, field: p.field })) } : {}),
    clusters: report.clusters.map((r) => ({
      cluster: r.cluster,
      type: r.type,
      changes: r.plan?.changes.filter((c) => c.action !== 'unchanged') ?? [],
      unchanged: r.plan?.changes.filter((c) => c.action === 'unchanged').length ?? 0,
      ...(clusterError(r) !== undefined ? { error: clusterError(r) } : {}),
    })),
  };
}

/** `berth plan` exit code: 0 nothing would change, 2 something would, 1 error. */
export function planExitCode(report: PassReport): 0 | 1 | 2 {
  if (report.problems !== undefined || report.clusters.some((r) => r.error !== undefined)) return 1;
  return report.clusters.some((r) => r.plan?.changes.some((c) => c.action !== 'unchanged')) ? 2 : 0;
}

/**
 * Field-level difference between two (normalized) objects, for `berth plan`. Pure.
 *
 * Paths are dotted; a list whose items all carry a string `name` (containers, env, ports,
 * volumes…) is keyed by it — `spec.template.spec.containers[web].image` — so inserting an item
 * does not show every later item as changed. Other lists are indexed. A map key that is not a
 * plain identifier is bracketed: `metadata.labels[app.kubernetes.io/name]`.
 *
 * Secret payloads never appear: every value under `data` or `stringData` of a Secret (and the
 * last-applied annotation, which would repeat them) is shown as SECRET_PLACEHOLDER.
 */
import type { FieldChange } from '../../core/plan.js';
import { SECRET_PLACEHOLDER } from '../../core/plan.js';
import { isRecord } from './objects.js';

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function child(path: string, key: string): string {
  if (IDENT.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${key}]`;
}

function keyedByName(list: readonly unknown[]): Map<string, unknown> | undefined {
  const out = new Map<string, unknown>();
  for (const item of list) {
    if (!isRecord(item) || typeof item['name'] !== 'string' || out.has(item['name'])) return undefined;
    out.set(item['name'], item);
  }
  return out;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => equal(v, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => equal(a[k], b[k]));
  }
  return false;
}

export { equal as deepEqual };

function walk(path: string, a: unknown, b: unknown, out: FieldChange[]): void {
  if (equal(a, b)) return;
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) walk(child(path, k), a[k], b[k], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const ka = keyedByName(a);
    const kb = keyedByName(b);
    if (ka !== undefined && kb !== undefined && (a.length > 0 || b.length > 0)) {
      const before = out.length;
      for (const n of new Set([...ka.keys(), ...kb.keys()])) walk(`${path}[${n}]`, ka.get(n), kb.get(n), out);
      // Same items in another order: the order itself is the change (env order matters).
      if (out.length === before) out.push({ path: `${path}(order)`, old: [...ka.keys()], new: [...kb.keys()] });
      return;
    }
    if (a.every((v) => !isRecord(v) && !Array.isArray(v)) && b.every((v) => !isRecord(v) && !Array.isArray(v))) {
      out.push({ path, old: a, new: b });
      return;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) walk(`${path}[${String(i)}]`, a[i], b[i], out);
    return;
  }
  out.push({ path, ...(a !== undefined ? { old: a } : {}), ...(b !== undefined ? { new: b } : {}) });
}

function isSecretPath(path: string): boolean {
  return /^(data|stringData)([.[]|$)/.test(path) || path.startsWith(`metadata.annotations[${LAST_APPLIED}]`);
}

function redact(c: FieldChange): FieldChange {
  return {
    path: c.path,
    ...(c.old !== undefined ? { old: SECRET_PLACEHOLDER } : {}),
    ...(c.new !== undefined ? { new: SECRET_PLACEHOLDER } : {}),
  };
}

/** Changes from `live` to `next` (both normalized), with Secret payloads redacted. */
export function diffObjects(live: unknown, next: unknown, opts: { readonly secret: boolean }): FieldChange[] {
  const out: FieldChange[] = [];
  walk('', live, next, out);
  return opts.secret ? out.map((c) => (isSecretPath(c.path) ? redact(c) : c)) : out;
}

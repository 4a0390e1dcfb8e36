/** Field-level diff of two pod spec digests, for plans. Pure. Secret values never appear. */
import { SECRET_PLACEHOLDER, type FieldChange } from '../../core/plan.js';
import { canonicalJson, type ContainerSpecDigest, type EnvDigest, type PodSpecDigest } from '../../core/spec-hash.js';

export function diffPodSpecs(old: PodSpecDigest | undefined, next: PodSpecDigest | undefined): FieldChange[] {
  const out: FieldChange[] = [];
  diffRecords('labels', old?.labels ?? {}, next?.labels ?? {}, out);
  const oldByName = new Map((old?.containers ?? []).map((c) => [c.name, c]));
  const newByName = new Map((next?.containers ?? []).map((c) => [c.name, c]));
  for (const name of union(oldByName.keys(), newByName.keys())) {
    const a = oldByName.get(name);
    const b = newByName.get(name);
    const at = `containers[${name}]`;
    if (a === undefined || b === undefined) {
      out.push(change(at, a?.image, b?.image));
      continue;
    }
    diffContainer(at, a, b, out);
  }
  return out;
}

function diffContainer(at: string, a: ContainerSpecDigest, b: ContainerSpecDigest, out: FieldChange[]): void {
  for (const field of ['image', 'command', 'args', 'workingDir', 'ports', 'livenessProbe', 'readinessProbe'] as const) {
    if (!same(a[field], b[field])) out.push(change(`${at}.${field}`, a[field], b[field]));
  }
  diffRecords(`${at}.resources`, a.resources, b.resources, out);
  diffEnv(at, a.env, b.env, out);
  const oldFiles = new Map(a.files.map((f) => [f.path, f]));
  const newFiles = new Map(b.files.map((f) => [f.path, f]));
  for (const path of union(oldFiles.keys(), newFiles.keys())) {
    const fa = oldFiles.get(path);
    const fb = newFiles.get(path);
    if (same(fa, fb)) continue;
    // A file shows as its content digest; a Secret file only as a placeholder.
    const show = (f: typeof fa): unknown => (f === undefined ? undefined : f.secret ? SECRET_PLACEHOLDER : `${f.digest} mode ${f.mode.toString(8)}`);
    out.push(change(`${at}.files[${path}]`, show(fa), show(fb)));
  }
}

function diffEnv(at: string, a: readonly EnvDigest[], b: readonly EnvDigest[], out: FieldChange[]): void {
  const oldEnv = new Map(a.map((e) => [e.name, e]));
  const newEnv = new Map(b.map((e) => [e.name, e]));
  for (const name of union(oldEnv.keys(), newEnv.keys())) {
    const ea = oldEnv.get(name);
    const eb = newEnv.get(name);
    if (same(ea, eb)) continue;
    const show = (e: EnvDigest | undefined): unknown => (e === undefined ? undefined : e.secret === true ? SECRET_PLACEHOLDER : e.value);
    out.push(change(`${at}.env.${name}`, show(ea), show(eb)));
  }
  const order = (list: readonly EnvDigest[]): string[] => list.map((e) => e.name).filter((n) => oldEnv.has(n) && newEnv.has(n));
  if (!same(order(a), order(b))) out.push(change(`${at}.env`, 'order', 'reordered'));
}

function diffRecords(at: string, a: object, b: object, out: FieldChange[]): void {
  const ra = a as Readonly<Record<string, unknown>>;
  const rb = b as Readonly<Record<string, unknown>>;
  for (const key of union(Object.keys(ra), Object.keys(rb))) {
    if (!same(ra[key], rb[key])) out.push(change(`${at}.${key}`, ra[key], rb[key]));
  }
}

function change(path: string, old: unknown, next: unknown): FieldChange {
  return { path, ...(old !== undefined ? { old } : {}), ...(next !== undefined ? { new: next } : {}) };
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

function union(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])].sort();
}

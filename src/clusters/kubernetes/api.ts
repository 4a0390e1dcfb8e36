/**
 * The few API calls the driver makes, on plain JSON: resource discovery, get, list, server-side
 * apply (optionally dry-run) and delete. Retries what is safe to retry (every call here is
 * idempotent: apply is declarative and delete carries a uid precondition).
 */
import { BerthError, ErrorCode } from '../../core/errors.js';
import { describeRef, isRecord, str, type Body, type ObjectRef } from './objects.js';
import { builtinResource, type ResourceInfo } from './resources.js';
import type { KubeHttp, KubeRequest, KubeResponse } from './transport.js';

export const FIELD_MANAGER = 'berth';
export const APPLY_PATCH = 'application/apply-patch+yaml';

/** An error answer of the API server, with its HTTP status and Status reason. */
export class KubeApiError extends BerthError {
  readonly status: number;
  readonly reason: string;
  constructor(code: ErrorCode, message: string, status: number, reason: string) {
    super(code, message);
    this.name = 'KubeApiError';
    this.status = status;
    this.reason = reason;
  }
}

export interface ApiOptions {
  readonly clusterName: string;
  readonly sleep: (ms: number) => Promise<void>;
  readonly signal?: AbortSignal | undefined;
}

const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRY_DELAYS_MS = [200, 1000, 3000];

function statusMessage(body: unknown): { message: string; reason: string } {
  if (isRecord(body) && body['kind'] === 'Status') return { message: str(body['message']), reason: str(body['reason']) };
  return { message: typeof body === 'string' ? body.slice(0, 300) : '', reason: '' };
}

export function groupVersionPath(group: string, version: string): string {
  return group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
}

export class KubeApi {
  private readonly discovered = new Map<string, Promise<Map<string, ResourceInfo> | undefined>>();

  constructor(
    private readonly http: KubeHttp,
    private readonly opts: ApiOptions,
  ) {}

  private async call(req: KubeRequest, what: string, accept: readonly number[] = []): Promise<KubeResponse> {
    for (let attempt = 0; ; attempt++) {
      const delay = RETRY_DELAYS_MS[attempt];
      let res: KubeResponse;
      try {
        res = await this.http.request({ ...req, signal: this.opts.signal });
      } catch (e) {
        if (delay === undefined || !(e instanceof BerthError) || e.code !== ErrorCode.DriverUnreachable || this.opts.signal?.aborted === true) throw e;
        await this.opts.sleep(delay);
        continue;
      }
      if ((res.status >= 200 && res.status < 300) || accept.includes(res.status)) return res;
      if (delay !== undefined && RETRY_STATUS.has(res.status)) {
        await this.opts.sleep(delay);
        continue;
      }
      throw this.error(res, what);
    }
  }

  private error(res: KubeResponse, what: string): KubeApiError {
    const { message, reason } = statusMessage(res.body);
    const cluster = this.opts.clusterName;
    if (res.status === 401) {
      return new KubeApiError(ErrorCode.Credentials, `cluster ${cluster}: the API server rejected the credentials (401 Unauthorized)`, 401, reason);
    }
    const text = message !== '' ? message : `HTTP ${String(res.status)}`;
    return new KubeApiError(ErrorCode.Driver, `cluster ${cluster}: ${what}: ${text}`, res.status, reason);
  }

  /** Resources of one group/version (undefined when the server does not serve it). */
  private groupVersion(group: string, version: string): Promise<Map<string, ResourceInfo> | undefined> {
    const key = `${group}/${version}`;
    let found = this.discovered.get(key);
    if (found === undefined) {
      found = this.call({ method: 'GET', path: groupVersionPath(group, version) }, `discover ${key}`, [404]).then((res) => {
        if (res.status === 404 || !isRecord(res.body) || !Array.isArray(res.body['resources'])) return undefined;
        const out = new Map<string, ResourceInfo>();
        for (const r of res.body['resources']) {
          if (!isRecord(r) || typeof r['name'] !== 'string' || r['name'].includes('/') || typeof r['kind'] !== 'string') continue;
          out.set(r['kind'], { group, version, kind: r['kind'], plural: r['name'], namespaced: r['namespaced'] === true });
        }
        return out;
      });
      this.discovered.set(key, found);
      found.catch(() => this.discovered.delete(key));
    }
    return found;
  }

  /** Forget discovery results (after CRDs were applied or removed). */
  invalidate(): void {
    this.discovered.clear();
  }

  /** How to address a kind at a version; undefined when the server does not serve it. */
  async resource(group: string, version: string, kind: string): Promise<ResourceInfo | undefined> {
    return builtinResource(group, version, kind) ?? (await this.groupVersion(group, version))?.get(kind);
  }

  /** The kind at any version its group serves (the preferred one first); undefined when none does. */
  async resourceAnyVersion(group: string, kind: string, tryFirst: string): Promise<ResourceInfo | undefined> {
    const first = await this.resource(group, tryFirst, kind);
    if (first !== undefined) return first;
    const res = await this.call({ method: 'GET', path: group === '' ? '/api' : `/apis/${group}` }, `discover ${group}`, [404]);
    if (res.status === 404 || !isRecord(res.body)) return undefined;
    // /api lists versions as strings; /apis/<group> as {groupVersion, version} objects.
    const versions = res.body['versions'];
    const names: string[] = [];
    if (isRecord(res.body['preferredVersion']) && typeof res.body['preferredVersion']['version'] === 'string') names.push(res.body['preferredVersion']['version']);
    if (Array.isArray(versions)) {
      for (const v of versions) {
        if (typeof v === 'string') names.push(v);
        else if (isRecord(v) && typeof v['version'] === 'string') names.push(v['version']);
      }
    }
    for (const v of new Set(names)) {
      const r = await this.resource(group, v, kind);
      if (r !== undefined) return r;
    }
    return undefined;
  }

  path(r: ResourceInfo, namespace: string | undefined, name?: string): string {
    const ns = r.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return `${groupVersionPath(r.group, r.version)}${ns}/${r.plural}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}`;
  }

  async get(r: ResourceInfo, ref: Pick<ObjectRef, 'namespace' | 'name'>): Promise<Body | undefined> {
    const res = await this.call({ method: 'GET', path: this.path(r, ref.namespace, ref.name) }, `get ${r.kind} ${ref.name}`, [404]);
    return res.status === 404 || !isRecord(res.body) ? undefined : res.body;
  }

  /** Every object of a resource in a namespace (or cluster-wide) matching a label selector. */
  async list(r: ResourceInfo, namespace: string | undefined, labelSelector: string): Promise<Body[]> {
    const out: Body[] = [];
    let token: string | undefined;
    do {
      const query: Record<string, string> = { labelSelector, limit: '500', ...(token !== undefined ? { continue: token } : {}) };
      const res = await this.call({ method: 'GET', path: this.path(r, namespace), query }, `list ${r.plural}`);
      const body = isRecord(res.body) ? res.body : {};
      for (const item of Array.isArray(body['items']) ? body['items'] : []) if (isRecord(item)) out.push(item);
      const meta = isRecord(body['metadata']) ? body['metadata'] : {};
      token = typeof meta['continue'] === 'string' && meta['continue'] !== '' ? meta['continue'] : undefined;
    } while (token !== undefined);
    return out;
  }

  /** Server-side apply as field manager `berth`, taking over conflicting fields. */
  async apply(r: ResourceInfo, ref: ObjectRef, body: Readonly<Body>, dryRun: boolean): Promise<{ created: boolean; object: Body }> {
    const query: Record<string, string> = { fieldManager: FIELD_MANAGER, force: 'true', ...(dryRun ? { dryRun: 'All' } : {}) };
    const res = await this.call(
      { method: 'PATCH', path: this.path(r, ref.namespace, ref.name), query, body, contentType: APPLY_PATCH },
      `${dryRun ? 'dry-run apply' : 'apply'} ${describeRef(ref)}`,
    );
    return { created: res.status === 201, object: isRecord(res.body) ? res.body : {} };
  }

  /** Deletes the object if it is still the one that was read (same uid). */
  async delete(r: ResourceInfo, ref: ObjectRef, uid: string | undefined): Promise<'deleted' | 'gone' | 'replaced'> {
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background', ...(uid !== undefined ? { preconditions: { uid } } : {}) };
    const res = await this.call({ method: 'DELETE', path: this.path(r, ref.namespace, ref.name), body }, `delete ${describeRef(ref)}`, [404, 409]);
    if (res.status === 404) return 'gone';
    if (res.status === 409) return 'replaced';
    return 'deleted';
  }
}

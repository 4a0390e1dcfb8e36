/**
 * The HTTP layer: raw JSON requests to the API server through @kubernetes/client-node's fetch
 * library (its auth, TLS and proxy handling). Objects are sent and read as plain JSON, never through
 * the client's generated model classes, which re-serialize bodies and would drop fields they do
 * not know (newer API fields, custom resources).
 *
 * Authentication is resolved once per driver and its connection pool (undici dispatcher) is
 * reused by every request: client-node would otherwise build a new agent — a new TLS handshake —
 * per request. The layer is an interface so tests and the driver can wrap it (request counting).
 */
import type * as K8s from '@kubernetes/client-node';
import { BerthError, ErrorCode } from '../../core/errors.js';
import type { ClusterAccess } from './access.js';

export type KubeMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface KubeRequest {
  readonly method: KubeMethod;
  readonly path: string; // /api/v1/namespaces/x/configmaps/y
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly signal?: AbortSignal | undefined;
}

export interface KubeResponse {
  readonly status: number;
  readonly body: unknown; // parsed JSON, or the text when it is not JSON
  readonly headers: Readonly<Record<string, string>>;
}

export interface KubeHttp {
  request(req: KubeRequest): Promise<KubeResponse>;
}

export interface ClosableKubeHttp extends KubeHttp {
  close(): Promise<void>;
}

export interface TransportOptions {
  readonly clusterName: string;
  readonly requestTimeoutMs?: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** The part of @kubernetes/client-node the transport uses (imported lazily by the driver). */
export type TransportLib = Pick<typeof K8s, 'RequestContext' | 'IsomorphicFetchHttpLibrary'>;

interface Closable {
  close?: () => Promise<void>;
}

export async function createTransport(access: ClusterAccess, opts: TransportOptions, lib: TransportLib): Promise<ClosableKubeHttp> {
  const { RequestContext, IsomorphicFetchHttpLibrary } = lib;
  const template = new RequestContext(access.server, 'GET');
  try {
    await access.kubeConfig.applySecurityAuthentication(template);
  } catch (e) {
    throw new BerthError(ErrorCode.Credentials, `cluster ${opts.clusterName}: cannot set up credentials: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const authHeaders = template.getHeaders();
  const dispatcher = template.getDispatcher();
  const library = new IsomorphicFetchHttpLibrary();
  const timeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;

  return {
    async request(req: KubeRequest): Promise<KubeResponse> {
      const url = new URL(access.server + req.path);
      for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
      const ctx = new RequestContext(url.toString(), req.method);
      for (const [k, v] of Object.entries(authHeaders)) ctx.setHeaderParam(k, v);
      ctx.setHeaderParam('Accept', 'application/json');
      ctx.setHeaderParam('User-Agent', 'berth');
      if (req.body !== undefined) {
        ctx.setHeaderParam('Content-Type', req.contentType ?? 'application/json');
        ctx.setBody(JSON.stringify(req.body));
      }
      const timeout = AbortSignal.timeout(timeoutMs);
      ctx.setSignal(req.signal !== undefined ? AbortSignal.any([req.signal, timeout]) : timeout);
      if (dispatcher !== undefined) ctx.setDispatcher(dispatcher);
      let status: number;
      let headers: Record<string, string>;
      let text: string;
      try {
        const res = await library.send(ctx).toPromise();
        status = res.httpStatusCode;
        headers = res.headers;
        text = await res.body.text();
      } catch (e) {
        throw new BerthError(
          ErrorCode.DriverUnreachable,
          `cluster ${opts.clusterName}: ${req.method} ${req.path} failed: ${describeNetworkError(e)}`,
          { cause: e },
        );
      }
      let body: unknown = text;
      if ((headers['content-type'] ?? '').includes('json') && text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      return { status, body, headers };
    },
    async close(): Promise<void> {
      await (dispatcher as Closable | undefined)?.close?.();
    },
  };
}

function describeNetworkError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
  return `${e.message}${cause}`;
}

/** Counts requests by kind: reads (GET), writes (POST/PUT/PATCH/DELETE) and dry runs (dryRun=All). */
export class RequestCounter {
  reads = 0;
  writes = 0;
  dryRuns = 0;
  /** Writes by method, for reports (e.g. { PATCH: 3, DELETE: 1 }). */
  readonly byMethod: Record<string, number> = {};

  wrap(inner: KubeHttp): KubeHttp {
    return {
      request: (req: KubeRequest): Promise<KubeResponse> => {
        this.count(req);
        return inner.request(req);
      },
    };
  }

  count(req: KubeRequest): void {
    if (req.method === 'GET') this.reads++;
    else if (req.query?.['dryRun'] === 'All') this.dryRuns++;
    else {
      this.writes++;
      this.byMethod[req.method] = (this.byMethod[req.method] ?? 0) + 1;
    }
  }

  snapshot(): { reads: number; writes: number; dryRuns: number } {
    return { reads: this.reads, writes: this.writes, dryRuns: this.dryRuns };
  }
}

/**
 * Plan and apply desired objects, one phase at a time. For each object: the live object comes
 * from one labelled LIST per resource and namespace; the server's dry-run apply says what the
 * object would become; the two, minus what the server owns, are compared. Nothing changed → no
 * write. Changed → one server-side apply (in `apply` mode). An object not found by the LIST is
 * applied directly (201 Created tells a create from an adoption of an unlabelled object).
 */
import type { Logger } from 'pino';
import type { Change } from '../../core/plan.js';
import type { KubeApi } from './api.js';
import type { DesiredObject } from './desired.js';
import { diffObjects } from './diff.js';
import { stripServerFields } from './normalize.js';
import { apiVersionOf, describeRef, isRecord, metadataOf, ownershipSelector, type Body, type Ownership } from './objects.js';
import type { Verified } from './inventory.js';
import { mapLimit } from '../../core/concurrency.js';
import type { ResourceInfo } from './resources.js';
import { desiredHash, isStillVerified, liveHash } from './verified.js';

export type Mode = 'plan' | 'apply';

export interface ReconcileContext {
  readonly api: KubeApi;
  readonly owner: Ownership;
  readonly log: Logger;
  readonly concurrency: number;
  readonly mode: Mode;
  /** Hashes of what was last verified with the server, by identity key (see verified.ts). */
  readonly verified: ReadonlyMap<string, Verified>;
}

export interface ObjectOutcome {
  readonly object: DesiredObject;
  readonly change: Change;
  /** The object as it is (unchanged) or will be (after the apply or dry run); absent on errors. */
  readonly result?: Body;
  readonly error?: Error;
  /** What to remember as verified (never for Secrets: no hash of a secret leaves the driver). */
  readonly verified?: Verified;
  /** A real (not dry-run) write was made for this object. */
  readonly wrote?: boolean;
}

function change(o: DesiredObject, action: Change['action'], fields: Change['fields'] = [], reason?: string): Change {
  return {
    action,
    kind: o.ref.kind,
    ...(o.ref.namespace !== undefined ? { namespace: o.ref.namespace } : {}),
    name: o.ref.name,
    ...(o.app !== undefined ? { app: o.app } : {}),
    fields,
    ...(reason !== undefined ? { reason } : {}),
  };
}

/** The body as sent: a cluster-scoped resource takes no namespace (compile defaults one everywhere). */
function bodyFor(r: ResourceInfo, o: DesiredObject): Body {
  if (r.namespaced) return o.body;
  const meta: Body = { ...metadataOf(o.body) };
  delete meta['namespace'];
  return { ...o.body, metadata: meta };
}

export function nameOf(obj: unknown): string {
  const n = metadataOf(obj)['name'];
  return typeof n === 'string' ? n : '';
}

/** Live objects berth owns, by identity key, for the resources and namespaces of these objects. */
export async function observeOwned(
  ctx: ReconcileContext,
  objects: readonly { object: DesiredObject; resource: ResourceInfo }[],
): Promise<Map<string, Body>> {
  const groups = new Map<string, { resource: ResourceInfo; namespace: string | undefined; wanted: Map<string, DesiredObject> }>();
  for (const { object, resource } of objects) {
    const ns = resource.namespaced ? object.ref.namespace : undefined;
    const id = `${resource.group}/${resource.version}/${resource.plural}/${ns ?? ''}`;
    let g = groups.get(id);
    if (g === undefined) groups.set(id, (g = { resource, namespace: ns, wanted: new Map() }));
    g.wanted.set(object.ref.name, object);
  }
  const selector = ownershipSelector(ctx.owner);
  const live = new Map<string, Body>();
  await mapLimit([...groups.values()], ctx.concurrency, async (g) => {
    for (const item of await ctx.api.list(g.resource, g.namespace, selector)) {
      const o = g.wanted.get(nameOf(item));
      if (o !== undefined) live.set(o.key, item);
    }
  });
  return live;
}

function compare(o: DesiredObject, live: Readonly<Body>, next: Readonly<Body>): Change['fields'] {
  const identity = { apiVersion: apiVersionOf(o.ref), kind: o.ref.kind };
  return diffObjects(stripServerFields(live, identity), stripServerFields(next, identity), { secret: o.secret });
}

async function reconcileOne(
  ctx: ReconcileContext,
  o: DesiredObject,
  r: ResourceInfo,
  live: Body | undefined,
  namespaceCreated: boolean,
): Promise<ObjectOutcome> {
  const body = bodyFor(r, o);
  const { api, mode } = ctx;
  const identity = { apiVersion: apiVersionOf(o.ref), kind: o.ref.kind };
  const sent = desiredHash(body);
  const remember = (result: Body): { verified?: Verified } => (o.secret ? {} : { verified: { desired: sent, live: liveHash(result, identity) } });
  if (live === undefined) {
    // A namespace that does not exist yet cannot take a dry run: the object is simply created.
    if (mode === 'plan' && namespaceCreated) return { object: o, change: change(o, 'create'), result: body };
    const applied = await api.apply(r, o.ref, body, mode === 'plan');
    const wrote = mode === 'apply';
    if (applied.created) return { object: o, change: change(o, 'create'), result: applied.object, wrote, ...(wrote ? remember(applied.object) : {}) };
    if (mode === 'apply') return { object: o, change: change(o, 'update', [], 'adopted an existing object'), result: applied.object, wrote, ...remember(applied.object) };
    // It exists without berth's labels: show what adopting it would change.
    const existing = await api.get(r, o.ref);
    const fields = existing !== undefined ? compare(o, existing, applied.object) : [];
    return { object: o, change: change(o, 'update', fields, 'adopt an existing object'), result: applied.object };
  }
  if (!o.secret && isStillVerified(ctx.verified.get(o.key), sent, liveHash(live, identity))) {
    return { object: o, change: change(o, 'unchanged'), result: live, ...remember(live) };
  }
  const dry = await api.apply(r, o.ref, body, true);
  const fields = compare(o, live, dry.object);
  if (fields.length === 0) return { object: o, change: change(o, 'unchanged'), result: live, ...remember(live) };
  if (mode === 'plan') return { object: o, change: change(o, 'update', fields), result: dry.object };
  const applied = await api.apply(r, o.ref, body, false);
  ctx.log.debug({ object: describeRef(o.ref), fields: fields.length }, 'applied');
  return { object: o, change: change(o, 'update', fields), result: applied.object, wrote: true, ...remember(applied.object) };
}

export interface PhaseInput {
  readonly objects: readonly DesiredObject[];
  /** Live objects already known (e.g. namespaces read one by one); the rest are listed. */
  readonly known?: ReadonlyMap<string, Body>;
  /** Namespaces this pass creates (plan mode: objects in them skip the dry run). */
  readonly creatingNamespaces: ReadonlySet<string>;
}

/** One phase: observe, then dry-run / apply every object with bounded parallelism. Never throws. */
export async function reconcilePhase(ctx: ReconcileContext, input: PhaseInput): Promise<ObjectOutcome[]> {
  const resolved = await mapLimit(input.objects, ctx.concurrency, async (object) => {
    try {
      const resource = await ctx.api.resource(object.ref.group, object.ref.version, object.ref.kind);
      return { object, resource, error: undefined };
    } catch (e) {
      return { object, resource: undefined, error: e instanceof Error ? e : new Error(String(e)) };
    }
  });
  const served = resolved.flatMap((x) => (x.resource !== undefined ? [{ object: x.object, resource: x.resource }] : []));
  let live: Map<string, Body>;
  try {
    const toList = served.filter((x) => input.known?.has(x.object.key) !== true && !(x.object.ref.kind === 'Namespace' && x.object.ref.group === ''));
    live = await observeOwned(ctx, toList);
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    return input.objects.map((object) => ({ object, change: change(object, 'unchanged', [], 'not observed'), error }));
  }
  for (const [k, v] of input.known ?? []) live.set(k, v);

  return mapLimit(resolved, ctx.concurrency, async ({ object, resource, error }): Promise<ObjectOutcome> => {
    if (error !== undefined) return { object, change: change(object, 'unchanged', [], 'not observed'), error };
    if (resource === undefined) {
      const reason = `${apiVersionOf(object.ref)} ${object.ref.kind} is not served by the cluster`;
      if (ctx.mode === 'plan') return { object, change: change(object, 'create', [], `${reason} yet`) };
      return { object, change: change(object, 'unchanged', [], reason), error: new Error(`${describeRef(object.ref)}: ${reason}`) };
    }
    const ns = object.ref.namespace;
    try {
      return await reconcileOne(ctx, object, resource, live.get(object.key), ns !== undefined && input.creatingNamespaces.has(ns));
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      return { object, change: change(object, 'unchanged', [], 'failed'), error: err };
    }
  });
}

export function isTerminating(ns: unknown): boolean {
  return isRecord(ns) && isRecord(ns['status']) && ns['status']['phase'] === 'Terminating';
}

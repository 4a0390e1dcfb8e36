/**
 * The desired state of one cluster as objects to apply: ownership labels added, identities and
 * apply phases computed, and the namespaces objects live in that no manifest declares. Pure.
 */
import { Labels, type DesiredState } from '../../core/model.js';
import { identityKey, rankOf, refOf, withOwnership, type Body, type ObjectRef, type Ownership } from './objects.js';

export interface DesiredObject {
  readonly ref: ObjectRef;
  readonly key: string; // identityKey(ref)
  readonly rank: number; // apply phase
  readonly body: Body; // what is sent, with ownership labels
  readonly secret: boolean; // payload must never be shown
  readonly app: string | undefined; // the Deployment name, for status and plan
}

export interface PreparedDesired {
  readonly objects: readonly DesiredObject[];
  /**
   * Namespaces objects live in that no Namespace manifest declares. berth creates one that is
   * missing (labelled as its own) and otherwise leaves it alone; they are never in the inventory,
   * so berth never deletes a namespace it was not told about.
   */
  readonly implicitNamespaces: readonly DesiredObject[];
}

const LABEL_VALUE_MAX = 63;

function appOf(ref: ObjectRef): string | undefined {
  return ref.group === 'apps' && ref.kind === 'Deployment' ? ref.name : undefined;
}

export function prepareObject(body: Readonly<Body>, owner: Ownership): DesiredObject {
  const ref = refOf(body);
  const app = appOf(ref);
  const extra = app !== undefined && app.length <= LABEL_VALUE_MAX ? { [Labels.app]: app } : {};
  return {
    ref,
    key: identityKey(ref),
    rank: rankOf(ref.group, ref.kind),
    body: withOwnership(body, owner, extra),
    secret: ref.group === '' && ref.kind === 'Secret',
    app,
  };
}

export function prepareDesired(desired: Pick<DesiredState, 'objects' | 'namespaces'>, owner: Ownership): PreparedDesired {
  const byKey = new Map<string, DesiredObject>();
  for (const body of desired.objects) {
    const o = prepareObject(body, owner);
    byKey.set(o.key, o);
  }
  const objects = [...byKey.values()];
  const declared = new Set(objects.filter((o) => o.ref.group === '' && o.ref.kind === 'Namespace').map((o) => o.ref.name));
  const used = new Set([...desired.namespaces, ...objects.flatMap((o) => (o.ref.namespace !== undefined ? [o.ref.namespace] : []))]);
  const implicitNamespaces = [...used]
    .filter((n) => !declared.has(n))
    .sort()
    .map((name) => prepareObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, owner));
  return { objects, implicitNamespaces };
}

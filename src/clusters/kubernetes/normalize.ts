/**
 * What the server owns is dropped before comparing a live object with the server's dry-run
 * result. Both sides come from the API server, so quantities, defaults and `stringData` are
 * already canonical: what is left to drop is bookkeeping that changes without any spec change.
 * Pure.
 */
import { isRecord, type Body } from './objects.js';

/** metadata fields the server writes (identity, versions, timestamps, field ownership). */
const SERVER_METADATA: ReadonlySet<string> = new Set(['managedFields', 'resourceVersion', 'generation', 'uid', 'creationTimestamp', 'selfLink']);

/** Annotations controllers write on objects berth applies. */
const SERVER_ANNOTATIONS: ReadonlySet<string> = new Set(['deployment.kubernetes.io/revision']);

function without(obj: Readonly<Body>, drop: ReadonlySet<string>): Body {
  return Object.fromEntries(Object.entries(obj).filter(([k]) => !drop.has(k)));
}

export function stripServerFields(obj: Readonly<Body>, identity: { apiVersion: string; kind: string }): Body {
  const out: Body = { ...without(obj, new Set(['status'])), apiVersion: identity.apiVersion, kind: identity.kind };
  if (isRecord(obj['metadata'])) {
    const meta = without(obj['metadata'], SERVER_METADATA);
    if (isRecord(meta['annotations'])) {
      const annotations = without(meta['annotations'], SERVER_ANNOTATIONS);
      meta['annotations'] = annotations;
      if (Object.keys(annotations).length === 0) meta['annotations'] = undefined;
    }
    out['metadata'] = meta;
  }
  return out;
}

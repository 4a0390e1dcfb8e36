/** Reads one commit and loads it into a validated revision plus its target clusters. */
import type { BerthError } from '../core/errors.js';
import type { ClusterTarget } from '../core/model.js';
import type { LoadedObject } from '../core/revision.js';
import type { ConfigSource } from '../core/source.js';
import type { Redactor } from '../log/redactor.js';
import { clusterTargets, loadRevision } from '../manifests/index.js';
import { decodeSecret } from '../manifests/decode.js';

export type PassLoad =
  | { readonly ok: true; readonly clusters: readonly ClusterTarget[]; readonly objects: readonly LoadedObject[] }
  | { readonly ok: false; readonly problems: readonly BerthError[] };

export async function loadForPass(source: ConfigSource, sha: string, redactor: Redactor): Promise<PassLoad> {
  const snapshot = await source.snapshot(sha);
  const result = loadRevision(snapshot.files, snapshot.rejected);
  if (!result.ok) return { ok: false, problems: result.problems };
  // Register every Secret value before anything can log or record it.
  for (const o of result.revision.objects) {
    if (o.apiVersion === 'v1' && o.kind === 'Secret') for (const v of decodeSecret(o.body).values()) redactor.add(Buffer.from(v).toString('utf8'));
  }
  return { ok: true, clusters: clusterTargets(result.revision), objects: result.revision.objects };
}

/* generated — do not edit. Source: schemas/namespace.schema.json; regenerate with `npm run gen:types`. */
import type * as Common from './common.js';

/**
 * A v1 Namespace.
 */
export interface Namespace {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: {
    name: Common.DnsLabel;
    labels?: Common.Labels;
    annotations?: Common.Annotations;
  };
  spec?: NamespaceSpec;
}
export interface NamespaceSpec {
  finalizers?: string[];
}

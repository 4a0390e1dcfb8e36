/**
 * A loaded, schema-valid revision: what the manifest loader hands to the reconcilers.
 */
import type { SourceLocation } from './errors.js';

export type FieldPath = readonly (string | number)[];

export interface LoadedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined; // as written; the cluster's default applies later
  readonly body: Readonly<Record<string, unknown>>; // schema-valid; narrow with the generated types
  readonly loc: SourceLocation;
  /** Where a field of this object was written (falls back to the nearest written parent). */
  locate(path: FieldPath): SourceLocation;
}

/* generated — do not edit. Source: schemas/configmap.schema.json; regenerate with `npm run gen:types`. */
import type * as Common from './common.js';

/**
 * A key of a ConfigMap or Secret: alphanumerics, '-', '_' or '.'.
 *
 * This interface was referenced by `ConfigMap`'s JSON-Schema
 * via the `definition` "ConfigKey".
 */
export type ConfigKey = string;

/**
 * A v1 ConfigMap: text values in data, base64 values in binaryData.
 */
export interface ConfigMap {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: Common.ObjectMeta;
  immutable?: boolean;
  data?: {
    [k: string]: string;
  };
  binaryData?: {
    /**
     * base64-encoded data
     */
    [k: string]: string;
  };
}

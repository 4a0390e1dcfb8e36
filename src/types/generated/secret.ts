/* generated — do not edit. Source: schemas/secret.schema.json; regenerate with `npm run gen:types`. */
import type * as Common from './common.js';

/**
 * This interface was referenced by `Secret`'s JSON-Schema
 * via the `definition` "SecretKey".
 */
export type SecretKey = string;

/**
 * A v1 Secret: base64 values in data (or berth-encrypted ENC[...] values), plain values in stringData.
 */
export interface Secret {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: Common.ObjectMeta;
  type?: string;
  immutable?: boolean;
  data?: {
    /**
     * base64-encoded data or a berth-encrypted ENC[...] value
     */
    [k: string]: string;
  };
  stringData?: {
    [k: string]: string;
  };
}

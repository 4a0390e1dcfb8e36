/* generated — do not edit. Source: schemas/common.schema.json; regenerate with `npm run gen:types`. */

/**
 * A DNS-1123 subdomain: lower-case alphanumerics, '-' and '.', at most 253 characters.
 *
 * This interface was referenced by `common.schema.json`'s JSON-Schema
 * via the `definition` "Name".
 */
export type Name = string;
/**
 * A DNS-1123 label: lower-case alphanumerics and '-', at most 63 characters.
 *
 * This interface was referenced by `common.schema.json`'s JSON-Schema
 * via the `definition` "DnsLabel".
 */
export type DnsLabel = string;
/**
 * A Kubernetes quantity such as "100m", "4", "0.5", "128Mi", "1G" or "1e3" (or a plain non-negative number).
 *
 * This interface was referenced by `common.schema.json`'s JSON-Schema
 * via the `definition` "Quantity".
 */
export type Quantity = string | number;
/**
 * A duration such as "500ms", "30s", "3m" or "1h".
 *
 * This interface was referenced by `common.schema.json`'s JSON-Schema
 * via the `definition` "Duration".
 */
export type Duration = string;
/**
 * This interface was referenced by `common.schema.json`'s JSON-Schema
 * via the `definition` "IntOrString".
 */
export type IntOrString = number | string;
/**
 * A non-negative integer or a percentage such as "25%".
 *
 * This interface was referenced by `common.schema.json`'s JSON-Schema
 * via the `definition` "IntOrPercent".
 */
export type IntOrPercent = number | string;
/**
 * This interface was referenced by `common.schema.json`'s JSON-Schema
 * via the `definition` "Port".
 */
export type Port = number;
/**
 * An IANA service name: at most 15 lower-case alphanumerics or '-'.
 *
 * This interface was referenced by `common.schema.json`'s JSON-Schema
 * via the `definition` "PortName".
 */
export type PortName = string;
/**
 * This interface was referenced by `common.schema.json`'s JSON-Schema
 * via the `definition` "IntOrPortName".
 */
export type IntOrPortName = number | string;

/**
 * Shared pieces of berth's schemas: object metadata, names, labels, quantities, durations.
 */
/**
 * Kubernetes labels: qualified-name keys, values of at most 63 characters.
 *
 * This interface was referenced by `common.schema.json`'s JSON-Schema
 * via the `definition` "Labels".
 */
export interface Labels {
  /**
   * a label value: at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric
   */
  [k: string]: string;
}
/**
 * This interface was referenced by `common.schema.json`'s JSON-Schema
 * via the `definition` "Annotations".
 */
export interface Annotations {
  [k: string]: string;
}
/**
 * This interface was referenced by `common.schema.json`'s JSON-Schema
 * via the `definition` "StringMap".
 */
export interface StringMap {
  [k: string]: string;
}
/**
 * Metadata of a namespaced object.
 *
 * This interface was referenced by `common.schema.json`'s JSON-Schema
 * via the `definition` "ObjectMeta".
 */
export interface ObjectMeta {
  name: Name;
  namespace?: DnsLabel;
  labels?: Labels;
  annotations?: Annotations;
}
/**
 * Metadata of a cluster-scoped object (no namespace).
 *
 * This interface was referenced by `common.schema.json`'s JSON-Schema
 * via the `definition` "ClusterObjectMeta".
 */
export interface ClusterObjectMeta {
  name: Name;
  labels?: Labels;
  annotations?: Annotations;
}

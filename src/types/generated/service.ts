/* generated — do not edit. Source: schemas/service.schema.json; regenerate with `npm run gen:types`. */
import type * as Common from './common.js';

/**
 * A v1 Service.
 */
export interface Service {
  apiVersion: 'v1';
  kind: 'Service';
  metadata: Common.ObjectMeta;
  spec: ServiceSpec;
}
export interface ServiceSpec {
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  selector?: Common.StringMap;
  /**
   * @minItems 1
   */
  ports: ServicePort[];
}
/**
 * This interface was referenced by `Service`'s JSON-Schema
 * via the `definition` "ServicePort".
 */
export interface ServicePort {
  name?: Common.PortName;
  port: Common.Port;
  targetPort?: Common.IntOrPortName;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  nodePort?: Common.Port;
}

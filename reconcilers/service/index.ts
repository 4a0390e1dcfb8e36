import type { BerthError } from '../../src/core/errors.js';
import type { CompileInput, DesiredBuilder, Reconciler } from '../../src/core/reconciler.js';

/**
 * v1 Services: applied as they are on Kubernetes. On Docker a Deployment's containers already
 * answer to the app's name on the namespace network; a Service published outside the host needs
 * berth's router, which is not built yet, so on Docker a Service only documents intent.
 */
export const serviceReconciler: Reconciler = {
  name: 'service',
  kinds: ['v1/Service'],
  fields: [],
  compile(input: CompileInput, out: DesiredBuilder): readonly BerthError[] {
    for (const o of input.objects) if (o.apiVersion === 'v1' && o.kind === 'Service') out.addObject(o.body);
    return [];
  },
};

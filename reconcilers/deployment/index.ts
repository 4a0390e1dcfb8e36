import type { BerthError } from '../../src/core/errors.js';
import type { CompileInput, DesiredBuilder, Reconciler } from '../../src/core/reconciler.js';
import { getConfigIndex } from '../config/decode.js';
import { compileDeployment } from './compile.js';

/** apps/v1 Deployments → Workloads (Docker) and the object as written (Kubernetes). */
export const deploymentReconciler: Reconciler = {
  name: 'deployment',
  kinds: ['apps/v1/Deployment'],
  fields: [],
  compile(input: CompileInput, out: DesiredBuilder): readonly BerthError[] {
    const index = getConfigIndex(out.shared);
    const errors: BerthError[] = [];
    for (const o of input.objects) {
      if (o.apiVersion !== 'apps/v1' || o.kind !== 'Deployment') continue;
      const result = compileDeployment(o, input.cluster.defaultNamespace, index);
      errors.push(...result.errors);
      if (result.workload) out.addWorkload(result.workload);
      out.addObject(o.body);
    }
    return errors;
  },
};

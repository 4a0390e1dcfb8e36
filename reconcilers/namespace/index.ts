import type { BerthError } from '../../src/core/errors.js';
import type { CompileInput, DesiredBuilder, Reconciler } from '../../src/core/reconciler.js';

/** Namespaces: declared ones, plus every namespace a selected object lives in. */
export const namespaceReconciler: Reconciler = {
  name: 'namespace',
  kinds: ['v1/Namespace'],
  fields: [],
  compile(input: CompileInput, out: DesiredBuilder): readonly BerthError[] {
    for (const o of input.objects) {
      if (o.apiVersion === 'v1' && o.kind === 'Namespace') {
        out.addNamespace(o.name);
        out.addObject(o.body);
      } else if (o.namespace !== undefined) {
        out.addNamespace(o.namespace);
      }
    }
    return [];
  },
};

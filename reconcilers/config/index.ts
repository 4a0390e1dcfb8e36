import type { BerthError } from '../../src/core/errors.js';
import type { CompileInput, DesiredBuilder, Reconciler } from '../../src/core/reconciler.js';
import { decodeConfigMap, decodeSecret, CONFIG_INDEX, type ConfigIndex } from './decode.js';

/**
 * ConfigMaps and Secrets: decoded once per cluster and published for the deployment reconciler,
 * which turns references into files and env; on Kubernetes they are applied as they are.
 */
export const configReconciler: Reconciler = {
  name: 'config',
  kinds: ['v1/ConfigMap', 'v1/Secret'],
  fields: [],
  compile(input: CompileInput, out: DesiredBuilder): readonly BerthError[] {
    const index: ConfigIndex = { configMaps: new Map(), secrets: new Map() };
    for (const o of input.objects) {
      if (o.apiVersion !== 'v1') continue;
      const ns = o.namespace ?? input.cluster.defaultNamespace;
      if (o.kind === 'ConfigMap') {
        index.configMaps.set(`${ns}/${o.name}`, decodeConfigMap(o.body));
        out.addObject(o.body);
      } else if (o.kind === 'Secret') {
        const decoded = decodeSecret(o.body);
        index.secrets.set(`${ns}/${o.name}`, decoded);
        out.addObject(o.body);
      }
    }
    out.shared.set(CONFIG_INDEX, index);
    return [];
  },
};

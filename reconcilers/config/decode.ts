/** The index of decoded ConfigMaps and Secrets the deployment reconciler resolves references in. */
import type { KeyValues } from '../../src/manifests/decode.js';

export { decodeConfigMap, decodeSecret, type KeyValues } from '../../src/manifests/decode.js';
export const CONFIG_INDEX = 'config.index';

export interface ConfigIndex {
  readonly configMaps: Map<string, KeyValues>; // key: namespace/name
  readonly secrets: Map<string, KeyValues>;
}

export function getConfigIndex(shared: ReadonlyMap<string, unknown>): ConfigIndex {
  const index = shared.get(CONFIG_INDEX) as ConfigIndex | undefined;
  return index ?? { configMaps: new Map(), secrets: new Map() };
}

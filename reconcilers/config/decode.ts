/** Pure decoding of ConfigMap and Secret payloads into key → bytes maps. */
export const CONFIG_INDEX = 'config.index';

export type KeyValues = ReadonlyMap<string, Uint8Array>;

export interface ConfigIndex {
  readonly configMaps: Map<string, KeyValues>; // key: namespace/name
  readonly secrets: Map<string, KeyValues>;
}

function stringMap(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function decodeConfigMap(body: Readonly<Record<string, unknown>>): KeyValues {
  const out = new Map<string, Uint8Array>();
  for (const [k, v] of Object.entries(stringMap(body.data))) out.set(k, Buffer.from(v, 'utf8'));
  for (const [k, v] of Object.entries(stringMap(body.binaryData))) out.set(k, Buffer.from(v, 'base64'));
  return out;
}

/** `stringData` wins over `data` for the same key, as the Kubernetes API server merges them. */
export function decodeSecret(body: Readonly<Record<string, unknown>>): KeyValues {
  const out = new Map<string, Uint8Array>();
  for (const [k, v] of Object.entries(stringMap(body.data))) out.set(k, Buffer.from(v, 'base64'));
  for (const [k, v] of Object.entries(stringMap(body.stringData))) out.set(k, Buffer.from(v, 'utf8'));
  return out;
}

export function getConfigIndex(shared: ReadonlyMap<string, unknown>): ConfigIndex {
  const index = shared.get(CONFIG_INDEX) as ConfigIndex | undefined;
  return index ?? { configMaps: new Map(), secrets: new Map() };
}

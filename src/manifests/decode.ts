/** Pure decoding of ConfigMap and Secret payloads into key → bytes maps. */
export type KeyValues = ReadonlyMap<string, Uint8Array>;

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

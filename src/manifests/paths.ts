/** Field paths: (string | number)[] inside berth, `spec.containers[0].image` for people. */
import type { FieldPath } from '../core/revision.js';

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `["spec", "containers", 0, "image"]` → `spec.containers[0].image`; odd keys are quoted. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** The value at `path` inside a parsed document, or undefined. */
export function valueAt(data: unknown, path: FieldPath): unknown {
  let cur = data;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg] as unknown;
    else if (cur !== null && typeof cur === 'object' && !Array.isArray(cur))
      cur = (cur as Record<string, unknown>)[String(seg)];
    else return undefined;
  }
  return cur;
}

/**
 * An ajv instancePath (JSON pointer) as a field path; a segment is a number only where the data
 * at that point is an array, so a map key "0" stays a string.
 */
export function pointerToPath(pointer: string, data: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let cur = data;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^[0-9]+$/.test(seg)) {
      out.push(Number(seg));
      cur = cur[Number(seg)] as unknown;
    } else {
      out.push(seg);
      cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

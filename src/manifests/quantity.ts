/**
 * Kubernetes resource quantities ("100m", "0.5", "128Mi", "1G", "1e3") as plain numbers.
 * Values are rounded up to whole millicores / bytes, as the Kubernetes API server does.
 */
import { BerthError, ErrorCode } from '../core/errors.js';

const QUANTITY = /^([0-9]+(?:\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?$/;

const DECIMAL_EXPONENT: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_POWER: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

function invalid(q: string | number): BerthError {
  return new BerthError(
    ErrorCode.SchemaInvalid,
    `invalid quantity ${JSON.stringify(q)}: expected e.g. "100m", "0.5", "128Mi", "1G"`,
  );
}

/**
 * The quantity scaled by 10^shift (shift 3 gives milli-units), rounded up. Decimal suffixes are
 * applied as exponents on the digit string, so "100m" → 100 milli exactly, with no float drift.
 */
function scaled(q: string | number, shift: number): number {
  if (typeof q === 'number') {
    if (!Number.isFinite(q) || q < 0) throw invalid(q);
    return roundUp(q * 10 ** shift);
  }
  const m = QUANTITY.exec(q.trim());
  if (!m) throw invalid(q);
  const digits = m[1] ?? '';
  const suffix = m[2] ?? '';
  const binary = BINARY_POWER[suffix];
  if (binary !== undefined) return roundUp(Number(`${digits}e${shift}`) * 2 ** binary);
  const exponent = suffix.length > 1 && /^[eE]/.test(suffix) ? Number(suffix.slice(1)) : DECIMAL_EXPONENT[suffix];
  if (exponent === undefined) throw invalid(q);
  return roundUp(Number(`${digits}e${exponent + shift}`));
}

/** Rounds up, ignoring float noise below one part in a billion. */
function roundUp(x: number): number {
  if (!Number.isFinite(x)) throw new BerthError(ErrorCode.SchemaInvalid, 'quantity is too large');
  const r = Math.round(x);
  return Math.abs(x - r) < 1e-9 * Math.max(1, Math.abs(x)) ? r : Math.ceil(x);
}

/** CPU in millicores: "100m" → 100, "1" → 1000, "0.5" → 500, 2 → 2000. */
export function parseCpuMilli(q: string | number): number {
  return scaled(q, 3);
}

/** Memory (or storage) in bytes: "1Gi" → 1073741824, "1G" → 1e9, "1e3" → 1000. */
export function parseMemoryBytes(q: string | number): number {
  return scaled(q, 0);
}

/** A quantity in its base unit (cores, bytes), not rounded: "100m" → 0.1. */
export function parseQuantity(q: string | number): number {
  return scaled(q, 9) / 1e9;
}

export function isQuantity(q: unknown): q is string | number {
  return (typeof q === 'number' && Number.isFinite(q) && q >= 0) || (typeof q === 'string' && QUANTITY.test(q));
}

/** Durations of berth.yaml ("500ms", "30s", "3m", "1h") in milliseconds. */
import { BerthError, ErrorCode } from '../core/errors.js';

const DURATION = /^([0-9]+)(ms|s|m|h)$/;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(s: string): number {
  const m = DURATION.exec(s);
  const unit = m?.[2] === undefined ? undefined : UNIT_MS[m[2]];
  if (m === null || unit === undefined) {
    throw new BerthError(
      ErrorCode.SchemaInvalid,
      `invalid duration ${JSON.stringify(s)}: expected e.g. "500ms", "30s", "3m", "1h"`,
    );
  }
  return Number(m[1]) * unit;
}

export function isDuration(s: unknown): s is string {
  return typeof s === 'string' && DURATION.test(s);
}

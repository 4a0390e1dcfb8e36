/**
 * Turns a poll interval into a node-cron expression. Cron can only express intervals that divide
 * the next unit evenly, so other values are refused with a clear message instead of drifting.
 */
import { BerthError, ErrorCode } from '../core/errors.js';

export function intervalToCron(ms: number): string {
  const s = ms / 1000;
  if (!Number.isInteger(s) || s <= 0) throw new BerthError(ErrorCode.Usage, `interval must be a whole number of seconds, got ${ms}ms`);
  if (s < 60) {
    if (60 % s !== 0) throw new BerthError(ErrorCode.Usage, `an interval under a minute must divide 60 seconds (5s, 10s, 15s, 20s, 30s…), got ${s}s`);
    return `*/${s} * * * * *`;
  }
  const m = s / 60;
  if (Number.isInteger(m) && m < 60) {
    if (60 % m !== 0) throw new BerthError(ErrorCode.Usage, `an interval under an hour must divide 60 minutes, got ${m}m`);
    return `0 */${m} * * * *`;
  }
  const h = s / 3600;
  if (Number.isInteger(h) && h <= 24 && 24 % h === 0) return `0 0 */${h} * * *`;
  throw new BerthError(ErrorCode.Usage, `interval ${s}s cannot be expressed as a schedule; use seconds dividing 60, minutes dividing 60 or hours dividing 24`);
}

/**
 * Skipping dry runs that cannot tell anything new. A dry-run apply is a function of the body sent
 * and the live object: when both are exactly what they were when berth last saw the server's
 * answer (recorded as hashes in the inventory), the answer is known — unchanged — and the request
 * is not made. Anything different on either side (a Git change, someone editing the object, a
 * controller touching it) means a real dry run. This keeps a large no-op pass down to a few LISTs
 * instead of one dry run per object. Pure.
 */
import { canonicalJson, sha256Hex } from '../../core/spec-hash.js';
import type { Verified } from './inventory.js';
import { stripServerFields } from './normalize.js';
import type { Body } from './objects.js';

const HASH_LENGTH = 16;

export function desiredHash(body: Readonly<Body>): string {
  return sha256Hex(canonicalJson(body)).slice(0, HASH_LENGTH);
}

export function liveHash(obj: Readonly<Body>, identity: { apiVersion: string; kind: string }): string {
  return sha256Hex(canonicalJson(stripServerFields(obj, identity))).slice(0, HASH_LENGTH);
}

export function isStillVerified(v: Verified | undefined, desired: string, live: string): boolean {
  return v !== undefined && v.desired === desired && v.live === live;
}

import { describe, it, expect } from '@jest/globals';
import { desiredHash, isStillVerified, liveHash } from './verified.js';

const id = { apiVersion: 'v1', kind: 'ConfigMap' };

describe('verified hashes', () => {
  it('the desired hash does not depend on key order and changes with any value', () => {
    expect(desiredHash({ a: 1, b: { c: '1000m' } })).toBe(desiredHash({ b: { c: '1000m' }, a: 1 }));
    expect(desiredHash({ a: 1, b: { c: '1000m' } })).not.toBe(desiredHash({ a: 1, b: { c: '1' } }));
    expect(desiredHash({})).toMatch(/^[0-9a-f]{16}$/);
  });

  it('the live hash ignores what the server rewrites on its own and sees everything else', () => {
    const live = { metadata: { name: 'c', resourceVersion: '1', managedFields: [{ time: 't1' }] }, data: { k: 'v' } };
    expect(liveHash(live, id)).toBe(liveHash({ ...live, metadata: { name: 'c', resourceVersion: '9', managedFields: [{ time: 't2' }] } }, id));
    expect(liveHash(live, id)).not.toBe(liveHash({ ...live, data: { k: 'edited' } }, id));
    expect(liveHash(live, id)).not.toBe(liveHash({ ...live, metadata: { name: 'c', labels: { added: 'by-someone' } } }, id));
  });

  it.each<[string, { desired: string; live: string } | undefined, boolean]>([
    ['both as recorded', { desired: 'd1', live: 'l1' }, true],
    ['Git changed', { desired: 'd0', live: 'l1' }, false],
    ['the live object changed', { desired: 'd1', live: 'l0' }, false],
    ['nothing recorded', undefined, false],
  ])('%s → skip the dry run: %s', (_n, recorded, expected) => {
    expect(isStillVerified(recorded, 'd1', 'l1')).toBe(expected);
  });
});

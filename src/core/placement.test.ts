import { describe, it, expect } from '@jest/globals';
import { BerthError, ErrorCode } from './errors.js';
import { placeReplicas } from './placement.js';
import type { PlacementHost, PlacementWorkload } from './placement.js';

const host = (name: string, extra: Partial<PlacementHost> = {}): PlacementHost => ({ name, existing: {}, ...extra });
const wl = (replicas: number, extra: Partial<PlacementWorkload> = {}): PlacementWorkload => ({
  key: 'shop/web',
  replicas,
  requests: {},
  hostPorts: [],
  ...extra,
});
const asObject = (m: ReadonlyMap<number, string>): Record<number, string> => Object.fromEntries(m);

describe('placeReplicas', () => {
  it.each<[string, PlacementHost[], PlacementWorkload, [number, string][], Record<number, string>]>([
    ['spreads over hosts by name when empty', [host('b'), host('a')], wl(3), [], { 0: 'a', 1: 'b', 2: 'a' }],
    ['single host takes everything', [host('a')], wl(2), [], { 0: 'a', 1: 'a' }],
    [
      'fewest of this app first, then fewest in total',
      [host('a', { existing: { 'shop/db': 3 } }), host('b', { existing: {} }), host('c', { existing: { 'shop/db': 1 } })],
      wl(3),
      [],
      { 0: 'b', 1: 'c', 2: 'a' },
    ],
    ['own entry in existing is ignored (current is the truth)', [host('a', { existing: { 'shop/web': 9 } }), host('b')], wl(2), [], { 0: 'a', 1: 'b' }],
    ['keeps current assignments even when unbalanced', [host('a'), host('b')], wl(2), [[0, 'a'], [1, 'a']], { 0: 'a', 1: 'a' }],
    ['new slot goes where this app has fewest', [host('a'), host('b')], wl(3), [[0, 'a'], [1, 'a']], { 0: 'a', 1: 'a', 2: 'b' }],
    ['slot on a vanished host moves', [host('a'), host('b')], wl(2), [[0, 'a'], [1, 'gone']], { 0: 'a', 1: 'b' }],
    ['scale down drops slots beyond replicas', [host('a'), host('b')], wl(1), [[0, 'b'], [1, 'a'], [2, 'b']], { 0: 'b' }],
    ['hostPort: one replica per host', [host('a'), host('b')], wl(2, { hostPorts: [80] }), [[0, 'a'], [1, 'a']], { 0: 'a', 1: 'b' }],
    ['hostPort used by another workload', [host('a', { usedHostPorts: [80] }), host('b')], wl(1, { hostPorts: [80] }), [], { 0: 'b' }],
    [
      'capacity: requests must fit',
      [host('a', { cpuMilli: 1000 }), host('b', { cpuMilli: 4000 })],
      wl(3, { requests: { cpuMilli: 800 } }),
      [],
      { 0: 'a', 1: 'b', 2: 'b' },
    ],
    [
      'capacity: used requests count',
      [host('a', { memoryBytes: 100, usedMemoryBytes: 80 }), host('b', { memoryBytes: 100 })],
      wl(2, { requests: { memoryBytes: 30 } }),
      [],
      { 0: 'b', 1: 'b' },
    ],
    ['unknown capacity does not limit', [host('a')], wl(3, { requests: { cpuMilli: 1_000_000 } }), [], { 0: 'a', 1: 'a', 2: 'a' }],
    ['zero replicas', [host('a')], wl(0), [[0, 'a']], {}],
  ])('%s', (_name, hosts, workload, current, expected) => {
    expect(asObject(placeReplicas({ hosts, workload, current: new Map(current) }))).toEqual(expected);
  });

  it('is deterministic whatever the host order', () => {
    const hosts = [host('c'), host('a'), host('b')];
    const a = placeReplicas({ hosts, workload: wl(5), current: new Map() });
    const b = placeReplicas({ hosts: [...hosts].reverse(), workload: wl(5), current: new Map() });
    expect(asObject(a)).toEqual(asObject(b));
  });

  it.each<[string, PlacementHost[], PlacementWorkload]>([
    ['no hosts', [], wl(1)],
    ['more hostPort replicas than hosts', [host('a'), host('b')], wl(3, { hostPorts: [8080] })],
    ['requests too large', [host('a', { cpuMilli: 500 })], wl(1, { requests: { cpuMilli: 501 } })],
  ])('impossible (%s) → BERTH_PLACEMENT naming the workload', (_n, hosts, workload) => {
    let error: unknown;
    try {
      placeReplicas({ hosts, workload, current: new Map() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe(ErrorCode.Placement);
    expect((error as BerthError).message).toContain('shop/web');
  });
});

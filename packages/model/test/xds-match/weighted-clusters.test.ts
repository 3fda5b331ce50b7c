import { describe, expect, it } from 'vitest';
import type { WeightedCluster } from '../../src/generated/types/envoy/config/route/v3/WeightedCluster.js';
import { pickWeightedCluster, type RandomValue, XdsMatchError } from '../../src/xds-match/index.js';

const weighted = (...entries: Array<[string, number]>): WeightedCluster => ({
  clusters: entries.map(([name, weight]) => ({ name, weight: { value: weight } })),
});

describe('weighted clusters', () => {
  const abc = weighted(['a', 50], ['b', 30], ['c', 20]);
  const cases: Array<[string, WeightedCluster, RandomValue, number, string]> = [
    ['0 is in the first interval', abc, 0, 0, 'a'],
    ['49 is the last value of [0, 50)', abc, 49, 0, 'a'],
    ['50 starts [50, 80)', abc, 50, 1, 'b'],
    ['79 ends [50, 80)', abc, 79, 1, 'b'],
    ['80 starts [80, 100)', abc, 80, 2, 'c'],
    ['99 is the last value', abc, 99, 2, 'c'],
    ['100 wraps to 0', abc, 100, 0, 'a'],
    ['a bigint random (2^64-1 % 100 = 15)', abc, 2n ** 64n - 1n, 0, 'a'],
    ['a leading weight 0 is never picked', weighted(['zero', 0], ['b', 10]), 0, 1, 'b'],
    ['a middle weight 0 is skipped', weighted(['a', 5], ['zero', 0], ['c', 5]), 5, 2, 'c'],
    ['a trailing weight 0 is never picked', weighted(['a', 5], ['zero', 0]), 4, 0, 'a'],
    [
      'a missing weight reads as 0',
      { clusters: [{ name: 'none' }, { name: 'b', weight: { value: 1 } }] },
      0,
      1,
      'b',
    ],
  ];
  it.each(cases)('%s', (_name, wc, random, index, name) => {
    const r = pickWeightedCluster(wc, random);
    expect([r.index, r.clusterName, r.matched?.name]).toEqual([index, name, name]);
  });

  it('reports the selected value and total', () => {
    expect(pickWeightedCluster(abc, 1234)).toMatchObject({
      selectedValue: 34,
      totalWeight: 100,
      randomFromHeader: false,
    });
  });

  it('honours a total_weight equal to the sum and rejects one that is not', () => {
    expect(pickWeightedCluster({ ...abc, total_weight: { value: 100 } }, 60).clusterName).toBe('b');
    expect(() => pickWeightedCluster({ ...abc, total_weight: { value: 90 } }, 0)).toThrow(
      'weighted_clusters.total_weight: the sum of weights 100 should add up to 90',
    );
  });

  const invalid: Array<[string, WeightedCluster, RegExp]> = [
    ['weights summing to 0', weighted(['a', 0], ['b', 0]), /greater than 0/],
    ['no clusters', { clusters: [] }, /greater than 0/],
    ['weights over 2^32-1', weighted(['a', 0xffffffff], ['b', 1]), /exceeds 4294967295/],
    [
      'both name and cluster_header',
      { clusters: [{ name: 'a', cluster_header: 'x', weight: { value: 1 } }] },
      /only one/,
    ],
    [
      'neither name nor cluster_header',
      { clusters: [{ weight: { value: 1 } }] },
      /one of name or cluster_header/,
    ],
  ];
  it.each(invalid)('rejects %s', (_name, wc, message) => {
    expect(() => pickWeightedCluster(wc, 0)).toThrow(XdsMatchError);
    expect(() => pickWeightedCluster(wc, 0)).toThrow(message);
  });

  it('takes the random value from header_name when it holds one uint64', () => {
    const wc = { ...abc, header_name: 'X-Random' };
    const pickWith = (headers: Record<string, string | string[]>) => pickWeightedCluster(wc, 0, { headers });
    expect(pickWith({ 'x-random': '57' })).toMatchObject({ clusterName: 'b', randomFromHeader: true });
    expect(pickWith({ 'x-random': '18446744073709551615' })).toMatchObject({
      selectedValue: 15,
      clusterName: 'a',
    });
    expect(pickWith({ 'x-random': 'abc' })).toMatchObject({ clusterName: 'a', randomFromHeader: false });
    expect(pickWith({ 'x-random': '-5' })).toMatchObject({ clusterName: 'a', randomFromHeader: false });
    expect(pickWith({ 'x-random': ['57', '90'] })).toMatchObject({
      clusterName: 'a',
      randomFromHeader: false,
    });
    expect(pickWith({})).toMatchObject({ clusterName: 'a', randomFromHeader: false });
  });

  it('resolves a cluster_header entry to the header first value', () => {
    const wc: WeightedCluster = { clusters: [{ cluster_header: 'X-Cluster', weight: { value: 1 } }] };
    expect(pickWeightedCluster(wc, 0, { headers: { 'x-cluster': ['east', 'west'] } }).clusterName).toBe(
      'east',
    );
    const missing = pickWeightedCluster(wc, 0, { headers: {} });
    expect([missing.index, missing.clusterName]).toEqual([0, undefined]);
  });

  it('explains why earlier clusters did not take the value', () => {
    const r = pickWeightedCluster(weighted(['a', 50], ['zero', 0], ['b', 30], ['c', 20]), 85, {
      explain: true,
    });
    expect(r.clusterName).toBe('c');
    expect(r.trace).toEqual([
      { clusterIndex: 0, clusterName: 'a', field: 'weight', detail: 'weight 50 covers [0, 50), not 85' },
      { clusterIndex: 1, clusterName: 'zero', field: 'weight', detail: 'weight 0 is never picked' },
      { clusterIndex: 2, clusterName: 'b', field: 'weight', detail: 'weight 30 covers [50, 80), not 85' },
    ]);
    expect(pickWeightedCluster(abc, 85).trace).toBeUndefined();
  });
});

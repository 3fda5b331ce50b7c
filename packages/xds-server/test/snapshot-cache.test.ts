import { TypeUrl } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import {
  InconsistentSnapshotError,
  InvalidResourceError,
  Snapshot,
  SnapshotCache,
  type SnapshotResources,
} from '../src/index.js';
import { edsCluster, endpoints, rdsListener, route } from './helpers/resources.js';

function base(): SnapshotResources {
  return {
    clusters: [edsCluster('a')],
    endpoints: [endpoints('a', [9001])],
    listeners: [rdsListener('l1', 'r1')],
    routes: [route('r1', 'a.test', 'a')],
  };
}

function problemsOf(run: () => void): readonly string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof InconsistentSnapshotError) return e.problems;
    throw e;
  }
  throw new Error('expected an InconsistentSnapshotError');
}

describe('Snapshot', () => {
  it('versions each type by content, the same for the same resources whatever their order', () => {
    const a = Snapshot.create(base());
    const b = Snapshot.create({ ...base() });
    expect(a.version(TypeUrl.CLUSTER)).toBe(b.version(TypeUrl.CLUSTER));
    const two = Snapshot.create({ ...base(), clusters: [edsCluster('a'), edsCluster('b', 'a')] });
    const swapped = Snapshot.create({ ...base(), clusters: [edsCluster('b', 'a'), edsCluster('a')] });
    expect(two.version(TypeUrl.CLUSTER)).toBe(swapped.version(TypeUrl.CLUSTER));
    expect(two.version(TypeUrl.CLUSTER)).not.toBe(a.version(TypeUrl.CLUSTER));
    expect(two.version(TypeUrl.LISTENER)).toBe(a.version(TypeUrl.LISTENER));
  });

  it('refuses a resource the codec refuses, naming it', () => {
    const bad = { ...edsCluster('a'), lb_polcy: 'RANDOM' };
    expect(() => Snapshot.create({ clusters: [bad] })).toThrow(InvalidResourceError);
    expect(() => Snapshot.create({ clusters: [bad] })).toThrow(/Cluster "a"/);
  });
});

describe('SnapshotCache consistency check', () => {
  it('accepts a consistent snapshot', () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
    cache.setSnapshot('n', base());
    expect(cache.resources('n', TypeUrl.CLUSTER)?.has('a')).toBe(true);
    expect(cache.keys()).toEqual(['n']);
  });

  it('refuses a listener whose HCM names a missing route configuration', () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
    expect(problemsOf(() => cache.setSnapshot('n', { ...base(), routes: [] }))).toEqual([
      'listener "l1" uses route "r1", not in snapshot',
    ]);
  });

  it('refuses an EDS cluster without endpoints, by service_name or by cluster name', () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
    const problems = problemsOf(() =>
      cache.setSnapshot('n', {
        ...base(),
        clusters: [edsCluster('a'), edsCluster('b', 'svc-b'), edsCluster('c')],
      }),
    );
    expect(problems).toEqual([
      'EDS cluster "b" needs endpoints "svc-b", not found',
      'EDS cluster "c" needs endpoints "c", not found',
    ]);
  });

  it('refuses duplicate names and unnamed resources', () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
    const problems = problemsOf(() =>
      cache.setSnapshot('n', { ...base(), clusters: [edsCluster('a'), edsCluster('a'), { name: '' }] }),
    );
    expect(problems).toContain(`${TypeUrl.CLUSTER} "a" is given more than once`);
    expect(problems.some((p) => p.includes('have no name'))).toBe(true);
  });

  it('refuses localities weighted only in part', () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
    const problems = problemsOf(() =>
      cache.setSnapshot('n', { ...base(), endpoints: [endpoints('a', [1, 2], { weights: [3, undefined] })] }),
    );
    expect(problems).toEqual([
      'endpoints "a": 1 of 2 localities have no load_balancing_weight while others have one',
    ]);
    cache.setSnapshot('n', { ...base(), endpoints: [endpoints('a', [1, 2], { weights: [3, 7] })] });
  });

  it('keeps the previous snapshot when a new one is refused', () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
    const first = cache.setSnapshot('n', base());
    expect(() => cache.setSnapshot('n', { ...base(), routes: [] })).toThrow(InconsistentSnapshotError);
    expect(cache.getSnapshot('n')).toBe(first);
  });
});

describe('SnapshotCache shared endpoints', () => {
  it('lets every node see the fleet-wide endpoints without copying them', () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
    cache.setSharedEndpoints([endpoints('a', [9001])]);
    cache.setSnapshot('n1', { ...base(), endpoints: [] });
    cache.setSnapshot('n2', { ...base(), endpoints: [] });
    const e1 = cache.resources('n1', TypeUrl.CLUSTER_LOAD_ASSIGNMENT);
    expect(e1?.has('a')).toBe(true);
    expect(cache.resources('n2', TypeUrl.CLUSTER_LOAD_ASSIGNMENT)).toBe(e1);
  });

  it('merges a node’s own endpoints over the shared ones, and versions the merge by content', () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
    cache.setSharedEndpoints([endpoints('a', [9001]), endpoints('b', [9002])]);
    cache.setSnapshot('n', { ...base(), endpoints: [endpoints('a', [9100])] });
    const merged = cache.resources('n', TypeUrl.CLUSTER_LOAD_ASSIGNMENT);
    expect([...(merged?.keys() ?? [])].sort()).toEqual(['a', 'b']);
    const v1 = cache.version('n', TypeUrl.CLUSTER_LOAD_ASSIGNMENT);
    cache.setSharedEndpoints([endpoints('a', [9001]), endpoints('b', [9003])]);
    expect(cache.version('n', TypeUrl.CLUSTER_LOAD_ASSIGNMENT)).not.toBe(v1);
  });

  it('notifies every node when shared endpoints change, and refuses a change that breaks a snapshot', () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
    cache.setSharedEndpoints([endpoints('a', [9001])]);
    cache.setSnapshot('n1', { ...base(), endpoints: [] });
    cache.setSnapshot('n2', { ...base(), endpoints: [] });
    const seen: string[] = [];
    cache.watch('n1', () => seen.push('n1'));
    cache.watch('n2', () => seen.push('n2'));
    cache.setSharedEndpoints([endpoints('a', [9002])]);
    expect(seen.sort()).toEqual(['n1', 'n2']);
    expect(() => cache.setSharedEndpoints([])).toThrow(/snapshot "n1": EDS cluster "a" needs endpoints "a"/);
  });
});

describe('SnapshotCache watches and debounce', () => {
  it('coalesces a burst into one notification after the quiet time', async () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 40, maxDelayMs: 1_000 } });
    let calls = 0;
    cache.watch('n', () => calls++);
    for (let i = 0; i < 5; i++) cache.setSnapshot('n', base());
    expect(calls).toBe(0);
    await new Promise((r) => setTimeout(r, 120));
    expect(calls).toBe(1);
    cache.close();
  });

  it('flushes a continuous burst no later than maxDelayMs', async () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 50, maxDelayMs: 120 } });
    let calls = 0;
    cache.watch('n', () => calls++);
    const started = Date.now();
    while (calls === 0 && Date.now() - started < 1_000) {
      cache.setSnapshot('n', base());
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(calls).toBe(1);
    expect(Date.now() - started).toBeLessThan(400);
    cache.close();
  });

  it('stops notifying after unwatch and uses the node hash the user sets', () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 }, nodeHash: (node) => node.cluster ?? '' });
    expect(cache.nodeHash({ id: 'x', cluster: 'group' })).toBe('group');
    let calls = 0;
    const stop = cache.watch('group', () => calls++);
    cache.setSnapshot('group', base());
    stop();
    cache.setSnapshot('group', base());
    expect(calls).toBe(1);
  });

  it('refuses a debounce with maxDelayMs below delayMs', () => {
    expect(() => new SnapshotCache({ debounce: { delayMs: 100, maxDelayMs: 10 } })).toThrow(/XDS|delayMs/);
  });
});

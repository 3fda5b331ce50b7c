// When the graph is laid out again: not for metrics, yes when an edge changes an app's column or nodes come or go,
// and never over the user's own arrangement (drag, pan, zoom) until they ask.
import type { GraphEdge, GraphNode } from '@minimesh/cli/dashboard-protocol';
import { describe, expect, it } from 'vitest';
import { COLUMN_GAP, callDepths, layeredLayout } from '../src/graph/layout.js';
import { decideLayout, type LayoutKey, layoutKey, sameLayout } from '../src/graph/layout-change.js';

function wl(workload: string, app: string, version: string): GraphNode {
  return {
    id: `default/${workload}`,
    kind: 'workload',
    namespace: 'default',
    app,
    version,
    label: workload,
    health: 'idle',
  };
}

const UNKNOWN: GraphNode = {
  id: 'unknown',
  kind: 'unknown',
  namespace: '',
  app: 'unknown',
  label: 'unknown',
  health: 'idle',
};
const GATEWAY: GraphNode = {
  id: 'istio-system/istio-ingressgateway',
  kind: 'gateway',
  namespace: 'istio-system',
  app: 'istio-ingressgateway',
  label: 'istio-ingressgateway',
  health: 'idle',
};
const PP = wl('productpage-v1', 'productpage', 'v1');
const DE = wl('details-v1', 'details', 'v1');
const R1 = wl('reviews-v1', 'reviews', 'v1');
const R2 = wl('reviews-v2', 'reviews', 'v2');
const RA = wl('ratings-v1', 'ratings', 'v1');
/** Every planned workload, before any traffic. */
const PLANNED = [GATEWAY, PP, DE, R1, R2, RA];

function edge(source: GraphNode, target: GraphNode, rps = 1): GraphEdge {
  return {
    id: `${source.id}->${target.id}`,
    source: source.id,
    target: target.id,
    rps,
    errorRate: 0,
    p99Ms: 5,
    requests: rps * 30,
    health: rps > 0 ? 'healthy' : 'idle',
  };
}

const TRAFFIC = [
  edge(UNKNOWN, GATEWAY),
  edge(GATEWAY, PP),
  edge(PP, DE),
  edge(PP, R1),
  edge(PP, R2),
  edge(R2, RA),
];
const LIVE = [UNKNOWN, ...PLANNED];

function auto(prev: LayoutKey | undefined, next: LayoutKey) {
  return decideLayout({ prev, next, userArranged: false, stale: false });
}

describe('layoutKey and sameLayout', () => {
  it('ignore metrics and health: the same topology with other numbers keeps the layout', () => {
    const busy = TRAFFIC.map((e) => ({
      ...e,
      rps: 40,
      errorRate: 0.5,
      p99Ms: 900,
      health: 'failing' as const,
    }));
    const sick = LIVE.map((n) => ({ ...n, health: 'failing' as const }));
    expect(sameLayout(layoutKey(LIVE, TRAFFIC), layoutKey(sick, busy))).toBe(true);
  });

  it('ignore input order', () => {
    expect(sameLayout(layoutKey(LIVE, TRAFFIC), layoutKey([...LIVE].reverse(), [...TRAFFIC].reverse()))).toBe(
      true,
    );
  });

  it('see a new edge that moves an app to another column', () => {
    const before = TRAFFIC.filter((e) => e.target !== RA.id);
    expect(sameLayout(layoutKey(LIVE, before), layoutKey(LIVE, TRAFFIC))).toBe(false);
  });

  it("ignore a new edge that changes a version's depth but not its app's column", () => {
    // reviews-v2 is first reached through ratings (depth 5), reviews' column is reviews-v1's depth, 3.
    const before = [edge(UNKNOWN, GATEWAY), edge(GATEWAY, PP), edge(PP, R1), edge(R1, RA), edge(RA, R2)];
    const after = [...before, edge(PP, R2)];
    expect(callDepths(LIVE, before).get(R2.id)).toBe(5);
    expect(callDepths(LIVE, after).get(R2.id)).toBe(3);
    expect(sameLayout(layoutKey(LIVE, before), layoutKey(LIVE, after))).toBe(true);
    expect(auto(layoutKey(LIVE, before), layoutKey(LIVE, after))).toBe('keep');
  });

  it('see nodes that arrive or leave', () => {
    const R3 = wl('reviews-v3', 'reviews', 'v3');
    const base = layoutKey(LIVE, TRAFFIC);
    expect(sameLayout(base, layoutKey([...LIVE, R3], [...TRAFFIC, edge(PP, R3)]))).toBe(false);
    expect(sameLayout(base, layoutKey(PLANNED, TRAFFIC))).toBe(false);
  });

  it('equal keys mean equal positions', () => {
    const busy = TRAFFIC.map((e) => ({ ...e, rps: 7 }));
    expect([...layeredLayout(LIVE, busy).entries()].sort()).toEqual(
      [...layeredLayout(LIVE, TRAFFIC).entries()].sort(),
    );
  });
});

describe('decideLayout', () => {
  it('lays out the first non-empty snapshot at once, and does nothing for an empty one', () => {
    const empty = layoutKey([], []);
    expect(auto(undefined, empty)).toBe('keep');
    expect(auto(undefined, layoutKey(PLANNED, []))).toBe('initial');
    expect(auto(empty, layoutKey(PLANNED, []))).toBe('initial');
  });

  it('keeps positions while only metrics change', () => {
    const key = layoutKey(LIVE, TRAFFIC);
    const busier = layoutKey(
      LIVE,
      TRAFFIC.map((e) => ({ ...e, rps: e.rps * 10 })),
    );
    expect(auto(key, busier)).toBe('keep');
  });

  it('lays out again when traffic first arrives on a graph opened before any (one column of roots)', () => {
    const quiet = layoutKey(PLANNED, []);
    // Every planned node is a root: one column.
    const columns = new Set([...layeredLayout(PLANNED, []).values()].map((p) => p.x));
    expect(columns).toEqual(new Set([0]));
    const live = layoutKey(LIVE, TRAFFIC);
    expect(auto(quiet, live)).toBe('relayout');
    const xs = layeredLayout(LIVE, TRAFFIC);
    expect([UNKNOWN, GATEWAY, PP, R1, RA].map((n) => (xs.get(n.id)?.x ?? -1) / COLUMN_GAP)).toEqual([
      0, 1, 2, 3, 4,
    ]);
    // The same edges with their first numbers changed do not move anything again.
    expect(
      auto(
        live,
        layoutKey(
          LIVE,
          TRAFFIC.map((e) => ({ ...e, p99Ms: 77 })),
        ),
      ),
    ).toBe('keep');
  });

  it('keeps the user arrangement: new nodes are placed beside it, then nothing moves until asked', () => {
    const before = layoutKey(PLANNED, []);
    const after = layoutKey(LIVE, TRAFFIC);
    expect(decideLayout({ prev: before, next: after, userArranged: true, stale: false })).toBe('place-new');
    expect(decideLayout({ prev: after, next: after, userArranged: true, stale: true })).toBe('keep');
  });

  it('lays out a stale picture again once the arrangement is automatic again (Fit after a pan)', () => {
    const key = layoutKey(LIVE, TRAFFIC);
    expect(decideLayout({ prev: key, next: key, userArranged: false, stale: true })).toBe('relayout');
    expect(decideLayout({ prev: key, next: key, userArranged: false, stale: false })).toBe('keep');
  });

  it('lays out again when nodes leave', () => {
    expect(auto(layoutKey(LIVE, TRAFFIC), layoutKey(PLANNED, TRAFFIC))).toBe('relayout');
  });
});

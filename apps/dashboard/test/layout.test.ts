// The graph's layered layout: columns by call depth, versions of an app stacked in one column, and new nodes placed
// beside what is on screen without moving it.
import type { GraphEdge, GraphNode } from '@minimesh/cli/dashboard-protocol';
import { describe, expect, it } from 'vitest';
import { COLUMN_GAP, callDepths, layeredLayout, placeNewNodes, ROW_GAP } from '../src/graph/layout.js';

function wl(workload: string, app: string, version?: string): GraphNode {
  return {
    id: `default/${workload}`,
    kind: 'workload',
    namespace: 'default',
    app,
    version,
    label: workload,
    health: 'healthy',
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
  health: 'healthy',
};
const EXTERNAL: GraphNode = {
  id: 'external/httpbin.org',
  kind: 'external',
  namespace: '',
  app: 'httpbin.org',
  label: 'httpbin.org',
  health: 'idle',
};

function edge(source: GraphNode, target: GraphNode): GraphEdge {
  return {
    id: `${source.id}->${target.id}`,
    source: source.id,
    target: target.id,
    rps: 1,
    errorRate: 0,
    p99Ms: 1,
    requests: 10,
    health: 'healthy',
  };
}

const PP = wl('productpage-v1', 'productpage', 'v1');
const R1 = wl('reviews-v1', 'reviews', 'v1');
const R2 = wl('reviews-v2', 'reviews', 'v2');
const RA = wl('ratings-v1', 'ratings', 'v1');
const NODES = [RA, R2, UNKNOWN, PP, R1, GATEWAY, EXTERNAL];
const EDGES = [
  edge(UNKNOWN, GATEWAY),
  edge(GATEWAY, PP),
  edge(PP, R1),
  edge(PP, R2),
  edge(R2, RA),
  edge(RA, EXTERNAL),
];

describe('layeredLayout', () => {
  it('puts unknown, the gateway and the apps in call order, external services last', () => {
    const depth = callDepths(NODES, EDGES);
    expect(depth.get(UNKNOWN.id)).toBe(0);
    expect(depth.get(GATEWAY.id)).toBe(1);
    expect(depth.get(RA.id)).toBe(4);
    const p = layeredLayout(NODES, EDGES);
    const col = (n: GraphNode) => (p.get(n.id)?.x ?? Number.NaN) / COLUMN_GAP;
    expect([UNKNOWN, GATEWAY, PP, R1, R2, RA].map(col)).toEqual([0, 1, 2, 3, 3, 4]);
    expect(col(EXTERNAL)).toBe(5);
  });

  it('stacks the versions of one app by version, one row apart', () => {
    const p = layeredLayout(NODES, EDGES);
    expect((p.get(R2.id)?.y ?? 0) - (p.get(R1.id)?.y ?? 0)).toBe(ROW_GAP);
  });

  it('gives the same positions whatever the input order', () => {
    const a = layeredLayout(NODES, EDGES);
    const b = layeredLayout([...NODES].reverse(), [...EDGES].reverse());
    expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
  });
});

describe('placeNewNodes', () => {
  it('places a new version below its app and keeps everything else', () => {
    const placed = layeredLayout(NODES, EDGES);
    const R3 = wl('reviews-v3', 'reviews', 'v3');
    const fresh = placeNewNodes([...NODES, R3], [...EDGES, edge(PP, R3)], placed);
    expect([...fresh.keys()]).toEqual([R3.id]);
    expect(fresh.get(R3.id)).toEqual({ x: placed.get(R2.id)?.x, y: (placed.get(R2.id)?.y ?? 0) + ROW_GAP });
  });

  it('moves a new node down until it is clear of the placed ones', () => {
    const placed = layeredLayout([UNKNOWN, GATEWAY, PP], [edge(UNKNOWN, GATEWAY), edge(GATEWAY, PP)]);
    const DETAILS = wl('details-v1', 'details', 'v1');
    const other = wl('other-v1', 'other', 'v1');
    const both = placeNewNodes(
      [UNKNOWN, GATEWAY, PP, DETAILS, other],
      [edge(UNKNOWN, GATEWAY), edge(GATEWAY, PP), edge(PP, DETAILS), edge(PP, other)],
      placed,
    );
    const d = both.get(DETAILS.id);
    const o = both.get(other.id);
    expect(d?.x).toBe(o?.x);
    expect(Math.abs((d?.y ?? 0) - (o?.y ?? 0))).toBeGreaterThanOrEqual(ROW_GAP);
    for (const p of placed.values())
      expect(p.x === d?.x && Math.abs(p.y - (d?.y ?? 0)) < ROW_GAP).toBe(false);
  });
});

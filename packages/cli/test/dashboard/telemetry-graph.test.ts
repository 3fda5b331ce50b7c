// The service graph from access logs: nodes for every planned workload before traffic, edges from
// source-reported requests (and unknown -> gateway from the gateway's), rates, error rates and p99 over the
// sliding window, Kiali's health at its thresholds, edges kept idle once seen, and the key cap.
import { describe, expect, it } from 'vitest';
import type { GraphSnapshot } from '../../src/dashboard/protocol.js';
import { buildMeshDirectory } from '../../src/dashboard/telemetry/mesh-directory.js';
import { Telemetry } from '../../src/dashboard/telemetry/telemetry.js';
import {
  batch,
  bookinfo,
  entries,
  entry,
  INBOUND,
  PRODUCTPAGE,
  REVIEWS_V1,
  T0,
} from './telemetry-fixtures.js';

const info = bookinfo();
const directory = buildMeshDirectory(info.plan, info.addresses);
const stream = (workload: string) => ({ node: { id: info.instance(workload).proxyId } });
const edge = (g: GraphSnapshot, id: string) => g.edges.find((e) => e.id === id);
const graphNode = (g: GraphSnapshot, id: string) => g.nodes.find((n) => n.id === id);
const toReviews = { cluster: REVIEWS_V1, upstream: info.inbound('reviews-v1') };

describe('Telemetry graph', () => {
  it('has a node per planned workload before any traffic, all idle, and no edges', () => {
    const t = new Telemetry(
      () => directory,
      () => 1,
    );
    const g = t.graph(T0);
    expect(g.windowS).toBe(30);
    expect(g.edges).toEqual([]);
    expect(g.nodes.map((n) => n.id)).toEqual([
      'default/details-v1',
      'default/productpage-v1',
      'default/ratings-v1',
      'default/reviews-v1',
      'default/reviews-v2',
      'default/reviews-v3',
      'istio-system/istio-ingressgateway',
    ]);
    expect(new Set(g.nodes.map((n) => n.health))).toEqual(new Set(['idle']));
    expect(graphNode(g, 'default/reviews-v2')).toEqual({
      id: 'default/reviews-v2',
      kind: 'workload',
      namespace: 'default',
      app: 'reviews',
      version: 'v2',
      label: 'reviews-v2',
      health: 'idle',
    });
  });

  it('counts source-reported requests on edges: rps, error rate and p99 over the window', () => {
    const t = new Telemetry(
      () => directory,
      () => 1,
      { windowS: 10 },
    );
    // 100 requests over 10 s, 1..100 ms, one 503: degraded.
    const es = [];
    for (let i = 0; i < 100; i++)
      es.push(entry({ ...toReviews, startMs: T0 + i * 100, durationMs: i + 1, status: i === 0 ? 503 : 200 }));
    t.ingest(stream('productpage-v1'), batch(es));
    // The inbound side of the same requests does not double the edge.
    t.ingest(
      stream('reviews-v1'),
      batch(entries(100, { startMs: T0, stepMs: 100, cluster: INBOUND, upstream: info.app('reviews-v1') })),
    );
    const g = t.graph(T0 + 10_000);
    expect(g.edges.map((e) => e.id)).toEqual(['default/productpage-v1->default/reviews-v1']);
    const e = edge(g, 'default/productpage-v1->default/reviews-v1');
    expect(e).toMatchObject({
      source: 'default/productpage-v1',
      target: 'default/reviews-v1',
      requests: 100,
      rps: 10,
      errorRate: 0.01,
    });
    expect(e?.p99Ms).toBeGreaterThanOrEqual(98);
    expect(e?.p99Ms).toBeLessThanOrEqual(100);
    expect(e?.health).toBe('degraded');
    expect(graphNode(g, 'default/reviews-v1')?.health).toBe('degraded');
    expect(graphNode(g, 'default/productpage-v1')?.health).toBe('idle');
    // The second being written (T0 + 10 s) is not in the window yet; the window's first second drops out after.
    expect(t.graph(T0 + 10_999).edges[0]?.requests).toBe(100);
    expect(t.graph(T0 + 11_000).edges[0]?.requests).toBe(90);
  });

  it("colours health by Kiali's thresholds: no 5xx healthy, under 10% degraded, 10% and more failing", () => {
    const cases: [number, string][] = [
      [0, 'healthy'],
      [1, 'degraded'],
      [9, 'degraded'],
      [10, 'failing'],
      [100, 'failing'],
    ];
    for (const [errors, health] of cases) {
      const t = new Telemetry(
        () => directory,
        () => 1,
      );
      t.ingest(stream('productpage-v1'), batch(entries(100, { ...toReviews, startMs: T0, errors })));
      const g = t.graph(T0 + 1000);
      expect(g.edges[0]?.health, `${errors} errors in 100`).toBe(health);
      expect(g.edges[0]?.errorRate).toBeCloseTo(errors / 100, 10);
      expect(graphNode(g, 'default/reviews-v1')?.health).toBe(health);
    }
  });

  it('gives a node the worst health of its inbound edges', () => {
    const t = new Telemetry(
      () => directory,
      () => 1,
    );
    const toRatings = {
      cluster: 'outbound|9080||ratings.default.svc.cluster.local',
      upstream: info.inbound('ratings-v1'),
    };
    t.ingest(stream('reviews-v2'), batch(entries(10, { ...toRatings, startMs: T0 })));
    t.ingest(stream('reviews-v3'), batch(entries(10, { ...toRatings, startMs: T0, errors: 5 })));
    const g = t.graph(T0 + 1000);
    expect(edge(g, 'default/reviews-v2->default/ratings-v1')?.health).toBe('healthy');
    expect(edge(g, 'default/reviews-v3->default/ratings-v1')?.health).toBe('failing');
    expect(graphNode(g, 'default/ratings-v1')?.health).toBe('failing');
  });

  it('draws unknown -> gateway from the gateway entries, and external hosts once seen', () => {
    const t = new Telemetry(
      () => directory,
      () => 1,
    );
    t.ingest(
      stream('istio-ingressgateway'),
      batch(
        entries(4, {
          startMs: T0,
          cluster: PRODUCTPAGE,
          upstream: info.inbound('productpage-v1'),
          errors: 1,
        }),
      ),
    );
    t.ingest(
      stream('details-v1'),
      batch([
        entry({
          startMs: T0,
          cluster: 'PassthroughCluster',
          upstream: '93.184.216.34:80',
          authority: 'example.com',
        }),
      ]),
    );
    const g = t.graph(T0 + 1000);
    expect(g.edges.map((e) => `${e.id} ${e.requests} ${e.health}`)).toEqual([
      'default/details-v1->external/example.com 1 healthy',
      'istio-system/istio-ingressgateway->default/productpage-v1 4 failing',
      'unknown->istio-system/istio-ingressgateway 4 failing',
    ]);
    expect(graphNode(g, 'unknown')).toMatchObject({ kind: 'unknown', health: 'idle' });
    expect(graphNode(g, 'external/example.com')).toMatchObject({
      kind: 'external',
      label: 'example.com',
      health: 'healthy',
    });
    expect(graphNode(g, 'istio-system/istio-ingressgateway')?.health).toBe('failing');
  });

  it('keeps an edge once seen, idle with rps 0, after its traffic leaves the window', () => {
    const t = new Telemetry(
      () => directory,
      () => 1,
      { windowS: 5 },
    );
    t.ingest(stream('productpage-v1'), batch(entries(3, { ...toReviews, startMs: T0 })));
    const later = t.graph(T0 + 60_000);
    expect(later.edges).toEqual([
      {
        id: 'default/productpage-v1->default/reviews-v1',
        source: 'default/productpage-v1',
        target: 'default/reviews-v1',
        rps: 0,
        errorRate: 0,
        p99Ms: 0,
        requests: 0,
        health: 'idle',
      },
    ]);
    expect(graphNode(later, 'default/reviews-v1')?.health).toBe('idle');
  });

  it('stops adding keys at maxKeys and counts the requests it could not key', () => {
    const t = new Telemetry(
      () => directory,
      () => 1,
      { maxKeys: 3 },
    );
    const hosts = ['a.example', 'b.example', 'c.example', 'd.example'];
    t.ingest(
      stream('details-v1'),
      batch(
        hosts.map((h) =>
          entry({ startMs: T0, cluster: 'PassthroughCluster', upstream: '10.9.0.1:80', authority: h }),
        ),
      ),
    );
    const g = t.graph(T0 + 1000);
    expect(g.edges.length + t.metrics(T0 + 1000).length).toBeLessThanOrEqual(3);
    expect(t.keysRefused).toBeGreaterThan(0);
    // Every request is still recorded and counted mesh-wide.
    expect(t.requests()).toHaveLength(4);
    expect(t.window(T0, T0 + 1000).requests).toBe(4);
  });
});

// Golden metrics per service and per workload (each request counted once per key: destination-reported when
// the key has any), the per-second series, tick's newest points, late entries, and the mesh-wide window().
import { describe, expect, it } from 'vitest';
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
const toReviews = { cluster: REVIEWS_V1, upstream: info.inbound('reviews-v1') };
const SERVICE = 'service:reviews.default.svc.cluster.local';
const WORKLOAD = 'workload:default/reviews-v1';

describe('Telemetry golden metrics', () => {
  it('counts a request once per key: the service from the caller, the workload from its own sidecar', () => {
    const t = new Telemetry(
      () => directory,
      () => 1,
      { windowS: 10, seriesS: 20 },
    );
    // productpage saw 20 requests to reviews-v1, 2 of them 503; reviews-v1's sidecar logged the same 20 inbound.
    t.ingest(
      stream('productpage-v1'),
      batch(entries(20, { ...toReviews, startMs: T0, stepMs: 500, errors: 2, durationMs: 40 })),
    );
    t.ingest(
      stream('reviews-v1'),
      batch(
        entries(20, {
          startMs: T0,
          stepMs: 500,
          cluster: INBOUND,
          upstream: info.app('reviews-v1'),
          errors: 2,
          durationMs: 30,
        }),
      ),
    );
    const metrics = t.metrics(T0 + 10_000);
    expect(metrics.map((m) => m.key)).toEqual([SERVICE, WORKLOAD]);
    const [service, workload] = metrics;
    expect(service).toMatchObject({
      kind: 'service',
      name: 'reviews.default.svc.cluster.local',
      namespace: 'default',
      health: 'failing',
    });
    expect(service?.window).toMatchObject({ requests: 20, rps: 2, successRate: 0.9 });
    expect(service?.window.p50Ms).toBeCloseTo(40, 0);
    expect(workload).toMatchObject({ kind: 'workload', name: 'reviews-v1', namespace: 'default' });
    // 20 requests, not 40: the destination-reported ones, with the server-side latency.
    expect(workload?.window).toMatchObject({ requests: 20, rps: 2, successRate: 0.9 });
    expect(workload?.window.p99Ms).toBeCloseTo(30, 0);
  });

  it('falls back to source-reported requests for a workload without a sidecar report', () => {
    const t = new Telemetry(
      () => directory,
      () => 1,
      { windowS: 10 },
    );
    t.ingest(stream('productpage-v1'), batch(entries(5, { ...toReviews, startMs: T0 })));
    const workload = t.metrics(T0 + 1000).find((m) => m.key === WORKLOAD);
    expect(workload?.window.requests).toBe(5);
    expect(workload?.health).toBe('healthy');
  });

  it('gives a series of one point per second, oldest first, zeros when idle', () => {
    const t = new Telemetry(
      () => directory,
      () => 1,
      { windowS: 5, seriesS: 10 },
    );
    const pp = stream('productpage-v1');
    t.ingest(pp, batch(entries(3, { ...toReviews, startMs: T0 + 2000, durationMs: 100 })));
    t.ingest(pp, batch(entries(4, { ...toReviews, startMs: T0 + 4000, durationMs: 10, errors: 1 })));
    const service = t.metrics(T0 + 6000).find((m) => m.key === SERVICE);
    const series = service?.series ?? [];
    expect(series).toHaveLength(10);
    expect(series.map((p) => p.t)).toEqual(Array.from({ length: 10 }, (_, i) => T0 + (i - 4) * 1000));
    expect(series.map((p) => p.requests)).toEqual([0, 0, 0, 0, 0, 0, 3, 0, 4, 0]);
    expect(series[6]).toMatchObject({ rps: 3, successRate: 1 });
    expect(series[6]?.p50Ms).toBeCloseTo(100, 0);
    expect(series[8]).toMatchObject({ rps: 4, successRate: 0.75 });
    expect(series[8]?.p95Ms).toBeCloseTo(10, 0);
    expect(series[0]).toEqual({
      t: T0 - 4000,
      requests: 0,
      rps: 0,
      successRate: 1,
      p50Ms: 0,
      p95Ms: 0,
      p99Ms: 0,
    });
    expect(service?.window).toMatchObject({ requests: 7, rps: 7 / 5 });
  });

  it('keeps percentiles of seconds whose histograms were reused', () => {
    const t = new Telemetry(
      () => directory,
      () => 1,
      { windowS: 2, seriesS: 30 },
    );
    const pp = stream('productpage-v1');
    for (let s = 0; s < 20; s++)
      t.ingest(pp, batch([entry({ ...toReviews, startMs: T0 + s * 1000, durationMs: s + 1 })]));
    const series = t.metrics(T0 + 20_000).find((m) => m.key === SERVICE)?.series ?? [];
    expect(series.slice(10).map((p) => Math.round(p.p99Ms))).toEqual(
      Array.from({ length: 20 }, (_, s) => s + 1),
    );
  });

  it('tick closes seconds: each key gets its newest point and window, an idle key once', () => {
    let now = T0;
    const t = new Telemetry(
      () => directory,
      () => 1,
      { windowS: 2, now: () => now },
    );
    const pp = stream('productpage-v1');
    t.ingest(pp, batch(entries(6, { ...toReviews, startMs: T0 })));
    now = T0 + 1000;
    const first = t.tick(now);
    expect(first.graph.edges.map((e) => e.requests)).toEqual([6]);
    const service = first.updates.find((u) => u.key === SERVICE);
    expect(service).toMatchObject({ kind: 'service', health: 'healthy', point: { t: T0, requests: 6 } });
    expect(service?.window).toMatchObject({ requests: 6, rps: 3 });
    expect(first.updates.map((u) => u.key)).toEqual([SERVICE, WORKLOAD]);
    // A late entry for the closed second counts in the open one.
    t.ingest(pp, batch([entry({ ...toReviews, startMs: T0 + 500 })]));
    const second = t.tick(T0 + 2000);
    expect(second.updates.find((u) => u.key === SERVICE)?.point).toMatchObject({ t: T0 + 1000, requests: 1 });
    expect(second.updates.find((u) => u.key === SERVICE)?.window.requests).toBe(7);
    // The window empties: one idle update, then none.
    const idle = t.tick(T0 + 4000);
    expect(idle.updates.map((u) => [u.key, u.health, u.window.requests])).toEqual([
      [SERVICE, 'idle', 0],
      [WORKLOAD, 'idle', 0],
    ]);
    expect(t.tick(T0 + 5000).updates).toEqual([]);
    now = T0 + 5000;
    // An entry stamped ahead of the clock counts in the current second.
    t.ingest(pp, batch([entry({ ...toReviews, startMs: T0 + 9000, status: 503 })]));
    expect(t.tick(T0 + 6000).updates.map((u) => [u.key, u.health])).toEqual([
      [SERVICE, 'failing'],
      [WORKLOAD, 'failing'],
    ]);
  });

  it('window() sums the whole mesh over [from, to): source-reported requests, whole seconds', () => {
    const t = new Telemetry(
      () => directory,
      () => 1,
    );
    // Through the gateway to productpage, then productpage to reviews: two source-reported hops.
    t.ingest(
      stream('istio-ingressgateway'),
      batch(
        entries(10, {
          startMs: T0,
          stepMs: 100,
          cluster: PRODUCTPAGE,
          upstream: info.inbound('productpage-v1'),
          durationMs: 50,
        }),
      ),
    );
    t.ingest(
      stream('productpage-v1'),
      batch(entries(10, { ...toReviews, startMs: T0, stepMs: 100, durationMs: 20, errors: 2 })),
    );
    t.ingest(
      stream('reviews-v1'),
      batch(entries(10, { startMs: T0, stepMs: 100, cluster: INBOUND, upstream: info.app('reviews-v1') })),
    );
    t.ingest(stream('productpage-v1'), batch(entries(5, { ...toReviews, startMs: T0 + 3000 })));
    const w = t.window(T0, T0 + 2000);
    expect(w).toMatchObject({ requests: 20, rps: 10, successRate: 0.9 });
    expect(w.p50Ms).toBeCloseTo(20, 0);
    expect(w.p99Ms).toBeCloseTo(50, 0);
    expect(t.window(T0 + 1000, T0 + 4000)).toMatchObject({ requests: 5, rps: 5 / 3, successRate: 1 });
    expect(t.window(T0 + 5000, T0 + 5000)).toMatchObject({ requests: 0, rps: 0, successRate: 1, p99Ms: 0 });
  });
});

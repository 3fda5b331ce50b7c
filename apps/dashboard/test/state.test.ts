// The page's store: server messages applied to the dashboard state, and the per-frame batching of re-renders.
import type {
  GoldenMetrics,
  RequestRecord,
  ServerMessage,
  TimelineEntry,
} from '@minimesh/cli/dashboard-protocol';
import { describe, expect, it } from 'vitest';
import {
  applyMessage,
  type DashboardState,
  emptyState,
  REQUEST_CAP,
  SERIES_CAP,
  Store,
} from '../src/state.js';

const REF = {
  kind: 'workload' as const,
  namespace: 'default',
  workload: 'reviews-v1',
  app: 'reviews',
  version: 'v1',
};

function record(id: number, time = 1_000 + id): RequestRecord {
  return {
    id,
    time,
    reporter: 'source',
    proxy: 'productpage',
    source: REF,
    destination: REF,
    method: 'GET',
    path: '/',
    authority: 'reviews',
    protocol: 'HTTP/1.1',
    status: 200,
    durationMs: 3,
    flags: '-',
    configVersion: 1,
  };
}

const WINDOW = { requests: 10, rps: 1, successRate: 1, p50Ms: 1, p95Ms: 2, p99Ms: 3 };

function metricsUpdate(key: string, t: number, rps: number): ServerMessage {
  return {
    type: 'metrics',
    updates: [
      {
        key,
        kind: 'workload',
        name: 'reviews-v1',
        namespace: 'default',
        health: 'healthy',
        window: { ...WINDOW, rps },
        point: { ...WINDOW, rps, t },
      },
    ],
  };
}

function entry(id: number, version: number, accepted: boolean): TimelineEntry {
  return {
    id,
    time: id * 1000,
    version,
    accepted,
    source: 'watch',
    files: ['a.yaml'],
    resources: [],
    yamlDiff: '',
    proxies: [],
  };
}

function snapshot(requests: readonly RequestRecord[], metrics: readonly GoldenMetrics[] = []): ServerMessage {
  return {
    type: 'snapshot',
    version: 3,
    graph: { windowS: 10, nodes: [], edges: [] },
    metrics,
    requests,
    proxies: [],
    resources: [],
    timeline: [entry(1, 1, true)],
  };
}

describe('applyMessage', () => {
  it('takes meshDir and files from hello and everything from the snapshot', () => {
    let s = applyMessage(emptyState(), {
      type: 'hello',
      protocol: 1,
      meshDir: '/m',
      files: ['a.yaml'],
      now: 5,
    });
    s = applyMessage(s, snapshot([record(1), record(2)]));
    expect(s.meshDir).toBe('/m');
    expect(s.files).toEqual(['a.yaml']);
    expect(s.serverNow).toBe(5);
    expect(s.version).toBe(3);
    expect(s.requests.map((r) => r.id)).toEqual([1, 2]);
    expect(s.timeline).toHaveLength(1);
  });

  it('appends requests newest last, keeps the newest REQUEST_CAP and sums dropped', () => {
    let s = applyMessage(emptyState(), snapshot([record(1)]));
    const many = Array.from({ length: REQUEST_CAP + 5 }, (_, i) => record(i + 2));
    s = applyMessage(s, { type: 'requests', records: many, dropped: 7 });
    s = applyMessage(s, { type: 'requests', records: [], dropped: 3 });
    expect(s.requests).toHaveLength(REQUEST_CAP);
    expect(s.requests[0]?.id).toBe(7);
    expect(s.requests[REQUEST_CAP - 1]?.id).toBe(REQUEST_CAP + 6);
    expect(s.dropped).toBe(10);
    expect(s.serverNow).toBe(1_000 + REQUEST_CAP + 6);
  });

  it('appends a metrics point per second, replaces a repeated second and caps the series', () => {
    let s: DashboardState = emptyState();
    for (let i = 0; i < SERIES_CAP + 3; i++)
      s = applyMessage(s, metricsUpdate('workload:default/reviews-v1', i * 1000, i));
    s = applyMessage(s, metricsUpdate('workload:default/reviews-v1', (SERIES_CAP + 2) * 1000, 99));
    const m = s.metrics.get('workload:default/reviews-v1');
    expect(m?.series).toHaveLength(SERIES_CAP);
    expect(m?.series[0]?.t).toBe(3000);
    expect(m?.series[SERIES_CAP - 1]?.rps).toBe(99);
    expect(m?.window.rps).toBe(99);
  });

  it('ignores a metrics point older than the series end', () => {
    let s = applyMessage(emptyState(), metricsUpdate('k', 5000, 1));
    s = applyMessage(s, metricsUpdate('k', 4000, 2));
    expect(s.metrics.get('k')?.series.map((p) => p.t)).toEqual([5000]);
  });

  it('adds timeline entries, replaces one of the same id, and follows the accepted version', () => {
    let s = applyMessage(emptyState(), snapshot([]));
    s = applyMessage(s, { type: 'timeline', entry: entry(2, 4, true) });
    s = applyMessage(s, { type: 'timeline', entry: entry(3, 4, false) });
    s = applyMessage(s, { type: 'timeline', entry: { ...entry(2, 4, true), after: WINDOW } });
    expect(s.timeline.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(s.timeline[1]?.after).toEqual(WINDOW);
    expect(s.version).toBe(4);
  });

  it('returns the same state for a response', () => {
    const s = emptyState();
    expect(applyMessage(s, { type: 'response', id: 1, ok: true })).toBe(s);
  });
});

describe('Store', () => {
  it('applies everything queued in one frame and notifies once', () => {
    const frames: (() => void)[] = [];
    const store = new Store((flush) => frames.push(flush));
    const seen: DashboardState[] = [];
    store.subscribe((s) => seen.push(s));
    store.push(snapshot([record(1)]));
    store.push({ type: 'requests', records: [record(2), record(3)], dropped: 0 });
    store.set({ connected: true });
    expect(frames).toHaveLength(1);
    expect(seen).toHaveLength(0);
    frames[0]?.();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.connected).toBe(true);
    expect(seen[0]?.requests.map((r) => r.id)).toEqual([1, 2, 3]);
    store.push({ type: 'requests', records: [record(4)], dropped: 0 });
    expect(frames).toHaveLength(2);
    frames[1]?.();
    expect(store.state.requests).toHaveLength(4);
    expect(seen).toHaveLength(2);
  });

  it('does not notify when nothing changed', () => {
    const frames: (() => void)[] = [];
    const store = new Store((flush) => frames.push(flush));
    let calls = 0;
    store.subscribe(() => calls++);
    store.push({ type: 'response', id: 9, ok: true });
    frames[0]?.();
    expect(calls).toBe(0);
  });
});

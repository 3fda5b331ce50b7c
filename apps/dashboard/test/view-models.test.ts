// The pure parts behind the config, timeline and what-if views: the editor's Tab / Shift+Tab edits, the mesh-wide
// traffic series, unified diff classification, xDS status rows, what-if move counts and Istio cluster names.
import type {
  GoldenMetrics,
  MetricPoint,
  ProxySummary,
  WhatIfChange,
} from '@minimesh/cli/dashboard-protocol';
import { describe, expect, it } from 'vitest';
import { classifyDiffLine, diffStats } from '../src/components/diff-lines.js';
import { indent, outdent } from '../src/views/editor-keys.js';
import { compareWindows, meshSeries } from '../src/views/timeline-metrics.js';
import { formatDuration, formatOffset, isErrorStatus, parseIstioCluster } from '../src/views/view-format.js';
import { countMoves } from '../src/views/whatif-moves.js';
import { xdsRows, xdsVersionKey } from '../src/views/xds-rows.js';

describe('editor keys', () => {
  it('Tab replaces a one-line selection by two spaces and puts the cursor after them', () => {
    expect(indent('spec:\nhosts', 6, 6)).toEqual({
      text: 'spec:\n  hosts',
      selectionStart: 8,
      selectionEnd: 8,
    });
    expect(indent('abcdef', 1, 3)).toEqual({ text: 'a  def', selectionStart: 3, selectionEnd: 3 });
  });

  it('Tab over several lines indents each of them and keeps them selected', () => {
    const text = 'a:\nb: 1\nc: 2\n';
    const edit = indent(text, 4, 9);
    expect(edit.text).toBe('a:\n  b: 1\n  c: 2\n');
    expect(edit.text.slice(edit.selectionStart, edit.selectionEnd)).toBe(': 1\n  c');
  });

  it('Shift+Tab removes up to two leading spaces per line, never past the line start', () => {
    const edit = outdent('x:\n  a: 1\n b: 2\nc: 3', 5, 15);
    expect(edit.text).toBe('x:\na: 1\nb: 2\nc: 3');
    expect(edit.selectionStart).toBe(3);
    expect(edit.selectionEnd).toBe(12);
    expect(outdent('abc', 1, 1)).toEqual({ text: 'abc', selectionStart: 1, selectionEnd: 1 });
  });
});

function point(t: number, requests: number, successRate: number): MetricPoint {
  return { t, requests, rps: requests, successRate, p50Ms: 1, p95Ms: 2, p99Ms: 3 };
}

function metrics(key: string, kind: 'service' | 'workload', series: MetricPoint[]): GoldenMetrics {
  const last = series[series.length - 1] ?? point(0, 0, 1);
  return { key, kind, name: key, namespace: 'default', health: 'healthy', window: last, series };
}

describe('meshSeries', () => {
  it('sums the services per second and weighs the error share by requests', () => {
    const map = new Map<string, GoldenMetrics>([
      ['service:a', metrics('service:a', 'service', [point(1000, 10, 1), point(2000, 10, 0.5)])],
      ['service:b', metrics('service:b', 'service', [point(2000, 30, 1), point(3000, 0, 1)])],
      ['workload:x', metrics('workload:x', 'workload', [point(2000, 99, 0)])],
    ]);
    const s = meshSeries(map);
    expect(s.times).toEqual([1000, 2000, 3000]);
    expect(s.rps).toEqual([10, 40, 0]);
    expect(s.errorRate[0]).toBe(0);
    expect(s.errorRate[1]).toBeCloseTo(5 / 40);
    expect(s.errorRate[2]).toBe(0);
  });

  it('falls back to workload metrics when no service has any', () => {
    const map = new Map([['workload:x', metrics('workload:x', 'workload', [point(5000, 4, 0.75)])]]);
    expect(meshSeries(map)).toEqual({ times: [5000], rps: [4], errorRate: [0.25] });
  });

  it('compares windows before and after, leaving a missing side out', () => {
    const rows = compareWindows(point(0, 5, 0.9), undefined);
    expect(rows.map((r) => [r.label, r.before, r.after])).toEqual([
      ['requests/s', 5, undefined],
      ['success', 0.9, undefined],
      ['p99', 3, undefined],
    ]);
  });
});

describe('diff lines', () => {
  it('classifies headers, hunks, additions, removals and context', () => {
    const diff =
      '--- a.yaml\n+++ a.yaml\n@@ -1,2 +1,2 @@\n kind: VirtualService\n-  weight: 100\n+  weight: 50\n';
    expect(diff.split('\n').map(classifyDiffLine)).toEqual([
      'header',
      'header',
      'hunk',
      'context',
      'del',
      'add',
      'context',
    ]);
    expect(diffStats(diff)).toEqual({ added: 1, removed: 1 });
  });
});

const proxy: ProxySummary = {
  id: 'sidecar~10.0.0.1~reviews-v1-0.default~default.svc.cluster.local',
  pod: 'reviews-v1-0',
  namespace: 'default',
  type: 'sidecar',
  connected: true,
  xds: {
    CDS: { state: 'SYNCED', sentVersion: '3', ackedVersion: '3' },
    LDS: { state: 'NACK', sentVersion: '3', ackedVersion: '2', nack: 'envoy.filters.http.rbac: bad config' },
    ECDS: { state: 'STALE', sentVersion: '3' },
  },
};

describe('xDS rows', () => {
  it('lists LDS RDS CDS EDS SDS in order, NOT SENT when absent, then other types', () => {
    expect(xdsRows(proxy).map((r) => `${r.type}:${r.state.state}`)).toEqual([
      'LDS:NACK',
      'RDS:NOT SENT',
      'CDS:SYNCED',
      'EDS:NOT SENT',
      'SDS:NOT SENT',
      'ECDS:STALE',
    ]);
  });

  it('changes its version key when any version changes, and only then', () => {
    const key = xdsVersionKey(proxy);
    expect(xdsVersionKey({ ...proxy, connected: false })).toBe(key);
    const acked = {
      ...proxy,
      xds: { ...proxy.xds, LDS: { state: 'SYNCED' as const, sentVersion: '3', ackedVersion: '3' } },
    };
    expect(xdsVersionKey(acked)).not.toBe(key);
    expect(xdsVersionKey(undefined)).toBe('');
  });
});

describe('what-if moves', () => {
  it('counts changed requests per before/after destination, most first', () => {
    const change = (id: number, from: string | undefined, to: string | undefined, outcome = 'routed') =>
      ({
        request: { id } as WhatIfChange['request'],
        before: { outcome: 'routed', ...(from ? { cluster: from } : {}) },
        after: { outcome, ...(to ? { cluster: to } : {}) },
      }) satisfies WhatIfChange;
    const v1 = 'outbound|9080|v1|reviews.default.svc.cluster.local';
    const v3 = 'outbound|9080|v3|reviews.default.svc.cluster.local';
    expect(countMoves([change(1, v1, v3), change(2, v1, undefined, 'no_route'), change(3, v1, v3)])).toEqual([
      { from: v1, to: v3, count: 2 },
      { from: v1, to: 'no_route', count: 1 },
    ]);
  });
});

describe('formatting', () => {
  it('parses Istio cluster names and leaves other names alone', () => {
    expect(parseIstioCluster('outbound|9080|v3|reviews.default.svc.cluster.local')).toEqual({
      direction: 'outbound',
      port: '9080',
      subset: 'v3',
      host: 'reviews.default.svc.cluster.local',
    });
    expect(parseIstioCluster('PassthroughCluster')).toBeUndefined();
  });

  it('formats durations and offsets in ms, s and minutes', () => {
    expect(formatDuration(42.4)).toBe('42 ms');
    expect(formatDuration(1250)).toBe('1.25 s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(formatOffset(42)).toBe('+42 ms');
    expect(formatOffset(-5)).toBe('-5 ms');
  });

  it('counts 5xx and resets (0) as errors', () => {
    expect([0, 200, 404, 499, 500, 503].map(isErrorStatus)).toEqual([true, false, false, false, true, true]);
  });
});

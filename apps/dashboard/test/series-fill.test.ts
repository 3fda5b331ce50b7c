// Metrics series on the charts' fixed time axis: missing seconds are zeros, points outside the span are left out.
import type { MetricPoint } from '@minimesh/cli/dashboard-protocol';
import { describe, expect, it } from 'vitest';
import { fillSeconds } from '../src/components/series-fill.js';
import { linePath } from '../src/components/time-series-chart.js';

function point(t: number, rps: number, p99Ms = 10): MetricPoint {
  return { t, requests: rps, rps, successRate: 1, p50Ms: 1, p95Ms: 5, p99Ms };
}

describe('fillSeconds', () => {
  it('lays the series on one point per second ending at the given second, zeros where none came', () => {
    const series = [point(95_000, 9), point(100_000, 1, 20), point(102_000, 2, 30)];
    const f = fillSeconds(series, 103_400, 5);
    expect(f.times).toEqual([99_000, 100_000, 101_000, 102_000, 103_000]);
    expect(f.rps).toEqual([0, 1, 0, 2, 0]);
    expect(f.p99Ms).toEqual([0, 20, 0, 30, 0]);
  });
});

describe('linePath', () => {
  it('maps the first and last points to the box edges and the maximum to the top', () => {
    const d = linePath([0, 500, 1000], [0, 4, 2], 0, 1000, 4, 50);
    expect(d).toBe('M0.0 49.0L150.0 1.0L300.0 25.0');
  });

  it('is empty for no points', () => {
    expect(linePath([], [], 0, 1, 1, 10)).toBe('');
  });
});

// A metrics series on a fixed time axis: the server sends no point for a second nobody called (a key that went idle
// stops updating), so the charts fill each missing second of the axis with zeros. Times in ms since the epoch.
import type { MetricPoint } from '@minimesh/cli/dashboard-protocol';

/** The charts' span: five minutes of one-second points. */
export const CHART_SPAN_S = 300;

export interface FilledSeries {
  /** One time per second, oldest first, the last being `end`'s second. */
  readonly times: number[];
  readonly rps: number[];
  readonly p99Ms: number[];
}

/**
 * The last `spanS` seconds up to `endMs` (its second included): each second's point when the series has one,
 * zeros otherwise. Points outside the span are left out.
 */
export function fillSeconds(
  series: readonly MetricPoint[],
  endMs: number,
  spanS = CHART_SPAN_S,
): FilledSeries {
  const end = Math.floor(endMs / 1000) * 1000;
  const start = end - (spanS - 1) * 1000;
  const bySecond = new Map<number, MetricPoint>();
  for (const p of series) if (p.t >= start && p.t <= end) bySecond.set(Math.floor(p.t / 1000) * 1000, p);
  const times: number[] = [];
  const rps: number[] = [];
  const p99Ms: number[] = [];
  for (let t = start; t <= end; t += 1000) {
    const p = bySecond.get(t);
    times.push(t);
    rps.push(p?.rps ?? 0);
    p99Ms.push(p?.p99Ms ?? 0);
  }
  return { times, rps, p99Ms };
}

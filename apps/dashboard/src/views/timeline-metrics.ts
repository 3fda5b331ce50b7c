// The mesh-wide series the timeline charts: per second, the sum of the rates of every service and the share of
// errors among their requests. Built from the store's per-service GoldenMetrics series (one point per second,
// oldest first); workload metrics count the same requests again, so they are used only when no service has any.
import type { GoldenMetrics, MetricWindow } from '@minimesh/cli/dashboard-protocol';

export interface MeshSeries {
  /** Second starts, ms since the epoch, ascending. */
  readonly times: number[];
  readonly rps: number[];
  /** Error fraction in [0, 1] (0 for a second without requests). */
  readonly errorRate: number[];
}

export function meshSeries(metrics: ReadonlyMap<string, GoldenMetrics>): MeshSeries {
  const all = [...metrics.values()];
  const services = all.filter((m) => m.kind === 'service');
  const chosen = services.length > 0 ? services : all;
  const byTime = new Map<number, { rps: number; requests: number; errors: number }>();
  for (const m of chosen) {
    for (const p of m.series) {
      const acc = byTime.get(p.t) ?? { rps: 0, requests: 0, errors: 0 };
      acc.rps += p.rps;
      acc.requests += p.requests;
      acc.errors += p.requests * (1 - p.successRate);
      byTime.set(p.t, acc);
    }
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const rps: number[] = [];
  const errorRate: number[] = [];
  for (const t of times) {
    const acc = byTime.get(t);
    rps.push(acc?.rps ?? 0);
    errorRate.push(acc && acc.requests > 0 ? acc.errors / acc.requests : 0);
  }
  return { times, rps, errorRate };
}

/** `before -> after` rows of one change's golden metrics (p99 in ms, success as a fraction). */
export function compareWindows(
  before: MetricWindow | undefined,
  after: MetricWindow | undefined,
): { label: string; before?: number; after?: number; kind: 'rps' | 'fraction' | 'ms' }[] {
  return [
    { label: 'requests/s', kind: 'rps', ...pick(before, after, (w) => w.rps) },
    { label: 'success', kind: 'fraction', ...pick(before, after, (w) => w.successRate) },
    { label: 'p99', kind: 'ms', ...pick(before, after, (w) => w.p99Ms) },
  ];
}

function pick(
  before: MetricWindow | undefined,
  after: MetricWindow | undefined,
  f: (w: MetricWindow) => number,
): { before?: number; after?: number } {
  return {
    ...(before === undefined ? {} : { before: f(before) }),
    ...(after === undefined ? {} : { after: f(after) }),
  };
}

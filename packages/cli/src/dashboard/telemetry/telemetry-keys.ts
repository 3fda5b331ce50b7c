// The keyed state telemetry aggregates into: graph nodes, edges between them, and golden-metric keys (a service
// by host, a workload by namespace/name), each over fixed per-second rings (second-stats.ts). Keys are created on
// first use and never removed (edges once seen stay, idle, so the page's layout is stable); a KeyBudget caps how
// many exist so a flood of distinct hosts cannot grow memory without bound.
import type { GoldenMetrics, MetricPoint, MetricWindow, WorkloadRef } from '../protocol.js';
import { healthOf, metricWindowOf } from './health.js';
import { type Percentiles, SecondStats, type WindowSum } from './second-stats.js';

/** Counts keys against a cap; `refused` counts requests not aggregated under a key because the cap was reached. */
export class KeyBudget {
  #used = 0;
  refused = 0;
  constructor(readonly max: number) {}

  /** Takes one key if the cap allows. */
  take(): boolean {
    if (this.#used >= this.max) return false;
    this.#used++;
    return true;
  }

  get used(): number {
    return this.#used;
  }
}

/** A graph node's id: `namespace/workload`, `unknown`, or `external/HOST`. */
export function nodeIdOf(ref: WorkloadRef): string {
  if (ref.kind === 'unknown') return 'unknown';
  if (ref.kind === 'external') return `external/${ref.workload}`;
  return `${ref.namespace}/${ref.workload}`;
}

export class NodeState {
  readonly id: string;
  /** Outgoing edges by target. */
  readonly out = new Map<NodeState, EdgeState>();
  /** Incoming edges (their health makes the node's). */
  readonly in: EdgeState[] = [];
  /** The workload's golden metrics (workload and gateway nodes), created on first request. */
  golden: GoldenState | undefined;

  constructor(readonly ref: WorkloadRef) {
    this.id = nodeIdOf(ref);
  }
}

export class EdgeState {
  readonly id: string;
  readonly stats: SecondStats;

  constructor(
    readonly source: NodeState,
    readonly target: NodeState,
    windowS: number,
  ) {
    this.id = `${source.id}->${target.id}`;
    // The window plus the open second and one late second: edges keep no series.
    this.stats = new SecondStats(windowS + 2, windowS + 2);
  }
}

/** Golden metrics of one key, kept per reporter: destination-reported win once there are any (each request once). */
export class GoldenState {
  destination: SecondStats | undefined;
  source: SecondStats | undefined;
  /** Whether the last metrics update sent said the key is idle (then idle ticks send nothing more). */
  reportedIdle = false;

  constructor(
    readonly key: string,
    readonly kind: 'service' | 'workload',
    readonly name: string,
    readonly namespace: string,
    readonly seriesS: number,
    readonly windowS: number,
  ) {}

  record(reporter: 'source' | 'destination', second: number, latency: number, error: boolean): void {
    if (reporter === 'destination') {
      this.destination ??= new SecondStats(this.seriesS, this.windowS + 2);
      this.destination.record(second, latency, error);
    } else {
      this.source ??= new SecondStats(this.seriesS, this.windowS + 2);
      this.source.record(second, latency, error);
    }
  }

  /** The stats the key reports: destination-reported when it ever had any, else source-reported. */
  get stats(): SecondStats | undefined {
    return this.destination ?? this.source;
  }

  /** The window [toSecond - windowS, toSecond); `scratch` holds its sums afterwards (for its health). */
  window(toSecond: number, scratch: WindowSum): MetricWindow {
    resetSum(scratch);
    this.stats?.sum(toSecond - this.windowS, toSecond, scratch);
    return metricWindowOf(scratch, this.windowS);
  }

  point(second: number, scratch: Percentiles): MetricPoint {
    const stats = this.stats;
    const requests = stats?.requestsAt(second) ?? 0;
    const errors = stats?.errorsAt(second) ?? 0;
    if (stats === undefined || requests === 0)
      return { t: second * 1000, requests: 0, rps: 0, successRate: 1, p50Ms: 0, p95Ms: 0, p99Ms: 0 };
    const p = stats.percentilesAt(second, scratch);
    return {
      t: second * 1000,
      requests,
      rps: requests,
      successRate: (requests - errors) / requests,
      p50Ms: p.p50Ms,
      p95Ms: p.p95Ms,
      p99Ms: p.p99Ms,
    };
  }

  /** Everything the page shows for the key, the series ending with the second before `toSecond`. */
  metrics(toSecond: number, scratch: WindowSum, percentiles: Percentiles): GoldenMetrics {
    const window = this.window(toSecond, scratch);
    const series: MetricPoint[] = [];
    for (let s = toSecond - this.seriesS; s < toSecond; s++) series.push(this.point(s, percentiles));
    return {
      key: this.key,
      kind: this.kind,
      name: this.name,
      namespace: this.namespace,
      health: healthOf(scratch.requests, scratch.errors),
      window,
      series,
    };
  }
}

export function resetSum(sum: WindowSum): WindowSum {
  sum.requests = 0;
  sum.errors = 0;
  sum.latency.reset();
  return sum;
}

/** The namespace of a Kubernetes service host (`reviews.default.svc.cluster.local` -> `default`), else ''. */
export function hostNamespace(host: string): string {
  const parts = host.split('.');
  return parts.length >= 3 && parts[2] === 'svc' ? (parts[1] ?? '') : '';
}

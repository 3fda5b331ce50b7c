// A cluster's circuit breakers, per routing priority (Cluster.circuit_breakers.thresholds, one per priority:
// DEFAULT and HIGH; a route's RouteAction.priority picks which). Envoy's defaults (cluster/v3/circuit_breaker.proto
// Thresholds): max_connections, max_pending_requests and max_requests 1024, max_retries 3; the first thresholds
// entry of a priority wins, as in Envoy. What each limit bounds:
// - max_requests: requests in flight to the cluster (over it: 503 UO, upstream_rq_pending_overflow; the router).
// - max_retries: retries in flight (over it the retry is not made: upstream_rq_retry_overflow; the router).
// - max_connections: HTTP/1.1 connections open or connecting to all hosts of the cluster (the pools: over it no
//   connection is opened, upstream_cx_overflow, except the first of a host that has none, as Envoy does).
// - max_pending_requests: requests waiting for a pool connection (over it: 503 UO, upstream_rq_pending_overflow).
// The in-use counts are plain numbers behind accessors that keep Envoy's gauges current:
// circuit_breakers.<priority>.cx_open / rq_pending_open / rq_open / rq_retry_open (1 while the limit is reached)
// and, with track_remaining, remaining_cx / remaining_pending / remaining_rq / remaining_retries.
import type { Cluster } from '@minimesh/model/xds';
import type { Stat, StatsStore } from '../stats/stats-store.js';
import { uint32Value } from '../util/proto-values.js';

export type RoutingPriority = 'DEFAULT' | 'HIGH';

/** RouteAction.priority / Thresholds.priority (enum name or number, base.proto RoutingPriority) to its name. */
export function routingPriorityOf(p: unknown): RoutingPriority {
  return p === 'HIGH' || p === 1 ? 'HIGH' : 'DEFAULT';
}

/** A gauge cluster.<name>.<suffix> (envoy_cluster_<suffix> with envoy_cluster_name, Envoy's tag extraction). */
export function clusterGauge(stats: StatsStore, cluster: string, suffix: string): Stat {
  return stats.gauge(`cluster.${cluster}.${suffix}`, `envoy_cluster_${suffix.replace(/\./g, '_')}`, {
    envoy_cluster_name: cluster,
  });
}

/** The gauges of one priority: [open, remaining] per resource; remaining undefined without track_remaining. */
type Gauges = readonly [Stat, Stat | undefined];

/** One priority's thresholds and what is in use now, for one cluster. */
export class CircuitBreakers {
  readonly maxConnections: number;
  readonly maxPendingRequests: number;
  readonly maxRequests: number;
  readonly maxRetries: number;
  readonly trackRemaining: boolean;
  #requests = 0;
  #retries = 0;
  #connections = 0;
  #pending = 0;
  readonly #rq: Gauges | undefined;
  readonly #retry: Gauges | undefined;
  readonly #cx: Gauges | undefined;
  readonly #rqPending: Gauges | undefined;

  constructor(
    readonly priority: RoutingPriority,
    thresholds: NonNullable<NonNullable<Cluster['circuit_breakers']>['thresholds']>[number] | undefined,
    stats?: { readonly store: StatsStore; readonly cluster: string },
  ) {
    this.maxConnections = uint32Value(thresholds?.max_connections, 1024);
    this.maxPendingRequests = uint32Value(thresholds?.max_pending_requests, 1024);
    this.maxRequests = uint32Value(thresholds?.max_requests, 1024);
    this.maxRetries = uint32Value(thresholds?.max_retries, 3);
    this.trackRemaining = thresholds?.track_remaining === true;
    if (stats !== undefined) {
      const p = `circuit_breakers.${priority.toLowerCase()}`;
      const g = (open: string, remaining: string, max: number): Gauges => {
        const r = this.trackRemaining
          ? clusterGauge(stats.store, stats.cluster, `${p}.${remaining}`)
          : undefined;
        if (r !== undefined) r.value = max;
        return [clusterGauge(stats.store, stats.cluster, `${p}.${open}`), r];
      };
      this.#cx = g('cx_open', 'remaining_cx', this.maxConnections);
      this.#rqPending = g('rq_pending_open', 'remaining_pending', this.maxPendingRequests);
      this.#rq = g('rq_open', 'remaining_rq', this.maxRequests);
      this.#retry = g('rq_retry_open', 'remaining_retries', this.maxRetries);
    }
  }

  /** Requests in flight to the cluster now. */
  get activeRequests(): number {
    return this.#requests;
  }

  set activeRequests(n: number) {
    this.#requests = n;
    if (this.#rq !== undefined) update(this.#rq, n, this.maxRequests);
  }

  /** Retries in flight (waiting or sent) now. */
  get activeRetries(): number {
    return this.#retries;
  }

  set activeRetries(n: number) {
    this.#retries = n;
    if (this.#retry !== undefined) update(this.#retry, n, this.maxRetries);
  }

  /** HTTP/1.1 connections open or connecting now, over all hosts. */
  get connections(): number {
    return this.#connections;
  }

  set connections(n: number) {
    this.#connections = n;
    if (this.#cx !== undefined) update(this.#cx, n, this.maxConnections);
  }

  /** Requests waiting for a pool connection now, over all hosts. */
  get pendingRequests(): number {
    return this.#pending;
  }

  set pendingRequests(n: number) {
    this.#pending = n;
    if (this.#rqPending !== undefined) update(this.#rqPending, n, this.maxPendingRequests);
  }

  /** Whether one more connection stays within max_connections. */
  canCreateConnection(): boolean {
    return this.#connections < this.maxConnections;
  }

  /** Whether one more request may wait for a connection (max_pending_requests). */
  canQueueRequest(): boolean {
    return this.#pending < this.maxPendingRequests;
  }
}

function update(gauges: Gauges, used: number, max: number): void {
  gauges[0].value = used >= max ? 1 : 0;
  const remaining = gauges[1];
  if (remaining !== undefined) remaining.value = Math.max(0, max - used);
}

/** The DEFAULT and HIGH circuit breakers of a cluster. */
export interface PriorityBreakers {
  readonly default: CircuitBreakers;
  readonly high: CircuitBreakers;
}

/** Both priorities' breakers of `cluster`; with `stats`, their gauges are published under the cluster's name. */
export function priorityBreakersOf(cluster: Cluster, stats?: StatsStore): PriorityBreakers {
  const all = cluster.circuit_breakers?.thresholds ?? [];
  const scope = stats === undefined ? undefined : { store: stats, cluster: cluster.name ?? '' };
  const of = (p: RoutingPriority) =>
    new CircuitBreakers(
      p,
      all.find((t) => routingPriorityOf(t.priority ?? 'DEFAULT') === p),
      scope,
    );
  return { default: of('DEFAULT'), high: of('HIGH') };
}

/** The DEFAULT priority's breakers of `cluster` (no stats). */
export function circuitBreakersOf(cluster: Cluster): CircuitBreakers {
  return priorityBreakersOf(cluster).default;
}

/**
 * Both priorities' thresholds as a CircuitBreakers message (admin /clusters?format=json:
 * ClusterStatus.circuit_breakers); `limits` is a cluster's ClusterLimits.
 */
export function thresholdsMessage(limits: {
  readonly default: { readonly breakers: CircuitBreakers };
  readonly high: { readonly breakers: CircuitBreakers };
}): NonNullable<Cluster['circuit_breakers']> {
  return {
    thresholds: [limits.default.breakers, limits.high.breakers].map((x) => ({
      priority: x.priority,
      max_connections: { value: x.maxConnections },
      max_pending_requests: { value: x.maxPendingRequests },
      max_requests: { value: x.maxRequests },
      max_retries: { value: x.maxRetries },
    })),
  };
}
